"""Checking a loaded session against the ranges of ``workshop.limits``.

A stored file with a number or date outside them was not written by the app (or was edited by
hand): it is damage, like any other unusable file, so ``check_stored`` raises DamagedFileError
naming the field. Everything that reads sessions then skips it and ``workshop doctor`` offers to
put back a backup, instead of one value breaking every command later.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.errors import DamagedFileError
from workshop.limits import PERCENT, PHASE_MINUTES, TIMER_PLANNED, TIMER_REMAINING, VOTES, Range
from workshop.limits import year_fits as _year_fits

if TYPE_CHECKING:
    from workshop.store import StoredSession

# (field path, value, range) or (field path, date or moment, None) for a year check
_Value = tuple[str, object, Range | None]


def check_stored(path: Path, stored: StoredSession) -> None:
    """Raise DamagedFileError for the first number or date out of range."""
    for field, value, bounds in _values(stored):
        if bounds is None:
            good = not isinstance(value, (date, datetime)) or _year_fits(value)
        else:
            good = value in bounds
        if not good:
            raise DamagedFileError(
                path, f"het veld '{field}' heeft een onmogelijke waarde ({_short(value)})."
            )


def _short(value: object) -> str:
    try:
        shown = str(value)
    except ValueError:  # an int too long to write out
        return "een heel groot getal"
    return shown if len(shown) <= 20 else shown[:19] + "…"


def _values(stored: StoredSession) -> Iterator[_Value]:
    session = stored.session
    yield "session.date", session.day, None
    yield "session.created", session.created, None
    for i, phase in enumerate(session.template.get("phases", [])):
        if isinstance(phase, dict):
            yield f"session.template.phases[{i}].minutes", phase.get("minutes"), PHASE_MINUTES
    for i, timer in enumerate(session.timers):
        yield f"session.timers[{i}].planned", timer.planned, TIMER_PLANNED
        yield f"session.timers[{i}].remaining", timer.remaining, TIMER_REMAINING
        yield f"session.timers[{i}].ends_at", timer.ends_at, None
    for i, entry in enumerate(session.timing_log):
        yield f"session.timing_log[{i}].started", entry.started, None
        yield f"session.timing_log[{i}].stopped", entry.stopped, None
    for i, contribution in enumerate(stored.contributions):
        yield f"contributions[{i}].votes", contribution.votes, VOTES
        yield f"contributions[{i}].created", contribution.created, None
        yield f"contributions[{i}].edited", contribution.edited, None
    for i, agreement in enumerate(stored.agreements):
        yield f"agreements[{i}].created", agreement.created, None
        yield f"agreements[{i}].due", agreement.due.on if agreement.due else None, None
    for i, goal in enumerate(stored.goals):
        if goal.target_percent is not None:
            yield f"goals[{i}].target_percent", goal.target_percent, PERCENT
        yield f"goals[{i}].by", goal.by, None
