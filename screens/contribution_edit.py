"""A small form to correct one contribution: text, whose voice, kind, form and who said it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from screens.base import WorkshopModal
from screens.widgets.capture_bar import CalmInput
from workshop.errors import ValidationError
from workshop.model import Contribution, Group, Kind, PartnershipForm

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

NO_FORM = "-"  # Select needs a value; this one stands for "geen vorm"


class ContributionEditScreen(WorkshopModal[Contribution | None]):
    """Saves through the core itself, so a refused field is shown right beside it."""

    CSS_PATH = "styles/contribution_edit.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Annuleren",
            id="contribution_edit.cancel",
            tooltip="Sluit zonder iets te veranderen",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Opslaan",
            id="contribution_edit.save",
            tooltip="Sla de wijzigingen op",
        ),
    ]

    def __init__(self, live: LiveSession, contribution: Contribution) -> None:
        super().__init__(classes="dialog-screen")
        self.live = live
        self.contribution = contribution

    def compose(self) -> ComposeResult:
        c = self.contribution
        with Vertical(classes="dialog", id="edit-dialog"):
            yield Static("Inbreng bewerken", classes="title")
            yield Label("Tekst", classes="field-label")
            yield CalmInput(c.text, id="edit-text", select_on_focus=False)
            yield Static("", id="error-tekst", classes="field-error")
            with Horizontal(classes="edit-choices"):
                with Vertical():
                    yield Label("Van wie", classes="field-label")
                    yield Select(
                        [(g.label, g.value) for g in Group],
                        value=c.group.value,
                        allow_blank=False,
                        id="edit-group",
                    )
                with Vertical():
                    yield Label("Soort", classes="field-label")
                    yield Select(
                        [(k.value, k.value) for k in Kind],
                        value=c.kind.value,
                        allow_blank=False,
                        id="edit-kind",
                    )
                with Vertical():
                    yield Label("Vorm van partnerschap", classes="field-label")
                    yield Select(
                        [("geen", NO_FORM), *((f.value, f.value) for f in PartnershipForm)],
                        value=c.form.value if c.form else NO_FORM,
                        allow_blank=False,
                        id="edit-form",
                    )
            yield Static("", id="error-groep", classes="field-error")
            yield Label("Wie zei het (mag leeg)", classes="field-label")
            yield CalmInput(c.author, id="edit-author", select_on_focus=False)
            yield Static("", id="error-auteur", classes="field-error")
            yield Static("Enter of Ctrl+S: opslaan.  Esc: niets veranderen.", classes="hint-line")
            with Horizontal(classes="buttons"):
                yield Button("Annuleren", id="edit-cancel")
                yield Button("Opslaan", id="edit-save", variant="primary")

    def on_mount(self) -> None:
        for field in ("tekst", "groep", "auteur"):
            self._show_error(field, "")
        self.query_one("#edit-text", Input).focus()

    def _show_error(self, field: str, message: str) -> None:
        """The message right under its field; an empty one takes no room."""
        line = self.query_one(f"#error-{field}", Static)
        line.update(Content(message))
        line.display = bool(message)

    def show_invalid(self, error: ValidationError) -> None:
        field = error.field if error.field in ("tekst", "auteur") else "groep"
        self._show_error(field, error.message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "edit-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        """Hand the change to the session's writer; close once it is on disk."""
        if self.saving:
            return  # Enter again while the first is being saved: it is saved once
        for field in ("tekst", "groep", "auteur"):
            self._show_error(field, "")
        form_value = self.query_one("#edit-form", Select).value
        contribution_id = self.contribution.id
        text = self.query_one("#edit-text", Input).value
        group = Group(self.query_one("#edit-group", Select).value)
        kind = Kind(self.query_one("#edit-kind", Select).value)
        form = None if form_value == NO_FORM else PartnershipForm(form_value)
        author = self.query_one("#edit-author", Input).value
        live = self.live
        self.save(
            lambda: live.edit_contribution(
                contribution_id, text=text, group=group, kind=kind, form=form, author=author
            ),
            self.dismiss,
        )
