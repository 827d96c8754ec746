"""The store: one TinyDB file per session, in a folder of its own.

    <data>/sessions/<id>/session.json   the session (TinyDB, AtomicJSONStorage)
    <data>/sessions/<id>/summary.json   what the session list shows, so listing reads no contents

Saving one contribution rewrites only that session's file, so its cost does not grow with the
number of sessions stored. Every method returns only after the change is on disk.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tinydb import Query, TinyDB

from workshop.errors import DamagedFileError, NotFoundError, StoreError, WorkshopError
from workshop.model import Agreement, Contribution, Session, SessionSummary
from workshop.storage import (
    DIR_MODE,
    AtomicJSONStorage,
    fsync_dir,
    read_json,
    write_atomically,
)

SESSION_FILE = "session.json"
SUMMARY_FILE = "summary.json"
SESSION_TABLE = "session"
CONTRIBUTIONS_TABLE = "contributions"
AGREEMENTS_TABLE = "agreements"

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


def valid_session_id(session_id: str) -> bool:
    """Session ids become folder names: only lower-case letters, digits and dashes."""
    return bool(_ID_PATTERN.match(session_id))


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)


@dataclass
class StoredSession:
    """Everything in one session file."""

    session: Session
    contributions: list[Contribution]
    agreements: list[Agreement]


@dataclass
class Problem:
    """A session folder that could not be read; the listing goes on without it."""

    path: Path
    message: str


class SessionFile:
    """One session's TinyDB file. Each write replaces the file atomically and durably."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / SESSION_FILE
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._last_summary: dict[str, object] | None = None

    @property
    def session_id(self) -> str:
        return self.folder.name

    def load(self) -> StoredSession:
        """Read the whole session. Raises DamagedFileError for a file that is not usable."""
        try:
            rows = self._db.table(SESSION_TABLE).all()
            if len(rows) != 1:
                raise DamagedFileError(self.path, "de sessiegegevens ontbreken.")
            return StoredSession(
                session=Session.from_dict(rows[0]),
                contributions=[
                    Contribution.from_dict(d) for d in self._db.table(CONTRIBUTIONS_TABLE).all()
                ],
                agreements=[Agreement.from_dict(d) for d in self._db.table(AGREEMENTS_TABLE).all()],
            )
        except WorkshopError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise DamagedFileError(self.path, f"een veld klopt niet ({error!r}).") from None

    def save_session(self, session: Session, updated: datetime) -> None:
        """Write the session's own fields, and its summary when that changed."""
        table = self._db.table(SESSION_TABLE)
        table.upsert(session.to_dict(), Query().id == session.id)
        self._write_summary(session, updated)

    def save_contribution(self, contribution: Contribution) -> None:
        self._db.table(CONTRIBUTIONS_TABLE).upsert(
            contribution.to_dict(), Query().id == contribution.id
        )

    def remove_contribution(self, contribution_id: str) -> None:
        self._db.table(CONTRIBUTIONS_TABLE).remove(Query().id == contribution_id)

    def save_agreement(self, agreement: Agreement) -> None:
        self._db.table(AGREEMENTS_TABLE).upsert(agreement.to_dict(), Query().id == agreement.id)

    def remove_agreement(self, agreement_id: str) -> None:
        self._db.table(AGREEMENTS_TABLE).remove(Query().id == agreement_id)

    def replace_all(self, stored: StoredSession, updated: datetime) -> None:
        """Write a whole session in one atomic write (import, restore)."""
        self._db.storage.write(
            {
                SESSION_TABLE: {"1": stored.session.to_dict()},
                CONTRIBUTIONS_TABLE: {
                    str(i): c.to_dict() for i, c in enumerate(stored.contributions, 1)
                },
                AGREEMENTS_TABLE: {str(i): a.to_dict() for i, a in enumerate(stored.agreements, 1)},
            }
        )
        self._write_summary(stored.session, updated)

    def _write_summary(self, session: Session, updated: datetime) -> None:
        summary = SessionSummary(
            id=session.id,
            title=session.title,
            location=session.location,
            day=session.day,
            phase=session.position.phase,
            phase_count=len(session.template.get("phases", [])),
            updated=updated,
        ).to_dict()
        # The summary changes far less often than the session: skip identical rewrites.
        comparable = {k: v for k, v in summary.items() if k != "updated"}
        if comparable == self._last_summary:
            return
        content = json.dumps(summary, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            write_atomically(self.folder / SUMMARY_FILE, content)
        except OSError as error:
            raise StoreError(f"Opslaan van het overzicht is mislukt ({error.strerror}).") from None
        self._last_summary = comparable

    def close(self) -> None:
        self._db.close()


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
        if not valid_session_id(session_id):
            raise NotFoundError(f"'{session_id}' is geen geldige sessiecode.")
        return self.sessions_dir / session_id

    def _folders(self) -> Iterator[Path]:
        if not self.sessions_dir.is_dir():
            return
        for entry in sorted(self.sessions_dir.iterdir()):
            if entry.is_dir() and valid_session_id(entry.name):
                yield entry

    def scan(self) -> tuple[list[SessionSummary], list[Problem]]:
        """All sessions, newest first, from their summaries only; plus what could not be read."""
        summaries: list[SessionSummary] = []
        problems: list[Problem] = []
        for folder in self._folders():
            path = folder / SUMMARY_FILE
            try:
                summaries.append(SessionSummary.from_dict(read_json(path)))
            except WorkshopError as error:
                problems.append(Problem(path, str(error)))
            except (KeyError, TypeError, ValueError, AttributeError):
                problems.append(Problem(path, f"Het overzicht in {path} is onleesbaar."))
        summaries.sort(key=lambda s: (s.day, s.updated), reverse=True)
        return summaries, problems

    def list_sessions(self) -> list[SessionSummary]:
        return self.scan()[0]

    def exists(self, session_id: str) -> bool:
        return (self.folder(session_id) / SESSION_FILE).exists()

    def create(self, stored: StoredSession, updated: datetime) -> SessionFile:
        """Store a new session (also used by import). Refuses to overwrite an existing one."""
        self.ensure()
        folder = self.folder(stored.session.id)
        if (folder / SESSION_FILE).exists():
            raise StoreError(f"Er bestaat al een sessie met code {stored.session.id}.")
        try:
            make_private_dir(folder)
        except OSError as error:
            raise StoreError(
                f"De map {folder} kan niet worden gemaakt ({error.strerror})."
            ) from None
        file = SessionFile(folder)
        file.replace_all(stored, updated)
        return file

    def open(self, session_id: str) -> SessionFile:
        folder = self.folder(session_id)
        if not (folder / SESSION_FILE).exists():
            raise NotFoundError(f"Er is geen sessie met code {session_id}.")
        return SessionFile(folder)

    def load(self, session_id: str) -> StoredSession:
        file = self.open(session_id)
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
        needle = query.casefold().strip()
        matches = [s for s in summaries if needle and s.title.casefold().startswith(needle)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFoundError(f"Geen sessie gevonden met code of titel '{query}'.")
        codes = ", ".join(f"{s.id} ({s.title})" for s in matches[:5])
        raise NotFoundError(f"'{query}' past bij meer sessies: {codes}. Gebruik de code.")

    def delete(self, session_id: str) -> None:
        """Remove a session completely, backups included."""
        folder = self.folder(session_id)
        if not folder.exists():
            raise NotFoundError(f"Er is geen sessie met code {session_id}.")
        try:
            shutil.rmtree(folder)
        except OSError as error:
            raise StoreError(f"Verwijderen is mislukt ({error.strerror}).") from None
        fsync_dir(self.sessions_dir)
