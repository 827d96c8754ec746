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
import os
import secrets
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop.backup import backup_dir, keep_backup
from workshop.clock import Clock
from workshop.errors import DamagedFileError, NotFoundError, StoreError, WorkshopError
from workshop.folders import (
    TRASH_PREFIX,
    FolderMismatchError,
    Problem,
    check_folder_id,
    check_real_folder,
    is_session_folder,
    stray_entries,
    valid_session_id,
)
from workshop.goals import Goal
from workshop.lock import SessionLock
from workshop.model import Agreement, Contribution, Position, Session, SessionSummary
from workshop.safe_files import read_regular
from workshop.scan import ScanScore
from workshop.session_tables import SessionTables
from workshop.storage import (
    ReadOnlyError,
    Tables,
    check_schema,
    fsync_dir,
    make_private_dir,
    parse_json,
    read_json,
    remove_leftovers,
    save_error,
    write_atomically,
)
from workshop.stored_session import (
    AGREEMENTS_TABLE,
    CONTRIBUTIONS_TABLE,
    GOALS_TABLE,
    ROW_TABLES,
    SCAN_SCORES_TABLE,
    SESSION_TABLE,
    StoredSession,
    scan_score_row,
    stored_from_tables,
    summary_fields,
    summary_from_data,
    summary_of,
    tables_from_stored,
)

__all__ = [
    "Problem",
    "ReadOnlyError",
    "SessionFile",
    "SessionStore",
    "StoredSession",
    "make_private_dir",
    "valid_session_id",
]

SESSION_FILE = "session.json"
SUMMARY_FILE = "summary.json"

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


def read_summary(folder: Path) -> SessionSummary:
    """A folder's summary, checked. DamagedFileError when it cannot be used, FolderMismatchError
    when it belongs to another session code (a copied or renamed folder)."""
    path = folder / SUMMARY_FILE
    summary = summary_from_data(path, read_json(path))
    check_folder_id(folder, summary.id)
    return summary


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

        Raises DamagedFileError for a file that is not usable. Opened for writing, the journal
        is then folded into the snapshot, and a damaged part of it set aside.
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
        self._tables.append([(SESSION_TABLE, session.id, document)])
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

    def remove_agreement(self, agreement_id: str) -> None:
        self._remove(AGREEMENTS_TABLE, agreement_id)

    def save_goal(self, goal: Goal) -> None:
        self._upsert(GOALS_TABLE, goal.to_dict())

    def save_scan_score(self, score: ScanScore) -> None:
        """Store a group's score for a statement, replacing its earlier one."""
        self._upsert(SCAN_SCORES_TABLE, scan_score_row(score))

    def remove_goal(self, goal_id: str, unlinked: list[Agreement]) -> None:
        """Remove a goal and save the agreements that lost their link to it, in one write."""
        self._write_rows(
            [(AGREEMENTS_TABLE, a.id, a.to_dict()) for a in unlinked]
            + [(GOALS_TABLE, goal_id, None)]
        )

    def replace_all(self, stored: StoredSession, updated: datetime) -> None:
        """Write a whole session in one atomic write (import, restore); the journal is emptied."""
        self._check_writable()
        self._tables.replace(tables_from_stored(stored), datetime.now().astimezone())
        self._position = stored.session.position
        self._write_summary(stored.session, updated)

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
            reason = getattr(error, "strerror", None) or error
            warnings.append(
                f"Er kon geen reservekopie worden gemaakt ({reason}). "
                "Je kunt verder werken; wat je doet, wordt wel opgeslagen."
            )
        try:
            self.refresh_summary(stored.session, now)
        except StoreError as error:
            warnings.append(str(error))
        return warnings

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
        """Fold the journal into the snapshot and give up the lock. Safe to call more than once."""
        self._tables.close()
        if self.lock is not None:
            self.lock.release()


# -- all sessions ---------------------------------------------------------------------------------


class SessionStore:
    """All sessions under one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sessions_dir = root / "sessions"

    def ensure(self) -> None:
        try:
            make_private_dir(self.root)
            make_private_dir(self.sessions_dir)
        except OSError as error:
            raise StoreError(
                f"De map {self.root} kan niet worden gemaakt ({error.strerror})."
            ) from None

    def folder(self, session_id: str) -> Path:
        """The folder of a session; LinkedFolderError when it is a link (never followed)."""
        if not valid_session_id(session_id):
            raise NotFoundError(f"'{session_id}' is geen geldige sessiecode.")
        folder = self.sessions_dir / session_id
        check_real_folder(folder)
        return folder

    def folders(self) -> Iterator[Path]:
        """Every session folder, also those whose files are damaged (links are not followed)."""
        if not self.sessions_dir.is_dir():
            return
        for entry in sorted(self.sessions_dir.iterdir()):
            if is_session_folder(entry):
                yield entry

    def scan(self) -> tuple[list[SessionSummary], list[Problem]]:
        """All sessions, newest first, from their summaries only; plus what could not be read.

        Only the small summary files are read (and the session files' existence checked), so
        listing stays fast however many sessions there are. Damage inside a session file is
        found when it is opened, and by ``workshop doctor``.
        """
        summaries: list[SessionSummary] = []
        problems: list[Problem] = stray_entries(self.sessions_dir)
        for folder in self.folders():
            path = folder / SUMMARY_FILE
            has_session = os.path.lexists(folder / SESSION_FILE)
            if not os.path.lexists(path):
                what = "Het overzicht van sessie" if has_session else "Sessiemap"
                problems.append(
                    Problem(
                        path,
                        f"{what} {folder.name} is onvolledig ({path} ontbreekt). "
                        "'workshop doctor' vertelt wat je kunt doen.",
                    )
                )
                continue
            try:
                summary = read_summary(folder)
            except FolderMismatchError as error:
                problems.append(Problem(path, str(error)))  # says itself what to do
                continue
            except WorkshopError as error:
                problems.append(
                    Problem(path, f"{error} 'workshop doctor' vertelt wat je kunt doen.")
                )
                continue
            if not has_session:
                problems.append(
                    Problem(
                        folder / SESSION_FILE,
                        f"Het sessiebestand van '{summary.title}' ({folder.name}) ontbreekt. "
                        "'workshop doctor' vertelt wat je kunt doen.",
                    )
                )
                continue
            summaries.append(summary)
        summaries.sort(key=lambda s: (s.day, s.updated), reverse=True)
        return summaries, problems

    def list_sessions(self) -> list[SessionSummary]:
        return self.scan()[0]

    def exists(self, session_id: str) -> bool:
        return os.path.lexists(self.folder(session_id) / SESSION_FILE)

    def create(
        self, stored: StoredSession, updated: datetime, *, clock: Clock | None = None
    ) -> SessionFile:
        """Store a new session (also used by import) and keep it open, locked, for writing.

        Refuses to overwrite an existing one. Close the returned file when done.
        """
        self.ensure()
        folder = self.folder(stored.session.id)
        if os.path.lexists(folder / SESSION_FILE):
            raise StoreError(f"Er bestaat al een sessie met code {stored.session.id}.")
        new_folder = not folder.exists()
        file: SessionFile | None = None
        try:
            try:
                make_private_dir(folder)
            except OSError as error:
                raise save_error(error, "Een nieuwe sessie maken") from None
            file = SessionFile(folder, lock=SessionLock.acquire(folder, clock))
            if file.path.exists():
                raise StoreError(f"Er bestaat al een sessie met code {stored.session.id}.")
            file.replace_all(stored, updated)
        except BaseException:
            if file is not None:
                file.close()
            if new_folder and not (folder / SESSION_FILE).exists():
                shutil.rmtree(folder, ignore_errors=True)  # e.g. a full disk: leave no empty folder
            raise
        return file

    def open(
        self, session_id: str, *, read_only: bool = False, clock: Clock | None = None
    ) -> SessionFile:
        """Open a session file. For writing it takes the session's lock (SessionLockedError when
        another process has it) and clears temporary files a crash may have left."""
        folder = self.folder(session_id)
        if not os.path.lexists(folder / SESSION_FILE):
            raise NotFoundError(f"Er is geen sessie met code {session_id}.")
        if read_only:
            return SessionFile(folder, read_only=True)
        lock = SessionLock.acquire(folder, clock)
        try:
            if not os.path.lexists(folder / SESSION_FILE):  # deleted while we waited
                raise NotFoundError(f"Er is geen sessie met code {session_id}.")
            with contextlib.suppress(OSError):  # only temporary files: never a reason to stop
                remove_leftovers(folder)
                remove_leftovers(backup_dir(folder))
        except BaseException:
            lock.release()
            raise
        return SessionFile(folder, lock=lock)

    def load(self, session_id: str) -> StoredSession:
        """Read a session without locking it (export, look-up): it may be open elsewhere."""
        file = self.open(session_id, read_only=True)
        try:
            return file.load()
        finally:
            file.close()

    def find(self, query: str) -> SessionSummary:
        """A session by its code or by the start of its title, when only one title matches."""
        summaries = self.list_sessions()
        for summary in summaries:
            if summary.id == query:
                return summary
        if valid_session_id(query) and self.exists(query):
            # Its summary is damaged or missing: the session file itself may still be fine.
            return summary_of(self.load(query).session, datetime.now().astimezone())
        needle = query.casefold().strip()
        matches = [s for s in summaries if needle and s.title.casefold().startswith(needle)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFoundError(f"Geen sessie gevonden met code of titel '{query}'.")
        codes = ", ".join(f"{s.id} ({s.title})" for s in matches[:5])
        raise NotFoundError(f"'{query}' past bij meer sessies: {codes}. Gebruik de code.")

    def delete(self, session_id: str) -> None:
        """Remove a session completely, backups included. Refused while it is open elsewhere.

        The folder is first renamed away in one step, so a crash halfway never leaves half a
        session in the list; the renamed rest is removed now or on the next delete.
        """
        folder = self.folder(session_id)
        if not folder.is_dir():
            raise NotFoundError(f"Er is geen sessie met code {session_id}.")
        lock = SessionLock.acquire(folder)
        trash = self.sessions_dir / f"{TRASH_PREFIX}{session_id}-{secrets.token_hex(4)}"
        try:
            os.rename(folder, trash)
        except OSError as error:
            lock.release()
            raise StoreError(f"Verwijderen is mislukt ({error.strerror}).") from None
        lock.forget()
        fsync_dir(self.sessions_dir)
        self.purge_trash()

    def trash(self) -> list[Path]:
        """Rests of deletions that were interrupted."""
        if not self.sessions_dir.is_dir():
            return []
        return sorted(p for p in self.sessions_dir.iterdir() if p.name.startswith(TRASH_PREFIX))

    def purge_trash(self) -> None:
        for rest in self.trash():
            try:
                shutil.rmtree(rest)
            except OSError as error:
                raise StoreError(
                    f"Verwijderen is niet helemaal gelukt: {rest} is blijven staan "
                    f"({error.strerror}). Verwijder die map zelf."
                ) from None
        fsync_dir(self.sessions_dir)
