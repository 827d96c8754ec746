"""What a field of the session format may hold, beyond its Python type: the words of the schema.

The session's types (``workshop.model``, ``goals``, ``scan``, ``template``) are the schema. Their
fields carry these markers in ``typing.Annotated``, for example
``title: Annotated[str, Text(TITLE_MAX, required=True)]`` or ``votes: Annotated[int,
Bounded(VOTES)]``. ``workshop.schema`` turns the types into msgspec decoders (and the JSON Schema
in ``data/session.schema.json``); ``workshop.schema_errors`` turns a refusal into one Dutch line.
msgspec itself ignores these markers, so the types stay plain dataclasses.

This module imports nothing heavy: every domain module imports it.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Self, Union

from workshop.limits import Range
from workshop.text import NAME_MAX, SHORT_MAX, TEMPLATE_TEXT_MAX, TEXT_MAX, TITLE_MAX


@dataclass(frozen=True)
class Text:
    """Text people type. ``required``: not empty or only spaces. ``lines``: a template text,
    which may hold line breaks and tabs; other texts are one line."""

    max_length: int
    required: bool = False
    lines: bool = False


@dataclass(frozen=True)
class Code:
    """An id or code: the pattern the whole value must match (no anchors: ``workshop.schema``
    adds them), and the Dutch reason when it does not."""

    pattern: str
    reason: str


@dataclass(frozen=True)
class Bounded:
    """A number inside ``range`` (``workshop.limits``)."""

    range: Range


@dataclass(frozen=True)
class AtLeast:
    """A whole number of at least ``lowest`` (an index; its upper end depends on the template)."""

    lowest: int


@dataclass(frozen=True)
class When:
    """A date or moment, written in the file as ISO text.

    ``day``: a date people typed ('2026-03-10'); a stored file may hold an old typo in its year.
    ``moment``: a time with its time zone, set by the clock.
    ``due``: when an agreement is due: a horizon ('volgende maand') or a typed day.
    """

    kind: str


DAY = When("day")
MOMENT = When("moment")
DUE = When("due")


@dataclass(frozen=True)
class Reason:
    """The Dutch reason for any value that does not fit (a constant, or made from the value)."""

    text: str | Callable[[object], str]

    def __call__(self, value: object) -> str:
        return self.text(value) if callable(self.text) else self.text


@dataclass(frozen=True)
class NonEmpty:
    """A list with at least one item; ``reason`` when it is empty."""

    reason: str


@dataclass(frozen=True)
class EncodedAs:
    """The field's name in a file, when it differs from the attribute (``day`` is 'date')."""

    name: str


@dataclass(frozen=True)
class Shape:
    """A plain dict that must have the shape of ``of`` (the session's copy of its template)."""

    of: type


class _AddedLater:
    """The field came after the first version: files written before it still read, with the
    default. Every other field must be present."""

    def __repr__(self) -> str:
        return "ADDED_LATER"


ADDED_LATER = _AddedLater()


class _KnownScan:
    """The id of a built-in scan. A stored file may name any scan (a later version may have
    dropped one); an imported file only those this version knows."""

    def __repr__(self) -> str:
        return "KNOWN_SCAN"


KNOWN_SCAN = _KnownScan()

ITEM_ID_PATTERN = r"[A-Za-z0-9_-]{1,64}"
SESSION_ID_PATTERN = r"[a-z0-9][a-z0-9-]{2,63}"

ItemId = Annotated[str, Code(ITEM_ID_PATTERN, "de id moet 1 tot 64 letters, cijfers, - of _ zijn.")]
SessionId = Annotated[
    str,
    Code(
        SESSION_ID_PATTERN,
        "de code moet 3 tot 64 tekens zijn: kleine letters, cijfers en streepjes, "
        "beginnend met een letter of cijfer.",
    ),
]
Index = Annotated[int, AtLeast(0)]
Day = Annotated[date, DAY]
Moment = Annotated[datetime, MOMENT]

Title = Annotated[str, Text(TITLE_MAX, required=True)]
Name = Annotated[str, Text(NAME_MAX)]
RequiredName = Annotated[str, Text(NAME_MAX, required=True)]
Short = Annotated[str, Text(SHORT_MAX)]
RequiredShort = Annotated[str, Text(SHORT_MAX, required=True)]
Long = Annotated[str, Text(TEXT_MAX)]
RequiredLong = Annotated[str, Text(TEXT_MAX, required=True)]
TemplateText = Annotated[str, Text(TEMPLATE_TEXT_MAX, lines=True)]
RequiredTemplateText = Annotated[str, Text(TEMPLATE_TEXT_MAX, required=True, lines=True)]


# -- reading the annotations ----------------------------------------------------------------------


def split(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """``Annotated[X, a, b]`` as ``(X, (a, b))``; any other type with no markers."""
    if typing.get_origin(hint) is Annotated:
        return hint.__origin__, hint.__metadata__
    return hint, ()


def is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType)


def marker(extras: tuple[Any, ...], kind: type) -> Any:
    return next((m for m in extras if isinstance(m, kind)), None)


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a schema type, as ``workshop.schema`` and ``schema_errors`` read it."""

    name: str  # the attribute
    encoded: str  # the name in a file
    hint: Any  # the annotated type of the dataclass field
    field: dataclasses.Field[Any]


@functools.cache
def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    specs = []
    for f in dataclasses.fields(cls):
        hint = hints(cls)[f.name]
        encoded = marker(split(hint)[1], EncodedAs)
        specs.append(FieldSpec(f.name, encoded.name if encoded else f.name, hint, f))
    return tuple(specs)


class Record:
    """``to_dict``/``from_dict`` for every type of the schema, made from the type (no type writes
    its own): the plain data as stored, and back, checked as a stored file is."""

    def to_dict(self) -> dict[str, Any]:
        from workshop.schema import encode

        return encode(self)

    @classmethod
    def from_dict(cls, data: object) -> Self:
        """Raises ValueError (msgspec.ValidationError) when ``data`` does not fit."""
        from workshop.schema import STORED, decode

        return decode(data, cls, STORED)
