"""The rules between the fields of a session, which no schema can say.

A phase or step must exist in the session's own template, there is one timer per phase, the
template's phase numbers go up, and ids are unique. These hold for every session, stored or
imported. A file from elsewhere must also name only what is in it (an agreement's contribution and
goal), only statements the scan has, and no moment in the wrong order; the app's own files keep a
link to a deleted contribution (undo brings it back), and a clock set back may stop a timer before
it started.

``check`` runs after the session has been read through the schema (``workshop.schema``) and raises
``Invalid`` for the first problem, with the field's path as in a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NoReturn

from workshop.schema_errors import DUPLICATE, WRONG, Invalid

if TYPE_CHECKING:
    from workshop.stored_session import StoredSession


def check(stored: StoredSession, *, foreign: bool) -> None:
    """Raise Invalid for the first rule ``stored`` breaks. ``foreign``: a file from elsewhere."""
    session = stored.session
    phases = session.template["phases"]
    steps = [len(phase["steps"]) for phase in phases]
    if (wrong := phase_order([phase["number"] for phase in phases])) is not None:
        fail(f"session.template.phases[{wrong[0]}].number", wrong[1])
    unique("session.participants", (p.id for p in session.participants))
    position = session.position
    in_phase("session.position.phase", position.phase, steps)
    in_step("session.position.step", position.step, steps[position.phase])
    if len(session.timers) != len(steps):
        fail("session.timers", f"er moet precies één timer per fase zijn ({len(steps)}).")
    for i, entry in enumerate(session.timing_log):
        in_phase(f"session.timing_log[{i}].phase", entry.phase, steps)
        if foreign and entry.stopped is not None and entry.stopped < entry.started:
            fail(f"session.timing_log[{i}].stopped", "het einde ligt voor het begin.")
    unique("contributions", (c.id for c in stored.contributions))
    for i, contribution in enumerate(stored.contributions):
        in_phase(f"contributions[{i}].phase", contribution.phase, steps)
        in_step(f"contributions[{i}].step", contribution.step, steps[contribution.phase])
    unique("goals", (g.id for g in stored.goals))
    unique("agreements", (a.id for a in stored.agreements))
    contributions = {c.id for c in stored.contributions}
    goals = {g.id for g in stored.goals}
    for i, agreement in enumerate(stored.agreements):
        where = f"agreements[{i}]"
        if foreign and agreement.source is not None and agreement.source not in contributions:
            fail(f"{where}.source", "dit moet de id van een inbreng in dit bestand zijn, of null.")
        if agreement.phase is not None:
            in_phase(f"{where}.phase", agreement.phase, steps)
        if foreign and agreement.goal is not None and agreement.goal not in goals:
            fail(f"{where}.goal", "dit moet de id van een doel in dit bestand zijn, of null.")
    unique("phone_remarks", (r.id for r in stored.remarks))
    for i, remark in enumerate(stored.remarks):
        in_phase(f"phone_remarks[{i}].phase", remark.phase, steps)
        in_step(f"phone_remarks[{i}].step", remark.step, steps[remark.phase])
    if foreign:
        _scan_scores(stored)


def phase_order(numbers: list[int]) -> tuple[int, str] | None:
    """The phases of a template go up (1, 3, 4): the first that does not, and why; else None.
    Also for template files (``workshop.template``)."""
    previous = 0
    for i, number in enumerate(numbers):
        if number <= previous:
            return i, f"fase {number} komt na fase {previous}. Zet de fasen op volgorde."
        previous = number
    return None


def _scan_scores(stored: StoredSession) -> None:
    """Each score is for a statement of its scan, and each group scores a statement once."""
    from workshop.scan import builtin_scans

    scans = {scan.id: scan for scan in builtin_scans()}
    scored: set[tuple[str, str, str]] = set()
    for i, score in enumerate(stored.scan_scores):
        codes = [statement.code for statement in scans[score.scan].statements]
        if score.code not in codes:
            fail(f"scan_scores[{i}].code", f"kies een uitspraak uit de scan: {', '.join(codes)}.")
        key = (score.scan, score.code, score.group.value)
        if key in scored:
            reason = "deze groep heeft deze uitspraak al eerder een score gegeven."
            fail(f"scan_scores[{i}]", reason)
        scored.add(key)


def fail(field: str, reason: str, kind: str = WRONG) -> NoReturn:
    raise Invalid(field, reason, kind)


def unique(where: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            fail(f"{where}[{i}].id", f"de id '{value}' komt twee keer voor.", DUPLICATE)
        seen.add(value)


def in_phase(field: str, phase: int, steps: list[int]) -> None:
    if phase >= len(steps):
        fail(field, f"dit moet een fase uit het sjabloon zijn: 0 tot en met {len(steps) - 1}.")


def in_step(field: str, step: int, count: int) -> None:
    if step >= count:
        fail(field, f"dit moet een stap uit die fase zijn: 0 tot en met {count - 1}.")
