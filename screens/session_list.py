"""The home screen's list of sessions: an OptionList that measures its options once per width,
and the sessions' prompts, measured without wrapping them when every line fits."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import OptionList


class SessionPrompt(Content):
    """A session's lines in the list. The list measures every option before its first frame
    (to know its scroll bar): Content wraps each one to count its lines, which for 100 sessions
    took a tenth of the home screen's start. A session's lines nearly always fit the width, and
    then each is one line: counted here without wrapping. Anything else is measured as usual."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        # As Content.get_height: the lines are wrapped at the width less the padding per side.
        fits = width - rules.get("line_pad", 0) * 2
        lines = self.plain.split("\n")
        if fits > 0 and "\t" not in self.plain and all(cell_len(line) <= fits for line in lines):
            return len(lines)
        return super().get_height(rules, width)


class SessionList(OptionList):
    """Two changes to how Textual's OptionList measures (wraps) its options, for a fast start:

    - it measures them while the screen is laid out, not only when drawing them, so the scroll
      bar is known before the first frame (otherwise the whole screen is laid out and drawn again);
    - it keeps the measurements when a resize leaves the width as it was (OptionList measures
      every option again on each resize, also on the one that follows the first layout).
    """

    _measured_width: int | None = None

    def _update_lines(self) -> None:
        measured_from_scratch = not self._line_cache.lines
        super()._update_lines()
        if measured_from_scratch and self._line_cache.lines:
            self._measured_width = self.scrollable_content_region.width

    def _on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width == self._measured_width:
            event.prevent_default()  # OptionList's own handler would throw the measurements away

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Measure the options as soon as the size is known, while the screen is laid out: the
        # scroll bar is then known for the first frame, not only after drawing it.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._update_lines()
        return resized
