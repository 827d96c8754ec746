"""The command menu (Ctrl+P), where Enter runs the best match of what was typed.

Textual's palette looks commands up in a worker. Enter pressed before that search is done
either does nothing (the list is not shown yet) or runs the first command of the list shown
before typing (issue 11, item 6). Here Enter waits for the search of what was typed, then
runs its best match, the top of the list.
"""

from __future__ import annotations

from contextlib import suppress

from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from screens.base import WorkshopScreen


class MenuPalette(CommandPalette, WorkshopScreen[None]):
    """The command palette of this app: typing a word and Enter is enough."""

    def _searches(self) -> list[Worker[object]]:
        return [
            worker
            for worker in self.workers
            if worker.node is self
            and worker.group == self._GATHER_COMMANDS_GROUP
            and not worker.is_finished
        ]

    @on(Input.Submitted)
    def _enter_runs_best_match(self, event: Input.Submitted) -> None:
        # Handled before Textual's own handler (the subclass comes first); prevent_default
        # keeps that one from acting on a list that is not the one for the typed text.
        if self._searches():
            event.stop()
            event.prevent_default()
            self.run_worker(self._run_best_match(), group="menu-enter", exclusive=True)
            return
        self._highlight_best()  # then Textual's handler runs the highlighted command

    def _highlight_best(self) -> bool:
        """Highlight the top of the list if nothing is; False when there is nothing to run."""
        commands = self.query_one(CommandList)
        if not commands.option_count or commands.get_option_at_index(0).id == self._NO_MATCHES:
            return False
        self._list_visible = True
        if commands.highlighted is None:
            commands.highlighted = 0
        return True

    async def _run_best_match(self) -> None:
        while searches := self._searches():
            for search in searches:
                # cancelled: a newer search (another key) took over; the loop waits for that one
                with suppress(WorkerCancelled, WorkerFailed):
                    await search.wait()
        if self.is_attached and self._highlight_best():
            self.query_one(CommandList).highlighted = 0  # the best match of the typed text
            self._action_command_list("select")
