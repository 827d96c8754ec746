"""Workshop templates: the phases, steps and guiding questions a session follows.

Templates are TOML files a facilitator can copy and edit. The built-in ones ship in
``data/templates``.

``load_template`` checks a file strictly: a typo in a key is an error, not something silently
ignored. Errors name the file, the line and the field path, e.g. ``phases[2].steps[1].questions``.
Positions in that path count from 1, as a person reading the file counts the ``[[phases]]`` and
``[[phases.steps]]`` blocks (so ``phases[2]`` is the second block, whatever its ``number``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, NoReturn, get_args

from workshop.errors import TemplateError
from workshop.limits import PHASE_MINUTES, PHASE_NUMBER, STEP_MINUTES
from workshop.model import Language
from workshop.resources import templates_dir
from workshop.schema_types import (
    ADDED_LATER,
    Bounded,
    NonEmpty,
    Record,
    RequiredTemplateText,
    TemplateText,
    Text,
)
from workshop.text import SHORT_MAX, is_forbidden_in_line
from workshop.toml_file import block_reason, read_toml

DEFAULT_TEMPLATE_ID = "stappenplan"
HINT_KINDS: tuple[str, ...] = ("vuistregels", "vaardigheden", "voorwaarden", "valkuilen")
# What a step does. "gesprek" is a conversation with guiding questions; the others are step types
# that other parts of the app fill in (a look back at agreements, scans against the frameworks).
StepKind = Literal["gesprek", "terugblik", "scan-indicatoren", "scan-criteria"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)
PHASE_NUMBERS = range(PHASE_NUMBER.lowest, PHASE_NUMBER.highest + 1)  # the step plan's six

Texts = tuple[RequiredTemplateText, ...]


@dataclass(frozen=True)
class Translation(Record):
    """A step's title and questions in another language, for the phone pages (workshop.phone).
    A translation should be checked by a native speaker before a meeting."""

    language: Language
    title: TemplateText = ""
    questions: Texts = ()


@dataclass(frozen=True)
class Step(Record):
    title: RequiredTemplateText
    questions: Texts = ()
    kind: StepKind = "gesprek"  # what the step does; "gesprek" is a conversation with questions
    # Minutes the step adds to its phase's planned time: the steps the app adds to a session
    # (a look back, a self-scan) bring their own (data/added_steps.toml); a template's own steps
    # are in the phase's minutes already, so 0.
    minutes: Annotated[int, Bounded(STEP_MINUTES), ADDED_LATER] = 0
    translations: Annotated[tuple[Translation, ...], ADDED_LATER] = ()


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

    @property
    def planned_minutes(self) -> int:
        """The phase's own minutes plus those its added steps bring along."""
        return self.minutes + sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class Template(Record):
    """A template; also the shape of a session's copy of it (``Session.template``)."""

    id: Annotated[str, Text(SHORT_MAX, required=True)]  # the file name without .toml
    name: RequiredTemplateText
    description: TemplateText = field(default="", kw_only=True)
    phases: Annotated[tuple[Phase, ...], NonEmpty("er moet minstens één fase zijn.")]

    @property
    def minutes(self) -> int:
        return sum(p.planned_minutes for p in self.phases)


# ---------------------------------------------------------------- loading and checking

# In a message about one text of a list: "vraag 2: deze tekst mag niet leeg zijn."
_ITEM_NOUNS = {
    "questions": "vraag",
    "translations": "vertaling",
    **{kind: "tip" for kind in HINT_KINDS},
}


def load_template(path: Path) -> Template:
    """Read and check one template file. Raises TemplateError naming file, line and field.

    The file is read through the schema (``workshop.schema``, as a ``CONTENT`` file: a field with
    a default may be left out), then the rules between fields: phase numbers go up, and a
    conversation step has questions.
    """
    from workshop.schema import CONTENT, Invalid, decode
    from workshop.session_checks import phase_order

    path = Path(path)
    if any(map(is_forbidden_in_line, path.stem)) or len(path.stem) > SHORT_MAX:
        reason = "geef dit bestand een gewone, kortere naam (zonder stuurtekens)."
        raise TemplateError(path, None, "-", reason)
    raw, text = read_toml(path, lambda text, line: _LineLocator(text).field_at(line))
    locator = _LineLocator(text)

    def fail(field: _Field, reason: str) -> NoReturn:
        raise TemplateError(path, locator.line(field), str(field), reason)

    if "id" in raw:
        fail(_Field("id"), "dit veld is onbekend: de naam van het bestand is de id.")
    try:
        template: Template = decode({"id": path.stem, **raw}, Template, CONTENT)
    except Invalid as problem:
        field, item = _toml_field(problem.steps)
        reason = block_reason(problem)
        if item is not None:
            reason = f"{_ITEM_NOUNS.get(field.key or '', 'tekst')} {item}: {reason}"
        fail(field, reason)
    if (wrong := phase_order([phase.number for phase in template.phases])) is not None:
        fail(_Field("number", wrong[0] + 1), wrong[1])
    for p, phase in enumerate(template.phases, start=1):
        for s, step in enumerate(phase.steps, start=1):
            # A conversation needs questions; other kinds of step may do without.
            if step.kind == "gesprek" and not step.questions:
                missing = "questions" not in raw["phases"][p - 1]["steps"][s - 1]
                reason = "dit veld ontbreekt." if missing else "deze lijst is leeg."
                fail(_Field("questions", p, "steps", s), f"{reason} Een gesprek heeft vragen.")
    return template


def _toml_field(steps: list[str | int]) -> tuple[_Field, int | None]:
    """A path of the schema (``phases[1].steps[0].questions[2]``, counting from 0) as a place in
    the file (``phases[2].steps[1].questions``, counting blocks from 1), and the item's number."""
    rest = list(steps)
    phase = table = index = None
    if len(rest) > 1 and rest[0] == "phases" and isinstance(rest[1], int):
        phase, rest = rest[1] + 1, rest[2:]
        if len(rest) > 1 and rest[0] in ("steps", "hints"):
            table, rest = str(rest[0]), rest[1:]
            if table == "steps" and isinstance(rest[0], int):
                index, rest = rest[0] + 1, rest[1:]
    key = str(rest.pop(0)) if rest and isinstance(rest[0], str) else None
    item = rest[0] + 1 if rest and isinstance(rest[0], int) else None
    return _Field(key, phase, table, index), item


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
        phase, table, steps, inner = None, None, 0, ""
        for i, name in self.headers:
            if i > line - 1:
                break
            inner = ""
            if name == "phases":
                phase, table, steps = (phase or 0) + 1, None, 0
            elif name == "phases.steps":
                table, steps = "steps", steps + 1
            elif name.startswith("phases.steps."):  # inside a step, e.g. its translations
                table, inner = "steps", name.removeprefix("phases.steps.") + "."
            elif name == "phases.hints":
                table = "hints"
            else:
                phase, table = None, name
        match = _KEY.match(self.lines[line - 1]) if line <= len(self.lines) else None
        key = inner + match.group(1) if match else inner.rstrip(".") or None
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
