"""The phase runner: the main screen, projected on the wall while the group talks.

The widgets own what they show and how (``screens.widgets``): the step view, the two columns of
remarks (``RunnerColumns``), the clock panel with the agenda (``ClockPanel``), the hints and the
capture bar, which sends ``CaptureBar.Submitted`` at Enter. The screen composes them and calls the
application layer; its keys on a highlighted remark are in its base, ``RemarkActions``.

Thin by design: every change is a ``LiveSession`` operation handed to the session's single writer
(``self.write``), which saves it off the UI thread, in the order typed; the screen shows a change
once it is on disk. A failed save shows a calm message and keeps the typed text (the capture bar
gives it back without mixing it with newer text). Actions that act on what the lists show wait
until every change handed in is shown (``after_writes``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from screens.kept_screens import drop_kept
from screens.runner_newcomer import is_newcomer, offer_to_add
from screens.runner_phones import PhonesRunner
from screens.runner_remarks import RemarkActions
from screens.runner_wall import WallRunner
from screens.steady_footer import SteadyFooter
from screens.step_screens import screen_for_step
from screens.widgets import CaptureBar, HintsPanel, StepView, clock_words
from screens.widgets.agenda import agenda_rows
from screens.widgets.clock_panel import ClockPanel
from screens.widgets.runner_columns import RunnerColumns
from screens.widgets.runner_keys import CHANGING_ACTIONS, FOOTER_RANKS, RUNNER_BINDINGS
from screens.widgets.step_kinds import step_screen_label
from screens.writes import ScreenWrites, after_writes
from workshop.capture import parse_capture
from workshop.errors import ValidationError
from workshop.model import Contribution, Group

if TYPE_CHECKING:
    from workshop.app.live import LiveSession


class RunnerScreen(PhonesRunner, RemarkActions, WallRunner):
    # The style files of the screens opened from here come with the runner. A screen that brings
    # a style file Textual has not seen yet makes it parse all CSS again and restyle every widget
    # of the app: 60 ms and more on the first F10, F12 or ``a`` of a session. Read with the
    # runner, that happens once, while the session opens.
    CSS_PATH = [
        "styles/runner.tcss",
        "styles/agreements.tcss",
        "styles/agreement_form.tcss",
        "styles/export_preview.tcss",
        "styles/contribution_edit.tcss",
        "styles/review.tcss",
        "styles/goals.tcss",
        "styles/goal_form.tcss",
        "styles/balance.tcss",
        "styles/scan.tcss",
        "styles/help.tcss",
    ]
    TICK_SECONDS = 0.25  # a few refreshes a second keep the seconds honest

    BINDINGS = RUNNER_BINDINGS
    FOOTER_RANKS = FOOTER_RANKS

    def __init__(self, live: LiveSession, *, read_only_reason: str = "") -> None:
        super().__init__()
        self.live = live
        self.read_only = bool(live.read_only)
        self.read_only_reason = read_only_reason
        self._live_closed = False
        self._shown_step = (live.session.position.phase, live.session.position.step)
        self.writes = ScreenWrites(self, live.writer)
        self.writes.shown = lambda: not self.columns.filling
        self.columns = RunnerColumns(id="columns")
        self.capture = CaptureBar(id="capture")

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
                yield self.columns
            yield ClockPanel(HintsPanel(id="hints"), self.phone_indicator(), id="runner-side")
        yield self.capture
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one(HintsPanel).display = False
        self.capture.set_read_only(self.read_only)
        self.show_position()
        self.set_interval(self.TICK_SECONDS, self.tick)
        if not self.read_only:
            self.capture.input.focus()
        for warning in self.live.warnings:
            self.notify(Content(warning), title="Let op", severity="warning", timeout=10)

    def on_unmount(self) -> None:
        if not self._live_closed:
            self._live_closed = True
            drop_kept(self.app, self.live)  # the agreements screen and form kept for it
            self.close_phones()
            self.live.close()

    def on_screen_resume(self) -> None:
        # Back from the agreements or export screen: agreements may have changed.
        if self.is_mounted:
            self.show_contributions()
            self.tick()

    # -- showing the session --------------------------------------------------------------------

    def show_position(self) -> None:
        """Everything that depends on where the session is: step, columns, hints, timer."""
        live = self.live
        position = live.session.position
        if (position.phase, position.step) != self._shown_step:
            self.capture.message.clear()  # news of the step before is no news here
        self._shown_step = (position.phase, position.step)
        self.query_one(StepView).show(
            live.phase, position.phase, len(live.template.phases), live.step, position.step
        )
        self.query_one(HintsPanel).show(live.phase.hints)
        self.show_contributions()
        self.refresh_bindings()  # "Stap openen" only shows on a terugblik or zelfscan step
        self.tick()

    def show_contributions(self) -> None:
        at = self._shown_step
        by_group = {group: self.live.contributions_at(*at, group) for group in Group}
        self.columns.show(by_group, self.linked_ids())

    def tick(self) -> None:
        """Refresh the timer, session clock and agenda from the clock; ring once at zero."""
        live = self.live
        live.keep_clock_alive()  # about once a minute while it runs (closed time never counts)
        self.capture.message.expire(live.clock.now())  # a message goes after a few seconds
        self.query_one(ClockPanel).show(
            live.timer_reading(),
            phase=live.session.position.phase,
            bell=live.session.bell,
            elapsed=live.elapsed_total(),
            planned=live.planned_total(),
            agenda=agenda_rows(live),
            schedule_delta=live.schedule_delta(),
        )

    # -- calling the core -----------------------------------------------------------------------

    def show_invalid(self, error: ValidationError) -> None:
        """A refused value (``attempt``) is said in the capture bar, where the eyes are."""
        self.capture.show_message(error.message, error=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in CHANGING_ACTIONS:
            return False
        if action == "undo_delete":
            return bool(self.live.deleted)
        if action == "toggle_hints" and self.wall_view:
            return False  # the tips are the facilitator's, never on the wall
        if action == "open_step":
            return step_screen_label(self.live.step.kind) is not None
        return True

    # -- capturing ------------------------------------------------------------------------------

    def on_capture_bar_submitted(self, message: CaptureBar.Submitted) -> None:
        """Hand a line from the capture bar to the writer, at its Enter, before the next key.

        Prefixes in the text override the line's group, kind and form for this remark only. Until
        it is on disk the bar says it is being saved, and the remark is not in the list yet.
        """
        if self.read_only:
            return
        bar, line = self.capture, message.line
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
            self.columns.last_group = group  # Escape goes there
            if parsed.author and is_newcomer(self, parsed.author):
                offer_to_add(self, parsed.author, group)
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
        if not self.columns.focus_list():
            # Nothing to pick here: Escape goes one level further out, to the session list.
            self.action_home()

    @after_writes
    def action_other_column(self) -> None:
        self.columns.focus_other()

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
        """The tips take the agenda's place under the clock: the clock always stays in view."""
        self.query_one(ClockPanel).show_hints(not self.query_one(HintsPanel).display)

    # -- the timer ------------------------------------------------------------------------------

    def _clock_changed(self, message: Callable[[], str]) -> Callable[[object], None]:
        """Once a clock change is saved: show it, and say what changed."""

        def done(_: object) -> None:
            self.tick()
            self.capture.show_message(message())

        return done

    def _planned(self) -> float:
        return self.live.planned_seconds(self.live.session.position.phase)

    def action_toggle_timer(self) -> None:
        said = self._clock_changed(lambda: clock_words.toggled(self.live.timer_reading().running))
        self.write(self.live.toggle_timer, said)

    def action_adjust_timer(self, minutes: int) -> None:
        said = self._clock_changed(lambda: clock_words.adjusted(minutes, self._planned()))
        self.write(lambda: self.live.adjust_timer(minutes), said)

    @after_writes
    def action_reset_timer(self) -> None:
        from screens.confirm import ConfirmScreen

        def answer(sure: bool | None) -> None:
            if sure:
                said = self._clock_changed(lambda: clock_words.reset(self._planned()))
                self.write(self.live.reset_timer, said)

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
        from screens.agreements import agreements_screen

        self.app.push_screen(agreements_screen(self.live, self.app))

    @after_writes
    def action_export(self) -> None:
        from screens.export_preview import ExportPreviewScreen

        self.app.push_screen(ExportPreviewScreen(self.live))

    @after_writes
    def action_home(self) -> None:
        """Back to the session list, always after a question: leaving is a deliberate act, not
        a second Escape too many. Everything is saved, except a line still being typed; a
        running clock goes on pause."""
        from screens.confirm import ConfirmScreen

        def answer(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()
            elif not self.read_only:
                self.capture.input.focus()

        self.app.push_screen(
            ConfirmScreen(leave_question(self), confirm_label="Ja, sessie verlaten", danger=False),
            answer,
        )


def leave_question(screen: RunnerScreen) -> str:
    """What "Sessie verlaten?" adds: what is lost (unsaved text) and what stops (the clock)."""
    parts = ["Sessie verlaten en terug naar het overzicht?"]
    if screen.capture.holds_unsaved_text:
        parts.append("Er staat nog tekst die niet is opgeslagen; die gaat verloren.")
    else:
        parts.append("Alles is opgeslagen.")
    if not screen.read_only and screen.live.timer_reading().running:
        parts.append("De klok loopt nog: die gaat op pauze.")
    return " ".join(parts)
