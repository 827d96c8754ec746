"""Opening and closing fold the journal into session.json only once it is worth it.

A small journal stays beside the snapshot and is replayed on the next open; it counts towards
the next compaction. So a few remarks in a large session never rewrite the whole file.
"""

from __future__ import annotations

from pathlib import Path

from helpers_sessions import crash, fold, new_session
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from workshop import journal
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.session import open_session
from workshop.session_tables import SessionTables
from workshop.store import SessionStore, read_stored

T = Group.TEAM


def identity(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return info.st_ino, info.st_mtime_ns, info.st_size


def journal_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in journal.segments(folder))


def quiet_bytes(path: Path) -> int:
    """The quiet threshold for a snapshot of this size (workshop.session_tables)."""
    size = path.stat().st_size
    return max(SessionTables.QUIET_MIN_BYTES, size // SessionTables.QUIET_RATIO)


def test_a_small_journal_stays_after_close_and_is_replayed_on_the_next_open(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    made = [live.add_contribution(f"Inbreng {n}", T) for n in range(3)]
    live.close()
    folder, path = live.file.folder, live.file.path
    assert journal.segments(folder)  # the last few changes live in the journal
    db = TinyDB(str(path), storage=JSONStorage, access_mode="r")
    try:  # stock TinyDB still reads the snapshot: without the changes the journal holds
        assert db.table("contributions").all() == []
        assert db.table("session").all()[0]["id"] == live.session.id
    finally:
        db.close()
    assert read_stored(path).contributions == []  # a good file on its own
    again = open_session(store, live.session.id, clock)
    try:
        assert again.contributions == made
        assert again.stored() == store.load(live.session.id)
    finally:
        again.close()


def test_a_journal_past_the_quiet_threshold_is_folded_on_close(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    folder, path = live.file.folder, live.file.path
    wanted = quiet_bytes(path)
    made = []
    while journal_bytes(folder) < wanted:
        made.append(live.add_contribution(f"Inbreng {len(made)}: " + "koffie " * 120, T))
    assert read_stored(path).contributions == []  # no compaction ran yet: still the journal
    live.close()
    assert journal.segments(folder) == []
    db = TinyDB(str(path), storage=JSONStorage, access_mode="r")
    try:
        assert db.table("contributions").all() == [c.to_dict() for c in made]
    finally:
        db.close()


def test_a_small_journal_left_by_close_is_folded_on_open_once_it_has_grown(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    folder, path = live.file.folder, live.file.path
    wanted = quiet_bytes(path)
    made = [live.add_contribution("Eerst", T)]
    live.close()
    assert journal.segments(folder)
    # Grown past the threshold without a close (as after a crash): the next open folds it.
    live = open_session(store, live.session.id, clock)
    while journal_bytes(folder) < wanted:
        made.append(live.add_contribution(f"Inbreng {len(made)}: " + "thee " * 150, T))
    crash(live)
    again = open_session(store, live.session.id, clock)
    try:
        assert journal.segments(folder) == []
        assert read_stored(path).contributions == made == again.contributions
    finally:
        again.close()


def test_twenty_remarks_in_a_big_session_rewrite_no_snapshot(
    store: SessionStore, clock: FakeClock
) -> None:
    """Issue 9: at 10,000 remarks, open, 20 remarks and close rewrote the 3.6 MB file."""
    live = new_session(store, clock)
    for n in range(1500):
        live.add_contribution(f"Opmerking {n}: ouders willen vaker een foto van de dag.", T)
    live.close()
    fold(store, live.session.id)
    folder, path = live.file.folder, live.file.path
    assert path.stat().st_size > 200_000
    before = identity(path)
    added: list[str] = []
    for _ in range(2):  # the second round starts with the first round's journal
        live = open_session(store, live.session.id, clock)
        for n in range(20):
            added.append(live.add_contribution(f"Nieuw {len(added)} na {n}", T).id)
        live.close()
        assert identity(path) == before, "session.json was written again"
        assert journal.segments(folder)
    again = open_session(store, live.session.id, clock)
    try:
        ids = [c.id for c in again.contributions]
        assert len(ids) == 1540 and ids[-40:] == added
    finally:
        again.close()
