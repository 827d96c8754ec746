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


# -- a clock left running: the app stopped without pausing it --------------------------------------

HEARTBEAT_SECONDS = 60.0  # while a timer runs, the app notes about once a minute that it still runs
# A running stretch not noted for longer than this was not watched by any app: it was closed
# without pausing (a crash, a power cut). Two and a half heartbeats leave room for a slow disk.
UNSEEN_AFTER_SECONDS = 150.0


def open_stretches(log: list[TimingEntry]) -> list[TimingEntry]:
    return [entry for entry in log if entry.stopped is None]


def last_seen(entry: TimingEntry) -> datetime:
    """The last moment a stretch is known to have run: its start, or when it was last noted."""
    return max(entry.started, entry.seen) if entry.seen is not None else entry.started


def last_logged_moment(log: list[TimingEntry]) -> datetime | None:
    """The latest moment the timing log knows of: up to there, time is known to have passed."""
    moments = [m for entry in log for m in (entry.started, entry.stopped, entry.seen) if m]
    return max(moments, default=None)


def unseen_seconds(log: list[TimingEntry], now: datetime) -> float | None:
    """How long a timer found running has not been seen, when that is longer than a restart
    takes (``UNSEEN_AFTER_SECONDS``); None when no timer runs or it was seen just now."""
    running = open_stretches(log)
    if not running:
        return None
    gap = (now - max(last_seen(entry) for entry in running)).total_seconds()
    return gap if gap > UNSEEN_AFTER_SECONDS else None


def heartbeat_due(log: list[TimingEntry], now: datetime, noted: datetime | None) -> bool:
    """A timer runs and it was last noted (in the log, or ``noted`` just now) a heartbeat ago."""
    running = open_stretches(log)
    if not running:
        return False
    latest = max(last_seen(entry) for entry in running)
    if noted is not None:
        latest = max(latest, noted)
    return (now - latest).total_seconds() >= HEARTBEAT_SECONDS


def duration_words(seconds: float) -> str:
    """A stretch of time the way people say it: '7 minuten', '2 uur en 5 minuten', '8 dagen'."""
    minutes = max(int(seconds // 60), 1)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        words = [_count(days, "dag", "dagen")]
        if hours and days < 2:
            words.append(_count(hours, "uur", "uur"))
    else:
        words = [_count(hours, "uur", "uur")] if hours else []
        if minutes:
            words.append(_count(minutes, "minuut", "minuten"))
    return " en ".join(words)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
