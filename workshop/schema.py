"""Reading and writing the session format, made from its types with msgspec.

The types in ``workshop.model``, ``goals``, ``scan`` and ``template`` are the schema: their fields'
annotations (``workshop.schema_types``) say what each may hold. From them this module makes the
decoders for three kinds of file:

``STRICT``   a session file from elsewhere (``workshop import``): every field must be there
             (except those ``ADDED_LATER``), nothing unknown, every text, code, number and date
             as the app writes it. ``data/session.schema.json`` describes exactly this.
``STORED``   the app's own files (the rows of session.json, summary.json): unknown fields are
             ignored and texts and codes need only be text, so what an older version wrote (a
             character refused since, say) still opens; numbers and dates must be in range, and
             a typed day may have the wider years of ``STORED_DAY_YEARS``.
``CONTENT``  a template file (TOML): a field with a default may be left out.
``TRUSTED``  data the app itself made a moment ago (``Record.from_dict``): as ``STORED``, but
             only the types are checked, no ranges.

Reading is two msgspec passes: ``convert`` into a "wire" Struct made from the type for that kind
of file (the constraints, the names as in the file), then into the dataclass itself (dates
parsed, ``Due`` read). A refusal in either becomes ``Invalid`` with the field's path and a Dutch
reason (``workshop.schema_errors``). Checks between fields are in ``workshop.session_checks``.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union

import msgspec

from workshop.limits import STORED_DAY_YEARS, YEARS, Range
from workshop.schema_types import (
    ADDED_LATER,
    DUE,
    KNOWN_SCAN,
    MOMENT,
    AtLeast,
    Bounded,
    Code,
    FieldSpec,
    NonEmpty,
    Shape,
    Text,
    When,
    field_specs,
    is_union,
    marker,
    split,
)
from workshop.text import FORBIDDEN_IN_LINE, FORBIDDEN_IN_TEXT

__all__ = [
    "CONTENT",
    "STORED",
    "STRICT",
    "TRUSTED",
    "build",
    "decode",
    "encode",
    "wire_type",
]

STRICT = "strict"
STORED = "stored"
CONTENT = "content"
TRUSTED = "trusted"

_END = r"(?![\s\S])"  # the end of the text; '$' would also allow a line break before it


def whole(pattern: str) -> str:
    """A pattern that must match the whole value, in Python and in JSON Schema alike."""
    return f"^(?:{pattern}){_END}"


def digits_pattern(lowest: int, highest: int, width: int = 4) -> str:
    """A pattern for the numbers from ``lowest`` to ``highest``, written with ``width`` digits."""
    return _digits(f"{lowest:0{width}d}", f"{highest:0{width}d}")


def _digits(low: str, high: str) -> str:
    """Numbers from ``low`` to ``high``, both with the same number of digits: by first digit."""
    width = len(low)
    if low == "0" * width and high == "9" * width:
        return _any(width)
    if width == 1:
        return _span(int(low), int(high))
    if low[0] == high[0]:
        return low[0] + _group(_digits(low[1:], high[1:]))
    rest = width - 1
    parts = [low[0] + _group(_digits(low[1:], "9" * rest))]
    if int(high[0]) - int(low[0]) > 1:
        parts.append(_span(int(low[0]) + 1, int(high[0]) - 1) + _any(rest))
    parts.append(high[0] + _group(_digits("0" * rest, high[1:])))
    return "|".join(parts)


def _any(width: int) -> str:
    return "[0-9]" if width == 1 else f"[0-9]{{{width}}}"


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"[{low}-{high}]"


def _group(pattern: str) -> str:
    return f"(?:{pattern})" if "|" in pattern else pattern


def _day(years: Range) -> str:
    return f"(?:{digits_pattern(years.lowest, years.highest)})-[0-9]{{2}}-[0-9]{{2}}"


_MOMENT = _day(YEARS) + r"T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})"


def _when_pattern(when: When, mode: str) -> str:
    day = _day(STORED_DAY_YEARS if mode == STORED else YEARS)
    if when == MOMENT:
        # The store checks only the year here: the second pass parses the rest, as before.
        return f"^{_day(YEARS)}T" if mode == STORED else whole(_MOMENT)
    if when == DUE:
        from workshop.model import Horizon

        return whole("|".join([*(h.value for h in Horizon), day]))
    return whole(day)


def text_pattern(text: Text) -> str:
    """What a text may hold: no forbidden characters, and not only spaces when required."""
    forbidden = FORBIDDEN_IN_TEXT if text.lines else FORBIDDEN_IN_LINE
    not_blank = r"(?=[\s\S]*\S)" if text.required else ""
    return f"^{not_blank}[^{forbidden}]*{_END}"


# -- the wire types --------------------------------------------------------------------------------


@functools.cache
def wire_struct(cls: type, mode: str) -> type[msgspec.Struct]:
    """The msgspec Struct that reads ``cls`` from a file of this kind."""
    fields = []
    for spec in field_specs(cls):
        fields.append((spec.name, wire_type(spec.hint, mode), _wire_field(spec, mode)))
    return msgspec.defstruct(
        cls.__name__, fields, kw_only=True, forbid_unknown_fields=mode in (STRICT, CONTENT)
    )


def _wire_field(spec: FieldSpec, mode: str) -> Any:
    """Required, or with the dataclass's default where the field may be left out of the file."""
    f, missing = spec.field, dataclasses.MISSING
    has_default = f.default is not missing or f.default_factory is not missing
    may_be_left_out = has_default if mode == CONTENT else ADDED_LATER in split(spec.hint)[1]
    if not may_be_left_out:
        return msgspec.field(name=spec.encoded)
    if f.default is not missing:
        return msgspec.field(name=spec.encoded, default=f.default)
    return msgspec.field(name=spec.encoded, default_factory=f.default_factory)


def wire_type(hint: Any, mode: str) -> Any:
    """The type msgspec checks a value against, for a field annotated ``hint``."""
    base, extras = split(hint)
    if is_union(base):
        return Union[tuple(wire_type(member, mode) for member in typing.get_args(base))]  # noqa: UP007
    origin = typing.get_origin(base)
    meta: dict[str, Any] = {}
    if origin in (list, tuple):
        wire: Any = list[wire_type(typing.get_args(base)[0], mode)]  # type: ignore[misc]
        if marker(extras, NonEmpty):
            meta["min_length"] = 1
    elif (shape := marker(extras, Shape)) is not None:
        wire = wire_struct(shape.of, mode)
    elif dataclasses.is_dataclass(base):
        wire = wire_struct(base, mode)  # type: ignore[arg-type]
    elif (when := marker(extras, When)) is not None:
        wire, meta["pattern"] = str, _when_pattern(when, mode)
    elif base is str:
        wire = str
        if mode in (STRICT, CONTENT):  # stored texts: as an older version may have written them
            _string_meta(extras, meta)
    elif (bounded := marker(extras, Bounded)) is not None:
        wire, meta["ge"], meta["le"] = base, bounded.range.lowest, bounded.range.highest
    elif (least := marker(extras, AtLeast)) is not None:
        wire, meta["ge"] = base, least.lowest
    else:
        wire = base  # enums, Literal, bool
    if mode == STRICT and KNOWN_SCAN in extras:
        wire = Literal[tuple(_scan_ids())]  # type: ignore[valid-type]
    if mode == TRUSTED:
        meta = {}
    return Annotated[wire, msgspec.Meta(**meta)] if meta else wire


def _string_meta(extras: tuple[Any, ...], meta: dict[str, Any]) -> None:
    if (text := marker(extras, Text)) is not None:
        meta["max_length"], meta["pattern"] = text.max_length, text_pattern(text)
    elif (code := marker(extras, Code)) is not None:
        meta["pattern"] = whole(code.pattern)


def _scan_ids() -> list[str]:
    from workshop.scan import builtin_scans

    return [scan.id for scan in builtin_scans()]


# -- reading and writing ---------------------------------------------------------------------------


def __getattr__(name: str) -> Any:
    # Invalid and its Dutch reasons are loaded only when something is refused: listing sessions
    # reads a hundred good summaries and has no use for them.
    if name == "Invalid":
        from workshop.schema_errors import Invalid

        return Invalid
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _reader(hint: Any, mode: str) -> tuple[Any, bool]:
    """What ``decode`` checks ``hint`` against, and whether it has ``Shape`` fields: worked out
    once per type and kind of file, not for every value read."""
    return wire_type(hint, mode), _has_shape(hint)


def decode(data: object, hint: Any, mode: str) -> Any:
    """``data`` (plain JSON or TOML values) as ``hint`` (a dataclass, or a list of them).

    Raises ``Invalid`` for the first value that does not fit.
    """
    wire_hint, shaped = _reader(hint, mode)
    try:
        wire = msgspec.convert(data, wire_hint)
    except msgspec.ValidationError as error:
        raise _explain(error, hint, data, encoded=True) from None
    if shaped:
        for holder, name in _shaped(wire, hint):
            # A dict in the dataclass: as plain data, with what a missing field defaults to.
            setattr(holder, name, msgspec.json.decode(msgspec.json.encode(getattr(holder, name))))
    try:
        return build(wire, hint)
    except msgspec.ValidationError as error:
        raise _explain(error, hint, wire, encoded=False) from None


def _explain(error: Exception, hint: Any, source: object, *, encoded: bool) -> Exception:
    from workshop.schema_errors import explain

    return explain(error, hint, source, encoded=encoded)


def build(wire: object, hint: Any) -> Any:
    """The second pass: the dataclasses themselves, from wire Structs that passed the first."""
    return msgspec.convert(wire, hint, from_attributes=True, dec_hook=_from_text)


def _shaped(value: object, hint: Any) -> Iterator[tuple[object, str]]:
    """Every (wire object, attribute) below ``value`` that holds a ``Shape`` field."""
    base, _ = split(hint)
    if typing.get_origin(base) in (list, tuple):
        if _has_shape(typing.get_args(base)[0]):
            for item in value:  # type: ignore[attr-defined]
                yield from _shaped(item, typing.get_args(base)[0])
        return
    if not dataclasses.is_dataclass(base):
        return
    for spec in field_specs(base):  # type: ignore[arg-type]
        if marker(split(spec.hint)[1], Shape):
            yield value, spec.name
        elif _has_shape(spec.hint):
            yield from _shaped(getattr(value, spec.name), spec.hint)


@functools.cache
def _has_shape(hint: Any) -> bool:
    base, extras = split(hint)
    if marker(extras, Shape):
        return True
    if typing.get_origin(base) in (list, tuple):
        return _has_shape(typing.get_args(base)[0])
    if dataclasses.is_dataclass(base):
        return any(_has_shape(spec.hint) for spec in field_specs(base))  # type: ignore[arg-type]
    return False


def _from_text(hint: type, value: object) -> object:
    from workshop.model import Due

    if hint is Due and isinstance(value, str):
        return Due.from_value(value)
    raise NotImplementedError


def _to_text(value: object) -> object:
    from workshop.model import Due

    if isinstance(value, Due):
        return value.to_value()
    raise NotImplementedError


def encode(value: object) -> dict[str, Any]:
    """A dataclass of the schema as plain data, with the names and in the order of a file."""
    cls = type(value)
    if _has_tuples(cls):
        # to_builtins keeps tuples (of a template); the data must be what reading it back gives
        data = msgspec.json.decode(msgspec.json.encode(value, enc_hook=_to_text))
    else:
        data = msgspec.to_builtins(value, enc_hook=_to_text)
    return data if _rename_plan(cls) is None else _renamed(data, cls)  # type: ignore[no-any-return]


@functools.cache
def _has_tuples(hint: Any) -> bool:
    base = split(hint)[0]
    if typing.get_origin(base) is tuple:
        return True
    if is_union(base) or typing.get_origin(base) is list:
        return any(_has_tuples(arg) for arg in typing.get_args(base))
    if dataclasses.is_dataclass(base):
        return any(_has_tuples(spec.hint) for spec in field_specs(base))  # type: ignore[arg-type]
    return False


def _renamed(data: Any, hint: Any) -> Any:
    """``data`` with the names of a file where they differ from the attribute's (``EncodedAs``)."""
    base = split(hint)[0]
    if data is None:
        return data
    if is_union(base):
        members = [m for m in typing.get_args(base) if m is not type(None)]
        return _renamed(data, members[0]) if len(members) == 1 else data
    if typing.get_origin(base) in (list, tuple):
        item = typing.get_args(base)[0]
        return [_renamed(value, item) for value in data] if _rename_plan(item) else data
    plan = _rename_plan(base)
    if plan is None:
        return data
    own, below = plan
    for name, field_hint in below:
        data[name] = _renamed(data[name], field_hint)
    return {own.get(key, key): value for key, value in data.items()} if own else data


@functools.cache
def _rename_plan(hint: Any) -> tuple[dict[str, str], tuple[tuple[str, Any], ...]] | None:
    """For a dataclass: its renamed fields, and its fields with renamed fields inside them.
    None when nothing in it is renamed (the usual case: nothing to do)."""
    base = split(hint)[0]
    if is_union(base) or typing.get_origin(base) in (list, tuple):
        args = [arg for arg in typing.get_args(base) if arg is not type(None)]
        return ({}, ()) if any(_rename_plan(arg) for arg in args) else None
    if not dataclasses.is_dataclass(base):
        return None
    specs = field_specs(base)  # type: ignore[arg-type]
    own = {spec.name: spec.encoded for spec in specs if spec.name != spec.encoded}
    below = tuple((spec.name, spec.hint) for spec in specs if _rename_plan(spec.hint))
    return (own, below) if own or below else None
