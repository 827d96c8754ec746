"""The issue-8 read hardening holds for changes that only the journal has (issue 9, item 4).

A session left open or crashed has its newest changes only in ``journal-*.jsonl``. Whoever reads
the session reads them too, and the checks of a stored file apply to the replayed result: a
number out of range is damage naming the field, and a copied folder stays a copy, becoming a
session of its own (with those changes) only on ``workshop doctor --herstel``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers_sessions import crash, new_session, tree_snapshot

from workshop import journal
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.doctor import examine_folder, repair
from workshop.errors import DamagedFileError
from workshop.folders import FolderMismatchError
from workshop.lock import LOCK_FILE
from workshop.model import Group
from workshop.session import open_session
from workshop.store import CONTRIBUTIONS_TABLE, SessionStore, read_session

T = Group.TEAM
COPY = "journaal-kopie"


def append_record(folder: Path, table: str, document: dict[str, object]) -> None:
    """Append a well-formed record (good checksum, next number) as a writer would."""
    (segment,) = journal.segments(folder)
    seq = journal.highest_seq([journal.parse_segment(segment)]) + 1
    with segment.open("ab") as out:
        out.write(journal.encode_record(seq, [(table, document["id"], document)]))


def data_files(folder: Path) -> dict[str, str]:
    return {name: digest for name, digest in tree_snapshot(folder).items() if name != LOCK_FILE}


def test_a_value_out_of_range_only_in_the_journal_is_damage_naming_the_field(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    live = new_session(store, clock)
    live.add_contribution("Goed idee", T)
    crash(live)
    folder = live.file.folder
    document = json.loads(journal.encode_document(live.contributions[0].to_dict()))
    append_record(folder, CONTRIBUTIONS_TABLE, {**document, "votes": 10**400})
    other = new_session(store, clock, title="Andere avond", location="Zeist")
    other.close()

    with pytest.raises(DamagedFileError, match=r"'contributions\[0\]\.votes'"):
        store.load(live.session.id)
    with pytest.raises(DamagedFileError, match="votes"):
        read_session(folder)
    assert any("votes" in f.message for f in examine_folder(folder).problems)
    assert main(["--data", str(store.root), "afspraken"]) == 0  # the other session still works
    assert "overgeslagen" in capsys.readouterr().err


def test_a_copied_folder_of_a_crashed_session_becomes_its_own_with_the_journal(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock, title="Ouderavond")
    live.add_contribution("Alleen in het journaal", T)
    crash(live)
    original = live.session.id
    shutil.copytree(store.sessions_dir / original, store.sessions_dir / COPY)
    before = tree_snapshot(store.sessions_dir / original)
    copy = store.sessions_dir / COPY

    copy_before = data_files(copy)
    with pytest.raises(FolderMismatchError):
        store.load(COPY)  # never taken for the original, journal or not
    with pytest.raises(FolderMismatchError):
        open_session(store, COPY, clock)  # refused before its journal is folded in
    assert data_files(copy) == copy_before  # only the crash's stale lock was cleared
    messages = [f.message for f in examine_folder(copy).problems]
    assert any(f"De map {COPY} bevat sessie {original}" in m for m in messages)

    repair(store, COPY, clock)

    stored = store.load(COPY)
    assert stored.session.id == COPY and stored.session.title == "Ouderavond (kopie)"
    assert [c.text for c in stored.contributions] == ["Alleen in het journaal"]
    assert journal.segments(copy) == []  # folded into the copy's own snapshot
    assert tree_snapshot(store.sessions_dir / original) == before  # the original is untouched
    assert [c.text for c in store.load(original).contributions] == ["Alleen in het journaal"]
