"""The question after a crash: the clock still ran when the session stopped; does that time count?

The application layer finds the clock (``LiveSession.unseen_clock``) and settles the answer
(``settle_unseen_time``); this dialog only asks. No is the default: closed time never counts
unless someone says it should.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from screens.base import WorkshopModal
from workshop.timer import duration_words


def unseen_time_question(seconds: float) -> str:
    return (
        f"De klok liep nog toen de sessie stopte ({duration_words(seconds)} geleden). "
        "Telt die tijd mee?\n\n"
        "Nee: de klok staat stil op het moment dat de sessie stopte. Met F5 zet je hem weer aan."
    )


class UnseenTimeQuestion(WorkshopModal[bool]):
    """Returns True only when the user says the time in between counts."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Telt niet mee", id="clock.no", tooltip="Nee"),
        Binding("j", "answer(True)", "Ja", id="clock.yes", show=False, tooltip="Ja, telt mee"),
        Binding("n", "answer(False)", "Nee", id="clock.nee", show=False, tooltip="Nee"),
    ]

    def __init__(self, seconds: float) -> None:
        super().__init__(classes="dialog-screen")
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(unseen_time_question(self.seconds)), id="clock-question")
            with Horizontal(classes="buttons"):
                yield Button("Nee, telt niet mee", id="clock-no", variant="primary")
                yield Button("Ja, telt mee", id="clock-yes")

    def on_mount(self) -> None:
        self.query_one("#clock-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "clock-yes")

    def action_answer(self, counts: bool) -> None:
        self.dismiss(counts)
