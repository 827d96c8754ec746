"""The title line at the top of the home screen and the new-session form.

It shows what Textual's Header showed there ("Workshop ouderbetrokkenheid — Overzicht", centred,
the screen's part dimmed), in one widget. Header is four widgets (icon, title, clock space and
itself), with a module and style of its own to load while the app starts; its icon space also
carried an English tooltip and opened the command palette on a click nobody could see.
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """The app's title and the screen's sub-title, on one line across the top."""

    # Placed as Header placed its title: between its icon (8 cells) and clock space (10 cells).
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        padding: 0 10 0 8;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.update(self.app.format_title(self.app.title, self.screen.sub_title or ""))
