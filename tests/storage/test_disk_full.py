"""A full disk or a failing write: a clear Dutch message, the old file intact, the state unchanged.

The failures are simulated where the storage meets the operating system: ``os.write`` writes half
of the data and then reports ENOSPC (as a disk that fills up halfway does), ``os.fsync`` fails,
or the folder refuses new files (``os.open`` with O_CREAT and ``os.replace``). Each change is
tried both on a journal segment in use (the append is cut back) and as the first record of a new
segment (the new file is removed again). The UI keeps the unsaved text in its input; that part
is tested with the UI.
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

REAL_WRITE, REAL_FSYNC, REAL_REPLACE, REAL_OPEN = os.write, os.fsync, os.replace, os.open


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


def failing_create(path: str, flags: int, mode: int = 0o777, **kwargs: object) -> int:
    if flags & os.O_CREAT:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))
    return REAL_OPEN(path, flags, mode, **kwargs)  # type: ignore[arg-type]


# kind: the os functions replaced, and what the message must say
FAILURES: dict[str, tuple[dict[str, Callable[..., object]], str]] = {
    "disk full while writing": ({"write": disk_full_write}, "de schijf is vol"),
    "fsync fails": ({"fsync": failing_fsync}, "de schijf meldt een fout"),
    "no new files in the folder": (
        {"replace": failing_replace, "open": failing_create},
        "geen toestemming",
    ),
}


@contextlib.contextmanager
def failing(monkeypatch: pytest.MonkeyPatch, kind: str) -> Iterator[None]:
    replacements, _ = FAILURES[kind]
    with monkeypatch.context() as patch:
        for name, replacement in replacements.items():
            patch.setattr(os, name, replacement)
        yield


SEGMENTS = ("journal in use", "new journal segment")


@pytest.fixture
def live(
    request: pytest.FixtureRequest, store: SessionStore, clock: FakeClock
) -> Iterator[LiveSession]:
    """A session with some saved work; its journal segment in use or (after reopening, which
    folds the journal into the snapshot) still to be created by the next change."""
    session = new_session(store, clock)
    session.add_contribution("Al opgeslagen", Group.TEAM)
    session.add_agreement("Koffieochtend", "Joost")
    if request.param == "new journal segment":
        session.close()
        session = open_session(store, session.session.id, clock)
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


JOURNAL_ONLY = {c for c in CHANGES if c != "go to another phase"}  # no summary to replace

# Appending to a journal segment that is already open needs no new file: with a folder that
# refuses new files, those changes succeed (test_an_open_journal_needs_no_new_file).
CASES = [
    (change, kind, segment)
    for change in sorted(CHANGES)
    for kind in sorted(FAILURES)
    for segment in SEGMENTS
    if not (
        kind == "no new files in the folder"
        and segment == "journal in use"
        and change in JOURNAL_ONLY
    )
]


@pytest.mark.parametrize(("change", "kind", "live"), CASES, indirect=["live"])
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
    assert FAILURES[kind][1] in message
    assert "het vorige bestand is niet veranderd" in message
    assert "probeer het opnieuw" in message
    assert tree_snapshot(folder) == files_before  # byte for byte, and no temporary file left
    assert find_leftovers(folder) == []
    assert state_before == (
        live.session.to_dict(),
        [c.to_dict() for c in live.contributions],
        [a.to_dict() for a in live.agreements],
    )


@pytest.mark.parametrize("change", sorted(JOURNAL_ONLY))
def test_an_open_journal_needs_no_new_file(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A folder that stops taking new files (permissions changed) does not stop the appends to
    the journal segment that is already open: the change is saved, and there after reopening."""
    live = new_session(store, clock)
    live.add_contribution("Al opgeslagen", Group.TEAM)
    live.add_agreement("Koffieochtend", "Joost")
    with failing(monkeypatch, "no new files in the folder"):
        CHANGES[change](live)
    live.close()
    expected = live.stored()  # after close: closing pauses a running clock (issue 11)
    again = open_session(store, live.session.id, clock)
    try:
        assert again.stored() == expected
    finally:
        again.close()


@pytest.mark.parametrize("live", SEGMENTS, indirect=True)
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
