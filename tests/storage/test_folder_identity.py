"""A session folder is what every command acts on (issue 8, item 2).

A facilitator copies ``sessions/A`` to ``sessions/A-kopie`` with the file manager, or puts a link
to another session's file in place of ``session.json``. The code inside the files then differs
from the folder's name. Such a folder is reported by ``list`` and ``doctor`` in one line, refused
for work until the user decides, never causes another session to be changed or deleted, and
becomes a session of its own only on ``workshop doctor --herstel <map>``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from helpers_sessions import filled_session, tree_snapshot

from workshop.backup import list_backups
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.doctor import repair
from workshop.errors import WorkshopError
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SESSION_FILE, SUMMARY_FILE, SessionStore, read_summary

COPY = "origineel-kopie"


def run(store: SessionStore, *args: str) -> int:
    return main(["--data", str(store.root), *args])


def copied(store: SessionStore, clock: FakeClock) -> tuple[str, dict[str, str]]:
    """A session with a backup and its folder copied by hand; returns its id and a snapshot."""
    original = filled_session(store, clock, title="Ouderavond Zonnebloem")
    open_session(store, original, clock).close()  # makes a backup, which is copied too
    shutil.copytree(store.sessions_dir / original, store.sessions_dir / COPY)
    return original, tree_snapshot(store.sessions_dir / original)


def test_deleting_a_copied_folder_deletes_the_copy_and_never_the_original(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    original, before = copied(store, clock)

    assert run(store, "verwijder", COPY, "--ja") == 0

    out = capsys.readouterr().out
    assert f"in map {COPY}" in out and "alleen deze map gaat weg" in out
    assert not (store.sessions_dir / COPY).exists()
    assert tree_snapshot(store.sessions_dir / original) == before
    assert [s.id for s in store.list_sessions()] == [original]


def test_list_reports_a_copied_folder_in_one_line_and_lists_the_original(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    original, _ = copied(store, clock)

    assert run(store, "list") == 0

    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith(f"{original}  ")
    assert COPY not in captured.out
    (line,) = captured.err.splitlines()
    assert f"De map {COPY} bevat sessie {original}" in line
    assert f"workshop doctor --herstel {COPY}" in line and f"workshop verwijder {COPY}" in line


def test_doctor_reports_the_copy_and_leaves_both_untouched(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    original, before = copied(store, clock)
    copy_before = tree_snapshot(store.sessions_dir / COPY)

    assert run(store, "doctor") == 1

    out = capsys.readouterr().out
    assert f"{original} (Ouderavond Zonnebloem): in orde" in out
    problems = [line for line in out.splitlines() if "PROBLEEM" in line]
    assert len(problems) == 1 and f"De map {COPY} bevat sessie {original}" in problems[0]
    assert f"  Oplossen: workshop doctor --herstel {COPY}" in out
    assert tree_snapshot(store.sessions_dir / original) == before
    assert tree_snapshot(store.sessions_dir / COPY) == copy_before


def test_work_on_a_copy_is_refused_with_the_way_out_and_the_original_is_not_used(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    original, before = copied(store, clock)

    with pytest.raises(WorkshopError, match=f"doctor --herstel {COPY}"):
        open_session(store, COPY, clock)
    assert run(store, "export", COPY, "--out", str(store.root / "plan.md")) == 1
    assert f"De map {COPY} bevat sessie {original}" in capsys.readouterr().err
    assert not (store.root / "plan.md").exists()
    assert tree_snapshot(store.sessions_dir / original) == before


def test_herstel_makes_a_copy_a_session_of_its_own(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    original, before = copied(store, clock)

    assert run(store, "doctor", "--herstel", COPY) == 0

    out = capsys.readouterr().out
    assert f"Deze map was een kopie van sessie {original}" in out
    assert tree_snapshot(store.sessions_dir / original) == before
    by_id = {s.id: s.title for s in store.list_sessions()}
    assert by_id == {original: "Ouderavond Zonnebloem", COPY: "Ouderavond Zonnebloem (kopie)"}
    live = open_session(store, COPY, clock)
    live.add_contribution("Alleen in de kopie", Group.TEAM)
    live.close()
    assert tree_snapshot(store.sessions_dir / original) == before
    assert run(store, "doctor") == 0


def test_herstel_gives_a_renamed_folder_the_new_name_without_calling_it_a_copy(
    store: SessionStore, clock: FakeClock
) -> None:
    old = filled_session(store, clock, title="Teamavond")
    os.rename(store.sessions_dir / old, store.sessions_dir / "teamavond-maart")

    done = repair(store, "teamavond-maart", clock)

    assert any("de sessie heet nu teamavond-maart" in line for line in done)
    assert [(s.id, s.title) for s in store.list_sessions()] == [("teamavond-maart", "Teamavond")]


def test_herstel_with_a_session_file_linked_to_another_session_mends_only_this_one(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    a = filled_session(store, clock, title="Sessie A")
    open_session(store, a, clock).close()  # A has a backup of its own
    b = filled_session(store, clock, title="Sessie B")
    b_before = tree_snapshot(store.sessions_dir / b)
    a_file = store.sessions_dir / a / SESSION_FILE
    a_file.unlink()
    a_file.symlink_to(store.sessions_dir / b / SESSION_FILE)

    assert run(store, "doctor", "--herstel", a) == 0

    assert read_summary(store.sessions_dir / a).id == a
    assert {s.id: s.title for s in store.list_sessions()} == {a: "Sessie A", b: "Sessie B"}
    assert not a_file.is_symlink()
    assert json.loads(a_file.read_bytes())["session"]["1"]["id"] == a
    assert tree_snapshot(store.sessions_dir / b) == b_before
    (kept,) = [p for p in (store.sessions_dir / a).iterdir() if ".beschadigd-" in p.name]
    assert kept.is_symlink()  # the link itself is kept, its target is not touched
    assert "is bewaard als" in capsys.readouterr().out


def test_a_session_file_from_another_session_is_replaced_by_the_folders_own_backup(
    store: SessionStore, clock: FakeClock
) -> None:
    a = filled_session(store, clock, title="Sessie A")
    open_session(store, a, clock).close()  # A's own backup
    b = filled_session(store, clock, title="Sessie B")
    b_before = tree_snapshot(store.sessions_dir / b)
    shutil.copyfile(store.sessions_dir / b / SESSION_FILE, store.sessions_dir / a / SESSION_FILE)

    done = repair(store, a, clock)

    assert any(f"hoorde bij een andere sessie ({b})" in line for line in done)
    assert open_session(store, a, clock).session.title == "Sessie A"
    assert tree_snapshot(store.sessions_dir / b) == b_before
    assert list_backups(store.sessions_dir / a)


def test_a_summary_of_another_session_is_named_and_rebuilt(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    a = filled_session(store, clock, title="Sessie A")
    b = filled_session(store, clock, title="Sessie B")
    shutil.copyfile(store.sessions_dir / b / SUMMARY_FILE, store.sessions_dir / a / SUMMARY_FILE)

    assert run(store, "doctor") == 1
    assert f"hoort bij sessie {b}, niet bij deze map" in capsys.readouterr().out
    repair(store, a, clock)
    assert {s.id: s.title for s in store.list_sessions()} == {a: "Sessie A", b: "Sessie B"}


def test_a_folder_named_like_a_file_manager_copy_is_reported_not_ignored(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    original = filled_session(store, clock)
    shutil.copytree(store.sessions_dir / original, store.sessions_dir / f"{original} (kopie)")

    assert run(store, "list") == 0
    err = capsys.readouterr().err
    assert f"De map '{original} (kopie)' wordt niet gebruikt" in err
    assert run(store, "doctor") == 1
    assert f"'{original} (kopie)'" in capsys.readouterr().out


def test_a_linked_session_folder_is_never_followed(
    store: SessionStore, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "ergens-anders"
    original = filled_session(store, clock)
    shutil.copytree(store.sessions_dir / original, elsewhere)
    before = tree_snapshot(elsewhere)
    (store.sessions_dir / "gelinkt").symlink_to(elsewhere, target_is_directory=True)

    assert run(store, "list") == 0
    assert "snelkoppeling" in capsys.readouterr().err
    assert run(store, "doctor", "--herstel", "gelinkt") == 1
    assert run(store, "verwijder", "gelinkt", "--ja") == 1
    assert "snelkoppeling" in capsys.readouterr().err
    assert tree_snapshot(elsewhere) == before and elsewhere.is_dir()
