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
        self.size_now: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.message(), id="too-small-message")

    def show_size(self, width: int, height: int) -> None:
        # A second resize can come before this screen has composed its text: the size is kept,
        # and compose shows it.
        self.size_now = (width, height)
        for text in self.query("#too-small-message").results(Static):
            text.update(self.message())

    def message(self) -> str:
        width, height = self.size_now or (self.app.size.width, self.app.size.height)
        return (
            "Het venster is te klein.\n\n"
            f"Nodig: minstens {self.min_width} tekens breed en {self.min_height} regels hoog.\n"
            f"Nu: {width} breed en {height} hoog.\n\n"
            "Maak het venster groter of de letters kleiner (Ctrl en -).\n"
            "Je werk is veilig; je gaat verder zodra het past."
        )
