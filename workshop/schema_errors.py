"""Why a value does not fit the session format, in one Dutch line that names the field.

msgspec says what went wrong in English, with a path: "Invalid enum value 'ouders' - at
`$.contributions[3].group`". ``explain`` follows that path through the schema's types and the
value, and says it the way the import has always said it: the field as
``contributions[3].group`` (positions counted from 0, as in JSON Path) and a reason made from
what the type allows ("kies uit 'team', 'ouderpanel'."), not from msgspec's wording. Only two of
msgspec's messages are read: a missing and an unknown field, whose name is not in the path.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date
from enum import Enum
from typing import Any

from workshop.limits import YEARS_TEXT
from workshop.schema_types import (
    DAY,
    DUE,
    MOMENT,
    AtLeast,
    Bounded,
    Code,
    NonEmpty,
    Reason,
    Shape,
    Text,
    When,
    field_specs,
    is_union,
    marker,
    split,
)
from workshop.text import is_forbidden_in_line, is_forbidden_in_text
from workshop.visible import visible

# What kind of problem; the store words its messages by it (workshop.stored_session).
MISSING, UNKNOWN, OUT_OF_RANGE, WRONG, DUPLICATE = "missing", "unknown", "range", "wrong", "twice"

NOT_TEXT = "dit moet een tekst tussen aanhalingstekens zijn."
NOT_A_LIST = "dit moet een lijst zijn, tussen [ en ]."
NOT_AN_OBJECT = "dit moet een object zijn, tussen { en }."
_HIDDEN = "een stuurteken of een onzichtbaar teken (zoals een teken dat de leesrichting omdraait)"
_KEY_SHOWN = 40  # an unknown field's name in a message: at most this many characters

_AT = re.compile(r"(.*) - at `(\$[^`]*)`", re.S)
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")
_MISSING = re.compile(r"Object missing required field `(.*)`", re.S)
_UNKNOWN = re.compile(r"Object contains unknown field `(.*)`", re.S)


class Invalid(ValueError):
    """A value that does not fit: ``field`` is its path, ``reason`` says why in Dutch."""

    def __init__(
        self,
        field: str,
        reason: str,
        kind: str = WRONG,
        value: object = None,
        steps: list[str | int] | None = None,
    ) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.kind = kind
        self.value = value
        self.steps = steps or []  # the field as a path: ["contributions", 3, "group"]


def field_path(steps: list[str | int]) -> str:
    """['contributions', 3, 'group'] as 'contributions[3].group'; no steps: '$'."""
    path = ""
    for step in steps:
        path += f"[{step}]" if isinstance(step, int) else (f".{step}" if path else step)
    return path or "$"


def short(value: object) -> str:
    """A value from a file, shown in a message: simple values only, and not too long."""
    import json

    if isinstance(value, (str, int, float, bool)) or value is None:
        try:
            shown = json.dumps(value, ensure_ascii=False)
        except ValueError:  # an int too long to write out
            return "een heel groot getal"
        return shown if len(shown) <= 20 else shown[:19] + "…"
    return "(geen getal)"


# -- following the path ----------------------------------------------------------------------------


@dataclasses.dataclass
class _Where:
    """A place in the value and in its type: where the path has led so far."""

    hint: Any
    value: object
    steps: list[str | int]
    encoded: bool  # the value is file data (names as in the file), not a wire object

    def step(self, step: str | int) -> _Where:
        base = _member(split(self.hint)[0])
        if isinstance(step, int):
            item = typing.get_args(base)[0] if typing.get_args(base) else Any
            inside = isinstance(self.value, list) and step < len(self.value)
            value = self.value[step] if inside else None  # type: ignore[index]
            return _Where(item, value, [*self.steps, step], self.encoded)
        cls = _class_of(self.hint)
        for spec in field_specs(cls) if cls else ():
            if step in (spec.encoded if self.encoded else spec.name, spec.encoded):
                if isinstance(self.value, dict):
                    value = self.value.get(spec.encoded)
                else:
                    value = getattr(self.value, spec.name, None)
                return _Where(spec.hint, value, [*self.steps, spec.encoded], self.encoded)
        return _Where(Any, None, [*self.steps, step], self.encoded)

    def names(self) -> list[str]:
        """The fields that may be here (for an unknown one)."""
        cls = _class_of(self.hint)
        return [spec.encoded for spec in field_specs(cls)] if cls else []


def _member(base: Any) -> Any:
    """``X | None`` as X: the path goes on inside the value, not inside the None."""
    if is_union(base):
        members = [m for m in typing.get_args(base) if m is not type(None)]
        if len(members) == 1:
            return split(members[0])[0]
    return base


def _class_of(hint: Any) -> type | None:
    base, extras = split(hint)
    if (shape := marker(extras, Shape)) is not None:
        return shape.of  # type: ignore[no-any-return]
    base = _member(base)
    return base if dataclasses.is_dataclass(base) else None  # type: ignore[return-value]


def explain(error: Exception, hint: Any, source: object, *, encoded: bool) -> Invalid:
    """msgspec's ``error`` for ``source`` (read as ``hint``) as an ``Invalid``."""
    text = str(error)
    found = _AT.fullmatch(text)
    message, at = (found.group(1), found.group(2)) if found else (text, "$")
    where = _Where(hint, source, [], encoded)
    for name, index in _STEP.findall(at[1:]):
        where = where.step(name or int(index))
    if missing := _MISSING.fullmatch(message):
        steps = [*where.steps, missing.group(1)]
        return Invalid(field_path(steps), "dit veld ontbreekt.", MISSING, steps=steps)
    if unknown := _UNKNOWN.fullmatch(message):
        import difflib

        key = unknown.group(1)
        close = difflib.get_close_matches(key, where.names(), n=1) if len(key) < 100 else []
        names = where.names()
        advice = f" Bedoel je '{close[0]}'?" if close else f" Kies uit: {', '.join(names)}."
        steps = [*where.steps, visible(key, _KEY_SHOWN)]
        return Invalid(field_path(steps), f"dit veld is onbekend.{advice}", UNKNOWN, steps=steps)
    reason, kind = describe(where.hint, where.value)
    return Invalid(field_path(where.steps), reason, kind, where.value, where.steps)


# -- what a type allows, in words ------------------------------------------------------------------


def describe(hint: Any, value: object) -> tuple[str, str]:
    """Why ``value`` does not fit ``hint``, and whether it is a number or date out of range."""
    base, extras = split(hint)
    if (reason := marker(extras, Reason)) is not None:
        return reason(value), WRONG
    nullable = False
    if is_union(base):
        members = [m for m in typing.get_args(base) if m is not type(None)]
        nullable = len(members) < len(typing.get_args(base))
        if len(members) == 1:
            base, extras = split(members[0])
            if (reason := marker(extras, Reason)) is not None:
                return reason(value), WRONG
    or_null = ", of null" if nullable else ""
    if (when := marker(extras, When)) is not None:
        return _when(when, or_null), (OUT_OF_RANGE if _is_date(value) else WRONG)
    if (text := marker(extras, Text)) is not None:
        return _text(text, value), WRONG
    if (code := marker(extras, Code)) is not None:
        if not isinstance(value, str):
            return NOT_TEXT, WRONG
        return code.reason.removesuffix(".") + f"{or_null}.", WRONG
    if (bounded := marker(extras, Bounded)) is not None:
        number = "een heel getal" if bounded.range.whole else "een getal"
        kind = OUT_OF_RANGE if _is_number(value) else WRONG
        return f"dit moet {number} zijn {bounded.range.text}{or_null}.", kind
    if (least := marker(extras, AtLeast)) is not None:
        return f"dit moet een heel getal zijn van {least.lowest} of meer{or_null}.", WRONG
    return _plain(base, extras, value, nullable), WRONG


def _plain(base: Any, extras: tuple[Any, ...], value: object, nullable: bool) -> str:
    choices: list[object] | None = None
    if isinstance(base, type) and issubclass(base, Enum):
        choices = [member.value for member in base]
    elif typing.get_origin(base) is typing.Literal:
        choices = list(typing.get_args(base))
    if choices is not None:
        shown = ", ".join(f"'{choice}'" for choice in choices)
        return f"kies uit {shown}{' of null' if nullable else ''}."
    if base is bool:
        return "dit moet true of false zijn."
    if typing.get_origin(base) in (list, tuple):
        if (non_empty := marker(extras, NonEmpty)) is not None and value == []:
            return non_empty.reason  # type: ignore[no-any-return]
        return NOT_A_LIST
    if marker(extras, Shape) is not None or dataclasses.is_dataclass(base):
        return NOT_AN_OBJECT
    return "deze waarde klopt niet."


def _when(when: When, or_null: str) -> str:
    if when == MOMENT:
        return (
            "dit moet een tijdstip met tijdzone zijn, zoals '2026-03-10T09:30:00+01:00', "
            f"{YEARS_TEXT}{or_null}."
        )
    if when == DUE:
        from workshop.model import Horizon

        horizons = ", ".join(f"'{h.value}'" for h in Horizon)
        return f"kies uit {horizons}, een datum als '2026-10-01' ({YEARS_TEXT}), of null."
    assert when == DAY
    return f"dit moet een datum zijn, zoals '2026-03-10', {YEARS_TEXT}{or_null}."


def _text(text: Text, value: object) -> str:
    if not isinstance(value, str):
        return NOT_TEXT
    if text.lines and any(map(is_forbidden_in_text, value)):
        return f"deze tekst bevat {_HIDDEN}. Dat mag hier niet."
    if not text.lines and any(map(is_forbidden_in_line, value)):
        return f"deze tekst bevat een regeleinde of {_HIDDEN}. Dat mag hier niet."
    if text.required and not value.strip():
        return "deze tekst mag niet leeg zijn."
    if len(value) > text.max_length:
        return f"deze tekst is te lang: {len(value)} tekens, het maximum is {text.max_length}."
    return "deze tekst klopt niet."


def _is_number(value: object) -> bool:
    return type(value) in (int, float)


def _is_date(value: object) -> bool:
    """A date written as the app writes it, only its year out of range."""
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True
