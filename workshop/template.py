"""Workshop templates: the phases, steps and guiding questions a session follows.

Templates are TOML files a facilitator can copy and edit. The built-in ones ship in
``data/templates``.

``load_template`` checks a file strictly: a typo in a key is an error, not something silently
ignored. Errors name the file, the line and the field path, e.g. ``phases[2].steps[1].questions``.
Positions in that path count from 1, as a person reading the file counts the ``[[phases]]`` and
``[[phases.steps]]`` blocks (so ``phases[2]`` is the second block, whatever its ``number``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn, get_args

from workshop.errors import TemplateError
from workshop.limits import PHASE_MINUTES, PHASE_NUMBER
from workshop.resources import templates_dir
from workshop.schema_types import (
    Bounded,
    NonEmpty,
    Record,
    RequiredTemplateText,
    TemplateText,
    Text,
)
from workshop.text import SHORT_MAX, TEMPLATE_TEXT_MAX, is_forbidden_in_line, is_forbidden_in_text
from workshop.toml_file import read_toml
from workshop.visible import visible

DEFAULT_TEMPLATE_ID = "stappenplan"
HINT_KINDS: tuple[str, ...] = ("vuistregels", "vaardigheden", "voorwaarden", "valkuilen")
# What a step does. "gesprek" is a conversation with guiding questions; the others are step types
# that other parts of the app fill in (a look back at agreements, scans against the frameworks).
StepKind = Literal["gesprek", "terugblik", "scan-indicatoren", "scan-criteria"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)
PHASE_NUMBERS = range(PHASE_NUMBER.lowest, PHASE_NUMBER.highest + 1)  # the step plan's six

Texts = tuple[RequiredTemplateText, ...]


@dataclass(frozen=True)
class Step(Record):
    title: RequiredTemplateText
    questions: Texts = ()
    kind: StepKind = "gesprek"  # what the step does; "gesprek" is a conversation with questions


@dataclass(frozen=True)
class Hints(Record):
    """Facilitator advice for a phase, in the four kinds."""

    vuistregels: Texts = ()
    vaardigheden: Texts = ()
    voorwaarden: Texts = ()
    valkuilen: Texts = ()


@dataclass(frozen=True)
class Phase(Record):
    # the phase's number in the step plan (1-6), also when a template skips phases
    number: Annotated[int, Bounded(PHASE_NUMBER)]
    name: RequiredTemplateText
    minutes: Annotated[int, Bounded(PHASE_MINUTES)]  # planned duration
    opbrengst: TemplateText = field(default="", kw_only=True)  # the yield of the phase
    hints: Hints = field(default=Hints(), kw_only=True)
    steps: Annotated[tuple[Step, ...], NonEmpty("een fase heeft minstens één stap.")]


@dataclass(frozen=True)
class Template(Record):
    """A template; also the shape of a session's copy of it (``Session.template``)."""

    id: Annotated[str, Text(SHORT_MAX, required=True)]  # the file name without .toml
    name: RequiredTemplateText
    description: TemplateText = field(default="", kw_only=True)
    phases: Annotated[tuple[Phase, ...], NonEmpty("er moet minstens één fase zijn.")]

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)


# ---------------------------------------------------------------- loading and checking

TOP_KEYS: tuple[str, ...] = ("name", "description", "phases")
PHASE_KEYS: tuple[str, ...] = ("number", "name", "minutes", "opbrengst", "hints", "steps")
STEP_KEYS: tuple[str, ...] = ("title", "questions", "kind")


def load_template(path: Path) -> Template:
    """Read and check one template file. Raises TemplateError naming file, line and field."""
    path = Path(path)
    if any(map(is_forbidden_in_line, path.stem)) or len(path.stem) > SHORT_MAX:
        reason = "geef dit bestand een gewone, kortere naam (zonder stuurtekens)."
        raise TemplateError(path, None, "-", reason)
    raw, text = read_toml(path, lambda text, line: _LineLocator(text).field_at(line))
    _Checker(path, text).check(raw)
    from workshop.schema import CONTENT, decode

    return decode({"id": path.stem, **raw}, Template, CONTENT)


@dataclass(frozen=True)
class _Field:
    """Where a value sits: at the top, in a phase, or in a phase's ``steps`` or ``hints`` table."""

    key: str | None = None
    phase: int | None = None  # position of the [[phases]] block, from 1
    table: str | None = None  # "steps" or "hints", inside the phase
    index: int | None = None  # position of the [[phases.steps]] block in the phase, from 1

    def at(self, key: str) -> _Field:
        return _Field(key, self.phase, self.table, self.index)

    def __str__(self) -> str:
        parts = []
        if self.phase is not None:
            parts.append(f"phases[{self.phase}]")
        if self.table is not None:
            parts.append(self.table if self.index is None else f"{self.table}[{self.index}]")
        if self.key is not None:
            parts.append(self.key)
        return ".".join(parts) or "-"


_HEADER = re.compile(r"^\s*\[\[?\s*([\w.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*[\"']?([\w\-]+)[\"']?\s*=")


class _LineLocator:
    """Finds the line of a field by walking the text, as tomllib gives no positions for values.

    It takes the Nth ``[[phases]]`` header, then the Nth ``[[phases.steps]]`` (or the
    ``[phases.hints]``) header inside that phase, then the ``key =`` line in that table.
    If the key is not there it falls back to the table's header line, and then to None.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [
            (i, match.group(1).replace(" ", ""))
            for i, line in enumerate(self.lines)
            if (match := _HEADER.match(line))
        ]

    def line(self, field: _Field) -> int | None:
        """The 1-based line of ``field``, or None. Line indexes below count from 0."""
        start, end, block_end = -1, self._next(-1), len(self.lines)  # top: before any header
        if field.phase is not None:
            start = self._nth("phases", field.phase, -1, len(self.lines))
            if start is None:
                return None
            end, block_end = self._next(start), self._next(start, "phases")
            if field.table is not None:
                sub = self._nth(f"phases.{field.table}", field.index or 1, start, block_end)
                if sub is None:  # written inline, as `steps = [...]`: point at that key
                    return self._key(field.table, start, end) or start + 1
                start, end = sub, self._next(sub)
        if field.key is not None:
            found = self._key(field.key, start, end)
            if found is None and field.table is None:  # maybe written as a [table] of its own
                name = field.key if field.phase is None else f"phases.{field.key}"
                sub = self._nth(name, 1, start, block_end)
                found = None if sub is None else sub + 1
            if found is not None:
                return found
        return start + 1 if start >= 0 else None

    def field_at(self, line: int) -> str:
        """The other way round: the field path at a 1-based line (for TOML syntax errors)."""
        phase, table, steps = None, None, 0
        for i, name in self.headers:
            if i > line - 1:
                break
            if name == "phases":
                phase, table, steps = (phase or 0) + 1, None, 0
            elif name == "phases.steps":
                table, steps = "steps", steps + 1
            elif name == "phases.hints":
                table = "hints"
            else:
                phase, table = None, name
        match = _KEY.match(self.lines[line - 1]) if line <= len(self.lines) else None
        key = match.group(1) if match else None
        return str(_Field(key, phase, table, steps if table == "steps" else None))

    def _next(self, after: int, name: str | None = None) -> int:
        """Index of the first header after line ``after`` (with that name), or the end."""
        found = (i for i, header in self.headers if i > after and name in (None, header))
        return next(found, len(self.lines))

    def _nth(self, name: str, n: int, after: int, before: int) -> int | None:
        found = [i for i, header in self.headers if header == name and after < i < before]
        return found[n - 1] if 0 < n <= len(found) else None

    def _key(self, key: str, after: int, before: int) -> int | None:
        for i in range(after + 1, before):
            match = _KEY.match(self.lines[i])
            if match and match.group(1) == key:
                return i + 1
        return None


class _Checker:
    """Checks parsed TOML against the template format and raises on the first problem."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.locator = _LineLocator(text)

    def fail(self, field: _Field, reason: str) -> NoReturn:
        raise TemplateError(self.path, self.locator.line(field), str(field), reason)

    def check(self, raw: dict[str, Any]) -> None:
        top = _Field()
        self.known_keys(raw, TOP_KEYS, top, "dit veld is onbekend.")
        self.text(raw, "name", top)
        self.text(raw, "description", top, required=False)
        previous = 0
        for p, phase in enumerate(self.blocks(raw, "phases", top, "fase"), start=1):
            where = _Field(phase=p)
            self.known_keys(phase, PHASE_KEYS, where, "dit veld is onbekend.")
            number = self.whole_number(
                phase,
                "number",
                where,
                f"dit moet een heel getal {PHASE_NUMBER.text} zijn.",
                PHASE_NUMBER.highest,
            )
            if number <= previous:
                reason = f"fase {number} komt na fase {previous}. Zet de fasen op volgorde."
                self.fail(where.at("number"), reason)
            previous = number
            self.text(phase, "name", where)
            reason = f"dit moet een heel getal {PHASE_MINUTES.text} zijn (minuten)."
            self.whole_number(phase, "minutes", where, reason, PHASE_MINUTES.highest)
            self.text(phase, "opbrengst", where, required=False)
            self.hints(phase, where)
            for s, step in enumerate(self.blocks(phase, "steps", where, "stap"), start=1):
                self.step(step, _Field(phase=p, table="steps", index=s))

    def step(self, step: dict[str, Any], where: _Field) -> None:
        self.known_keys(step, STEP_KEYS, where, "dit veld is onbekend.")
        self.text(step, "title", where)
        kind = step.get("kind", "gesprek")
        if kind not in STEP_KINDS:
            self.fail(
                where.at("kind"), f"deze soort stap is onbekend. Kies uit: {', '.join(STEP_KINDS)}."
            )
        # A conversation needs questions; other kinds of step may do without.
        self.texts(step, "questions", where, "vraag", required=kind == "gesprek")

    def hints(self, phase: dict[str, Any], where: _Field) -> None:
        hints = phase.get("hints", {})
        if not isinstance(hints, dict):
            self.fail(
                where.at("hints"), "dit moet een blok [phases.hints] zijn, met tips per soort."
            )
        inside = _Field(phase=where.phase, table="hints")
        self.known_keys(hints, HINT_KINDS, inside, "deze soort tip is onbekend.")
        for kind in HINT_KINDS:
            self.texts(hints, kind, inside, "tip", required=False)

    # -- small checks, each for one value

    def known_keys(
        self, table: dict[str, Any], allowed: tuple[str, ...], where: _Field, reason: str
    ) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1) if len(key) < 100 else []
                advice = f"Bedoel je '{close[0]}'?" if close else f"Kies uit: {', '.join(allowed)}."
                self.fail(where.at(visible(key, 40)), f"{reason} {advice}")

    def text(self, table: dict[str, Any], key: str, where: _Field, required: bool = True) -> None:
        if key not in table:
            if required:
                self.fail(where.at(key), "dit veld ontbreekt.")
            return
        value = table[key]
        if not isinstance(value, str):
            self.fail(where.at(key), "dit moet een tekst tussen aanhalingstekens zijn.")
        if required and not value.strip():
            self.fail(where.at(key), "deze tekst is leeg.")
        self.characters(value, where.at(key), "deze tekst")

    def characters(self, value: str, where: _Field, what: str) -> None:
        """As an imported session's template text (workshop.interchange) may hold."""
        if any(map(is_forbidden_in_text, value)):
            self.fail(where, f"{what} bevat een stuurteken of een onzichtbaar teken.")
        if len(value) > TEMPLATE_TEXT_MAX:
            self.fail(where, f"{what} is te lang: het maximum is {TEMPLATE_TEXT_MAX} tekens.")

    def whole_number(
        self,
        table: dict[str, Any],
        key: str,
        where: _Field,
        reason: str,
        highest: int | None = None,
    ) -> int:
        if key not in table:
            self.fail(where.at(key), "dit veld ontbreekt.")
        value = table[key]
        # bool is a kind of int in Python, but `true` is no number in a template
        if type(value) is not int or value < 1 or (highest is not None and value > highest):
            self.fail(where.at(key), reason)
        return value

    def texts(
        self, table: dict[str, Any], key: str, where: _Field, noun: str, required: bool
    ) -> None:
        """A list of non-empty texts; when required, the list must be there and not be empty."""
        if key not in table:
            if required:
                self.fail(where.at(key), "dit veld ontbreekt.")
            return
        value = table[key]
        if not isinstance(value, list):
            self.fail(where.at(key), 'dit moet een lijst met teksten zijn, zoals ["...", "..."].')
        if required and not value:
            self.fail(where.at(key), f"deze lijst is leeg. Er moet minstens één {noun} in staan.")
        for n, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.fail(where.at(key), f"{noun} {n} is geen tekst tussen aanhalingstekens.")
            if not item.strip():
                self.fail(where.at(key), f"{noun} {n} is leeg.")
            self.characters(item, where.at(key), f"{noun} {n}")

    def blocks(
        self, table: dict[str, Any], key: str, where: _Field, noun: str
    ) -> list[dict[str, Any]]:
        """The [[...]] blocks under ``key``: there must be at least one."""
        header = "phases" if where.phase is None else f"phases.{key}"
        if key not in table:
            self.fail(where.at(key), f"dit veld ontbreekt. Voeg minstens één [[{header}]] toe.")
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.fail(where.at(key), f"dit moet een lijst van [[{header}]]-blokken zijn.")
        if not value:
            self.fail(where.at(key), f"deze lijst is leeg. Er moet minstens één {noun} zijn.")
        return value


def builtin_templates() -> list[Template]:
    return [load_template(p) for p in sorted(templates_dir().glob("*.toml"))]


def get_template(name: str | Path) -> Template:
    """A built-in template by id, or a template file by path."""
    path = Path(name)
    if path.suffix == ".toml":
        return load_template(path)
    candidate = templates_dir() / f"{name}.toml"
    if not candidate.is_file():
        raise TemplateError(candidate, None, "id", f"er is geen sjabloon met de naam '{name}'.")
    return load_template(candidate)
