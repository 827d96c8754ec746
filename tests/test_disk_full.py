"""A full disk or a failing write: a clear Dutch message, the old file intact, the state unchanged.

The failures are simulated where the storage meets the operating system: ``os.write`` writes half
of the data and then reports ENOSPC (as a disk that fills up halfway does), or ``os.fsync`` /
``os.replace`` fail. The UI keeps the unsaved text in its input; that part is tested with the UI.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator

import pytest
from helpers_sessions import new_session, tree_snapshot

from workshop.clock import FakeClock
from workshop.errors import StoreError
from workshop.model import Group
from workshop.session import LiveSession, open_session
from workshop.storage import find_leftovers
from workshop.store import SessionStore

REAL_WRITE, REAL_FSYNC, REAL_REPLACE = os.write, os.fsync, os.replace


def _regular_file(fd: int) -> bool:
    return fd > 2 and stat.S_ISREG(os.fstat(fd).st_mode)


def disk_full_write(fd: int, data: bytes) -> int:
    if not _regular_file(fd):
        return REAL_WRITE(fd, data)
    if len(data) > 1:
        REAL_WRITE(fd, bytes(data[: len(data) // 2]))
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def failing_fsync(fd: int) -> None:
    if _regular_file(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    REAL_FSYNC(fd)


def failing_replace(src: str, dst: str) -> None:
    raise OSError(errno.EACCES, os.strerror(errno.EACCES))


FAILURES: dict[str, tuple[str, Callable[..., object], str]] = {
    "disk full while writing": ("write", disk_full_write, "de schijf is vol"),
    "fsync fails": ("fsync", failing_fsync, "de schijf meldt een fout"),
    "replace fails": ("replace", failing_replace, "geen toestemming"),
}


@contextlib.contextmanager
def failing(monkeypatch: pytest.MonkeyPatch, kind: str) -> Iterator[None]:
    name, replacement, _ = FAILURES[kind]
    with monkeypatch.context() as patch:
        patch.setattr(os, name, replacement)
        yield


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> Iterator[LiveSession]:
    session = new_session(store, clock)
    session.add_contribution("Al opgeslagen", Group.TEAM)
    session.add_agreement("Koffieochtend", "Joost")
    yield session
    session.close()


CHANGES: dict[str, Callable[[LiveSession], object]] = {
    "add contribution": lambda s: s.add_contribution("Nieuwe inbreng", Group.OUDERPANEL),
    "edit contribution": lambda s: s.edit_contribution(s.contributions[0].id, text="Anders"),
    "vote": lambda s: s.vote(s.contributions[0].id, 1),
    "delete contribution": lambda s: s.delete_contribution(s.contributions[0].id),
    "add agreement": lambda s: s.add_agreement("Nog een afspraak", "Fatima"),
    "go to another phase": lambda s: s.go_to(2),
    "start timer": lambda s: s.start_timer(),
}


@pytest.mark.parametrize("kind", sorted(FAILURES))
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_failed_save_changes_nothing_and_says_why(
    live: LiveSession,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    change: str,
) -> None:
    folder = live.file.folder
    files_before = tree_snapshot(folder)
    state_before = (
        live.session.to_dict(),
        [c.to_dict() for c in live.contributions],
        [a.to_dict() for a in live.agreements],
    )
    with failing(monkeypatch, kind), pytest.raises(StoreError) as caught:
        CHANGES[change](live)
    message = str(caught.value)
    assert FAILURES[kind][2] in message
    assert "het vorige bestand is niet veranderd" in message
    assert "probeer het opnieuw" in message
    assert tree_snapshot(folder) == files_before  # byte for byte, and no temporary file left
    assert find_leftovers(folder) == []
    assert state_before == (
        live.session.to_dict(),
        [c.to_dict() for c in live.contributions],
        [a.to_dict() for a in live.agreements],
    )


def test_after_space_is_freed_the_same_text_saves_and_nothing_extra_appears(
    live: LiveSession, store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with failing(monkeypatch, "disk full while writing"), pytest.raises(StoreError):
        live.add_contribution("Wat een ouder net zei", Group.OUDERPANEL)
    saved = live.add_contribution("Wat een ouder net zei", Group.OUDERPANEL)
    live.close()
    again = open_session(store, live.session.id, clock)
    try:
        assert [c.text for c in again.contributions] == ["Al opgeslagen", "Wat een ouder net zei"]
        assert again.contributions[-1].id == saved.id
    finally:
        again.close()


def test_a_new_session_on_a_full_disk_leaves_no_trace(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with failing(monkeypatch, "disk full while writing"), pytest.raises(StoreError, match="vol"):
        new_session(store, clock)
    assert list(store.sessions_dir.iterdir()) == []
    assert store.scan() == ([], [])
