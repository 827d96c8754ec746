"""Shown when the terminal is too small to use: says how big it needs to be."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from screens.base import WorkshopModal


class TooSmallScreen(WorkshopModal[None]):
    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.min_width = min_width
        self.min_height = min_height

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(
            "Het venster is te klein.\n\n"
            f"Nodig: minstens {self.min_width} tekens breed en {self.min_height} regels hoog.\n"
            f"Nu: {width} breed en {height} hoog.\n\n"
            "Maak het venster groter of de letters kleiner (Ctrl en -).\n"
            "Je werk is veilig; je gaat verder zodra het past."
        )
