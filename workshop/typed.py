"""What people type into a field, read as a value: dates, due moments, choices, names, numbers.

One place for it, so every form reads "14-3-2026" or "volg" the same way. Each function takes the
text as typed and either returns the value or raises ValidationError(field, message) with a
message in plain Dutch that says how to write it.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TypeVar

from workshop.errors import ValidationError
from workshop.limits import PERCENT, YEARS_TEXT, year_fits
from workshop.model import Due, Horizon
from workshop.text import clean_line

E = TypeVar("E", bound=StrEnum)

DATE_EXAMPLE = "14-03-2026"
DATE_HINT = f"Schrijf de datum als dag-maand-jaar, bijvoorbeeld {DATE_EXAMPLE}."
DUE_HINT = "Dit is geen termijn en geen datum. Typ bijvoorbeeld: volgende maand, of 01-10-2026."
PERCENT_HINT = f"Het percentage moet een heel getal {PERCENT.text} zijn."
COUNT_HINT = "Vul een aantal in, bijvoorbeeld 3. Of laat het leeg."

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PERCENT = re.compile(r"^(\d{1,3})\s*%?$")


def _plain(text: str) -> str:
    """The typed text without control characters and with single spaces."""
    return " ".join(clean_line(text).split())


def _date_parts(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) when the text has the shape of a date, else None."""
    if match := _DAY_FIRST.match(value):
        day, month, year = match.groups()
    elif match := _ISO.match(value):
        year, month, day = match.groups()
    else:
        return None
    return int(year), int(month), int(day)


def _real_date(parts: tuple[int, int, int], value: str, field: str) -> date:
    try:
        day = date(*parts)
    except ValueError:
        raise ValidationError(field, f"De datum {value} bestaat niet. {DATE_HINT}") from None
    if not year_fits(day):
        raise ValidationError(field, f"De datum {value} moet {YEARS_TEXT} liggen.")
    return day


def parse_date(text: str, field: str = "datum") -> date:
    """A date typed as dd-mm-jjjj (also with / or . between the numbers) or as jjjj-mm-dd."""
    value = _plain(text)
    parts = _date_parts(value)
    if parts is None:
        raise ValidationError(field, DATE_HINT)
    return _real_date(parts, value, field)


def _pick(value: str, choices: list[E]) -> E | None:
    """The choice typed in full, or the only one that starts with what was typed."""
    wanted = value.casefold()
    for choice in choices:
        if choice.value.casefold() == wanted:
            return choice
    starts = [choice for choice in choices if choice.value.casefold().startswith(wanted)]
    return starts[0] if len(starts) == 1 else None


def parse_due(text: str, field: str = "wanneer") -> Due | None:
    """When an agreement is due: nothing, a horizon (or its first letters), or a date."""
    value = _plain(text)
    if not value:
        return None
    horizon = _pick(value, list(Horizon))
    if horizon is not None:
        return Due(horizon=horizon)
    parts = _date_parts(value)
    if parts is None:
        raise ValidationError(field, DUE_HINT)
    return Due(on=_real_date(parts, value, field))


def parse_choice(text: str, choices: type[E], field: str, label: str) -> E | None:
    """One value of a fixed list, typed in full or by its first letters; empty is none.

    ``label`` starts the message, e.g. "De status" gives "De status kan zijn: open, bezig, ...".
    """
    value = _plain(text)
    if not value:
        return None
    picked = _pick(value, list(choices))
    if picked is None:
        names = ", ".join(choice.value for choice in choices)
        raise ValidationError(field, f"{label} kan zijn: {names}. Of laat het leeg.")
    return picked


def parse_names(text: str) -> list[str]:
    """Names typed on one line with commas between them; empty pieces are skipped."""
    return [name for name in (_plain(piece) for piece in text.split(",")) if name]


def parse_percent(text: str, field: str = "percentage") -> int | None:
    """A whole percentage from 0 to 100, with or without "%"; empty is none."""
    value = _plain(text)
    if not value:
        return None
    match = _PERCENT.match(value)
    if match is None or int(match.group(1)) not in PERCENT:
        raise ValidationError(field, PERCENT_HINT)
    return int(match.group(1))


def parse_count(text: str, field: str, maximum: int) -> int:
    """A number of people or things, 0 up to ``maximum``; empty is 0."""
    value = _plain(text)
    if not value:
        return 0
    if not value.isdecimal() or not value.isascii():
        raise ValidationError(field, COUNT_HINT)
    count = int(value)
    if count > maximum:
        raise ValidationError(field, f"Dat zijn te veel. Het maximum is {maximum}.")
    return count
