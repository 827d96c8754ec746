"""A session as the tables of its TinyDB file, and its summary file: both ways, checked.

    session.json   {"session": {"1": {...}}, "contributions": {"1": {...}, ...}, "agreements": ...,
                    "goals": ..., "scan_scores": ..., "_schema": ...}
    summary.json   what the session list shows

Each row is read through the schema (``workshop.schema``, as the app's own files are read: see
``STORED``) and then the rules between fields (``workshop.session_checks``). A file that breaks
either is damage: ``DamagedFileError`` names the field as a file from elsewhere would
(``contributions[3].votes``, counting rows from 0), and the file is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop import session_checks
from workshop.errors import DamagedFileError
from workshop.goals import Goal
from workshop.listing import summary_from_data as summary_from_data  # moved: listing is light
from workshop.model import Agreement, Contribution, Session, SessionSummary
from workshop.participation import PhoneRemark, PhoneVote, ScanAnswer
from workshop.scan import ScanScore
from workshop.schema import STORED, decode, encode
from workshop.schema_errors import DUPLICATE, OUT_OF_RANGE, Invalid
from workshop.storage import Tables

SESSION_TABLE = "session"
CONTRIBUTIONS_TABLE = "contributions"
AGREEMENTS_TABLE = "agreements"
GOALS_TABLE = "goals"
SCAN_SCORES_TABLE = "scan_scores"
# What phones send (workshop.participation); files written before phones have none of these.
REMARKS_TABLE = "phone_remarks"
PHONE_VOTES_TABLE = "phone_votes"
SCAN_ANSWERS_TABLE = "scan_answers"
ROW_TABLES = (
    CONTRIBUTIONS_TABLE,
    AGREEMENTS_TABLE,
    GOALS_TABLE,
    SCAN_SCORES_TABLE,
    REMARKS_TABLE,
    PHONE_VOTES_TABLE,
    SCAN_ANSWERS_TABLE,
)

# What one row of a table is called in a message about two rows with one id.
_ROW_NAMES = {
    "contributions": "inbreng",
    "agreements": "afspraak",
    "goals": "doel",
    "phone_remarks": "opmerking van een telefoon",
    "session.participants": "deelnemer",
}


@dataclass
class StoredSession:
    """Everything in one session file."""

    session: Session
    contributions: list[Contribution]
    agreements: list[Agreement]
    goals: list[Goal] = field(default_factory=list)
    scan_scores: list[ScanScore] = field(default_factory=list)
    remarks: list[PhoneRemark] = field(default_factory=list)  # from phones, in the order sent
    phone_votes: list[PhoneVote] = field(default_factory=list)
    scan_answers: list[ScanAnswer] = field(default_factory=list)


def keyed_row(record: PhoneVote | ScanAnswer) -> dict[str, Any]:
    """A vote or scan answer as a table row: its id is what it answers (one row per phone)."""
    return {"id": record.id, **record.to_dict()}


def row_type(table: str) -> Any:
    """The type of one row of a table (None for a table a session file does not have)."""
    return {
        SESSION_TABLE: Session,
        CONTRIBUTIONS_TABLE: Contribution,
        AGREEMENTS_TABLE: Agreement,
        GOALS_TABLE: Goal,
        SCAN_SCORES_TABLE: ScanScore,
    }.get(table)


def scan_score_row(score: ScanScore) -> dict[str, Any]:
    """A scan score as a table row. Its id is what it answers: one row per scan, code and group."""
    return {"id": f"{score.scan}/{score.code}/{score.group.value}", **score.to_dict()}


def stored_from_tables(path: Path, tables: Tables) -> StoredSession:
    """Build and check a session from the tables of its file. DamagedFileError when unusable."""
    rows = list(tables.get(SESSION_TABLE, {}).values())
    if len(rows) != 1:
        raise DamagedFileError(path, "de sessiegegevens ontbreken.")

    def table(name: str, hint: Any) -> Any:
        return _read(path, list(tables.get(name, {}).values()), hint, name)

    stored = StoredSession(
        session=_read(path, rows[0], Session, SESSION_TABLE),
        contributions=table(CONTRIBUTIONS_TABLE, list[Contribution]),
        agreements=table(AGREEMENTS_TABLE, list[Agreement]),
        goals=table(GOALS_TABLE, list[Goal]),
        scan_scores=table(SCAN_SCORES_TABLE, list[ScanScore]),
        remarks=sorted(table(REMARKS_TABLE, list[PhoneRemark]), key=lambda r: r.created),
        phone_votes=table(PHONE_VOTES_TABLE, list[PhoneVote]),
        scan_answers=table(SCAN_ANSWERS_TABLE, list[ScanAnswer]),
    )
    try:
        session_checks.check(stored, foreign=False)
    except Invalid as problem:
        raise DamagedFileError(path, _message(problem.field, problem)) from None
    return stored


def _read(path: Path, data: object, hint: Any, where: str) -> Any:
    try:
        return decode(data, hint, STORED)
    except Invalid as problem:
        inside = "" if problem.field == "$" else problem.field
        field = f"{where}{inside}" if inside.startswith("[") or not inside else f"{where}.{inside}"
        raise DamagedFileError(path, _message(field, problem)) from None


def _message(field: str, problem: Invalid) -> str:
    if problem.kind == DUPLICATE:
        table = field.rsplit("[", 1)[0]
        return f"twee keer dezelfde code bij {_ROW_NAMES.get(table, table)}."
    if problem.kind == OUT_OF_RANGE:
        return f"het veld '{field}' heeft een onmogelijke waarde ({_shown(problem.value)})."
    return f"het veld '{field}' ontbreekt of is onjuist."


def _shown(value: object) -> str:
    try:
        shown = str(value)
    except ValueError:  # an int too long to write out
        return "een heel groot getal"
    return shown if len(shown) <= 20 else shown[:19] + "…"


def tables_from_stored(stored: StoredSession) -> Tables:
    return {
        SESSION_TABLE: {"1": encode(stored.session)},
        CONTRIBUTIONS_TABLE: {str(i): encode(c) for i, c in enumerate(stored.contributions, 1)},
        AGREEMENTS_TABLE: {str(i): encode(a) for i, a in enumerate(stored.agreements, 1)},
        GOALS_TABLE: {str(i): encode(g) for i, g in enumerate(stored.goals, 1)},
        SCAN_SCORES_TABLE: {
            str(i): scan_score_row(score) for i, score in enumerate(stored.scan_scores, 1)
        },
        REMARKS_TABLE: {str(i): encode(r) for i, r in enumerate(stored.remarks, 1)},
        PHONE_VOTES_TABLE: {str(i): keyed_row(v) for i, v in enumerate(stored.phone_votes, 1)},
        SCAN_ANSWERS_TABLE: {str(i): keyed_row(a) for i, a in enumerate(stored.scan_answers, 1)},
    }


def summary_of(session: Session, updated: datetime) -> SessionSummary:
    return SessionSummary(
        id=session.id,
        title=session.title,
        location=session.location,
        day=session.day,
        phase=session.position.phase,
        phase_count=len(session.template.get("phases", [])),
        updated=updated,
        series=session.series,
        created=session.created,
    )


def summary_fields(summary: SessionSummary) -> dict[str, object]:
    return {k: v for k, v in encode(summary).items() if k != "updated"}
