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
import importlib
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Self, Union

from workshop.limits import Range
from workshop.text import NAME_MAX, SHORT_MAX, TEMPLATE_TEXT_MAX, TEXT_MAX, TITLE_MAX


class _Marker:
    """The markers are plain classes: every domain module imports them, and a dataclass costs
    far more to define than to use."""

    __slots__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        values = ", ".join(repr(getattr(self, name)) for name in self.__slots__)
        return f"{type(self).__name__}({values})"


class Text(_Marker):
    """Text people type. ``required``: not empty or only spaces. ``lines``: a template text,
    which may hold line breaks and tabs; other texts are one line."""

    __slots__ = ("lines", "max_length", "required")

    def __init__(self, max_length: int, required: bool = False, lines: bool = False) -> None:
        self.max_length, self.required, self.lines = max_length, required, lines


class Code(_Marker):
    """An id or code: the pattern the whole value must match (no anchors: ``workshop.schema``
    adds them), and the Dutch reason when it does not."""

    __slots__ = ("pattern", "reason")

    def __init__(self, pattern: str, reason: str) -> None:
        self.pattern, self.reason = pattern, reason


class Bounded(_Marker):
    """A number inside ``range`` (``workshop.limits``)."""

    __slots__ = ("range",)

    def __init__(self, range: Range) -> None:
        self.range = range


class AtLeast(_Marker):
    """A whole number of at least ``lowest`` (an index; its upper end depends on the template)."""

    __slots__ = ("lowest",)

    def __init__(self, lowest: int) -> None:
        self.lowest = lowest


class When(_Marker):
    """A date or moment, written in a file as ISO text: one of the three below."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind


DAY = When("day")  # a date people typed ('2026-03-10'); a stored one may have an old typo's year
MOMENT = When("moment")  # a time with its time zone, set by the clock
DUE = When("due")  # when an agreement is due: a horizon ('volgende maand') or a typed day


class Reason(_Marker):
    """The Dutch reason for any value that does not fit (a constant, or made from the value)."""

    __slots__ = ("text",)

    def __init__(self, text: str | Callable[[object], str]) -> None:
        self.text = text

    def __call__(self, value: object) -> str:
        return self.text(value) if callable(self.text) else self.text


class NonEmpty(_Marker):
    """A list with at least one item; ``reason`` when it is empty."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class EncodedAs(_Marker):
    """The field's name in a file, when it differs from the attribute (``day`` is 'date')."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Shape(_Marker):
    """A plain dict that must have the shape of a type (the session's copy of its template),
    named as 'module:Type' so that the domain module need not import it."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    def of(self) -> type:
        module, name = self.path.split(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


class _Flag(_Marker):
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# The field came after the first version: files written before it still read, with the default.
# Every other field must be present.
ADDED_LATER = _Flag("ADDED_LATER")
# The id of a built-in scan. A stored file may name any scan (a later version may have dropped
# one); an imported file only those this version knows.
KNOWN_SCAN = _Flag("KNOWN_SCAN")

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


class FieldSpec(_Marker):
    """One field of a schema type, as ``workshop.schema`` and ``schema_errors`` read it."""

    __slots__ = ("encoded", "field", "hint", "name")

    def __init__(self, name: str, encoded: str, hint: Any, field: dataclasses.Field[Any]) -> None:
        self.name = name  # the attribute
        self.encoded = encoded  # the name in a file
        self.hint = hint  # the annotated type
        self.field = field


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
    its own): the plain data as stored, and back (only the types checked, as the data is the
    app's own: files are read with ``workshop.schema.decode``)."""

    def to_dict(self) -> dict[str, Any]:
        return _schema().encode(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: object) -> Self:
        """Raises ValueError (``workshop.schema.Invalid``) when ``data`` does not fit."""
        schema = _schema()
        return schema.decode(data, cls, schema.TRUSTED)  # type: ignore[no-any-return]


@functools.cache
def _schema() -> types.ModuleType:
    """workshop.schema, imported on first use: it imports msgspec, and it imports this module."""
    import workshop.schema

    return workshop.schema
