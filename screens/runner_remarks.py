"""The runner's keys on the remark highlighted in a list: edit, move, delete and undo, votes, the
order of the lists, and making it an agreement.

``RemarkActions`` is the base of ``RunnerScreen``, which composes the widgets declared here. Every
change goes through the session's writer (``write``) and is shown once it is on disk; each key
waits until what was handed in before is shown (``after_writes``), so it acts on the saved list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from screens.base import WorkshopScreen
from screens.widgets import CaptureBar, ContributionColumn
from screens.widgets.runner_columns import RunnerColumns
from screens.writes import ScreenWrites, after_writes
from workshop.errors import NotFoundError
from workshop.model import Agreement, Contribution, Group

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

T = TypeVar("T")


class RemarkActions(WorkshopScreen[None]):
    live: LiveSession
    writes: ScreenWrites
    columns: RunnerColumns
    capture: CaptureBar

    def show_contributions(self) -> None:
        """Show the remarks of the step on screen (the runner knows which step that is)."""
        raise NotImplementedError

    def linked_ids(self) -> set[str]:
        """The remarks an agreement was made from."""
        return {a.source for a in self.live.agreements if a.source}

    def column(self, group: Group) -> ContributionColumn:
        return self.columns.column(group)

    def write(self, operation: Callable[[], T], done: Callable[[T], object]) -> None:
        """Hand ``operation`` to the session's writer; ``done(result)`` once it is on disk, or
        its error shown as ``attempt`` shows it."""
        self.writes.run(operation, done, self.show_failure)

    # -- working on a selected contribution -----------------------------------------------------

    def selected(self) -> Contribution | None:
        contribution_id = self.columns.selected_id
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
        if self.columns.sort_by_votes:
            self.show_contributions()
            column.select(voted.id)
        else:
            column.update(voted, has_agreement=voted.id in self.linked_ids())

    @after_writes
    def action_toggle_sort(self) -> None:
        columns = self.columns
        columns.sort_by_votes = not columns.sort_by_votes
        self.show_contributions()
        self.capture.show_message(
            "Gesorteerd op stemmen: de meeste stemmen bovenaan."
            if columns.sort_by_votes
            else "Gesorteerd op tijd: de oudste bovenaan."
        )

    @after_writes
    def action_make_agreement(self) -> None:
        contribution = self.selected()
        if contribution is None:
            return
        from screens.agreement_form import agreement_form

        def done(agreement: Agreement | None) -> None:
            if agreement is not None:
                self.show_contributions()
                self.capture.show_message(f"Afspraak opgeslagen. Eigenaar: {agreement.owner}.")

        self.app.push_screen(agreement_form(self.live, self.app, source=contribution), done)
