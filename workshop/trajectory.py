"""Trajectories: the sessions of one location (or of a chosen series), one after the other.

A plan is only worth something when the next meeting holds people to it. A new session in a
trajectory brings along every agreement of the earlier sessions that is not done or dropped, and
every goal that has not been judged yet. The copies keep the id of the first version (``origin``):
all versions of one agreement form a lineage, and only the latest version of a lineage counts.

Sessions are ordered by their day, then by when they were made (``updated`` for summaries written
before ``created`` was kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from workshop.added_steps import added_step_minutes
from workshop.deadlines import OPEN_STATUSES, due_day
from workshop.deadlines import is_overdue as is_overdue  # for older imports
from workshop.errors import WorkshopError
from workshop.goals import Goal
from workshop.model import Agreement, Participant, Session, SessionSummary, new_id
from workshop.scan import Scan, ScanScore
from workshop.session_store import SessionStore  # light: workshop.store loads when needed
from workshop.template import Phase, Step, Template

EVALUATION_PHASE = 6
REVIEW_KIND = "terugblik"

REVIEW_STEP = Step(
    title="Terugblik op eerdere afspraken",
    questions=(
        "Wat is er gebeurd sinds de vorige keer?",
        "Is de afspraak klaar, nog bezig, of gaat ze niet meer door?",
        "Wie zorgt er verder voor, en wanneer is het klaar?",
    ),
    kind=REVIEW_KIND,
)
SCAN_QUESTIONS = (
    "Het team en de ouders geven elk een score. Doe dat apart van elkaar.",
    "Bij welke uitspraken zien team en ouders het anders?",
    "Waar willen we samen verder over praten?",
)

if TYPE_CHECKING:
    from workshop.store import StoredSession

SessionLike = Session | SessionSummary


@dataclass
class CarryOver:
    """What a new session brings along from the earlier sessions of its trajectory."""

    agreements: list[Agreement]
    goals: list[Goal]
    # who took part in the latest earlier session (fresh ids), to fill in the new session's form;
    # parents exactly as stored there: an anonymous parent stays anonymous
    participants: list[Participant] = field(default_factory=list)


@dataclass(frozen=True)
class AgreementRow:
    """One agreement in a list across sessions, with the session its latest version is in."""

    session: SessionSummary
    agreement: Agreement


# -- which sessions belong together ---------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def trajectory_key(item: SessionLike) -> str:
    """The series, or else the location, compared without case and extra spaces.

    Empty when both are empty: such a session belongs to no trajectory.
    """
    return _plain(item.series) or _plain(item.location)


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _moment(item: SessionLike) -> datetime | None:
    # A moment without a time zone (a hand-edited file) cannot be compared with the others.
    if item.created is not None and item.created.tzinfo is not None:
        return item.created
    return item.updated if isinstance(item, SessionSummary) else None


def _order(item: SessionLike) -> tuple[date, datetime, str]:
    return (item.day, _moment(item) or _EARLIEST, item.id)


def _is_before(item: SessionLike, other: SessionLike) -> bool:
    if item.day != other.day:
        return item.day < other.day
    mine, theirs = _moment(item), _moment(other)
    return mine is not None and theirs is not None and mine < theirs


def earlier_sessions(store: SessionStore, session: SessionLike) -> list[SessionSummary]:
    """The sessions of the same trajectory that came before ``session``, oldest first."""
    key = trajectory_key(session)
    if not key:
        return []
    found = [
        summary
        for summary in store.list_sessions()
        if summary.id != session.id
        and trajectory_key(summary) == key
        and _is_before(summary, session)
    ]
    return sorted(found, key=_order)


def _loaded(
    store: SessionStore, summaries: Iterable[SessionSummary], skipped: list[str] | None = None
) -> Iterator[tuple[SessionSummary, StoredSession]]:
    """Each session's contents; a session that cannot be read is left out (doctor reports it),
    and said in ``skipped`` when given."""
    for summary in summaries:
        try:
            yield summary, store.load(summary.id)
        except WorkshopError as error:
            if skipped is not None:
                skipped.append(f"Sessie '{summary.title}' ({summary.id}) is overgeslagen: {error}")


# -- bringing along -------------------------------------------------------------------------------


def _carried_goal(goal: Goal, summary: SessionSummary) -> Goal:
    return replace(goal, id=new_id(), carried_from=summary.id, origin=goal.lineage)


def _carried_agreement(
    agreement: Agreement, summary: SessionSummary, goal: str | None
) -> Agreement:
    # The contribution and the phase it came from belong to the earlier session.
    return replace(
        agreement,
        id=new_id(),
        carried_from=summary.id,
        origin=agreement.lineage,
        status_before=agreement.status,
        reviewed=False,
        note="",
        source=None,
        phase=None,
        goal=goal,
        made_on=agreement.made_on or _made_in(agreement, summary),
    )


def _made_in(agreement: Agreement, summary: SessionSummary) -> date:
    """The day of the session an agreement was made in, for a file from before ``made_on``."""
    return agreement.created.date() if agreement.is_carried else summary.day


def open_items_before(store: SessionStore, session: SessionLike) -> CarryOver:
    """Fresh copies of the open agreements and unjudged goals of the earlier sessions.

    Of each lineage only the latest version counts: an agreement made in session 1, brought along
    and finished in session 2, is not brought along to session 3.
    """
    agreements: dict[str, tuple[SessionSummary, Agreement]] = {}
    goals: dict[str, tuple[SessionSummary, Goal]] = {}
    goal_lineage: dict[tuple[str, str], str] = {}  # (session id, goal id) -> lineage
    participants: list[Participant] = []
    for summary, stored in _loaded(store, earlier_sessions(store, session)):
        participants = [Participant(p.group, p.name) for p in stored.session.participants]
        for goal in stored.goals:
            goals[goal.lineage] = (summary, goal)
            goal_lineage[(summary.id, goal.id)] = goal.lineage
        for agreement in stored.agreements:
            agreements[agreement.lineage] = (summary, agreement)
    carried_goals = {
        lineage: _carried_goal(goal, summary)
        for lineage, (summary, goal) in goals.items()
        if not goal.evaluated
    }
    carried_agreements = []
    for summary, agreement in agreements.values():
        if agreement.status not in OPEN_STATUSES:
            continue
        lineage = goal_lineage.get((summary.id, agreement.goal or ""))
        goal = carried_goals.get(lineage) if lineage else None
        carried_agreements.append(_carried_agreement(agreement, summary, goal and goal.id))
    return CarryOver(carried_agreements, list(carried_goals.values()), participants)


# -- the steps a trajectory adds to a session's template ------------------------------------------


def scan_step(scan: Scan) -> Step:
    # The built-in scans' names already start with "Zelfscan".
    name = scan.name if scan.name.casefold().startswith("zelfscan") else f"Zelfscan: {scan.name}"
    minutes = added_step_minutes().scan  # it brings its own planned time along
    return Step(title=name, questions=SCAN_QUESTIONS, kind=f"scan-{scan.id}", minutes=minutes)


def _with_step_first(phase: Phase, minutes: int = 0) -> Phase:
    if phase.steps and phase.steps[0].kind == REVIEW_KIND:
        return phase
    return replace(phase, steps=(replace(REVIEW_STEP, minutes=minutes), *phase.steps))


def session_template(template: Template, *, review: bool, scans: Iterable[Scan] = ()) -> Template:
    """The session's own copy of ``template`` with the review and scan steps added.

    The evaluation phase always starts with a review; with ``review`` the first phase does too.
    Each scan becomes a step at the end of the first phase. An added step brings its own planned
    minutes (``data/added_steps.toml``), except the evaluation's review: that is the phase's own
    work, already in its minutes.
    """
    phases = [
        _with_step_first(phase) if phase.number == EVALUATION_PHASE else phase
        for phase in template.phases
    ]
    if phases and review:
        phases[0] = _with_step_first(phases[0], added_step_minutes().review)
    if phases:
        extra = tuple(scan_step(scan) for scan in scans)
        phases[0] = replace(phases[0], steps=(*phases[0].steps, *extra))
    return replace(template, phases=tuple(phases))


# -- when an agreement is due (workshop.deadlines; kept here for older imports) ---------------


def due_moment(agreement: Agreement) -> date | None:
    """The day an agreement is due (``workshop.deadlines.due_day``)."""
    return due_day(agreement)


# -- across sessions ------------------------------------------------------------------------------


def all_agreements(
    store: SessionStore,
    *,
    open_only: bool = False,
    owner: str | None = None,
    location: str | None = None,
    skipped: list[str] | None = None,
) -> list[AgreementRow]:
    """Agreements of all sessions, only the latest version of each, oldest session first.

    ``owner`` is matched without case; ``location`` is a part of the session's location. A
    session that cannot be read is left out, and said in ``skipped`` when given.
    """
    latest: dict[str, AgreementRow] = {}
    for summary in sorted(store.list_sessions(), key=_order):
        try:  # from beside the summary when that is up to date (workshop.agreement_index)
            agreements = store.agreements(summary.id)
        except WorkshopError as error:
            if skipped is not None:
                skipped.append(f"Sessie '{summary.title}' ({summary.id}) is overgeslagen: {error}")
            continue
        for agreement in agreements:
            latest.pop(agreement.lineage, None)  # listed with its latest session
            latest[agreement.lineage] = AgreementRow(summary, agreement)
    rows = list(latest.values())
    if open_only:
        rows = [r for r in rows if r.agreement.status in OPEN_STATUSES]
    if owner is not None and _plain(owner):
        rows = [r for r in rows if _plain(r.agreement.owner) == _plain(owner)]
    if location is not None and _plain(location):
        rows = [r for r in rows if _plain(location) in _plain(r.session.location)]
    return rows


def previous_scan_scores(
    store: SessionStore, session: SessionLike, scan_id: str
) -> list[ScanScore] | None:
    """The scores of this scan in the latest earlier session of the trajectory that has any."""
    for _, stored in _loaded(store, reversed(earlier_sessions(store, session))):
        scores = [score for score in stored.scan_scores if score.scan == scan_id]
        if scores:
            return scores
    return None
