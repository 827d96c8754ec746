"""Self-scans: short sets of statements that the team and the parent panel each score.

A scan is a TOML file (built-in ones in ``data/scans``) with ``id``, ``name``, ``description`` and
``[[statements]]`` blocks, each with a ``code`` and a ``text``. Every statement gets a score from
each group on a four-point scale, or "weet niet". The results put both groups side by side, so the
group can talk about where they see things differently; a later scan shows the change.

A score of ``None`` means "weet niet" (an answer); a statement without a ``ScanScore`` for a group
has not been scored yet. Neither counts in a difference or a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

from workshop.errors import NotFoundError, TemplateError
from workshop.limits import Range
from workshop.model import Group
from workshop.resources import content_dir
from workshop.schema_types import (
    KNOWN_SCAN,
    Bounded,
    Code,
    NonEmpty,
    Reason,
    Record,
    RequiredTemplateText,
    TemplateText,
)
from workshop.toml_file import block_reason, read_toml

SCALE: dict[int, str] = {
    1: "klopt niet",
    2: "klopt een beetje",
    3: "klopt grotendeels",
    4: "klopt helemaal",
}
DONT_KNOW = "weet niet"
NOT_SCORED = "nog geen score"
SCORES = Range(min(SCALE), max(SCALE))
STATEMENT_CODE = r"[A-Za-z0-9][A-Za-z0-9.-]{0,9}"  # short, as "I4" or "C10"

_CODE_REASON = "een code is kort, zonder spaties, zoals 'I1' of 'C10'."
_ID_REASON = "gebruik alleen kleine letters, cijfers en '-', zoals 'mijn-scan'."
_HEADER = re.compile(r"^\s*\[\[?\s*([\w.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*[\"']?([\w\-]+)[\"']?\s*=")


def scans_dir() -> Path:
    return content_dir() / "scans"


@dataclass(frozen=True)
class Statement(Record):
    # short and unique within the scan, e.g. "I4"
    code: Annotated[str, Code(STATEMENT_CODE, _CODE_REASON)]
    text: RequiredTemplateText


@dataclass(frozen=True)
class Scan(Record):
    id: Annotated[str, Code("[a-z0-9][a-z0-9-]*", _ID_REASON)]
    name: RequiredTemplateText
    description: TemplateText = ""
    # A default only so that a missing list gets its own message (load_scan).
    statements: Annotated[
        tuple[Statement, ...], NonEmpty("deze lijst is leeg. Er moet minstens één uitspraak zijn.")
    ] = ()

    def statement(self, code: str) -> Statement:
        for statement in self.statements:
            if statement.code == code:
                return statement
        raise NotFoundError(f"De scan '{self.name}' heeft geen uitspraak {code}.")


def score_label(score: int | None) -> str:
    """The words for a score: "klopt grotendeels", or "weet niet" for None."""
    return DONT_KNOW if score is None else SCALE[score]


_SCAN_REASON = Reason(
    lambda value: "deze scan ken ik niet. Kies uit "
    + ", ".join(f"'{scan.id}'" for scan in builtin_scans())
    + "."
)


@dataclass(frozen=True)
class ScanScore(Record):
    """One group's answer to one statement. ``score`` None: "weet niet"."""

    scan: Annotated[str, KNOWN_SCAN, _SCAN_REASON]  # the scan's id
    code: Annotated[str, Code(STATEMENT_CODE, "dit moet de code van een uitspraak zijn.")]
    group: Group
    score: Annotated[int, Bounded(SCORES)] | None

    def __post_init__(self) -> None:
        # bool is an int in Python; True is no score
        if self.score is not None and (type(self.score) is not int or self.score not in SCALE):
            raise ValueError(f"score must be one of {sorted(SCALE)} or None, not {self.score!r}")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class StatementResult:
    """Both groups' scores for one statement.

    ``team``/``parents`` is None both for "weet niet" and for not scored yet; the ``*_answered``
    flags tell the two apart.
    """

    statement: Statement
    team: int | None
    parents: int | None
    team_answered: bool
    parents_answered: bool

    @property
    def difference(self) -> int | None:
        """How far apart team and parents are (0-3); None when either has no score."""
        if self.team is None or self.parents is None:
            return None
        return abs(self.team - self.parents)

    def score(self, group: Group) -> int | None:
        return self.team if group is Group.TEAM else self.parents

    def answered(self, group: Group) -> bool:
        return self.team_answered if group is Group.TEAM else self.parents_answered

    def label(self, group: Group) -> str:
        """ "klopt helemaal", "weet niet" or "nog geen score"."""
        return score_label(self.score(group)) if self.answered(group) else NOT_SCORED


def _latest(scan: Scan, scores: Iterable[ScanScore]) -> dict[tuple[str, Group], int | None]:
    """Each (code, group)'s score in this scan; a later score replaces an earlier one."""
    codes = {s.code for s in scan.statements}
    return {
        (score.code, score.group): score.score
        for score in scores
        if score.scan == scan.id and score.code in codes
    }


def compare(scan: Scan, scores: Iterable[ScanScore]) -> list[StatementResult]:
    """Team and parents side by side, one result per statement in the scan's order.

    Scores of other scans, or for codes the scan does not have, are ignored.
    """
    given = _latest(scan, scores)
    results = []
    for statement in scan.statements:
        team_key, parents_key = (statement.code, Group.TEAM), (statement.code, Group.OUDERPANEL)
        results.append(
            StatementResult(
                statement=statement,
                team=given.get(team_key),
                parents=given.get(parents_key),
                team_answered=team_key in given,
                parents_answered=parents_key in given,
            )
        )
    return results


def biggest_differences(results: list[StatementResult], n: int = 3) -> list[StatementResult]:
    """The ``n`` statements where team and parents differ most: the conversation starts there.

    Statements where both agree (difference 0) or a score is missing are left out. A tie at the
    cut-off is never broken by chance: every statement with the same difference as the ``n``-th
    is in the list too, so it can be longer than ``n`` (``ties_at_cutoff`` tells). Largest
    difference first; equal differences in statement order.
    """
    differing = sorted((r for r in results if r.difference), key=lambda r: -(r.difference or 0))
    if n <= 0 or len(differing) <= n:
        return differing[: max(n, 0)]
    cutoff = differing[n - 1].difference
    return [r for r in differing if (r.difference or 0) >= (cutoff or 0)]


def ties_at_cutoff(results: list[StatementResult], n: int = 3) -> list[StatementResult]:
    """The statements that share the smallest difference in ``biggest_differences``, when the
    list is longer than ``n`` because of that tie; else an empty list."""
    chosen = biggest_differences(results, n)
    if len(chosen) <= n:
        return []
    last = chosen[-1].difference
    return [r for r in chosen if r.difference == last]


@dataclass(frozen=True)
class StatementChange:
    """How one statement's scores moved between two scans: +1, -2, or None (no comparison)."""

    statement: Statement
    team: int | None
    parents: int | None

    def change(self, group: Group) -> int | None:
        return self.team if group is Group.TEAM else self.parents


def change_since(
    scan: Scan, previous_scores: Iterable[ScanScore], current_scores: Iterable[ScanScore]
) -> list[StatementChange]:
    """Per statement and group, the current score minus the previous one.

    None when either scan has no score (not scored, or "weet niet") for that statement and group.
    """
    before, after = _latest(scan, previous_scores), _latest(scan, current_scores)

    def delta(code: str, group: Group) -> int | None:
        old, new = before.get((code, group)), after.get((code, group))
        return None if old is None or new is None else new - old

    return [
        StatementChange(s, delta(s.code, Group.TEAM), delta(s.code, Group.OUDERPANEL))
        for s in scan.statements
    ]


# ---------------------------------------------------------------- loading and checking


def load_scan(path: Path) -> Scan:
    """Read and check one scan file. Raises TemplateError naming file, line and field.

    Read through the schema (``workshop.schema``, a ``CONTENT`` file), then: a scan has
    statements, and each code is used once.
    """
    from workshop.schema import CONTENT, Invalid, decode

    path = Path(path)
    raw, text = read_toml(path)
    lines = text.splitlines()

    def fail(key: str, reason: str, block: int | None = None) -> NoReturn:
        field = key if block is None else f"statements[{block}].{key}"
        raise TemplateError(path, _line(lines, key, block), field, reason)

    try:
        scan: Scan = decode(raw, Scan, CONTENT)
    except Invalid as problem:
        steps = problem.steps
        reason = block_reason(problem)
        if len(steps) > 2 and steps[0] == "statements" and isinstance(steps[1], int):
            fail(str(steps[2]), reason, steps[1] + 1)
        fail(str(steps[0]) if steps else "-", reason)
    if "statements" not in raw:
        fail("statements", "dit veld ontbreekt. Voeg minstens één [[statements]] toe.")
    seen: dict[str, int] = {}
    for n, statement in enumerate(scan.statements, start=1):
        if statement.code in seen:
            fail("code", f"deze code staat ook al bij uitspraak {seen[statement.code]}.", n)
        seen[statement.code] = n
    statements = tuple(Statement(s.code, s.text.strip()) for s in scan.statements)
    return Scan(scan.id, scan.name.strip(), scan.description.strip(), statements)


def _line(lines: list[str], key: str, block: int | None) -> int | None:
    """The 1-based line of ``key`` at the top (block None) or in the nth [[statements]]."""
    blocks = [
        i
        for i, line in enumerate(lines)
        if (m := _HEADER.match(line)) and m.group(1).replace(" ", "") == "statements"
    ]
    if block is None:
        start, end = 0, blocks[0] if blocks else len(lines)
    elif block <= len(blocks):
        start = blocks[block - 1]
        end = blocks[block] if block < len(blocks) else len(lines)
    else:
        return None
    for i in range(start, end):
        if (m := _KEY.match(lines[i])) and m.group(1) == key:
            return i + 1
    return start + 1 if block is not None else None


def builtin_scans() -> list[Scan]:
    """The scans that ship with the app, in file-name order."""
    return [load_scan(p) for p in sorted(scans_dir().glob("*.toml"))]


def get_scan(scan_id: str) -> Scan:
    """A built-in scan by its id (e.g. "indicatoren")."""
    for scan in builtin_scans():
        if scan.id == scan_id:
            return scan
    raise NotFoundError(f"Er is geen scan met de naam '{scan_id}'.")


def scan_for_step(kind: str) -> Scan | None:
    """The scan a template step of this kind runs ("scan-criteria" → criteria), or None."""
    if not kind.startswith("scan-"):
        return None
    return get_scan(kind.removeprefix("scan-"))
