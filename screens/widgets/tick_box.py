"""A checkbox whose two states differ in shape, not only in colour.

Textual draws both states as ``▐X▌`` and tells them apart by colour alone, which a projector
washes out (issue 11, item 3). This one shows ``[✓]`` when on and ``[ ]`` when off.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

ON_MARK = "[✓]"
OFF_MARK = "[ ]"


class TickBox(Checkbox):
    """A Checkbox drawn as ``[✓]`` (on) or ``[ ]`` (off); otherwise the same widget."""

    @property
    def _button(self) -> Content:
        return Content.assemble(
            (ON_MARK if self.value else OFF_MARK, self.get_visual_style("toggle--button"))
        )
