"""The interchange format: one session as a JSON document (see docs/session-format.md).

    {"format": "workshop-sessie", "version": 1,
     "session": {...}, "contributions": [...], "goals": [...], "agreements": [...],
     "scan_scores": [...]}

``SessionDocument`` below is the document's type; with the session's own types it is the
schema, and ``data/session.schema.json`` is made from it (``python -m workshop.schema_gen``).
``goals`` and ``scan_scores``, and the fields added with them (the trajectory fields of an
agreement, a session's ``series``, a contribution's ``aim``), may be missing: documents written
before they existed still read, with the defaults.

``parse_session`` reads the whole document through the schema (``workshop.schema``, ``STRICT``)
and then the rules between its parts (``workshop.session_checks``), and stops at the first problem
with a ``ValidationError`` whose ``field`` is a JSON-path-like name such as
``contributions[3].group`` (positions count from 0, as in JSON Path).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

from workshop import session_checks
from workshop.clock import Clock
from workshop.errors import StoreError, ValidationError, WorkshopError
from workshop.goals import Goal
from workshop.model import Agreement, Contribution, Session, new_id
from workshop.os_reasons import os_reason
from workshop.participation import PhoneRemark, PhoneVote, ScanAnswer
from workshop.scan import ScanScore
from workshop.schema import STRICT, decode, encode
from workshop.schema_errors import Invalid, short
from workshop.schema_types import ADDED_LATER, Reason
from workshop.store import SessionStore, StoredSession
from workshop.text import TITLE_MAX

FORMAT_NAME = "workshop-sessie"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
COPY_SUFFIX = " (kopie)"

_NOT_A_DOCUMENT = "dit is geen sessiebestand van workshop (geen JSON-object)."


def _unknown_version(value: object) -> str:
    return (
        f"versie {short(value)} ken ik niet. "
        f"Deze versie van workshop leest versie {FORMAT_VERSION}."
    )


@dataclass
class SessionDocument:
    """One session as an interchange document."""

    format: Annotated[
        Literal["workshop-sessie"],
        Reason(f"dit is geen sessiebestand van workshop (verwacht '{FORMAT_NAME}')."),
    ]
    version: Annotated[Literal[1], Reason(_unknown_version)]
    session: Session
    contributions: list[Contribution]
    # Goals before agreements, as agreements name the goal they serve.
    goals: Annotated[list[Goal], ADDED_LATER] = field(default_factory=list, kw_only=True)
    agreements: list[Agreement]
    scan_scores: Annotated[list[ScanScore], ADDED_LATER] = field(default_factory=list)
    # What phones sent (workshop.participation): a backup keeps the remarks still waiting too.
    phone_remarks: Annotated[list[PhoneRemark], ADDED_LATER] = field(default_factory=list)
    phone_votes: Annotated[list[PhoneVote], ADDED_LATER] = field(default_factory=list)
    scan_answers: Annotated[list[ScanAnswer], ADDED_LATER] = field(default_factory=list)


class ImportFileError(WorkshopError):
    """A file that cannot be read as a session: missing, too large, or not JSON."""


@dataclass(eq=False)
class ImportedSession(StoredSession):
    """What ``import_file`` stored. ``copy_of`` is the id in the file when that id was already
    taken here, so the session was stored as a copy with a new id and '(kopie)' in its title."""

    copy_of: str | None = None

    @property
    def is_copy(self) -> bool:
        return self.copy_of is not None


# -- writing ------------------------------------------------------------------------------------


def dump_session(stored: StoredSession, *, notes: bool = False) -> dict[str, Any]:
    """The session as an interchange document (plain JSON-ready values).

    The facilitator's private notes are left out unless ``notes`` is asked for.
    """
    document = SessionDocument(
        format=FORMAT_NAME,
        version=FORMAT_VERSION,
        session=stored.session if notes else replace(stored.session, notes=[]),
        contributions=stored.contributions,
        goals=stored.goals,
        agreements=_linked_agreements(stored),
        scan_scores=stored.scan_scores,
        phone_remarks=stored.remarks,
        phone_votes=stored.phone_votes,
        scan_answers=stored.scan_answers,
    )
    return encode(document)


def _linked_agreements(stored: StoredSession) -> list[Agreement]:
    """The agreements; a link to a contribution that was deleted since becomes null.

    The session keeps the link (undoing the delete restores it), but a document may only name
    what is in it.
    """
    contributions = {c.id for c in stored.contributions}
    goals = {g.id for g in stored.goals}
    return [
        replace(
            agreement,
            source=agreement.source if agreement.source in contributions else None,
            goal=agreement.goal if agreement.goal in goals else None,
        )
        for agreement in stored.agreements
    ]


def dumps_session(stored: StoredSession, *, notes: bool = False) -> str:
    """The document as JSON text, readable by people too."""
    return json.dumps(dump_session(stored, notes=notes), ensure_ascii=False, indent=2) + "\n"


# -- reading ------------------------------------------------------------------------------------


def parse_session(data: object) -> StoredSession:
    """Check a whole interchange document and build the session from it.

    Raises ValidationError naming the first field that is wrong.
    """
    try:
        document: SessionDocument = decode(data, SessionDocument, STRICT)
        stored = StoredSession(
            session=document.session,
            contributions=document.contributions,
            agreements=document.agreements,
            goals=document.goals,
            scan_scores=document.scan_scores,
            remarks=document.phone_remarks,
            phone_votes=document.phone_votes,
            scan_answers=document.scan_answers,
        )
        session_checks.check(stored, foreign=True)
    except Invalid as problem:
        reason = _NOT_A_DOCUMENT if problem.field == "$" else problem.reason
        raise ValidationError(
            problem.field, f"Het bestand klopt niet bij '{problem.field}': {reason}"
        ) from None
    return stored


def read_document(path: Path) -> object:
    """The JSON in a file, with a clear message for each way reading can go wrong."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(f"Het bestand {path} bestaat niet.") from None
    except OSError as error:
        raise ImportFileError(
            f"Het bestand {path} kan niet worden gelezen ({os_reason(error)})."
        ) from None
    if path.is_dir():
        raise ImportFileError(f"{path} is een map. Kies een JSON-bestand.")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"Het bestand {path} is te groot ({size / 1024 / 1024:.1f} MB). "
            f"Het mag hoogstens {MAX_FILE_BYTES // 1024 // 1024} MB zijn."
        )
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ImportFileError(
            f"Het bestand {path} kan niet worden gelezen ({os_reason(error)})."
        ) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew since we looked
        raise ImportFileError(f"Het bestand {path} is te groot. Het mag hoogstens 20 MB zijn.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"Het bestand {path} is geen tekstbestand (UTF-8).") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError) as error:
        where = (
            f" (regel {error.lineno}, teken {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise ImportFileError(
            f"Het bestand {path} is geen geldig JSON-bestand{where}. "
            "Gebruik een bestand dat met 'workshop export --format json' is gemaakt."
        ) from None
    except RecursionError:
        raise ImportFileError(f"Het bestand {path} is te diep genest om te lezen.") from None


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is geen getal in JSON")


def import_file(store: SessionStore, path: Path, clock: Clock) -> ImportedSession:
    """Read, check and store a session file, all or nothing.

    When a session with the same id is already stored, the file is stored as a copy: a new id,
    and ' (kopie)' after the title. The returned object says so in ``copy_of``.
    """
    stored = parse_session(read_document(Path(path)))
    copy_of = None
    if store.exists(stored.session.id):
        copy_of = stored.session.id
        stored.session.id = _free_id(store)
        stored.session.title = _copy_title(stored.session.title)
    _store_new(store, stored, clock)
    return ImportedSession(
        stored.session,
        stored.contributions,
        stored.agreements,
        goals=stored.goals,
        scan_scores=stored.scan_scores,
        remarks=stored.remarks,
        phone_votes=stored.phone_votes,
        scan_answers=stored.scan_answers,
        copy_of=copy_of,
    )


def _free_id(store: SessionStore) -> str:
    while store.exists(candidate := new_id()):
        pass
    return candidate


def _copy_title(title: str) -> str:
    return title[: TITLE_MAX - len(COPY_SUFFIX)].rstrip() + COPY_SUFFIX


def _store_new(store: SessionStore, stored: StoredSession, clock: Clock) -> None:
    """Store in one atomic write; if that fails halfway, remove what this import made."""
    folder = store.folder(stored.session.id)
    existed = folder.exists()
    try:
        store.create(stored, clock.now()).close()
    except (StoreError, OSError):
        if not existed and folder.exists() and not store.exists(stored.session.id):
            store.delete(stored.session.id)
        raise


