"""The store with its journal: saves append, compaction folds the journal into session.json.

Driven through the real LiveSession and SessionStore. Compaction runs in a background thread;
tests that need to know when it ran make it small (thresholds) or hold it (a blocked write) and
wait for it with ``SessionFile.wait_for_compaction``; nothing sleeps.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_sessions import crash, filled_session, fold, new_session
from tinydb import TinyDB
from tinydb.storages import JSONStorage

import workshop.storage as storage_module
import workshop.store as store_module
from workshop import journal
from workshop.backup import kept_damaged, list_backups
from workshop.clock import FakeClock
from workshop.doctor import examine_folder, repair
from workshop.model import Group
from workshop.session import LiveSession, open_session
from workshop.session_tables import SessionTables
from workshop.store import SESSION_FILE, SessionStore, read_session, read_stored

T = Group.TEAM


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> Iterator[LiveSession]:
    session = new_session(store, clock)
    yield session
    session.close()


def snapshot_seq(path: Path) -> int:
    return json.loads(path.read_bytes())["_journal"]["1"]["seq"]


def texts(stored_or_live) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.text for c in stored_or_live.contributions]


def test_a_save_appends_to_the_journal_and_leaves_session_json_alone(
    live: LiveSession, store: SessionStore
) -> None:
    before = live.file.path.read_bytes()
    for n in range(3):
        live.add_contribution(f"Inbreng {n}", T)
    live.vote(live.contributions[0].id, 2)
    assert live.file.path.read_bytes() == before
    (segment,) = journal.segments(live.file.folder)
    assert len(segment.read_bytes().splitlines()) == 4
    stored = store.load(live.session.id)  # a reader replays the journal
    assert texts(stored) == ["Inbreng 0", "Inbreng 1", "Inbreng 2"]
    assert stored.contributions[0].votes == 2


def test_fold_puts_the_journal_into_a_file_stock_tinydb_reads(
    live: LiveSession, store: SessionStore
) -> None:
    made = [live.add_contribution(f"Inbreng {n}", T) for n in range(3)]
    goal = live.add_goal("Doel", "Criterium")
    agreement = live.add_agreement("Bellen", "Joost", goal=goal.id)
    live.delete_goal(goal.id)  # one record for two rows
    live.close()  # a journal this small stays (tests/storage/test_fold_threshold.py)
    assert journal.segments(live.file.folder)
    assert fold(store, live.session.id) is True
    assert journal.segments(live.file.folder) == []
    db = TinyDB(str(live.file.path), storage=JSONStorage, access_mode="r")
    try:
        assert db.table("contributions").all() == [c.to_dict() for c in made]
        assert db.table("goals").all() == []
        (row,) = db.table("agreements").all()
        assert row["id"] == agreement.id and row["goal"] is None
    finally:
        db.close()
    assert snapshot_seq(live.file.path) == 6
    assert read_stored(live.file.path).contributions == made


def test_compaction_in_the_background_loses_nothing_appended_meanwhile(
    live: LiveSession, store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        live.add_contribution(f"Eerst {n}", T)
    release = threading.Event()
    started = threading.Event()
    real_write = storage_module.write_atomically

    def slow_write(path: Path, content: bytes) -> None:
        if path.name == SESSION_FILE:
            started.set()
            assert release.wait(10)
        real_write(path, content)

    monkeypatch.setattr(storage_module, "write_atomically", slow_write)
    monkeypatch.setattr(SessionTables, "COMPACT_MIN_BYTES", 1)
    monkeypatch.setattr(SessionTables, "COMPACT_RATIO", 10**9)
    live.add_contribution("Start van het compacteren", T)  # starts the background compaction
    assert started.wait(10)
    for n in range(3):  # go on while the snapshot is being written
        live.add_contribution(f"Tijdens {n}", T)
    viewer = store.load(live.session.id)  # a reader meanwhile sees everything too
    assert len(viewer.contributions) == 9
    release.set()
    live.file.wait_for_compaction()
    assert snapshot_seq(live.file.path) == 6
    assert len(read_stored(live.file.path).contributions) == 6
    (segment,) = journal.segments(live.file.folder)  # the old segment is gone
    assert [json.loads(line)["seq"] for line in segment.read_bytes().splitlines()] >= [7, 8, 9]
    assert texts(store.load(live.session.id)) == texts(live)


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_reader_sees_everything_when_a_compaction_runs_while_it_reads(
    live: LiveSession, store: SessionStore, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    """The writer (another process) folds its journal in and removes it while a reader reads:
    just before or just after the reader reads session.json."""
    for n in range(3):
        live.add_contribution(f"Inbreng {n}", T)
    real_read_tables = store_module.read_tables

    def compaction_meanwhile(path: Path):  # type: ignore[no-untyped-def]
        if moment == "before":
            live.close()
        tables = real_read_tables(path)
        if moment == "after":
            live.close()
        return tables

    monkeypatch.setattr(store_module, "read_tables", compaction_meanwhile)
    stored, problem = read_session(live.file.folder)
    assert problem is None
    assert texts(stored) == ["Inbreng 0", "Inbreng 1", "Inbreng 2"]


def test_a_failed_compaction_keeps_the_journal_and_is_tried_again(
    live: LiveSession, store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = storage_module.write_atomically
    failures = []

    def full_disk(path: Path, content: bytes) -> None:
        if path.name == SESSION_FILE and not failures:
            failures.append(path)
            raise OSError(28, "No space left on device")
        real_write(path, content)

    monkeypatch.setattr(storage_module, "write_atomically", full_disk)
    monkeypatch.setattr(SessionTables, "COMPACT_MIN_BYTES", 300)
    monkeypatch.setattr(SessionTables, "COMPACT_RATIO", 10**9)
    for n in range(12):
        live.add_contribution(f"Inbreng {n} " + "x" * 100, T)
        live.file.wait_for_compaction()
    assert failures  # the first try failed in the background; the saves were not affected
    assert snapshot_seq(live.file.path) > 0  # a later one succeeded
    assert texts(store.load(live.session.id)) == texts(live)


def test_saves_cost_bytes_that_do_not_grow_with_the_session(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written bytes per remark, compaction included, in a session of 1,000 remarks.

    Before the journal every save rewrote the whole file (~300 KB here); now a save is one line
    of ~300 bytes, plus its share of the compactions: bounded by the compaction ratio.
    """
    live = new_session(store, clock)
    for n in range(1000):
        live.add_contribution(f"Inbreng {n}: ouders willen vaker een foto van de dag.", T)
    live.close()
    live = open_session(store, live.session.id, clock)
    written = [0]
    real_write = os.write

    def counting_write(fd: int, data: bytes) -> int:
        written[0] += len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", counting_write)
    remarks = 600
    for n in range(remarks):
        live.add_contribution(f"Nieuw {n}: ouders willen vaker een foto van de dag.", T)
    live.file.wait_for_compaction()
    monkeypatch.undo()
    size = live.file.path.stat().st_size
    per_remark = written[0] / remarks
    assert snapshot_seq(live.file.path) > 0, "at least one compaction ran"
    assert per_remark < size / 20, f"{per_remark:.0f} bytes per remark, file {size} bytes"
    assert per_remark < 2_000
    live.close()


def test_open_after_a_crash_replays_and_backs_up_a_complete_file(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    live.go_to(1)
    for n in range(4):
        live.add_contribution(f"Inbreng {n}", T)
    crash(live)
    assert journal.segments(live.file.folder)  # the changes are only in the journal
    again = open_session(store, live.session.id, clock)
    try:
        assert texts(again) == [f"Inbreng {n}" for n in range(4)]
        assert again.session.position.phase == 1
        assert journal.segments(live.file.folder)  # small: stays, for the next compaction
        backup = list_backups(live.file.folder)[0]
        assert backup.read_bytes() == live.file.path.read_bytes()  # the snapshot, as it is
        assert texts(read_stored(backup)) == []  # a good file; the 4 changes are in the journal
        assert again.file.fold_journal() is True
        assert journal.segments(live.file.folder) == []
        assert texts(read_stored(live.file.path)) == texts(again)  # complete, self-contained
    finally:
        again.close()
    again = open_session(store, live.session.id, clock)  # backs up the folded file
    again.close()
    assert texts(read_stored(list_backups(live.file.folder)[0])) == texts(again)


def test_a_crash_between_snapshot_and_journal_removal_applies_nothing_twice(
    live: LiveSession, store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = live.add_contribution("Eerst", T)
    live.delete_contribution(first.id)
    live.restore_contribution(first)  # back, at the end: order matters
    live.add_contribution("Daarna", T)
    segment = journal.segments(live.file.folder)[0]
    old = segment.read_bytes()
    crash(live)
    again = open_session(store, live.session.id, clock)
    again.file.fold_journal()  # compacts and removes the segment
    again.close()
    segment.write_bytes(old)  # as if the crash came before the removal
    assert snapshot_seq(live.file.path) == 4
    stored, problem = read_session(live.file.folder)
    assert problem is None and texts(stored) == ["Eerst", "Daarna"]
    again = open_session(store, live.session.id, clock)
    try:
        again.add_contribution("Nog een", T)
        assert texts(store.load(live.session.id)) == ["Eerst", "Daarna", "Nog een"]
    finally:
        again.close()


def damage_middle_record(folder: Path) -> tuple[Path, bytes]:
    (segment,) = journal.segments(folder)
    lines = segment.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"Inbreng", b"Inbrenk")  # flipped bits on disk
    segment.write_bytes(b"".join(lines))
    return segment, segment.read_bytes()


def test_a_damaged_journal_keeps_its_good_part_is_reported_and_set_aside(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    for n in range(4):
        live.add_contribution(f"Inbreng {n}", T)
    crash(live)
    segment, damaged = damage_middle_record(live.file.folder)

    stored, problem = read_session(live.file.folder)
    assert texts(stored) == ["Inbreng 0"] and "regel 2" in str(problem)
    report = examine_folder(live.file.folder)
    assert any("journaal" in f.message and "regel 2" in f.message for f in report.problems)
    assert segment.read_bytes() == damaged  # looking changes nothing

    again = open_session(store, live.session.id, clock)
    try:
        assert texts(again) == ["Inbreng 0"]
        assert any("beschadigd" in w for w in again.warnings)
        (kept,) = kept_damaged(live.file.folder)
        assert kept.read_bytes() == damaged  # never deleted
        again.add_contribution("Na het herstel", T)
    finally:
        again.close()
    assert texts(store.load(live.session.id)) == ["Inbreng 0", "Na het herstel"]
    assert read_session(live.file.folder)[1] is None
    assert not examine_folder(live.file.folder).problems
    assert any(
        "Bewaard beschadigd bestand" in f.message for f in examine_folder(live.file.folder).findings
    )


def test_doctor_repair_sets_a_damaged_journal_aside(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    for n in range(3):
        live.add_contribution(f"Inbreng {n}", T)
    crash(live)
    _, damaged = damage_middle_record(live.file.folder)
    done = repair(store, live.session.id, clock)
    assert any("journaal" in line for line in done)
    (kept,) = kept_damaged(live.file.folder)
    assert kept.read_bytes() == damaged
    assert journal.segments(live.file.folder) == []
    assert texts(read_stored(live.file.path)) == ["Inbreng 0"]


def test_a_restored_backup_takes_the_journal_written_after_it(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, count=2)
    live = open_session(store, session_id, clock)  # makes a backup of the compacted file
    live.add_contribution("Na de reservekopie", T)
    crash(live)
    live.file.path.write_text("kapot")
    repair(store, session_id, clock)
    assert texts(store.load(session_id))[-1] == "Na de reservekopie"


def test_import_and_forget_replace_the_snapshot_and_empty_the_journal(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    from workshop.privacy import forget_person

    live.add_contribution("Iets", T, author="Sevda")
    live.edit_contribution(live.contributions[0].id, author="Mohamed")
    crash(live)  # the journal still holds the record with Sevda
    assert b"Sevda" in journal.segments(live.file.folder)[0].read_bytes()
    forget_person(store, "Sevda", clock)
    assert journal.segments(live.file.folder) == []
    assert b"Sevda" not in live.file.path.read_bytes()
    stored = store.load(live.session.id)
    assert [c.author for c in stored.contributions] == ["Mohamed"]


def test_every_command_sees_what_only_the_journal_holds(
    live: LiveSession, store: SessionStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a crash the newest changes are only in the journal: export, import, afspraken,
    doctor and verwijder all see them (no command reads session.json alone)."""
    from workshop.cli import main

    live.add_contribution("Alleen in het journaal", T)
    live.add_agreement("Foto's delen via de app", "Sevda")
    crash(live)
    data = ["--data", str(store.root)]
    out = tmp_path / "export.json"
    assert main([*data, "export", live.session.id, "--format", "json", "--out", str(out)]) == 0
    assert "Alleen in het journaal" in out.read_text(encoding="utf-8")
    other = tmp_path / "andere-laptop"
    assert main(["--data", str(other), "import", str(out)]) == 0
    assert texts(SessionStore(other).load(live.session.id)) == ["Alleen in het journaal"]
    capsys.readouterr()
    assert main([*data, "afspraken"]) == 0
    assert "Foto's delen via de app" in capsys.readouterr().out
    main([*data, "doctor"])  # reports the lock the crash left, and no damage in the journal
    report = capsys.readouterr().out
    assert "slot van proces" in report and "journaal" not in report
    assert main([*data, "verwijder", live.session.id, "--ja"]) == 0
    assert not live.file.folder.exists()
