"""The new-session form: what, where, when, who leads, which step plan, and who takes part.

A session belongs to a trajectory (its location, or a chosen name): the form says how many open
agreements it brings along, puts a terugblik first when there are any, and offers the self-scans
as extra steps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from screens.base import WorkshopScreen
from screens.confirm import ConfirmScreen
from screens.literal import literal
from screens.lookups import Lookup
from screens.new_session_fields import (
    FIELD_INPUTS,
    LAST_INPUT,
    LEFT_FIELDS,
    PARENT_COUNT_FIELD,
    PARENT_NAMES_FIELD,
    TEAM_FIELD,
    TEXT_INPUTS,
    Field,
    carry_over_text,
    parent_panel,
    participant_texts,
    scan_label,
    shipped,
    team_members,
)
from screens.steady_footer import SteadyFooter
from screens.title_bar import TitleBar
from screens.widgets.tick_box import TickBox
from workshop.errors import ValidationError, WorkshopError
from workshop.model import Participant, SessionSummary
from workshop.scan import builtin_scans
from workshop.template import DEFAULT_TEMPLATE_ID, Template
from workshop.text import format_date
from workshop.trajectory import CarryOver, trajectory_key
from workshop.typed import parse_date


class NewSessionScreen(WorkshopScreen[None]):
    """Fill in, then Ctrl+S: the session is stored and opens in the phase runner."""

    CSS_PATH = "styles/new_session.tcss"
    TITLE = "Workshop ouderbetrokkenheid"
    SUB_TITLE = "Nieuwe sessie"
    HELP_TEXT = (
        "Alleen de titel is verplicht. Enter in het laatste veld maakt de sessie ook.\n"
        "Ouders doen anoniem mee, tenzij ze zelf hun naam willen geven.\n"
        "Typ bij 'Ouders met naam' ook 'anoniem' voor een ouder zonder naam.\n"
        "Sessies met dezelfde locatie vormen samen een traject.\n"
        "Open afspraken uit eerdere sessies gaan mee; de terugblik bespreekt ze aan het begin.\n"
        "Geef het traject een naam als het niet om één locatie gaat."
    )
    BINDINGS = [
        Binding(
            "ctrl+s",
            "create",
            "Sessie maken",
            id="new_session.create",
            tooltip="Bewaar de nieuwe sessie en begin meteen",
        ),
        Binding(
            "escape",
            "cancel",
            "Annuleren",
            id="new_session.cancel",
            tooltip="Terug naar het overzicht zonder een sessie te maken",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.templates, self.template_problem = self.app.workspace.templates_for_form()
        self.scans, self.scan_problem = shipped(builtin_scans)
        self.defaults: dict[str, str] = {}
        self.carry_over_for: tuple[str, date] | None = None  # what the hint was worked out for
        self.review_chosen = False  # once the facilitator sets it, it no longer follows the hint
        self.carry_over_lookup = Lookup(self, self.app.workspace.carry_over, self._show_carried)
        # what the previous session of the trajectory filled in (team, parents); a field the
        # facilitator changed is theirs and is never overwritten
        self.prefilled: dict[str, str] = {}
        self.creating = False  # the session is being stored (in a thread)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="form"):
            yield Static("Nieuwe sessie", classes="title")
            yield Static(
                "Tab: volgend veld · Spatie: vinkje aan of uit · Ctrl+S: sessie maken",
                classes="hint-line",
            )
            with Horizontal(id="columns"):
                with Vertical(id="left-column", classes="column"):
                    for field in LEFT_FIELDS:
                        yield from self.labelled_input(field)
                with Vertical(id="right-column", classes="column"):
                    yield Static("Sjabloon (stappenplan)", classes="field-label")
                    yield self.template_select()
                    yield Static(classes="hint-line", id="template-hint")
                    yield Static(classes="field-error", id="template-error")
                    with Vertical(id="extra-steps"):
                        yield TickBox("Terugblik op eerdere afspraken", id="review", compact=True)
                        yield Static(classes="hint-line", id="review-hint")
                        if self.scans:
                            yield Static("Zelfscan als extra stap", classes="field-label")
                        for scan in self.scans:
                            yield TickBox(
                                Content(scan_label(scan)),
                                id=f"scan-{scan.id}",
                                classes="scan-choice",
                                compact=True,
                            )
                    with Vertical(id="team-group", classes="group"):
                        yield from self.labelled_input(TEAM_FIELD)
                    with Vertical(id="parent-group", classes="group"):
                        yield from self.labelled_input(PARENT_COUNT_FIELD, integer=True)
                        yield from self.labelled_input(PARENT_NAMES_FIELD)
            with Horizontal(id="form-buttons"):
                yield Button("Sessie maken", id="create", variant="primary")
                yield Button("Annuleren", id="cancel")
        yield SteadyFooter()

    def labelled_input(self, field: Field, *, integer: bool = False) -> ComposeResult:
        yield Static(field.label, classes="field-label", id=f"{field.input_id}-label")
        yield Input(
            placeholder=field.placeholder,
            id=field.input_id,
            type="integer" if integer else "text",
            select_on_focus=False,
        )
        yield Static(classes="field-error", id=f"{field.input_id}-error")

    def template_select(self) -> Select[str]:
        options = [(Content(t.name), t.id) for t in self.templates]
        ids = [t.id for t in self.templates]
        default = DEFAULT_TEMPLATE_ID if DEFAULT_TEMPLATE_ID in ids else (ids[0] if ids else None)
        if default is None:
            return Select(options, prompt="Geen sjabloon gevonden", id="template")
        return Select(options, allow_blank=False, value=default, id="template")

    def show_template_hint(self) -> None:
        hint = self.query_one("#template-hint", Static)
        try:
            template = self.chosen_template()
        except ValidationError:
            hint.update("")
            return
        hint.update(f"{len(template.phases)} fasen, samen {template.minutes} minuten.")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.show_template_hint()

    def on_mount(self) -> None:
        self.query_one("#day", Input).value = format_date(self.app.workspace.clock.now().date())
        for field in self.query(Input).results(Input):
            field.cursor_blink = False  # calm on a projector, and stable in snapshots
        self.show_carry_over()
        self.defaults = self.form_values()
        self.show_template_hint()
        for error in self.query(".field-error"):
            error.display = False
        if self.template_problem is not None:
            self.show_error(ValidationError("sjabloon", str(self.template_problem)))
        if self.scan_problem is not None:
            self.app.report(self.scan_problem)
        self.query_one("#title", Input).focus()

    # -- reading and checking -----------------------------------------------------------------

    def text(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value

    def form_values(self) -> dict[str, str]:
        values = {input_id: self.text(input_id) for input_id in TEXT_INPUTS}
        values["template"] = str(self.query_one("#template", Select).value)
        values["review"] = str(self.query_one("#review", TickBox).value)
        values["scans"] = ",".join(self.chosen_scans())
        return values

    def chosen_scans(self) -> tuple[str, ...]:
        return tuple(
            scan.id for scan in self.scans if self.query_one(f"#scan-{scan.id}", TickBox).value
        )

    def draft(self) -> SessionSummary:
        """The session as filled in so far, to ask the store what it would bring along."""
        now = self.app.workspace.clock.now()
        try:
            day = parse_date(self.text("day"))
        except ValidationError:
            day = now.date()
        return SessionSummary(
            id="",
            title=self.text("title"),
            location=self.text("location"),
            series=self.text("series"),
            day=day,
            phase=0,
            phase_count=0,
            updated=now,
            created=now,
        )

    def show_carry_over(self) -> None:
        """How many open agreements the trajectory brings along; the terugblik follows it.
        Worked out in a thread once the keys pause: it reads the earlier sessions."""
        draft = self.draft()
        wanted = (trajectory_key(draft), draft.day)
        if wanted == self.carry_over_for:
            return  # the same trajectory and day: no need to read the store again
        self.carry_over_for = wanted
        self.carry_over_lookup.request(wanted, draft)

    def _show_carried(self, _: object, carried: CarryOver | WorkshopError | OSError) -> None:
        hint = self.query_one("#review-hint", Static)
        if not isinstance(carried, CarryOver):
            hint.update("De eerdere sessies konden niet worden gelezen.")
            return
        hint.update(carry_over_text(carried))
        self.prefill_participants(participant_texts(carried.participants))
        if not self.review_chosen:
            with self.prevent(TickBox.Changed):
                self.query_one("#review", TickBox).value = bool(carried.agreements)

    def prefill_participants(self, texts: dict[str, str]) -> None:
        """Fill in the team and parents of the previous session at this location, in the
        fields that are empty or still hold what was filled in before."""
        for input_id, text in texts.items():
            field = self.query_one(f"#{input_id}", Input)
            if field.value in ("", self.prefilled.get(input_id, "")):
                field.value = text
                self.prefilled[input_id] = text

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("location", "series", "day"):
            self.show_carry_over()

    def on_checkbox_changed(self, event: TickBox.Changed) -> None:
        event.stop()
        if event.checkbox.id == "review":
            self.review_chosen = True

    def chosen_template(self) -> Template:
        value = self.query_one("#template", Select).value
        for template in self.templates:
            if template.id == value:
                return template
        raise ValidationError("sjabloon", "Kies een sjabloon.")

    def clear_errors(self) -> None:
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.display = False
        for widget in self.query(".-invalid-field"):
            widget.remove_class("-invalid-field")

    def show_error(self, error: ValidationError) -> None:
        """The message right under its field; a field the form does not know goes to a toast."""
        input_id = FIELD_INPUTS.get(error.field)
        if input_id is None:
            self.app.report(error)
            return
        message = self.query_one(f"#{input_id}-error", Static)
        message.update(literal(error.message))
        message.display = True
        self.query_one(f"#{input_id}").add_class("-invalid-field")

    def show_invalid(self, error: ValidationError) -> None:
        self.show_error(error)
        self.focus_first_error()

    def focus_first_error(self) -> None:
        left = len(LEFT_FIELDS)
        for input_id in (*TEXT_INPUTS[:left], "template", *TEXT_INPUTS[left:]):
            if self.query_one(f"#{input_id}").has_class("-invalid-field"):
                self.query_one(f"#{input_id}").focus()
                return

    def gather(self) -> tuple[dict[str, object], list[ValidationError]]:
        """Everything the form can check itself, with every problem found (not just the first)."""
        errors: list[ValidationError] = []
        values: dict[str, object] = {}
        checks = {
            "day": lambda: parse_date(self.text("day"), "datum"),
            "template": self.chosen_template,
            "team": lambda: team_members(self.text("team")),
            "parents": lambda: parent_panel(self.text("parent-count"), self.text("parent-names")),
        }
        for name, check in checks.items():
            try:
                values[name] = check()
            except ValidationError as error:
                errors.append(error)
        return values, errors

    # -- actions ------------------------------------------------------------------------------

    def review_wanted(self) -> bool | None:
        """The terugblik as shown; None (when agreements come along) while that is not known."""
        if self.carry_over_lookup.busy and not self.review_chosen:
            return None
        return self.query_one("#review", TickBox).value

    def action_create(self) -> None:
        self.clear_errors()
        values, errors = self.gather()
        if errors:
            for error in errors:
                self.show_error(error)
            self.focus_first_error()
            return
        if self.creating:
            return  # Ctrl+S again while the first is being stored: one session
        workspace = self.app.workspace
        arguments = dict(
            title=self.text("title"),
            template=cast(Template, values["template"]),
            location=self.text("location"),
            series=self.text("series"),
            day=cast(date, values["day"]),
            facilitator=self.text("facilitator"),
            participants=[
                *cast(list[Participant], values["team"]),
                *cast(list[Participant], values["parents"]),
            ],
            review=self.review_wanted(),
            scans=self.chosen_scans(),
        )

        def create() -> str:  # in a thread: it reads the trajectory and writes the new session
            live = workspace.create(**arguments)  # type: ignore[arg-type]
            live.close()
            return live.session.id

        self.creating = True
        self.app.hold_keys(lambda: not self.creating, lambda: None)  # for the runner, in order
        self.run_worker(self._create(create), group="create-session")

    async def _create(self, create: Callable[[], str]) -> None:
        """Store the session away from the UI thread; then the runner replaces the form (leaving
        the runner goes back to the overview). On an error the form stays filled in."""
        try:
            session_id = await asyncio.to_thread(create)
        except (WorkshopError, OSError) as error:
            self.show_failure(error)
        else:
            self.app.pop_screen()
            self.app.open_runner(session_id)
        finally:
            self.creating = False
            self.app.wake_keys()

    def action_cancel(self) -> None:
        if self.form_values() == self.defaults:
            self.app.pop_screen()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmScreen(
                "Terug naar het overzicht? Wat je hier hebt ingevuld, wordt niet bewaard.",
                confirm_label="Ja, niet bewaren",
            ),
            callback=answered,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == LAST_INPUT:
            self.action_create()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.action_create()
        elif event.button.id == "cancel":
            self.action_cancel()
