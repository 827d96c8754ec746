"""Backups as hard links (issue 9): a new backup of a large session costs no bytes.

The snapshot is only ever replaced (a new file under the same name), never changed in place, so a
backup may be a second name for the snapshot's file. The first backup of a session stays a copy,
so a change made in place by another program (a hand-edit) never reaches every backup.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from helpers_forget import files_naming
from helpers_sessions import close_folded, filled_session

from workshop.backup import list_backups
from workshop.clock import FakeClock
from workshop.doctor import repair
from workshop.model import Group
from workshop.privacy import forget_person
from workshop.session import open_session
from workshop.store import SESSION_FILE, SessionStore


def same_file(a: Path, b: Path) -> bool:
    return os.path.samefile(a, b)


def backed_up_twice(store: SessionStore, clock: FakeClock, author: str = "") -> str:
    """A session opened (its first backup), changed and folded, then opened again: the second
    open backs up a changed snapshot while an older backup exists."""
    session_id = filled_session(store, clock)
    live = open_session(store, session_id, clock)
    live.add_contribution("Voor de tweede reservekopie", Group.TEAM, author=author)
    close_folded(store, live)
    clock.advance(3600)
    open_session(store, session_id, clock).close()
    return session_id


def test_a_later_backup_is_a_private_link_to_the_snapshot(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = backed_up_twice(store, clock)
    folder = store.sessions_dir / session_id
    newest, first = list_backups(folder)
    snapshot = folder / SESSION_FILE
    assert same_file(newest, snapshot)
    assert os.stat(snapshot).st_nlink >= 2
    assert stat.S_IMODE(os.lstat(newest).st_mode) == 0o600
    assert not same_file(first, snapshot)  # an older backup is a file of its own


def test_the_first_backup_is_a_copy(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    open_session(store, session_id, clock).close()
    folder = store.sessions_dir / session_id
    (backup,) = list_backups(folder)
    assert not same_file(backup, folder / SESSION_FILE)
    assert backup.read_bytes() == (folder / SESSION_FILE).read_bytes()
    assert stat.S_IMODE(os.lstat(backup).st_mode) == 0o600


def test_a_backup_is_a_copy_where_links_cannot_be_made(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[str] = []
    link = os.link

    def no_links(source: str, target: str, **kwargs: bool) -> None:
        if Path(target).parent.name != "backups":
            return link(source, target, **kwargs)  # e.g. the lock's own
        tried.append(str(target))
        raise OSError(errno.EPERM, "Operation not permitted")  # as on a FAT USB stick

    monkeypatch.setattr(os, "link", no_links)
    session_id = backed_up_twice(store, clock)
    folder = store.sessions_dir / session_id
    newest = list_backups(folder)[0]
    assert tried == [str(newest)]
    assert not same_file(newest, folder / SESSION_FILE)
    assert newest.read_bytes() == (folder / SESSION_FILE).read_bytes()
    assert stat.S_IMODE(os.lstat(newest).st_mode) == 0o600
    assert [p.name for p in newest.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_snapshot_that_is_not_private_is_copied_not_linked(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    open_session(store, session_id, clock).close()
    live = open_session(store, session_id, clock)
    live.add_contribution("Nog iets", Group.TEAM)
    close_folded(store, live)
    snapshot = store.sessions_dir / session_id / SESSION_FILE
    os.chmod(snapshot, 0o644)  # e.g. by hand: a link would share that mode
    open_session(store, session_id, clock).close()
    newest = list_backups(store.sessions_dir / session_id)[0]
    assert not same_file(newest, snapshot)
    assert stat.S_IMODE(os.lstat(newest).st_mode) == 0o600


def test_rewriting_the_snapshot_leaves_a_linked_backup_as_it_was(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = backed_up_twice(store, clock)
    folder = store.sessions_dir / session_id
    newest = list_backups(folder)[0]
    assert same_file(newest, folder / SESSION_FILE)
    kept = newest.read_bytes()
    live = open_session(store, session_id, clock)
    live.add_contribution("Na de reservekopie", Group.OUDERPANEL)
    close_folded(store, live)  # the snapshot is written again: a new file under its name
    assert not same_file(newest, folder / SESSION_FILE)
    assert newest.read_bytes() == kept
    assert b"Na de reservekopie" in (folder / SESSION_FILE).read_bytes()


def test_no_new_backup_and_no_reading_when_the_newest_backup_is_the_snapshot(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = backed_up_twice(store, clock)
    folder = store.sessions_dir / session_id
    before = list_backups(folder)
    assert same_file(before[0], folder / SESSION_FILE)

    def must_not_read(path: Path) -> bytes:
        raise AssertionError(f"{path} read to compare")

    monkeypatch.setattr("workshop.backup.read_if_regular", must_not_read)
    clock.advance(3600)
    open_session(store, session_id, clock).close()
    assert list_backups(folder) == before


def test_rotation_of_linked_backups_keeps_the_snapshot(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    folder = store.sessions_dir / session_id
    for n in range(8):
        live = open_session(store, session_id, clock)
        live.add_contribution(f"Wijziging {n}", Group.TEAM)
        close_folded(store, live)
        clock.advance(3600)
    open_session(store, session_id, clock).close()
    backups = list_backups(folder)
    assert len(backups) == 5
    assert same_file(backups[0], folder / SESSION_FILE)
    assert b"Wijziging 7" in (folder / SESSION_FILE).read_bytes()
    assert [b"Wijziging 7" in b.read_bytes() for b in backups] == [True, False, False, False, False]


def test_forget_leaves_the_name_in_no_linked_backup(store: SessionStore, clock: FakeClock) -> None:
    session_id = backed_up_twice(store, clock, author="Sevda")
    folder = store.sessions_dir / session_id
    assert same_file(list_backups(folder)[0], folder / SESSION_FILE)  # linked
    assert files_naming(store.root, "Sevda")

    forget_person(store, "Sevda", clock)

    assert files_naming(store.root, "Sevda") == []
    assert all(b"Sevda" not in b.read_bytes() for b in list_backups(folder))
    assert b"Sevda" not in (folder / SESSION_FILE).read_bytes()


def test_doctor_puts_a_linked_backup_back_when_the_snapshot_is_replaced(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = backed_up_twice(store, clock)
    folder = store.sessions_dir / session_id
    newest = list_backups(folder)[0]
    good = newest.read_bytes()
    broken = folder / "kapot.json"
    broken.write_text("kapot")
    os.replace(broken, folder / SESSION_FILE)  # replaced by another program: a new file
    assert newest.read_bytes() == good

    repair(store, session_id, clock)

    assert (folder / SESSION_FILE).read_bytes() == good
    assert open_session(store, session_id, clock, read_only=True).contributions


def test_a_hand_edit_in_place_still_leaves_an_older_backup_to_put_back(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = backed_up_twice(store, clock)
    folder = store.sessions_dir / session_id
    first = list_backups(folder)[1]
    good = first.read_bytes()
    (folder / SESSION_FILE).write_text("kapot")  # in place: the linked newest backup too

    done = repair(store, session_id, clock)

    assert any("teruggezet" in line for line in done)
    assert (folder / SESSION_FILE).read_bytes() == good


def test_a_large_session_gets_its_first_backup_as_it_is_imported(
    store: SessionStore, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An imported session of 10,000 remarks is about 4 MB: copied at its first open, that was
    about 200 KB written per remark for its first 20 remarks. Now the copy is made as the file
    is written, and the first open writes no backup at all. A small one: as before."""
    from workshop import session_store
    from workshop.cli import main

    session_id = filled_session(store, clock, count=40)
    exported = tmp_path / "sessie.json"
    data = ["--data", str(store.root)]
    assert main([*data, "export", session_id, "--format", "json", "--out", str(exported)]) == 0
    size = exported.stat().st_size

    monkeypatch.setattr(session_store, "EARLY_BACKUP_BYTES", size // 2)  # counts as large
    large = tmp_path / "andere-laptop"
    assert main(["--data", str(large), "import", str(exported)]) == 0
    folder = SessionStore(large).sessions_dir / session_id
    (made,) = list_backups(folder)  # at the import, before any open
    snapshot = folder / SESSION_FILE
    assert not same_file(made, snapshot) and made.read_bytes() == snapshot.read_bytes()
    assert stat.S_IMODE(os.lstat(made).st_mode) == 0o600
    open_session(SessionStore(large), session_id, clock).close()
    assert list_backups(folder) == [made]  # nothing written: the same contents are there

    monkeypatch.setattr(session_store, "EARLY_BACKUP_BYTES", size * 2)  # counts as small
    small = tmp_path / "derde-laptop"
    assert main(["--data", str(small), "import", str(exported)]) == 0
    folder = SessionStore(small).sessions_dir / session_id
    assert list_backups(folder) == []  # made at its first open, as always
    open_session(SessionStore(small), session_id, clock).close()
    assert len(list_backups(folder)) == 1
