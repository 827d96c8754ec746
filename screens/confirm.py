"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import WorkshopModal


class ConfirmScreen(WorkshopModal[bool]):
    """Returns True only when the user chose the confirming button."""

    BINDINGS = [
        Binding(
            "escape",
            "answer(False)",
            "Annuleren",
            id="confirm.cancel",
            tooltip="Niets doen en teruggaan",
        ),
        Binding("j", "answer(True)", "Ja", id="confirm.yes", show=False, tooltip="Ja, doe het"),
        Binding("n", "answer(False)", "Nee", id="confirm.no", show=False, tooltip="Nee, terug"),
    ]

    def __init__(self, question: str, *, confirm_label: str = "Ja", danger: bool = True) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.confirm_label = confirm_label
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), id="confirm-question")  # never markup
            with Horizontal(classes="buttons"):
                yield Button("Nee, terug", id="confirm-no")
                yield Button(
                    self.confirm_label,
                    id="confirm-yes",
                    variant="error" if self.danger else "primary",
                )

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def close_form(form: ModalScreen, *, changed: bool) -> None:  # type: ignore[type-arg]
    """Close a form at once when nothing was typed; otherwise ask first, so no typing is lost."""
    if not changed:
        form.dismiss(None)
        return

    def answered(leave: bool | None) -> None:
        if leave:
            form.dismiss(None)

    form.app.push_screen(
        ConfirmScreen(
            "Sluiten zonder opslaan? Wat je hier typte, gaat dan verloren.",
            confirm_label="Ja, niet opslaan",
        ),
        answered,
    )
