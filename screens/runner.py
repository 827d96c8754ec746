"""The phase runner: the main screen, projected on the wall while the group talks.

Thin by design: every change is a ``LiveSession`` operation handed to the session's single writer
(``self.write``), which saves it off the UI thread, in the order typed; the screen shows a change
once it is on disk. A failed save shows a calm message and keeps the typed text (the capture bar
gives it back without mixing it with newer text). Actions that act on what the lists show wait
until every change handed in is shown (``after_writes``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from screens.base import WorkshopScreen
from screens.step_screens import screen_for_step
from screens.widgets import (
    Agenda,
    CaptureBar,
    ContributionColumn,
    ContributionList,
    HintsPanel,
    StepView,
    TimerDisplay,
)
from screens.widgets.agenda import agenda_rows
from screens.widgets.capture_bar import CapturedLine
from screens.widgets.keys import step_bindings
from screens.widgets.step_kinds import step_screen_label
from screens.writes import ScreenWrites, after_writes
from workshop.capture import parse_capture
from workshop.errors import NotFoundError, ValidationError
from workshop.model import Agreement, Contribution, Group

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

T = TypeVar("T")

TIME_GROUP = Binding.Group("+1 +5 -1")
PHASE_GROUP = Binding.Group("Fase")

# Actions that change the session; switched off in a read-only view.
CHANGING_ACTIONS = frozenset(
    {
        "toggle_timer",
        "adjust_timer",
        "reset_timer",
        "toggle_bell",
        "next_step",
        "previous_step",
        "next_phase",
        "previous_phase",
        "edit_contribution",
        "move_contribution",
        "delete_contribution",
        "undo_delete",
        "vote",
        "make_agreement",
        "focus_capture",
    }
)


class RunnerScreen(WorkshopScreen[None]):
    CSS_PATH = "styles/runner.tcss"
    TICK_SECONDS = 0.25  # a few refreshes a second keep the seconds honest

    BINDINGS = [
        Binding(
            "f5",
            "toggle_timer",
            "Start/pauze",
            id="runner.timer_toggle",
            tooltip="Start de tijd van deze fase, of zet hem op pauze",
        ),
        Binding(
            "f6",
            "adjust_timer(1)",
            "+1 minuut",
            id="runner.timer_plus_1",
            tooltip="Geef deze fase een minuut meer tijd",
            group=TIME_GROUP,
        ),
        Binding(
            "f7",
            "adjust_timer(5)",
            "+5 minuten",
            id="runner.timer_plus_5",
            tooltip="Geef deze fase vijf minuten meer tijd",
            group=TIME_GROUP,
        ),
        Binding(
            "f8",
            "adjust_timer(-1)",
            "-1 minuut",
            id="runner.timer_minus_1",
            tooltip="Haal een minuut van de tijd van deze fase af",
            group=TIME_GROUP,
        ),
        Binding(
            "f9",
            "reset_timer",
            "Reset",
            id="runner.timer_reset",
            tooltip="Zet de tijd van deze fase terug naar het begin (eerst komt een vraag)",
        ),
        Binding(
            "f4",
            "toggle_hints",
            "Tips",
            id="runner.hints",
            tooltip="Toon of verberg de tips voor de begeleider bij deze fase",
        ),
        Binding(
            "ctrl+g",
            "toggle_bell",
            "Bel",
            id="runner.bell",
            show=False,  # the timer says "bel uit" when it is off
            tooltip="Zet de bel aan of uit; de bel klinkt één keer als de tijd om is",
        ),
        *step_bindings(),
        Binding(
            "ctrl+up",
            "previous_phase",
            "Vorige fase",
            id="runner.previous_phase",
            tooltip="Ga naar de eerste stap van de vorige fase",
            group=PHASE_GROUP,
            show=False,
        ),
        Binding(
            "ctrl+down",
            "next_phase",
            "Volgende fase",
            id="runner.next_phase",
            tooltip="Ga naar de eerste stap van de volgende fase",
            group=PHASE_GROUP,
            show=False,
        ),
        Binding(
            "f10",
            "agreements",
            "Afspraken",
            id="runner.agreements",
            tooltip="Bekijk en bewerk alle afspraken van deze sessie",
        ),
        Binding(
            "f12",
            "export",
            "Export",
            id="runner.export",
            tooltip="Bekijk het plan van aanpak en sla het op",
        ),
        Binding(
            "ctrl+o",
            "open_step",
            "Stap openen",
            id="runner.open_step",
            tooltip="Open de terugblik of de zelfscan van deze stap",
        ),
        Binding(
            "ctrl+r",
            "review",
            "Terugblik",
            id="runner.review",
            tooltip="Bespreek de afspraken van eerdere sessies één voor één",
            show=False,
        ),
        Binding(
            "ctrl+l",
            "goals",
            "Doelen",
            id="runner.goals",
            tooltip="Bekijk de doelen, maak een nieuw doel of beoordeel er een",
            show=False,
        ),
        Binding(
            "ctrl+b",
            "balance",
            "Balans",
            id="runner.balance",
            tooltip="Aan welke vormen van partnerschap geven jullie aandacht, en aan welke niet?",
            show=False,
        ),
        Binding(
            "ctrl+z",
            "undo_delete",
            "Terugzetten",
            id="runner.undo",
            tooltip="Zet de inbreng terug die je net hebt weggehaald",
        ),
        Binding(
            "escape",
            "home",
            "Naar start",
            id="runner.home",
            tooltip="Terug naar het overzicht van sessies; alles is al opgeslagen",
        ),
    ]

    def __init__(self, live: LiveSession, *, read_only_reason: str = "") -> None:
        super().__init__()
        self.live = live
        self.read_only = bool(live.read_only)
        self.read_only_reason = read_only_reason
        self.sort_by_votes = False
        self._last_list: ContributionList | None = None
        self._last_group = Group.TEAM  # where the last remark went: Escape goes there
        self._bell_phase: int | None = None
        self._was_over = False
        self._live_closed = False
        self._shown_step = (live.session.position.phase, live.session.position.step)
        self.writes = ScreenWrites(self, live.writer)
        self.writes.shown = lambda: not any(c.filling for c in self.query(ContributionColumn))

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.read_only:
            yield Static(
                Content.assemble(
                    ("ALLEEN LEZEN", "bold"),
                    "  ",
                    Content(self.read_only_reason or "Deze sessie is ergens anders open."),
                    " Je kunt kijken, maar niets veranderen.",
                ),
                id="read-only-banner",
            )
        with Horizontal(id="runner-body"):
            with Vertical(id="runner-main"):
                yield StepView(id="step-view")
                with Horizontal(id="columns"):
                    yield ContributionColumn(Group.TEAM, id="column-team")
                    yield ContributionColumn(Group.OUDERPANEL, id="column-ouderpanel")
            yield HintsPanel(id="hints")
            with Vertical(id="runner-side"):
                yield TimerDisplay(id="timer")
                yield Agenda(id="agenda")
        yield CaptureBar(id="capture")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(HintsPanel).display = False
        self.capture.set_read_only(self.read_only)
        # A timer that was already past zero when the session opened does not ring again.
        self._bell_phase = self.live.session.position.phase
        self._was_over = self.live.timer_reading().remaining <= 0
        self.show_position()
        self.set_interval(self.TICK_SECONDS, self.tick)
        if not self.read_only:
            self.capture.input.focus()
        for warning in self.live.warnings:
            self.notify(Content(warning), title="Let op", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        if not self._live_closed:
            self._live_closed = True
            self.live.close()

    def on_screen_resume(self) -> None:
        # Back from the agreements or export screen: agreements may have changed.
        if self.is_mounted:
            self.show_contributions()
            self.tick()

    @property
    def capture(self) -> CaptureBar:
        return self.query_one(CaptureBar)

    def column(self, group: Group) -> ContributionColumn:
        return self.query_one(f"#column-{group.value}", ContributionColumn)

    # -- showing the session --------------------------------------------------------------------

    def show_position(self) -> None:
        """Everything that depends on where the session is: step, columns, hints, timer."""
        live = self.live
        position = live.session.position
        self._shown_step = (position.phase, position.step)
        self.query_one(StepView).show(
            live.phase, position.phase, len(live.template.phases), live.step, position.step
        )
        self.query_one(HintsPanel).show(live.phase.hints)
        self.show_contributions()
        self.refresh_bindings()  # "Stap openen" only shows on a terugblik or zelfscan step
        self.tick()

    def show_contributions(self) -> None:
        linked = self._linked_ids()
        for group in Group:
            shown = self.live.contributions_at(*self._shown_step, group)
            if self.sort_by_votes:
                shown.sort(key=lambda c: -c.votes)  # stable: equal votes stay in time order
            self.column(group).show(shown, linked)

    def _linked_ids(self) -> set[str]:
        return {a.source for a in self.live.agreements if a.source}

    def tick(self) -> None:
        """Refresh the timer, session clock and agenda from the clock; ring once at zero."""
        live = self.live
        reading = live.timer_reading()
        phase = live.session.position.phase
        over = reading.remaining <= 0
        if phase != self._bell_phase:
            self._bell_phase = phase
        elif over and not self._was_over and reading.running and live.session.bell:
            self.app.bell()
        self._was_over = over
        self.query_one(TimerDisplay).show(
            reading,
            bell=live.session.bell,
            elapsed=live.elapsed_total(),
            planned=live.planned_total(),
        )
        self.query_one(Agenda).show(agenda_rows(live), live.schedule_delta())

    # -- calling the core -----------------------------------------------------------------------

    def write(self, operation: Callable[[], T], done: Callable[[T], object]) -> None:
        """Hand ``operation`` to the session's writer; ``done(result)`` once it is on disk, or
        its error shown as ``attempt`` shows it."""
        self.writes.run(operation, done, self.show_failure)

    def show_invalid(self, error: ValidationError) -> None:
        """A refused value (``attempt``) is said in the capture bar, where the eyes are."""
        self.capture.show_message(error.message, error=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in CHANGING_ACTIONS:
            return False
        if action == "undo_delete":
            return bool(self.live.deleted)
        if action == "open_step":
            return step_screen_label(self.live.step.kind) is not None
        return True

    # -- capturing ------------------------------------------------------------------------------

    def on_capture_bar_submitted(self, message: CaptureBar.Submitted) -> None:
        self.save_capture(message.line)

    def save_capture(self, line: CapturedLine) -> None:
        """Hand a line from the capture bar to the writer, at its Enter, before the next key.

        Prefixes in the text override the line's group, kind and form for this remark only. Until
        it is on disk the bar says it is being saved, and the remark is not in the list yet.
        """
        if self.read_only:
            return
        bar = self.capture
        parsed = parse_capture(line.text, self.live.session.participants)
        group = parsed.group or line.group
        kind = parsed.kind or line.kind
        live = self.live

        def add() -> Contribution:
            return live.add_contribution(
                parsed.text,
                group,
                kind=kind,
                form=parsed.form or line.form,
                author=parsed.author or "",
                aim=parsed.aim,
            )

        def done(contribution: Contribution) -> None:
            if (contribution.phase, contribution.step) == self._shown_step:
                self.column(group).append(contribution)
            self._last_group = group
            if not self.writes.in_flight:
                bar.saved(f"Opgeslagen bij {group.label.lower()} ({kind.value}).")

        def failed(error: Exception) -> None:
            if isinstance(error, ValidationError):
                bar.not_saved(line, error.message)
            else:
                self.show_failure(error)  # a bug is raised here, before the text is kept
                bar.not_saved(line)

        bar.saving(line)
        self.writes.run(add, done, failed)

    def action_focus_capture(self) -> None:
        self.capture.input.focus()

    @after_writes
    def action_focus_columns(self) -> None:
        column = self.column(self._last_group)
        if not column.list.option_count:
            column = self.column(Group.OUDERPANEL if column.group is Group.TEAM else Group.TEAM)
        if not column.list.option_count:
            # Nothing to pick here: Escape goes one level further out, to the session list.
            self.action_home()
            return
        if column.list.highlighted is None:
            column.select_last()
        column.list.focus()

    @after_writes
    def action_other_column(self) -> None:
        current = self._last_list
        group = Group.TEAM if current and current.group is Group.OUDERPANEL else Group.OUDERPANEL
        column = self.column(group)
        if column.list.option_count:
            if column.list.highlighted is None:
                column.select_last()
            column.list.focus()

    def on_descendant_focus(self, event: Any) -> None:
        if isinstance(event.widget, ContributionList):
            self._last_list = event.widget
            self._last_group = event.widget.group

    # -- working on a selected contribution -----------------------------------------------------

    def selected(self) -> Contribution | None:
        option_list = self._last_list
        contribution_id = option_list.selected_id if option_list else None
        if contribution_id is None:
            self.capture.show_message("Kies eerst een inbreng in de lijst (Esc, dan pijltjes).")
            return None
        try:
            return self.live.contribution(contribution_id)
        except NotFoundError:
            return None

    @after_writes
    def action_edit_contribution(self) -> None:
        contribution = self.selected()
        if contribution is None:
            return
        from screens.contribution_edit import ContributionEditScreen

        def done(updated: Contribution | None) -> None:
            if updated is not None:
                self.show_contributions()
                self.column(updated.group).select(updated.id)
                self.column(updated.group).list.focus()
                self.capture.show_message("Inbreng aangepast.")

        self.app.push_screen(ContributionEditScreen(self.live, contribution), done)

    @after_writes
    def action_move_contribution(self) -> None:
        contribution = self.selected()
        if contribution is None:
            return
        from screens.contribution_move import ContributionMoveScreen

        def done(target: tuple[int, int] | None) -> None:
            if target is None or target == (contribution.phase, contribution.step):
                return
            self.write(lambda: self.live.move_contribution(contribution.id, *target), moved)

        def moved(moved: Contribution) -> None:
            self.column(moved.group).remove(moved.id)
            phase = self.live.template.phases[moved.phase]
            self.capture.show_message(
                f"Verplaatst naar fase {phase.number}, stap {moved.step + 1}: "
                f"{phase.steps[moved.step].title}."
            )
            self._after_removal(moved.group)

        self.app.push_screen(ContributionMoveScreen(self.live, contribution), done)

    @after_writes
    def action_delete_contribution(self) -> None:
        contribution = self.selected()
        if contribution is None:
            return
        self.write(lambda: self.live.delete_contribution(contribution.id), self._removed)

    def _removed(self, removed: Contribution) -> None:
        self.column(removed.group).remove(removed.id)
        self.capture.show_message("Verwijderd — Ctrl+Z zet terug")
        self.refresh_bindings()
        self._after_removal(removed.group)

    def _after_removal(self, group: Group) -> None:
        if not self.column(group).list.option_count:
            self.capture.input.focus()

    @after_writes
    def action_undo_delete(self) -> None:
        self.write(self.live.undo_delete, self._undone)

    def _undone(self, contribution: Contribution | None) -> None:
        if contribution is None:
            return
        self.refresh_bindings()
        self.show_contributions()
        position = self.live.session.position
        if (contribution.phase, contribution.step) == (position.phase, position.step):
            self.column(contribution.group).select(contribution.id)
            self.capture.show_message("Teruggezet.")
        else:
            phase = self.live.template.phases[contribution.phase]
            self.capture.show_message(
                f"Teruggezet bij fase {phase.number}, stap {contribution.step + 1}."
            )

    @after_writes
    def action_vote(self, delta: int) -> None:
        contribution = self.selected()
        if contribution is None:
            return
        self.write(lambda: self.live.vote(contribution.id, delta), self._voted)

    def _voted(self, voted: Contribution) -> None:
        column = self.column(voted.group)
        if self.sort_by_votes:
            self.show_contributions()
            column.select(voted.id)
        else:
            column.update(voted, has_agreement=voted.id in self._linked_ids())

    @after_writes
    def action_toggle_sort(self) -> None:
        self.sort_by_votes = not self.sort_by_votes
        self.show_contributions()
        self.capture.show_message(
            "Gesorteerd op stemmen: de meeste stemmen bovenaan."
            if self.sort_by_votes
            else "Gesorteerd op tijd: de oudste bovenaan."
        )

    @after_writes
    def action_make_agreement(self) -> None:
        contribution = self.selected()
        if contribution is None:
            return
        from screens.agreement_form import AgreementFormScreen

        def done(agreement: Agreement | None) -> None:
            if agreement is not None:
                self.show_contributions()
                self.capture.show_message(f"Afspraak opgeslagen. Eigenaar: {agreement.owner}.")

        self.app.push_screen(AgreementFormScreen(self.live, source=contribution), done)

    # -- moving through the session -------------------------------------------------------------

    def _move(self, change: Callable[[], None]) -> None:
        """Change the step through the writer (keys typed after it go to the new step: the
        writer saves them after it); show the step the session is at once it is saved."""

        def done(_: None) -> None:
            position = self.live.session.position
            if (position.phase, position.step) != self._shown_step:
                self.show_position()

        self.write(change, done)

    def action_next_step(self) -> None:
        self._move(self.live.next_step)

    def action_previous_step(self) -> None:
        self._move(self.live.previous_step)

    def action_next_phase(self) -> None:
        live = self.live
        self._move(lambda: live.go_to(live.session.position.phase + 1, 0))

    def action_previous_phase(self) -> None:
        live = self.live
        self._move(lambda: live.go_to(live.session.position.phase - 1, 0))

    def action_toggle_hints(self) -> None:
        """The hints take the place of the timer and agenda, so the columns keep their room."""
        hints = self.query_one(HintsPanel)
        hints.display = not hints.display
        self.query_one("#runner-side").display = not hints.display

    # -- the timer ------------------------------------------------------------------------------

    def action_toggle_timer(self) -> None:
        self.write(self.live.toggle_timer, lambda _: self.tick())

    def action_adjust_timer(self, minutes: int) -> None:
        self.write(lambda: self.live.adjust_timer(minutes), lambda _: self.tick())

    @after_writes
    def action_reset_timer(self) -> None:
        from screens.confirm import ConfirmScreen

        def answer(sure: bool | None) -> None:
            if sure:
                self.write(self.live.reset_timer, lambda _: self.tick())

        minutes = round(self.live.planned_seconds(self.live.session.position.phase) / 60)
        self.app.push_screen(
            ConfirmScreen(
                f"De tijd van deze fase opnieuw beginnen? De klok gaat terug naar {minutes} "
                "minuten en staat dan op pauze.",
                confirm_label="Ja, opnieuw",
            ),
            answer,
        )

    def action_toggle_bell(self) -> None:
        live = self.live

        def toggle() -> bool:  # on the writer: after any toggle still being saved
            on = not live.session.bell
            live.set_bell(on)
            return on

        def done(on: bool) -> None:
            self.capture.show_message("De bel staat aan." if on else "De bel staat uit.")
            self.tick()

        self.write(toggle, done)

    # -- other screens --------------------------------------------------------------------------

    @after_writes
    def action_open_step(self) -> None:
        screen = screen_for_step(self.live)
        if screen is not None:
            self.app.push_screen(screen)

    @after_writes
    def action_review(self) -> None:
        from screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.live))

    @after_writes
    def action_goals(self) -> None:
        from screens.goals import GoalsScreen

        self.app.push_screen(GoalsScreen(self.live))

    @after_writes
    def action_balance(self) -> None:
        from screens.balance import BalanceScreen

        self.app.push_screen(BalanceScreen(self.live))

    @after_writes
    def action_agreements(self) -> None:
        from screens.agreements import AgreementsScreen

        self.app.push_screen(AgreementsScreen(self.live))

    @after_writes
    def action_export(self) -> None:
        from screens.export_preview import ExportPreviewScreen

        self.app.push_screen(ExportPreviewScreen(self.live))

    @after_writes
    def action_home(self) -> None:
        """Back to the session list. Everything is saved, except a line still being typed."""
        if not self.capture.holds_unsaved_text:
            self.app.pop_screen()
            return
        from screens.confirm import ConfirmScreen

        def answer(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()
            else:
                self.capture.input.focus()

        self.app.push_screen(
            ConfirmScreen(
                "Er staat nog tekst die niet is opgeslagen. Toch naar het overzicht? Die "
                "tekst gaat dan verloren.",
                confirm_label="Ja, weggaan",
            ),
            answer,
        )
