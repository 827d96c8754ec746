"""The phase countdown in big digits, what it is doing in words, and the session clock.

``show`` is called a few times a second; it touches a child only when what it shows changed, so
a ticking timer repaints one small widget once a second and nothing else.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from screens.widgets.big_digits import BigDigits
from workshop.timer import TimerReading, TimerState


def _minutes(seconds: float) -> int:
    return int(max(seconds, 0) // 60)


def state_words(reading: TimerReading) -> str:
    """What the timer is doing, in plain words."""
    if reading.state is TimerState.OVERTIME:
        return "Tijd is om" + ("" if reading.running else " · pauze")
    if reading.running:
        return "Loopt"
    if reading.remaining >= reading.planned:
        return "Nog niet gestart"
    return "Gepauzeerd"


def plan_words(reading: TimerReading, *, bell: bool) -> str:
    planned = f"{round(reading.planned / 60)} min gepland"
    return planned if bell else f"{planned} · bel uit"


class TimerDisplay(Vertical):
    """Shows one phase timer. Colour follows the timer state (normal, warning, overtime)."""

    DEFAULT_CSS = """
    TimerDisplay {
        height: auto;
        padding-top: 1;
    }

    #timer-caption {
        text-style: bold;
    }

    #timer-digits {
        width: auto;
        text-style: bold;
    }

    /* The big digits replace the small ones on a wide screen (the runner's -wide class). */
    #timer-big {
        display: none;
        text-style: bold;
    }

    TimerDisplay.-normal #timer-digits, TimerDisplay.-normal #timer-big {
        color: $timer-normal;
    }

    TimerDisplay.-warning #timer-digits,
    TimerDisplay.-warning #timer-big,
    TimerDisplay.-warning #timer-state {
        color: $timer-warning;
        text-style: bold;
    }

    TimerDisplay.-overtime #timer-digits,
    TimerDisplay.-overtime #timer-big,
    TimerDisplay.-overtime #timer-state {
        color: $timer-overtime;
        text-style: bold;
    }

    #timer-state {
        height: 1;
        text-style: bold;
    }

    #timer-plan {
        height: 1;
    }

    #session-clock {
        height: 1;
        margin-top: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-normal")
        self._label = ""
        self._state: TimerState = TimerState.NORMAL
        self._words = ""
        self._plan = ""
        self._clock_text = ""

    def compose(self) -> ComposeResult:
        yield Static("Tijd voor deze fase", id="timer-caption")
        yield Digits("", id="timer-digits")
        yield BigDigits("", id="timer-big")
        yield Static("", id="timer-state")
        yield Static("", id="timer-plan")
        yield Static("", id="session-clock")

    @property
    def label(self) -> str:
        """What the digits show now (mm:ss, or +mm:ss in overtime)."""
        return self._label

    @property
    def state(self) -> TimerState:
        return self._state

    def show(self, reading: TimerReading, *, bell: bool, elapsed: float, planned: float) -> None:
        label = reading.label
        if label != self._label:
            self._label = label
            self.query_one("#timer-digits", Digits).update(label)
            self.query_one("#timer-big", BigDigits).update(label)
        state = reading.state
        if state != self._state:
            self.remove_class(f"-{self._state.value}")
            self.add_class(f"-{state.value}")
            self._state = state
        words = state_words(reading)
        if words != self._words:
            self._words = words
            self.query_one("#timer-state", Static).update(words, layout=False)
        plan = plan_words(reading, bell=bell)
        if plan != self._plan:
            self._plan = plan
            self.query_one("#timer-plan", Static).update(plan, layout=False)
        clock_text = f"Sessie: {_minutes(elapsed)} van {_minutes(planned)} min"
        if clock_text != self._clock_text:
            self._clock_text = clock_text
            self.query_one("#session-clock", Static).update(clock_text, layout=False)
