"""Facilitator hints for the current phase, in the four kinds. Hidden until asked for (F4)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workshop.template import Hints

HINT_HEADINGS: tuple[tuple[str, str], ...] = (
    ("vuistregels", "Vuistregels"),
    ("vaardigheden", "Vaardigheden"),
    ("voorwaarden", "Voorwaarden"),
    ("valkuilen", "Valkuilen"),
)


def hints_content(hints: Hints) -> Content:
    parts: list[str | Content | tuple[str, str]] = []
    for kind, heading in HINT_HEADINGS:
        items: tuple[str, ...] = getattr(hints, kind)
        if not items:
            continue
        if parts:
            parts.append("\n\n")
        parts.append((heading, "bold underline"))
        for item in items:
            parts.extend(["\n• ", Content(item)])
    if not parts:
        return Content("Deze fase heeft geen tips.")
    return Content.assemble(*parts)


class HintsPanel(VerticalScroll):
    """Only for the facilitator's eyes, so it stays hidden while the screen is projected."""

    DEFAULT_CSS = """
    HintsPanel {
        width: 46;
        height: 1fr;
        background: $surface;
        border-left: thick $secondary;
        padding: 1 1 0 2;
    }

    .hints-title {
        text-style: bold;
        color: $secondary;
        margin-bottom: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_for: Hints | None = None

    def compose(self) -> ComposeResult:
        yield Static("Tips voor de begeleider", classes="hints-title")
        yield Static("", id="hints-text")

    def show(self, hints: Hints) -> None:
        if hints != self._shown_for:
            self._shown_for = hints
            self.query_one("#hints-text", Static).update(hints_content(hints))
