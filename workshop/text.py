"""Cleaning and checking of text that users type.

Everything typed is kept as written (any script, emoji, combining characters), except control
characters: those could move the cursor or change colours when shown in a terminal, so they are
removed (tabs and line breaks in one-line fields become a space). So are the invisible characters
that turn the reading direction around or hide between letters (``workshop.visible.INVISIBLE``):
with them one title can look exactly like another. Zero-width (non-)joiners stay, as emoji and
Persian or Arabic words need them, except at the start or end of a line where they only hide.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from workshop.errors import ValidationError
from workshop.visible import INVISIBLE

# Limits per kind of field, in characters.
NAME_MAX = 80
TITLE_MAX = 120
SHORT_MAX = 200
TEXT_MAX = 2000
TEMPLATE_TEXT_MAX = 10_000  # a text in a template: a name, a question, a tip

_LINE_BREAKS = re.compile(r"[\t\n\r\v\f\u0085\u2028\u2029]+")


def _is_control(char: str) -> bool:
    # Cc: C0/C1 controls incl. ESC; Cs: lone surrogates, which cannot be encoded.
    return unicodedata.category(char) in ("Cc", "Cs")


_JOINERS = "\u200c\u200d"


def clean_line(value: str) -> str:
    """One line of text: line breaks become spaces, control and invisible characters go, ends
    trimmed."""
    if value.isprintable():  # no break, control or invisible character: the common case, fast
        return value.strip()
    value = _LINE_BREAKS.sub(" ", value)
    value = "".join(ch for ch in value if not (_is_control(ch) or ch in INVISIBLE)).strip()
    while value != (trimmed := value.strip(_JOINERS).strip()):
        value = trimmed
    return value


def is_forbidden_in_line(ch: str) -> bool:
    """What a stored one-line text may not hold (what ``clean_line`` takes out)."""
    # Cc: control characters incl. tab and newline; Cs: lone surrogates; Zl/Zp: line breaks.
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in INVISIBLE


# The same characters as ranges for a regular expression, for the schema's patterns
# (workshop.schema); a test checks that both say the same for every character.
FORBIDDEN_IN_LINE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(
    f"\\u{ord(ch):04x}" for ch in sorted(INVISIBLE)
)
FORBIDDEN_IN_TEXT = FORBIDDEN_IN_LINE.replace(r"\x00-\x1f", r"\x00-\x08\x0b-\x1f", 1)


def is_forbidden_in_text(ch: str) -> bool:
    """What a template text may not hold: as a line, but line breaks and tabs are allowed."""
    return ch not in "\n\t" and is_forbidden_in_line(ch)


def check_length(value: str, limit: int, field: str, label: str) -> str:
    if len(value) > limit:
        raise ValidationError(
            field, f"{label} is te lang: {len(value)} tekens, het maximum is {limit}."
        )
    return value


def required_line(value: str, limit: int, field: str, label: str) -> str:
    """A one-line field that may not be empty."""
    value = clean_line(value)
    if not value:
        raise ValidationError(field, f"{label} is verplicht.")
    return check_length(value, limit, field, label)


def optional_line(value: str | None, limit: int, field: str, label: str) -> str:
    """A one-line field that may be empty ("" when nothing was given)."""
    return check_length(clean_line(value or ""), limit, field, label)


def format_date(day: date) -> str:
    """A date as every screen, form and export shows it (and forms read it back): dd-mm-jjjj."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def format_moment(moment: datetime) -> str:
    """A date with its time: dd-mm-jjjj uu:mm."""
    return f"{format_date(moment.date())} {moment:%H:%M}"
