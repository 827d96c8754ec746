"""Phase timers: countdown, pause, adjust, overtime. Pure functions of a PhaseTimer and a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from workshop.limits import TIMER_PLANNED, TIMER_REMAINING
from workshop.model import PhaseTimer, TimingEntry

WARNING_FRACTION = 0.2  # the last fifth of the planned time is shown in a warning colour


class TimerState(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class TimerReading:
    remaining: float  # seconds; negative in overtime
    planned: float
    running: bool

    @property
    def state(self) -> TimerState:
        if self.remaining < 0:
            return TimerState.OVERTIME
        if self.remaining <= self.planned * WARNING_FRACTION:
            return TimerState.WARNING
        return TimerState.NORMAL

    @property
    def label(self) -> str:
        """mm:ss, or +mm:ss in overtime."""
        if self.remaining < 0:
            return "+" + format_seconds(-self.remaining)
        return format_seconds(self.remaining)


def format_seconds(seconds: float) -> str:
    # Count down whole seconds the way a kitchen timer does: 0.4 s left still shows 00:01.
    whole = int(-(-seconds // 1)) if seconds > 0 else 0
    minutes, secs = divmod(whole, 60)
    return f"{minutes:02d}:{secs:02d}"


def remaining(timer: PhaseTimer, now: datetime) -> float:
    if timer.ends_at is None:
        return timer.remaining
    return (timer.ends_at - now).total_seconds()


def read(timer: PhaseTimer, now: datetime) -> TimerReading:
    return TimerReading(
        remaining=remaining(timer, now), planned=timer.planned, running=timer.running
    )


def start(timer: PhaseTimer, now: datetime) -> None:
    if timer.ends_at is None:
        timer.ends_at = now + timedelta(seconds=timer.remaining)


def pause(timer: PhaseTimer, now: datetime) -> None:
    if timer.ends_at is not None:
        # Overtime is kept up to a year: a timer left running longer stays loadable.
        timer.remaining = TIMER_REMAINING.clamp(remaining(timer, now))
        timer.ends_at = None


def adjust(timer: PhaseTimer, seconds: float) -> None:
    """Change the planned time (and so the time left) by ``seconds``; the planned time stays in
    its range (workshop.limits): never below zero, never more than a day."""
    planned = TIMER_PLANNED.clamp(timer.planned + seconds)
    seconds, timer.planned = planned - timer.planned, planned
    if timer.ends_at is None:
        timer.remaining = TIMER_REMAINING.clamp(timer.remaining + seconds)
    else:
        timer.ends_at += timedelta(seconds=seconds)


def reset(timer: PhaseTimer) -> None:
    """Back to the full planned time, paused."""
    timer.ends_at = None
    timer.remaining = timer.planned


def actual_seconds(log: list[TimingEntry], phase: int, now: datetime) -> float:
    """How long a phase's timer actually ran, across all its stretches."""
    return sum(entry.seconds(now) for entry in log if entry.phase == phase)


def ran_between(log: list[TimingEntry], phase: int) -> tuple[datetime, datetime | None] | None:
    """When a phase first started and last stopped (None for stop while it still runs)."""
    entries = [e for e in log if e.phase == phase]
    if not entries:
        return None
    return entries[0].started, entries[-1].stopped
