"""Checking a loaded session against the ranges of ``workshop.limits``.

A stored file with a number or date outside them was not written by the app (or was edited by
hand): it is damage, like any other unusable file, so ``check_stored`` raises DamagedFileError
naming the field. Everything that reads sessions then skips it and ``workshop doctor`` offers to
put back a backup, instead of one value breaking every command later. Dates that people typed get
the wider ``STORED_DAY_YEARS``: an old session with a typo in a year still opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.errors import DamagedFileError
from workshop.limits import (
    PERCENT,
    PHASE_MINUTES,
    PHASE_NUMBER,
    STORED_DAY_YEARS,
    TIMER_PLANNED,
    TIMER_REMAINING,
    VOTES,
    YEARS,
    Range,
)

if TYPE_CHECKING:
    from workshop.store import StoredSession

# (field path, the value as found, the number that must be in range, the range)
_Value = tuple[str, object, object, Range]


def check_stored(path: Path, stored: StoredSession) -> None:
    """Raise DamagedFileError for the first number or date out of range."""
    for field, value, number, bounds in _values(stored):
        if number not in bounds:
            raise DamagedFileError(
                path, f"het veld '{field}' heeft een onmogelijke waarde ({_short(value)})."
            )


def _short(value: object) -> str:
    try:
        shown = str(value)
    except ValueError:  # an int too long to write out
        return "een heel groot getal"
    return shown if len(shown) <= 20 else shown[:19] + "…"


def _number(field: str, value: object, bounds: Range) -> Iterator[_Value]:
    yield field, value, value, bounds


def _year(field: str, value: date | datetime | None, bounds: Range = YEARS) -> Iterator[_Value]:
    if value is not None:
        yield field, value, value.year, bounds


def _values(stored: StoredSession) -> Iterator[_Value]:
    session = stored.session
    yield from _year("session.date", session.day, STORED_DAY_YEARS)
    yield from _year("session.created", session.created)
    for i, phase in enumerate(session.template.get("phases", [])):
        if isinstance(phase, dict):
            where = f"session.template.phases[{i}]"
            yield from _number(f"{where}.number", phase.get("number"), PHASE_NUMBER)
            yield from _number(f"{where}.minutes", phase.get("minutes"), PHASE_MINUTES)
    for i, timer in enumerate(session.timers):
        yield from _number(f"session.timers[{i}].planned", timer.planned, TIMER_PLANNED)
        yield from _number(f"session.timers[{i}].remaining", timer.remaining, TIMER_REMAINING)
        yield from _year(f"session.timers[{i}].ends_at", timer.ends_at)
    for i, entry in enumerate(session.timing_log):
        yield from _year(f"session.timing_log[{i}].started", entry.started)
        yield from _year(f"session.timing_log[{i}].stopped", entry.stopped)
    for i, contribution in enumerate(stored.contributions):
        yield from _number(f"contributions[{i}].votes", contribution.votes, VOTES)
        yield from _year(f"contributions[{i}].created", contribution.created)
        yield from _year(f"contributions[{i}].edited", contribution.edited)
    for i, agreement in enumerate(stored.agreements):
        yield from _year(f"agreements[{i}].created", agreement.created)
        due = agreement.due.on if agreement.due else None
        yield from _year(f"agreements[{i}].due", due, STORED_DAY_YEARS)
    for i, goal in enumerate(stored.goals):
        if goal.target_percent is not None:
            yield from _number(f"goals[{i}].target_percent", goal.target_percent, PERCENT)
        yield from _year(f"goals[{i}].by", goal.by, STORED_DAY_YEARS)
