"""The store: one TinyDB file per session, in a folder of its own.

    <data>/sessions/<id>/session.json   the session's snapshot (TinyDB, workshop.snapshot)
    <data>/sessions/<id>/journal-*.jsonl the changes since the snapshot (workshop.journal)
    <data>/sessions/<id>/summary.json   what the session list shows, so listing reads no contents
    <data>/sessions/<id>/lock.json      who has the session open for writing (workshop.lock)
    <data>/sessions/<id>/backups/       the last good versions (workshop.backup)

Saving one contribution appends one record to that session's journal, so its cost grows neither
with the number of sessions stored nor with the size of the session. Every method returns only
after the change is on disk. A session file that cannot be used is never written to: it raises
DamagedFileError and stays as it is.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop import agreement_index
from workshop.backup import keep_backup
from workshop.errors import DamagedFileError, NotFoundError, StoreError, WorkshopError
from workshop.folders import (
    TRASH_PREFIX,
    Problem,
    check_folder_id,
    valid_session_id,
)
from workshop.goals import Goal
from workshop.journal_patch import diff
from workshop.listing import SESSION_FILE, SUMMARY_FILE, read_summary
from workshop.lock import SessionLock, read_holder
from workshop.model import Agreement, Contribution, Position, Session
from workshop.os_reasons import os_reason
from workshop.participation import PhoneRemark, PhoneVote, ScanAnswer
from workshop.safe_files import read_regular
from workshop.scan import ScanScore
from workshop.session_store import SessionStore  # moved: listing is light
from workshop.session_tables import SessionTables
from workshop.storage import (
    ReadOnlyError,
    Tables,
    check_schema,
    make_private_dir,
    parse_json,
    save_error,
    write_atomically,
)
from workshop.stored_session import (
    AGREEMENTS_TABLE,
    CONTRIBUTIONS_TABLE,
    GOALS_TABLE,
    PHONE_VOTES_TABLE,
    REMARKS_TABLE,
    ROW_TABLES,
    SCAN_ANSWERS_TABLE,
    SCAN_SCORES_TABLE,
    SESSION_TABLE,
    StoredSession,
    keyed_row,
    scan_score_row,
    stored_from_tables,
    summary_fields,
    summary_of,
    tables_from_stored,
)

__all__ = [
    "SESSION_FILE",
    "SUMMARY_FILE",
    "TRASH_PREFIX",
    "Problem",
    "ReadOnlyError",
    "SessionFile",
    "SessionStore",
    "StoredSession",
    "make_private_dir",
    "read_summary",
    "valid_session_id",
]

# -- reading a session file (the checks: workshop.stored_session) ---------------------------------


def read_stored(path: Path) -> StoredSession:
    """Read and check one session file on its own (a backup). DamagedFileError when unusable.

    Only a regular file is read, never through a link (workshop.safe_files). A session's own
    file may have changes in its journal after it: use ``read_session``.
    """
    return checked_stored(path, read_tables(path))


def read_tables(path: Path) -> Tables:
    """The checked tables of a session file. NotFoundError, StoreError, DamagedFileError."""
    data = parse_json(path, read_regular(path))
    check_schema(path, data)
    return data


def read_session(folder: Path) -> tuple[StoredSession, str | None]:
    """A session folder's session, its journal replayed, without locking or writing anything;
    and the damage found in its journal (its good part is used), in Dutch. The code inside is
    not compared with the folder's name (``SessionFile.load`` does): doctor and vergeet decide."""
    file = SessionFile(folder, read_only=True)
    return file._read(), file.journal_problem


def checked_stored(path: Path, tables: Tables) -> StoredSession:
    """``stored_from_tables``, with data too deeply nested to check counted as damage too."""
    try:
        return stored_from_tables(path, tables)
    except RecursionError:
        raise DamagedFileError(path, "de gegevens zijn te diep genest.") from None


# -- one session file -----------------------------------------------------------------------------


class SessionFile:
    """One session: its TinyDB snapshot and its journal. Each change is one journal record,
    fsynced before the method returns (workshop.session_tables). Opened for writing, it holds the
    session's lock until ``close``; ``read_only``, every write raises ReadOnlyError first.
    """

    def __init__(
        self, folder: Path, *, read_only: bool = False, lock: SessionLock | None = None
    ) -> None:
        self.folder = folder
        self.path = folder / SESSION_FILE
        self.read_only = read_only
        self.lock = lock
        self._tables = SessionTables(
            folder, self.path, (SESSION_TABLE, *ROW_TABLES), writable=not read_only
        )
        self._position: Position | None = None
        self._last_summary: dict[str, object] | None = None
        self._tables.after_compaction = self._write_agreement_index

    @property
    def session_id(self) -> str:
        return self.folder.name

    @property
    def journal_problem(self) -> str | None:
        """Damage found in the journal when loading (its good part was used), in Dutch."""
        return self._tables.problem

    @property
    def journal_kept(self) -> list[Path]:
        """Damaged journal segments this file set aside when loading or replacing."""
        return list(self._tables.kept)

    def load(self) -> StoredSession:
        """Read the whole session: the snapshot, then the journal replayed on top.

        Raises DamagedFileError for a file that is not usable. Opened for writing, a damaged part
        of the journal is then set aside, and a journal that has grown enough folded into the
        snapshot (``fold_journal`` folds any).
        """
        try:
            stored = self._read()
        except NotFoundError:
            raise NotFoundError(f"Er is geen sessie met code {self.session_id}.") from None
        except DamagedFileError as error:
            raise DamagedFileError(
                error.path,
                f"{error.reason} Het bestand is niet veranderd. Met 'workshop doctor --herstel "
                f"{self.session_id}' zet je de laatste goede reservekopie terug.",
            ) from None
        check_folder_id(self.folder, stored.session.id)  # never take a copy for its original
        if not self.read_only:
            self._tables.settle(datetime.now().astimezone())
        self._position = stored.session.position
        return stored

    def _read(self) -> StoredSession:  # every check (also the bounds) on the replayed result
        return checked_stored(self.path, self._tables.read(read_tables))

    def save_session(self, session: Session, updated: datetime) -> None:
        """Write the session's own fields, and its summary when that changed."""
        document = session.to_dict()
        # Only the fields that changed (a step change is not the whole template again).
        patch = diff(self._tables.row(SESSION_TABLE, session.id), document)
        self._tables.append([(SESSION_TABLE, session.id, document if patch is None else patch)])
        try:
            self._write_summary(session, updated)
        except BaseException:
            self._tables.take_back()
            raise
        step_changed = session.position != self._position
        self._position = session.position
        self._tables.commit(quiet_moment=step_changed)

    def save_contribution(self, contribution: Contribution) -> None:
        self._upsert(CONTRIBUTIONS_TABLE, contribution.to_dict())

    def remove_contribution(self, contribution_id: str) -> None:
        self._remove(CONTRIBUTIONS_TABLE, contribution_id)

    def save_agreement(self, agreement: Agreement) -> None:
        self._upsert(AGREEMENTS_TABLE, agreement.to_dict())
        self._write_agreement_index()

    def remove_agreement(self, agreement_id: str) -> None:
        self._remove(AGREEMENTS_TABLE, agreement_id)
        self._write_agreement_index()

    def save_goal(self, goal: Goal) -> None:
        self._upsert(GOALS_TABLE, goal.to_dict())

    def save_scan_score(self, score: ScanScore) -> None:
        """Store a group's score for a statement, replacing its earlier one."""
        self._upsert(SCAN_SCORES_TABLE, scan_score_row(score))

    def save_remarks(
        self, remarks: Sequence[PhoneRemark], contributions: Sequence[Contribution] = ()
    ) -> None:
        """Phones' remarks, and the contributions accepting them made, in one write."""
        self._write_rows(
            [(REMARKS_TABLE, r.id, r.to_dict()) for r in remarks]
            + [(CONTRIBUTIONS_TABLE, c.id, c.to_dict()) for c in contributions]
        )

    def remove_remark(self, remark_id: str) -> None:
        self._remove(REMARKS_TABLE, remark_id)

    def save_phone_vote(self, vote: PhoneVote, contribution: Contribution) -> None:
        """A phone's dots on a contribution and the contribution's new total, in one write."""
        self._write_rows(
            [
                (PHONE_VOTES_TABLE, vote.id, keyed_row(vote)),
                (CONTRIBUTIONS_TABLE, contribution.id, contribution.to_dict()),
            ]
        )

    def save_scan_answers(self, answers: list[ScanAnswer]) -> None:
        self._write_rows([(SCAN_ANSWERS_TABLE, a.id, keyed_row(a)) for a in answers])

    def remove_goal(self, goal_id: str, unlinked: list[Agreement]) -> None:
        """Remove a goal and save the agreements that lost their link to it, in one write."""
        self._write_rows(
            [(AGREEMENTS_TABLE, a.id, a.to_dict()) for a in unlinked]
            + [(GOALS_TABLE, goal_id, None)]
        )
        if unlinked:
            self._write_agreement_index()

    def replace_all(self, stored: StoredSession, updated: datetime) -> None:
        """Write a whole session in one atomic write (import, restore); the journal is emptied."""
        self._check_writable()
        # Gone first: a crash before the new one is written leaves none, never an old one.
        with contextlib.suppress(OSError):
            agreement_index.remove_index(self.folder)
        self._tables.replace(tables_from_stored(stored), datetime.now().astimezone())
        self._position = stored.session.position
        self._write_summary(stored.session, updated)
        self._write_agreement_index()

    def fold_journal(self) -> bool:
        """After ``load``: write the session as it is now as a new snapshot, so the journal is
        empty (a small journal is otherwise left for later). True when the journal held anything.
        For those that rewrite files anyway (vergeet, tests); StoreError when it fails."""
        self._check_writable()
        return self._tables.fold()

    def wait_for_compaction(self) -> None:
        """Wait until a compaction running in the background has finished (tests, benchmarks)."""
        self._tables.wait()

    def refresh_summary(self, session: Session, updated: datetime) -> bool:
        """Rewrite the summary when it is missing, damaged or out of date. True when rewritten."""
        wanted = summary_fields(summary_of(session, updated))
        with contextlib.suppress(WorkshopError):
            if summary_fields(read_summary(self.folder)) == wanted:
                self._last_summary = wanted
                return False
        self._last_summary = None
        self._write_summary(session, updated)
        return True

    def after_open(self, stored: StoredSession, now: datetime) -> list[str]:
        """Once a file opened for writing has loaded well: back it up, mend its summary.

        Neither is needed to go on working, so a failure becomes a warning, not an error.
        """
        self._check_writable()
        warnings = list(self._tables.warnings)  # e.g. a damaged journal set aside
        try:
            keep_backup(self.folder, self.path, now)
        except (OSError, WorkshopError) as error:
            reason = os_reason(error)
            warnings.append(
                f"Er kon geen reservekopie worden gemaakt ({reason}). "
                "Je kunt verder werken; wat je doet, wordt wel opgeslagen."
            )
        try:
            self.refresh_summary(stored.session, now)
        except StoreError as error:
            warnings.append(str(error))
        self.refresh_agreement_index()
        return warnings

    # -- the agreements kept beside the summary (workshop.agreement_index) -----------------------

    def refresh_agreement_index(self) -> bool:
        """Write the agreements beside the summary when they are missing or no longer match.
        True when written. Opened for writing and loaded only."""
        if self.read_only or agreement_index.fresh_rows(self.folder) is not None:
            return False
        return self._write_agreement_index()

    def _write_agreement_index(self) -> bool:
        """Write the agreements as they are now. A failure is no error (see the module)."""
        if self.read_only:
            return False
        return agreement_index.write_current(self.folder, self._tables)

    def index_after_reading(self, before: agreement_index.Identity | None) -> bool:
        """After a read-only ``load``: write the agreements beside the summary, when nobody has
        the session open and its snapshot was ``before`` all the time it was read. True when
        written. Best effort: listing agreements reads this session faster next time."""
        if before is None or read_holder(self.folder) is not None:
            return False
        return agreement_index.write_current(self.folder, self._tables, expected=before)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError()

    def _upsert(self, name: str, document: dict[str, Any]) -> None:
        self._write_rows([(name, document["id"], document)])

    def _write_rows(self, changes: list[tuple[str, str, dict[str, Any] | None]]) -> None:
        """Several row changes (table, row id, new document or None to remove) in one write."""
        self._check_writable()
        self._tables.change(list(changes))

    def _remove(self, name: str, row_id: str) -> None:
        self._write_rows([(name, row_id, None)])

    def _write_summary(self, session: Session, updated: datetime) -> None:
        self._check_writable()
        summary = summary_of(session, updated)
        # The summary changes far less often than the session: skip identical rewrites.
        comparable = summary_fields(summary)
        if comparable == self._last_summary:
            return
        content = json.dumps(summary.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
        try:
            write_atomically(self.folder / SUMMARY_FILE, content)
        except OSError as error:
            raise save_error(error, "Opslaan van het overzicht") from None
        self._last_summary = comparable

    def close(self) -> None:
        """Fold a journal that has grown enough into the snapshot (workshop.session_tables) and
        give up the lock. Safe to call more than once."""
        self._tables.close()
        if self.lock is not None:
            self.lock.release()
