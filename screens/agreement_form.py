"""The compact agreement form: what, who owns it, with whom, when, instrument, partnership form.

Opened from a contribution ("maak afspraak"), fresh from the agreements screen, or to edit one.
Keyboard-first: Enter takes a shown suggestion and goes to the next field; Enter on the last
field (or Ctrl+S) saves. A refused save keeps every typed word and names the problem next to
its field.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from screens.field_form import FieldForm
from screens.kept_screens import build_ahead, kept_screen
from screens.literal import literal
from screens.steady_footer import SteadyFooter
from screens.suggestions import ChoiceSuggester
from workshop.dates import example_due_hint
from workshop.model import (
    INSTRUMENTS,
    Agreement,
    Contribution,
    Group,
    Horizon,
    PartnershipForm,
    Status,
)
from workshop.typed import parse_choice, parse_due

if TYPE_CHECKING:
    from workshop.app.live import LiveSession


class WhatArea(TextArea):
    """The "Afspraak" text: wraps over a few lines. Enter goes on (the form's binding), so a
    line break is never typed here."""

    def __init__(self, *, placeholder: str, id: str) -> None:
        super().__init__(
            soft_wrap=True,
            compact=True,
            placeholder=placeholder,
            id=id,
            classes="form-input",
        )
        self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()  # TextArea's own handler would insert a line break


def agreement_form(
    live: LiveSession,
    app: App,  # type: ignore[type-arg]
    *,
    source: Contribution | None = None,
    agreement: Agreement | None = None,
) -> AgreementFormScreen:
    """The session's agreement form, kept between openings (screens.kept_screens)."""
    form = kept_screen(app, live, AgreementFormScreen, partial(AgreementFormScreen, live))
    if form.is_mounted:
        form.reopen(source=source, agreement=agreement)
    else:  # built now, or never shown: it fills itself when mounted
        form.source, form.agreement = source, agreement
    return form


def build_form_ahead(live: LiveSession, app: App) -> None:  # type: ignore[type-arg]
    """Build the session's agreement form before its first opening (screens.kept_screens): the
    first ``a`` of a session took 65 ms, 35 of them building the form."""
    build_ahead(app, live, AgreementFormScreen, partial(AgreementFormScreen, live))


class AgreementFormScreen(FieldForm[Agreement | None]):
    """Make a new agreement (optionally from a contribution) or edit one."""

    CSS_PATH = "styles/agreement_form.tcss"
    # Straight to the first field (FieldForm focuses it too): by default Textual first focuses
    # the scrolling dialog, and its focus and blur each restyle every field (about a third of
    # the time to open the form).
    AUTO_FOCUS = ".form-input"
    BINDINGS = [
        # A priority binding runs as the key arrives, before later keys are routed: text typed
        # quickly after Enter lands in the next field, not in this one.
        Binding(
            "enter",
            "next_field",
            "Volgend veld",
            id="agreement_form.next",
            tooltip="Naar het volgende veld; in het laatste veld: opslaan",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+s",
            "save",
            "Opslaan",
            id="agreement_form.save",
            tooltip="Sla de afspraak op",
        ),
        Binding(
            "escape",
            "cancel",
            "Annuleren",
            id="agreement_form.cancel",
            tooltip="Sluit zonder op te slaan",
        ),
    ]

    def __init__(
        self,
        live: LiveSession,
        *,
        source: Contribution | None = None,
        agreement: Agreement | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.live = live
        self.source = source
        self.agreement = agreement

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Every widget of every kind of form (new, from a contribution, edit): ``show_kind``
        # hides what this one does not have, so the form can be shown again as another kind.
        names = self.live.participant_names()
        with VerticalScroll(classes="dialog", id="agreement-dialog"):
            yield Static(self._heading(), classes="title", id="form-title")
            yield Static(
                self._source_line(self.source) if self.source is not None else "",
                id="form-source",
            )
            yield from self._field("afspraak", "Afspraak", "Wat gaan we doen?")
            yield from self._field(
                "eigenaar",
                "Eigenaar",
                "Wie zorgt dat het gebeurt? (verplicht)",
                suggestions=names,
                hint=self._names_hint(names),
            )
            yield from self._field(
                "met_wie", "Met wie", "Met wie samen? (mag leeg)", suggestions=names
            )
            yield from self._field(
                "wanneer",
                "Wanneer",
                example_due_hint(self.app.workspace.clock.now().date()),
                choices=[h.value for h in Horizon],
                hint=" · of dd-mm-jjjj",
            )
            yield from self._field(
                "instrument",
                "Instrument",
                "bijv. startgesprek (mag leeg)",
                choices=list(INSTRUMENTS),
            )
            yield from self._field(
                "partnerschap",
                "Partnerschap",
                "vorm van partnerschap (mag leeg)",
                choices=[f.value for f in PartnershipForm],
            )
            yield from self._field(
                "status",
                "Status",
                "open, bezig, klaar of vervallen",
                choices=[s.value for s in Status],
            )
            yield Static(
                "Enter: volgend veld (en neemt een voorstel over) · Ctrl+S: opslaan",
                classes="hint-line",
                id="form-keys",
            )
            with Horizontal(classes="buttons"):
                yield Button("Annuleren", id="form-cancel", compact=True)
                yield Button("Opslaan", id="form-save", variant="primary", compact=True)
        yield SteadyFooter()

    def on_mount(self) -> None:  # then FieldForm's (Textual calls each class's): the values
        self._show_kind()

    def reopen(
        self, *, source: Contribution | None = None, agreement: Agreement | None = None
    ) -> None:
        """Make this (dismissed) form a fresh one, as ``__init__`` with these arguments and
        mounting would: shown again, it opens without being built again (screens.kept_screens)."""
        self.source = source
        self.agreement = agreement
        self._show_kind()
        names = self.live.participant_names()
        self.query_one("#field-eigenaar .field-hint", Static).update(self._names_hint(names))
        for name in ("eigenaar", "met_wie"):
            self.query_one(f"#input-{name}", Input).suggester = (
                ChoiceSuggester(names) if names else None
            )
        self.query_one("#input-wanneer", Input).placeholder = example_due_hint(
            self.app.workspace.clock.now().date()
        )
        self.fill()
        self.query_one("#agreement-dialog").scroll_home(animate=False)

    def _heading(self) -> str:
        return "Afspraak wijzigen" if self.agreement else "Nieuwe afspraak"

    def _show_kind(self) -> None:
        """The heading, the contribution it comes from, and the status only when editing."""
        self.query_one("#form-title", Static).update(self._heading())
        source = self.query_one("#form-source", Static)
        source.display = self.source is not None
        if self.source is not None:
            source.update(self._source_line(self.source))
        self.query_one("#field-status").display = self.agreement is not None

    def field_inputs(self) -> list[Input | TextArea]:
        inputs = super().field_inputs()
        if self.agreement is None:  # a new agreement has no status yet
            return [i for i in inputs if i.id != "input-status"]
        return inputs

    def _field(
        self,
        name: str,
        label: str,
        placeholder: str,
        *,
        suggestions: list[str] | None = None,
        hint: str | Content = "",
        choices: list[str] | None = None,
    ) -> ComposeResult:
        """One row of the form. ``choices``: the values it takes, suggested and listed in the
        hint (``hint`` then adds to that list)."""
        if choices:
            suggestions, hint = choices, " · ".join(choices) + str(hint)
        with Horizontal(classes="field", id=f"field-{name}"):
            yield Label(label, classes="field-label")
            with Vertical(classes="field-body"):
                if name == "afspraak":
                    yield WhatArea(placeholder=placeholder, id=f"input-{name}")
                else:
                    suggester = ChoiceSuggester(suggestions) if suggestions else None
                    field_input = Input(
                        placeholder=placeholder,
                        suggester=suggester,
                        compact=True,
                        id=f"input-{name}",
                        classes="form-input",
                    )
                    field_input.cursor_blink = False
                    yield field_input
                if hint:
                    yield Static(hint, classes="field-hint")
                yield Static("", classes="field-error", id=f"error-{name}")

    @staticmethod
    def _source_line(source: Contribution) -> Content:
        voice = "ouderpanel" if source.group is Group.OUDERPANEL else "team"
        return Content.assemble(
            (f"Uit inbreng van het {voice}: ", "bold"),
            literal(source.text),
        )

    @staticmethod
    def _names_hint(names: list[str]) -> Content:
        if not names:
            return Content("Typ een naam.")
        return Content.assemble("Deelnemers: ", literal(" · ".join(names)))

    def values_to_fill(self) -> dict[str, str]:
        agreement = self.agreement
        if agreement is not None:
            return {
                "afspraak": agreement.what,
                "eigenaar": agreement.owner,
                "met_wie": agreement.with_whom,
                "wanneer": agreement.due.label if agreement.due else "",
                "instrument": agreement.instrument,
                "partnerschap": agreement.form.value if agreement.form else "",
                "status": agreement.status.value,
            }
        if self.source is not None:
            return {
                "afspraak": self.source.text,
                "partnerschap": self.source.form.value if self.source.form else "",
            }
        return {}

    def save_values(self, values: dict[str, str]) -> Agreement:
        """Save through the core; raises ValidationError or another WorkshopError."""
        due = parse_due(values["wanneer"])
        form = parse_choice(values["partnerschap"], PartnershipForm, "partnerschap", "De vorm")
        status = parse_choice(values.get("status", ""), Status, "status", "De status")
        if self.agreement is None:
            return self.live.add_agreement(
                values["afspraak"],
                values["eigenaar"],
                with_whom=values["met_wie"],
                due=due,
                instrument=values["instrument"],
                form=form,
                source=self.source.id if self.source else None,
            )
        return self.live.update_agreement(
            self.agreement.id,
            what=values["afspraak"],
            owner=values["eigenaar"],
            with_whom=values["met_wie"],
            due=due,
            instrument=values["instrument"],
            form=form,
            status=status,
        )
