"""The side panel: the phase timer with the session clock above the agenda.

It also rings the bell: once, when a running timer reaches zero in the phase it is shown for. A
timer already past zero when it is first shown (a session opened late, another phase) does not
ring again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from screens.widgets.agenda import Agenda, AgendaRow
from screens.widgets.hints_panel import HintsPanel
from screens.widgets.timer_display import TimerDisplay
from workshop.timer import TimerReading


class ClockPanel(Vertical):
    DEFAULT_CSS = """
    ClockPanel {
        width: 32;
        padding: 0 1 0 2;
        border-left: solid $panel;
    }
    ClockPanel.-with-hints {
        width: 46;
    }
    """

    def __init__(self, *below: Widget, id: str | None = None) -> None:
        super().__init__(id=id)
        self._below = below  # shown under the agenda (the phones' indicator)
        self._phase: int | None = None  # the phase shown last
        self._was_over = False  # its timer was at or past zero then

    def compose(self) -> ComposeResult:
        yield TimerDisplay(id="timer")
        yield Agenda(id="agenda")
        yield from self._below

    def show(
        self,
        reading: TimerReading,
        *,
        phase: int,
        bell: bool,
        elapsed: float,
        planned: float,
        agenda: list[AgendaRow],
        schedule_delta: float,
    ) -> None:
        """Show the timer of ``phase``, the session clock and the agenda; ring if it is time."""
        over = reading.remaining <= 0
        if phase != self._phase:
            self._phase = phase
        elif over and not self._was_over and reading.running and bell:
            self.app.bell()
        self._was_over = over
        self.query_one(TimerDisplay).show(reading, bell=bell, elapsed=elapsed, planned=planned)
        self.query_one(Agenda).show(agenda, schedule_delta)

    def show_hints(self, on: bool) -> None:
        """Show the facilitator's tips (a widget given as ``below``) in the agenda's place."""
        for hints in self.query(HintsPanel):
            hints.display = on
        self.query_one(Agenda).display = not on
        self.set_class(on, "-with-hints")

    def show_wall(self, on: bool) -> None:
        """The wall view: the clock only, no tips and no agenda (the phones' line goes by CSS)."""
        self.show_hints(False)
        self.query_one(Agenda).display = not on
