"""Where each phase of a session stands: done, skipped, now, or still to come; and the schedule.

Only a phase that was worked on counts as done: its timer ran (at least a minute in all, so a
clock started by mistake on the way through does not count), or, before the current phase,
something was said in it. A phase the session passed without either was skipped: the agenda and
the minutes say so instead of ticking it off. The schedule counts only phases whose timer ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from workshop import timer as timers
from workshop.model import Contribution, Session

RAN_AT_LEAST_SECONDS = 60.0


class PhaseProgress(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    CURRENT = "current"
    TO_COME = "to-come"


def ran_phases(session: Session, now: datetime | None) -> set[int]:
    """The phases whose timer ran at least ``RAN_AT_LEAST_SECONDS`` in all (up to ``now``)."""
    if now is None:
        return set()
    logged = {entry.phase for entry in session.timing_log}
    return {
        index
        for index in logged
        if timers.actual_seconds(session.timing_log, index, now) >= RAN_AT_LEAST_SECONDS
    }


def phase_progress(
    session: Session,
    contributions: Iterable[Contribution],
    phase_count: int,
    now: datetime | None,
) -> list[PhaseProgress]:
    """Per phase (by index): done, skipped, current or to come."""
    current = session.position.phase
    ran = ran_phases(session, now)
    spoken = {c.phase for c in contributions}
    progress = []
    for index in range(phase_count):
        if index == current:
            progress.append(PhaseProgress.CURRENT)
        elif index in ran or (index < current and index in spoken):
            progress.append(PhaseProgress.DONE)
        elif index < current:
            progress.append(PhaseProgress.SKIPPED)
        else:
            progress.append(PhaseProgress.TO_COME)
    return progress


def schedule_delta(session: Session, now: datetime) -> float:
    """Seconds behind plan (positive) or ahead of it (negative).

    Every other phase whose timer ran counts with its actual time against its plan; a skipped
    phase does not count at all. The current phase only counts once it runs over.
    """
    current = session.position.phase
    finished = sum(
        timers.actual_seconds(session.timing_log, index, now) - session.timers[index].planned
        for index in ran_phases(session, now)
        if index != current and index < len(session.timers)
    )
    overtime = -timers.remaining(session.timers[current], now)
    return finished + max(0.0, overtime)
