"""Small builders shared by the store, session, crash and privacy tests."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from workshop.clock import Clock
from workshop.model import Group, Participant
from workshop.session import LiveSession, create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def new_session(
    store: SessionStore,
    clock: Clock,
    title: str = "Ouderavond De Zonnebloem",
    participants: list[Participant] | None = None,
    facilitator: str = "",
    location: str = "Utrecht",
) -> LiveSession:
    """A new session at ``location``; sessions at one location form a trajectory."""
    return create_session(
        store,
        clock,
        title=title,
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=location,
        facilitator=facilitator,
        participants=participants,
    )


def filled_session(store: SessionStore, clock: Clock, count: int = 3, **kwargs) -> str:  # type: ignore[no-untyped-def]
    """A closed session holding ``count`` contributions; returns its id."""
    live = new_session(store, clock, **kwargs)
    for n in range(count):
        live.add_contribution(f"Inbreng nummer {n}", Group.OUDERPANEL if n % 2 else Group.TEAM)
    live.close()
    return live.session.id


def fold(store: SessionStore, session_id: str) -> bool:
    """Open a session for writing and fold its whole journal into its snapshot, so that
    session.json holds everything. True when the journal held anything."""
    file = store.open(session_id)
    try:
        file.load()
        return file.fold_journal()
    finally:
        file.close()


def close_folded(store: SessionStore, live: LiveSession) -> None:
    """Close ``live``, then fold its whole journal into session.json (a real store operation),
    so that the file holds everything: for tests that edit or damage that file afterwards, or
    that need the next open's backup to hold the last changes. A plain close leaves a small
    journal beside the file (workshop.session_tables)."""
    live.close()
    fold(store, live.session.id)


def crash(live: LiveSession) -> None:
    """Leave the session as a SIGKILL would: no close, so the journal is not folded in."""
    live.file.wait_for_compaction()
    live.file._tables._writer.close()  # type: ignore[union-attr]  # the kernel closes fds
    live.file.lock.forget()  # type: ignore[union-attr]  # a dead process's lock: taken over


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its contents: to prove nothing changed."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


class DurableWrites:
    """Records each fsync of a regular file: each durable write, by the name the file has at the
    end (a temporary file renamed into place counts under its final name; a journal append
    under its segment's name). Use ``names()`` after the writes, relative to ``root``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.root = root
        self.synced: list[tuple[int, int]] = []
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode):
                self.synced.append((info.st_dev, info.st_ino))
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)

    def names(self) -> list[str]:
        by_inode = {}
        for path in self.root.rglob("*"):
            info = path.lstat()
            by_inode[(info.st_dev, info.st_ino)] = path.relative_to(self.root).as_posix()
        return [by_inode.get(key, "(verwijderd)") for key in self.synced]

    def basenames(self) -> list[str]:
        return [name.rsplit("/", 1)[-1] for name in self.names()]

    def clear(self) -> None:
        self.synced.clear()
