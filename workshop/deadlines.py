"""When an agreement is due, as a date, also when it was agreed as "volgende week".

A horizon (``deze week``, ``volgende week``, ``volgende maand``, ``binnen een half jaar``) is
counted from the day of the session in which the agreement was made (``Agreement.made_on``; for
files from before that field: the day it was typed in). It stays the same date when the agreement
is brought along to later sessions. The rule per horizon: deze week +7 days, volgende week +14
days, volgende maand +1 month, binnen een half jaar +6 months (the last day of a shorter month
when the day does not exist).

Everywhere an agreement's moment is shown, the horizon comes with its date:
"volgende week (uiterlijk 14-12-2026)" on screen and in the command line,
"volgende week (uiterlijk 14 december 2026)" in documents (``workshop.dates``).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from workshop.dates import long_date, short_date
from workshop.model import Agreement, Horizon, Status

OPEN_STATUSES = (Status.OPEN, Status.BEZIG)


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def made_on(agreement: Agreement) -> date:
    """The day the agreement was made: its session's day, or else the day it was typed in."""
    return agreement.made_on or agreement.created.date()


def due_day(agreement: Agreement) -> date | None:
    """The day an agreement is due: its date, or its horizon counted from ``made_on``.

    None when it has no due moment at all.
    """
    due = agreement.due
    if due is None:
        return None
    if due.on is not None:
        return due.on
    made = made_on(agreement)
    if due.horizon is Horizon.DEZE_WEEK:
        return made + timedelta(days=7)
    if due.horizon is Horizon.VOLGENDE_WEEK:
        return made + timedelta(days=14)
    if due.horizon is Horizon.VOLGENDE_MAAND:
        return add_months(made, 1)
    return add_months(made, 6)


def due_text(agreement: Agreement, *, document: bool = False) -> str:
    """ "volgende week (uiterlijk 14-12-2026)", "14-12-2026", or "" when there is no moment.

    ``document``: dates written out, as in the plan ("14 december 2026").
    """
    day = due_day(agreement)
    if day is None or agreement.due is None:
        return ""
    written = long_date(day) if document else short_date(day)
    if agreement.due.horizon is None:
        return written
    return f"{agreement.due.horizon.value} (uiterlijk {written})"


def is_overdue(agreement: Agreement, on: date) -> bool:
    """Still open or in progress on ``on`` while its due day has passed."""
    day = due_day(agreement)
    return agreement.status in OPEN_STATUSES and day is not None and day < on
