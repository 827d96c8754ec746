"""Damage that is not bad JSON, and links out of the data folder (issue 8, items 9 and 13).

A number of more than 4300 digits, a lock nested too deeply, a named pipe (FIFO) or a folder
where a file belongs, and a link to a file outside the data folder: each is damage like any
other. It is named, kept, skipped (the other sessions keep working) and mended from backups.
Nothing outside the data folder is ever read through a link, changed or chmod-ed.

Commands that met a FIFO used to hang forever, so those run in a child process with a timeout:
a hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers_sessions import close_folded, filled_session, new_session, tree_snapshot

from workshop.backup import BACKUP_DIR, kept_damaged, list_backups
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.doctor import examine, repair
from workshop.errors import DamagedFileError
from workshop.lock import LOCK_FILE
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SESSION_FILE, SUMMARY_FILE, SessionStore, read_stored

pytestmark = pytest.mark.skipif(os.name == "nt", reason="FIFOs and symlinks are POSIX")

HUGE_NUMBER = b"1" * 5000  # Python refuses to parse ints of more than 4300 digits


def run(store: SessionStore, *args: str) -> int:
    return main(["--data", str(store.root), *args])


def run_child(store: SessionStore, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from workshop.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--data", str(store.root), *args],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def with_backup(store: SessionStore, clock: FakeClock, title: str) -> str:
    """A session with an agreement (for 'afspraken') and a good backup."""
    live = new_session(store, clock, title=title)
    live.add_contribution("Koffie met ouders", Group.OUDERPANEL, author="Sevda")
    live.add_agreement(f"Afspraak van {title}", "Joost")
    close_folded(store, live)  # the file (and so its backup) holds everything
    open_session(store, live.session.id, clock).close()
    return live.session.id


def huge_number(path: Path) -> None:
    good = path.read_bytes()
    path.write_bytes(good.replace(b'"votes":0', b'"votes":' + HUGE_NUMBER, 1))
    assert HUGE_NUMBER in path.read_bytes()


def fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


# -- a number too long to parse -------------------------------------------------------------------


def test_a_huge_number_in_a_session_file_is_damage_and_the_others_keep_working(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    good = with_backup(store, clock, "Goed")
    bad = with_backup(store, clock, "Kapot")
    path = store.sessions_dir / bad / SESSION_FILE
    huge_number(path)
    damaged = path.read_bytes()

    with pytest.raises(DamagedFileError, match="te groot"):
        read_stored(path)
    assert run(store, "doctor") == 1
    out = capsys.readouterr().out
    assert f"{good} (Goed): in orde" in out and "getal in dat te groot is" in out
    assert run(store, "afspraken") == 0
    assert "Afspraak van Goed" in capsys.readouterr().out
    assert run(store, "vergeet", "Sevda", "--ja") == 1  # honest: one session could not be done
    assert read_stored(store.sessions_dir / good / SESSION_FILE).contributions[0].author == "ouder"

    assert run(store, "doctor", "--herstel", bad) == 0
    assert open_session(store, bad, clock, read_only=True).session.title == "Kapot"
    (kept,) = [p for p in kept_damaged(store.sessions_dir / bad) if p.name.startswith("session")]
    assert kept.read_bytes() == damaged


def test_a_deeply_nested_lock_is_an_unreadable_lock_not_a_crash(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock)
    (store.sessions_dir / session_id / LOCK_FILE).write_text("[" * 100_000 + "]" * 100_000)

    assert run(store, "doctor") == 1
    assert "slot" in capsys.readouterr().out
    open_session(store, session_id, clock).close()  # taken over like any unreadable lock
    assert not (store.sessions_dir / session_id / LOCK_FILE).exists()


@pytest.mark.parametrize(
    "content",
    [b'{"host": "x", "pid": ' + HUGE_NUMBER + b"}", b"\xff\xfe"],
    ids=["huge-number", "not-utf8"],
)
def test_a_lock_with_a_huge_number_or_no_utf8_is_unreadable(
    store: SessionStore, clock: FakeClock, content: bytes
) -> None:
    session_id = filled_session(store, clock)
    (store.sessions_dir / session_id / LOCK_FILE).write_bytes(content)
    open_session(store, session_id, clock).close()


# -- a pipe or a folder where a file belongs ------------------------------------------------------

COMMANDS = [
    ["doctor"],
    ["list"],
    ["afspraken"],
    ["export", "{id}", "--out", "{out}"],
]
NAMES = [SESSION_FILE, SUMMARY_FILE, LOCK_FILE, "backup"]


def damaged_pair(
    store: SessionStore, clock: FakeClock, name: str, make: Callable[[Path], None]
) -> tuple[str, str]:
    """Two sessions; in the second, ``name`` is replaced by what ``make`` puts there."""
    good = with_backup(store, clock, "Goed")
    bad = with_backup(store, clock, "Kapot")
    bad_folder = store.sessions_dir / bad
    if name == LOCK_FILE:
        (bad_folder / LOCK_FILE).write_text("{}")
    make(list_backups(bad_folder)[0] if name == "backup" else bad_folder / name)
    return good, bad


@pytest.mark.parametrize("make", [fifo, folder], ids=["fifo", "folder"])
@pytest.mark.parametrize("name", NAMES)
def test_no_command_hangs_on_a_file_that_is_not_a_regular_file(
    store: SessionStore, clock: FakeClock, name: str, make: Callable[[Path], None], tmp_path: Path
) -> None:
    good, bad = damaged_pair(store, clock, name, make)
    bad_folder = store.sessions_dir / bad

    for command in COMMANDS:
        args = [a.format(id=good, out=tmp_path / f"{command[0]}.md") for a in command]
        result = run_child(store, *args)  # a hang raises TimeoutExpired
        assert "Traceback" not in result.stderr
        if command[0] == "afspraken":
            assert "Afspraak van Goed" in result.stdout
        if command[0] == "export":
            assert result.returncode == 0 and (tmp_path / "export.md").exists()
    doctor = run_child(store, "doctor")
    assert "geen gewoon bestand" in doctor.stdout or name == LOCK_FILE

    result = run_child(store, "doctor", "--herstel", bad)
    assert result.returncode == 0, result.stderr
    assert open_session(store, bad, clock, read_only=True).session.title == "Kapot"
    assert f"{bad} (Kapot): in orde" in run_child(store, "doctor").stdout
    aside = [p for p in bad_folder.rglob("*") if ".beschadigd" in p.name]
    assert len(aside) == 1 and not aside[0].is_file()  # the pipe or folder itself is kept


@pytest.mark.parametrize("name", NAMES)
def test_forgetting_a_name_never_hangs_on_a_pipe_and_cleans_the_other_sessions(
    store: SessionStore, clock: FakeClock, name: str
) -> None:
    good, _ = damaged_pair(store, clock, name, fifo)
    result = run_child(store, "vergeet", "Sevda", "--ja")  # a hang raises TimeoutExpired
    assert "Traceback" not in result.stderr
    assert read_stored(store.sessions_dir / good / SESSION_FILE).contributions[0].author == "ouder"


@contextlib.contextmanager
def no_hang(seconds: int = 20) -> Iterator[None]:
    """Fail with TimeoutError instead of blocking forever (e.g. opening a pipe in this process)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("blocked: a pipe was opened for reading")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_lock_of_a_pipe_is_set_aside_on_open(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    folder_ = store.sessions_dir / session_id
    os.mkfifo(folder_ / LOCK_FILE)
    with no_hang():
        open_session(store, session_id, clock).close()
    (kept,) = [p for p in folder_.iterdir() if p.name.startswith(f"{LOCK_FILE}.beschadigd")]
    assert stat.S_ISFIFO(kept.lstat().st_mode)


# -- links out of the data folder -----------------------------------------------------------------


def test_herstel_never_follows_or_chmods_a_linked_session_file(
    store: SessionStore, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = with_backup(store, clock, "Gelinkt")
    outside = tmp_path / "systeembestand.json"
    outside.write_bytes((store.sessions_dir / session_id / SESSION_FILE).read_bytes())
    outside.chmod(0o644)
    before = outside.read_bytes()
    path = store.sessions_dir / session_id / SESSION_FILE
    path.unlink()
    path.symlink_to(outside)

    assert run(store, "doctor") == 1
    assert "snelkoppeling" in capsys.readouterr().out
    with pytest.raises(DamagedFileError, match="snelkoppeling"):
        open_session(store, session_id, clock)
    assert run(store, "doctor", "--herstel", session_id) == 0

    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert outside.read_bytes() == before
    assert not path.is_symlink()
    (kept,) = kept_damaged(store.sessions_dir / session_id)
    assert kept.is_symlink() and kept.readlink() == outside  # the link itself, kept as it was


def test_a_linked_summary_or_backup_is_not_read_through(
    store: SessionStore, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = with_backup(store, clock, "Ander")
    session_id = with_backup(store, clock, "Gelinkt")
    folder_ = store.sessions_dir / session_id
    (folder_ / SUMMARY_FILE).unlink()
    (folder_ / SUMMARY_FILE).symlink_to(store.sessions_dir / other / SUMMARY_FILE)
    backup = list_backups(folder_)[0]
    backup.unlink()
    backup.symlink_to(store.sessions_dir / other / SESSION_FILE)
    other_before = tree_snapshot(store.sessions_dir / other)

    assert [s.id for s in store.list_sessions()] == [other]
    assert run(store, "list") == 0
    assert "snelkoppeling" in capsys.readouterr().err
    reports, _ = examine(store)
    (report,) = [r for r in reports if r.session_id == session_id]
    assert sum("snelkoppeling" in f.message for f in report.problems) == 2

    repair(store, session_id, clock)
    assert {s.id for s in store.list_sessions()} == {other, session_id}
    assert tree_snapshot(store.sessions_dir / other) == other_before


def test_a_linked_backups_folder_is_never_written_or_cleaned(
    store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = filled_session(store, clock)
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    (elsewhere / ".oud.tmp").write_text("niet van ons")
    (elsewhere / "session-000001-20260101-000000.json").write_text("ook niet van ons")
    before = tree_snapshot(elsewhere)
    (store.sessions_dir / session_id / BACKUP_DIR).symlink_to(elsewhere, target_is_directory=True)

    live = open_session(store, session_id, clock)  # would back up into the linked folder
    assert any("reservekopie" in warning for warning in live.warnings)
    live.add_contribution("Gewoon verder", Group.TEAM)
    live.close()
    reports, _ = examine(store)
    assert any("geen gewone map" in f.message for f in reports[0].problems)
    repair(store, session_id, clock)

    assert tree_snapshot(elsewhere) == before
    assert not (store.sessions_dir / session_id / BACKUP_DIR).is_symlink()
    open_session(store, session_id, clock).close()
    assert list_backups(store.sessions_dir / session_id)


def test_a_summary_that_is_a_folder_never_blocks_listing(
    store: SessionStore, clock: FakeClock
) -> None:
    good = filled_session(store, clock)
    bad = filled_session(store, clock)
    folder(store.sessions_dir / bad / SUMMARY_FILE)
    summaries, problems = store.scan()
    assert [s.id for s in summaries] == [good]
    assert "geen gewoon bestand" in problems[0].message
    json.dumps([p.message for p in problems])  # plain strings, ready to print


def test_a_dangling_link_as_session_file_is_named_as_a_link_not_as_missing(
    store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = with_backup(store, clock, "Gelinkt")
    path = store.sessions_dir / session_id / SESSION_FILE
    path.unlink()
    path.symlink_to(tmp_path / "bestaat-niet.json")
    with pytest.raises(DamagedFileError, match="snelkoppeling"):
        open_session(store, session_id, clock)
    repair(store, session_id, clock)
    assert open_session(store, session_id, clock, read_only=True).session.title == "Gelinkt"
    assert not (tmp_path / "bestaat-niet.json").exists()
