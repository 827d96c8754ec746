"""A session's summary read without the schema library, when it is exactly as we write it.

Listing sessions (``workshop list``, the home screen) reads one small summary per session and
needs nothing else; loading msgspec and building the schema's readers for it took about a tenth
of ``workshop list``. A summary file as this program writes it (these keys, these types, dates
and moments in our own format) is read here with the standard library; anything else, however
small the difference, is left to the schema (``workshop.schema``), which stays the one
definition of the format and says what is wrong. A test checks that both read the same.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from workshop.limits import STORED_DAY_YEARS, YEARS
from workshop.summary import SessionSummary

_REQUIRED = frozenset({"id", "title", "location", "date", "phase", "phase_count", "updated"})
_KNOWN = _REQUIRED | {"series", "created"}
_DAY = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])-([0-2][0-9]|3[01])")
_MOMENT = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-([0-2][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(?:\.[0-9]{6})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)


def plain_summary(data: object) -> SessionSummary | None:
    """``data`` (a summary file's JSON) as a summary, or None: let the schema read it."""
    if type(data) is not dict or not _REQUIRED <= data.keys() <= _KNOWN:
        return None
    texts = (data["id"], data["title"], data["location"], data.get("series", ""))
    if any(type(text) is not str for text in texts):
        return None
    phase, phase_count = data["phase"], data["phase_count"]
    if type(phase) is not int or type(phase_count) is not int:
        return None
    day = _day(data["date"])
    updated = _moment(data["updated"])
    created = data.get("created")
    if created is not None and (created := _moment(created)) is None:
        return None
    if day is None or updated is None:
        return None
    return SessionSummary(
        id=texts[0],
        title=texts[1],
        location=texts[2],
        series=texts[3],
        day=day,
        phase=phase,
        phase_count=phase_count,
        updated=updated,
        created=created,
    )


def _day(value: object) -> date | None:
    if type(value) is not str or not (match := _DAY.fullmatch(value)):
        return None
    if not STORED_DAY_YEARS.lowest <= int(match[1]) <= STORED_DAY_YEARS.highest:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:  # the 31st of a shorter month, year 0
        return None


def _moment(value: object) -> datetime | None:
    if type(value) is not str or not (match := _MOMENT.fullmatch(value)):
        return None
    if not YEARS.lowest <= int(match[1]) <= YEARS.highest:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
