"""`workshop vergeet NAAM` and the journal: a session left open or crashed holds its newest changes
only in ``journal-*.jsonl``. The name is taken out of those changes too, no journal file keeps
it, and a damaged part of the journal that holds it is kept aside and reported like a damaged
backup (issue 8, items 3-5, with the journal of issue 9, item 4).
"""

from __future__ import annotations

import pytest
from helpers_forget import cli, files_naming
from helpers_sessions import crash, new_session

from workshop import journal
from workshop.backup import DAMAGED_MARK, kept_damaged
from workshop.clock import FakeClock
from workshop.doctor import examine_folder
from workshop.model import Group
from workshop.privacy import forget_person
from workshop.store import SessionStore, read_session

T = Group.TEAM


def test_cli_vergeet_takes_a_name_out_of_changes_only_the_journal_holds(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = new_session(store, clock, title="Avond")
    live.add_contribution("Sevda vertelt over de moestuin", T, author="Sevda")
    live.add_agreement("Foto's delen via de app", "Sevda", with_whom="Sevda, Mohamed")
    crash(live)  # never closed: the changes are in the journal, not yet in session.json
    folder = live.file.folder
    # The journal, and the agreements kept beside the summary (written after each change).
    assert files_naming(store.root, "Sevda") == [
        str(p.relative_to(store.root))
        for p in [folder / "agreements.json", *journal.segments(folder)]
    ]

    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 0
    out, err = capsys.readouterr()
    assert "is weggehaald uit 1 sessie" in out and err == ""
    assert files_naming(store.root, "Sevda") == []  # no journal file (nor anything) keeps it
    assert journal.segments(folder) == []  # folded into the snapshot
    stored, problem = read_session(folder)
    assert problem is None
    (remark,) = stored.contributions
    assert (remark.text, remark.author) == ("teamlid vertelt over de moestuin", "teamlid")
    (agreement,) = stored.agreements
    assert agreement.with_whom == "teamlid, Mohamed"  # what was agreed stays


def test_a_name_only_in_an_older_journal_record_is_gone_and_counted(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    live.add_contribution("Over de moestuin", T, author="Sevda")
    live.edit_contribution(live.contributions[0].id, author="Mohamed")  # a later record
    crash(live)
    assert b"Sevda" in journal.segments(live.file.folder)[0].read_bytes()

    report = forget_person(store, "Sevda", clock)

    assert report.complete and report.sessions == 1  # honest: a file of the session held it
    assert files_naming(store.root, "Sevda") == []
    assert [c.author for c in store.load(live.session.id).contributions] == ["Mohamed"]


def test_a_damaged_journal_part_holding_the_name_is_kept_aside_and_reported(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock, title="Avond")
    for n in range(3):
        live.add_contribution(f"Sevda zegt iets {n}", T)
    crash(live)
    folder = live.file.folder
    (segment,) = journal.segments(folder)
    lines = segment.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"iets", b"iest")  # flipped bits on disk: its checksum fails
    segment.write_bytes(b"".join(lines))
    damaged = segment.read_bytes()

    report = forget_person(store, "Sevda", clock)

    (aside,) = kept_damaged(folder)
    assert aside.name.startswith(segment.name + DAMAGED_MARK)
    assert aside.read_bytes() == damaged  # kept byte for byte, never deleted
    assert not report.complete
    (line,) = report.remaining
    assert f"een deel van het journaal ({segment.name}) is beschadigd" in line
    assert str(aside) in line and "Daarin staat de naam nog" in line
    assert files_naming(store.root, "Sevda") == [str(aside.relative_to(store.root))]
    assert journal.segments(folder) == []
    # The good part before the damage was cleaned and kept; doctor shows the kept file.
    assert [c.text for c in store.load(live.session.id).contributions] == ["betrokkene zegt iets 0"]
    assert any(str(aside) in f.message for f in examine_folder(folder).findings)


def test_journal_records_after_a_gap_are_kept_aside_not_deleted(
    store: SessionStore, clock: FakeClock
) -> None:
    """Records that cannot be replayed (one before them is missing) are not in the session, so
    vergeet cannot clean them; they are damage: kept and reported, never silently deleted."""
    live = new_session(store, clock, title="Avond")
    for n in range(3):
        live.add_contribution(f"Sevda zegt iets {n}", T)
    crash(live)
    folder = live.file.folder
    (segment,) = journal.segments(folder)
    lines = segment.read_bytes().splitlines(keepends=True)
    segment.write_bytes(lines[0] + lines[2])  # record 2 is gone: record 3 cannot follow
    left = segment.read_bytes()

    report = forget_person(store, "Sevda", clock)

    (aside,) = kept_damaged(folder)
    assert aside.read_bytes() == left
    assert any(str(aside) in line for line in report.remaining)
    assert files_naming(store.root, "Sevda") == [str(aside.relative_to(store.root))]
