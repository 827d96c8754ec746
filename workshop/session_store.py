"""All sessions under one data folder: list, find, create, open, delete.

    <data>/sessions/<id>/   one folder per session; its files are described in workshop.store

Kept apart from ``workshop.store`` so that holding a store and listing its sessions (the app's
home screen, ``workshop list``) loads no TinyDB, templates, scans or locks: that keeps start-up
fast. Opening, creating and deleting a session import what they need when called.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.errors import NotFoundError, StoreError, WorkshopError
from workshop.folders import TRASH_PREFIX, check_real_folder, valid_session_id
from workshop.listing import (
    SESSION_FILE,
    Problem,
    scan_sessions,
    session_folders,
    sessions_dir,
)
from workshop.os_reasons import os_reason
from workshop.summary import SessionSummary

if TYPE_CHECKING:
    from workshop.clock import Clock
    from workshop.model import Agreement
    from workshop.store import SessionFile, StoredSession

__all__ = ["TRASH_PREFIX", "SessionStore"]


EARLY_BACKUP_BYTES = 256 * 1024  # from this size a session's first backup is made as it is created


class SessionStore:
    """All sessions under one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sessions_dir = sessions_dir(root)

    def ensure(self) -> None:
        from workshop.storage import make_private_dir

        try:
            make_private_dir(self.root)
            make_private_dir(self.sessions_dir)
        except OSError as error:
            raise StoreError(
                f"De map {self.root} kan niet worden gemaakt ({os_reason(error)})."
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
        return session_folders(self.sessions_dir)

    def scan(self) -> tuple[list[SessionSummary], list[Problem]]:
        """All sessions, newest first, from their summaries only; plus what could not be read
        (workshop.listing)."""
        return scan_sessions(self.sessions_dir)

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
        from workshop.lock import SessionLock
        from workshop.storage import make_private_dir, save_error
        from workshop.store import SessionFile

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
            _first_backup(folder, file.path, updated)
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
        import contextlib

        from workshop.backup import backup_dir
        from workshop.lock import SessionLock
        from workshop.storage import remove_leftovers
        from workshop.store import SessionFile

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

    def agreements(self, session_id: str) -> list[Agreement]:
        """A session's agreements, as ``load(session_id).agreements`` gives them, read from the
        small file beside its summary when that provably still matches the session
        (workshop.agreement_index); else the session is loaded, and that file written again."""
        from workshop.agreement_index import fresh_rows, snapshot_identity

        folder = self.folder(session_id)
        rows = fresh_rows(folder)
        if rows is not None:
            from workshop.model import Agreement
            from workshop.schema import STORED, decode

            try:
                return decode(rows, list[Agreement], STORED)  # type: ignore[no-any-return]
            except ValueError:  # the checks fail: load the session, which says why
                pass
        before = snapshot_identity(folder / SESSION_FILE)
        file = self.open(session_id, read_only=True)
        try:
            stored = file.load()
            file.index_after_reading(before)
        finally:
            file.close()
        return stored.agreements

    def find(self, query: str) -> SessionSummary:
        """A session by its code or by the start of its title, when only one title matches."""
        summaries = self.list_sessions()
        for summary in summaries:
            if summary.id == query:
                return summary
        if valid_session_id(query) and self.exists(query):
            # Its summary is damaged or missing: the session file itself may still be fine.
            from workshop.stored_session import summary_of

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
        import secrets  # here, not at the top: it loads OpenSSL, which listing does not need

        from workshop.lock import SessionLock
        from workshop.storage import fsync_dir

        folder = self.folder(session_id)
        if not folder.is_dir():
            raise NotFoundError(f"Er is geen sessie met code {session_id}.")
        lock = SessionLock.acquire(folder)
        trash = self.sessions_dir / f"{TRASH_PREFIX}{session_id}-{secrets.token_hex(4)}"
        try:
            os.rename(folder, trash)
        except OSError as error:
            lock.release()
            raise StoreError(f"Verwijderen is mislukt ({os_reason(error)}).") from None
        lock.forget()
        fsync_dir(self.sessions_dir)
        self.purge_trash()

    def trash(self) -> list[Path]:
        """Rests of deletions that were interrupted."""
        if not self.sessions_dir.is_dir():
            return []
        return sorted(p for p in self.sessions_dir.iterdir() if p.name.startswith(TRASH_PREFIX))

    def purge_trash(self) -> None:
        from workshop.storage import fsync_dir

        for rest in self.trash():
            try:
                shutil.rmtree(rest)
            except OSError as error:
                raise StoreError(
                    f"Verwijderen is niet helemaal gelukt: {rest} is blijven staan "
                    f"({os_reason(error)}). Verwijder die map zelf."
                ) from None
        fsync_dir(self.sessions_dir)


def _first_backup(folder: Path, path: Path, moment: datetime) -> None:
    """The first backup of a session that arrives large (an import, a session made by a
    program): made now, as a copy of its own (workshop.backup), while the whole file is written
    anyway. Otherwise the first open would copy it, writing megabytes for its first few remarks;
    with this copy there, the backups made at later opens can be links. A small session gets its
    first backup at its first open, as always. Not needed to go on: if it fails, that open
    makes it."""
    from workshop.backup import keep_backup

    with contextlib.suppress(OSError, WorkshopError):
        if path.stat().st_size >= EARLY_BACKUP_BYTES:
            keep_backup(folder, path, moment)
