"""Facilitator hints for the current phase, in the four kinds. Hidden until asked for (F4).

The tips are for the facilitator, not for the room: they never take the place of the clock (they
take the agenda's place under it), and they open with a plain "alleen voor de begeleider" heading
in words and a frame, not in colour alone, and with where to read them unseen: the facilitator's
own code in the join panel (Ctrl+Y, then b) opens them on their own phone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.widgets.bullets import Bullet
from workshop.template import Hints

HINT_HEADINGS: tuple[tuple[str, str], ...] = (
    ("vuistregels", "Vuistregels"),
    ("vaardigheden", "Vaardigheden"),
    ("voorwaarden", "Voorwaarden"),
    ("valkuilen", "Valkuilen"),
)
HEADER = "ALLEEN VOOR DE BEGELEIDER"
PHONE_NOTE = (
    "Dit staat ook op de muur. Lees de tips liever op je eigen telefoon: "
    "Ctrl+Y, dan b voor je eigen code."
)
NO_HINTS = "Deze fase heeft geen tips."


class HintsPanel(VerticalScroll):
    """Only for the facilitator's eyes, so it stays hidden while the screen is projected."""

    DEFAULT_CSS = """
    HintsPanel {
        height: 1fr;
        background: $surface;
        border: heavy $secondary;
        border-title-align: center;
        border-title-style: bold;
        padding: 0 1;
    }

    HintsPanel .hints-title {
        text-style: bold reverse;
        color: $secondary;
        text-align: center;
    }

    HintsPanel .hints-note {
        text-style: italic;
        margin-bottom: 1;
    }

    HintsPanel .hints-heading {
        text-style: bold underline;
        margin-top: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_for: Hints | None = None
        self.border_title = "Tips"

    def compose(self) -> ComposeResult:
        yield Static(HEADER, classes="hints-title")
        yield Static(PHONE_NOTE, classes="hints-note")

    def show(self, hints: Hints) -> None:
        if hints == self._shown_for:
            return
        self._shown_for = hints
        self.query(".hints-item").remove()
        items: list[Static | Bullet] = []
        for kind, heading in HINT_HEADINGS:
            texts: tuple[str, ...] = getattr(hints, kind)
            if texts:
                items.append(Static(heading, classes="hints-heading hints-item"))
                items.extend(Bullet(text, classes="hints-item") for text in texts)
        if not items:
            items.append(Static(NO_HINTS, classes="hints-item"))
        self.mount_all(items)
