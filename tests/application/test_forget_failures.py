"""`workshop vergeet NAAM` (issue 8, items 6-7): one session that cannot be changed never stops the
others, what could not be changed is listed with the reason, and a deletion that was interrupted
is finished.

The tests run as root, for whom permission bits mean nothing: an unwritable folder or read-only
disk is simulated through the code's seams (the store's atomic write, the lock's publish step)
raising OSError(EROFS), as a read-only disk does.
"""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from helpers_forget import cli, files_naming, with_backups
from helpers_sessions import new_session

from workshop import lock as lock_module
from workshop import storage
from workshop.backup import list_backups
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.privacy import forget_person, remaining_lines
from workshop.session import new_participant, open_session
from workshop.store import SESSION_FILE, TRASH_PREFIX, SessionStore

T, P = Group.TEAM, Group.OUDERPANEL


# -- item 6: go on after a folder that cannot be changed ------------------------------------------


def three_sessions_with(store: SessionStore, clock: FakeClock, name: str) -> list[str]:
    ids = []
    for title in ("Een", "Twee", "Drie"):
        live = new_session(store, clock, title=title, participants=[new_participant(P, name)])
        live.add_contribution("Meer koffie", P, author=name)
        live.close()
        with_backups(store, clock, live.session.id, count=1)
        ids.append(live.session.id)
    return sorted(ids)  # the order in which vergeet goes through them


def title(store: SessionStore, session_id: str) -> str:
    return store.load(session_id).session.title


def read_only_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """As if ``folder`` were on a read-only disk: every write in it fails with EROFS."""
    write, publish = storage.write_atomically, lock_module._publish

    def refuse_write(path: Path, content: bytes) -> None:
        if folder in Path(path).parents:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        write(path, content)

    def refuse_lock(where: Path, content: bytes, token: str) -> bool:
        if Path(where) == folder:
            raise OSError(errno.EROFS, "Read-only file system", str(where))
        return publish(where, content, token)

    monkeypatch.setattr(storage, "write_atomically", refuse_write)
    monkeypatch.setattr(lock_module, "_publish", refuse_lock)


def test_a_read_only_first_folder_does_not_stop_the_others(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, *others = three_sessions_with(store, clock, "Sevda")
    read_only_folder(monkeypatch, store.sessions_dir / first)
    report = forget_person(store, "Sevda", clock)
    assert (report.sessions, report.backups) == (2, 2)
    assert report.remaining == [
        f"'{title(store, first)}' ({first}): niet aangepast, want de schijf is alleen-lezen."
    ]
    for session_id in others:
        assert files_naming(store.sessions_dir / session_id, "Sevda") == []
    assert files_naming(store.sessions_dir / first, "Sevda") != []


def test_cli_every_session_is_tried_and_what_failed_is_listed(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second, third = three_sessions_with(store, clock, "Sevda")
    # The first: its file cannot be read (a number too long to read); the second: the disk
    # refuses writes, the lock is taken; the third is fine.
    path = store.sessions_dir / first / SESSION_FILE
    path.write_text(path.read_text().replace('"votes":0', '"votes":' + "9" * 5000, 1))
    write = storage.write_atomically

    def refuse_second(target: Path, content: bytes) -> None:
        if store.sessions_dir / second in Path(target).parents:
            raise OSError(errno.EROFS, "Read-only file system", str(target))
        write(target, content)

    monkeypatch.setattr(storage, "write_atomically", refuse_second)

    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 1
    assert files_naming(store.sessions_dir / third, "Sevda") == []  # not stopped before it
    out, err = capsys.readouterr()
    assert "is weggehaald uit 1 sessie en uit 2 reservekopieën" in out
    assert "Er is niets verloren" not in out + err
    lines = [line for line in err.splitlines() if line.startswith("- ")]
    assert len(lines) == 2, err
    assert first in lines[0] and "het sessiebestand is beschadigd" in lines[0]
    assert f"doctor --herstel {first}" in lines[0]
    assert lines[1] == (
        f"- '{title(store, second)}' ({second}): het sessiebestand en reservekopie "
        f"{list_backups(store.sessions_dir / second)[0].name} niet aangepast, want de schijf is "
        "alleen-lezen."
    )
    assert "probeer het daarna opnieuw" in err
    assert files_naming(store.sessions_dir / first, "Sevda") == [f"{SESSION_FILE}"]  # damaged


def test_a_locked_session_is_listed_and_the_rest_is_done(
    store: SessionStore, clock: FakeClock
) -> None:
    first, second, _ = three_sessions_with(store, clock, "Sevda")
    busy = open_session(store, first, clock)
    try:
        report = forget_person(store, "Sevda", clock)
    finally:
        busy.close()
    assert report.sessions == 2 and len(report.remaining) == 1
    assert report.remaining[0].startswith(
        f"'{title(store, first)}' ({first}): niet aangepast, want de sessie is al open op "
    )
    assert files_naming(store.sessions_dir / second, "Sevda") == []


# -- item 7: a deletion that was interrupted ------------------------------------------------------


def interrupted_delete(store: SessionStore, session_id: str) -> Path:
    """What ``store.delete`` leaves when killed after its rename, before the folder is gone."""
    rest = store.sessions_dir / f"{TRASH_PREFIX}{session_id}-0badcafe"
    os.rename(store.sessions_dir / session_id, rest)
    return rest


def test_cli_forget_finishes_an_interrupted_delete(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    gone, *kept = three_sessions_with(store, clock, "Sevda")
    rest = interrupted_delete(store, gone)
    assert files_naming(rest, "Sevda") != []
    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 0
    assert not rest.exists() and files_naming(store.root, "Sevda") == []
    out = capsys.readouterr().out
    assert "1 sessie die eerder niet helemaal was verwijderd, is nu helemaal weg." in out
    assert "is weggehaald uit 2 sessies" in out
    assert {s.id for s in store.list_sessions()} == set(kept)  # the others stay


def test_a_rest_that_cannot_be_removed_is_reported(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone, *_ = three_sessions_with(store, clock, "Sevda")
    rest = interrupted_delete(store, gone)

    def refuse(path: Path, onerror: object = None) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr("workshop.privacy.shutil.rmtree", refuse)
    report = forget_person(store, "Sevda", clock)
    assert report.deletions == 0 and report.sessions == 2
    assert report.remaining == [
        f"Een sessie die eerder werd verwijderd, is nog niet helemaal weg: {rest} (de schijf is "
        "alleen-lezen). Verwijder die map zelf."
    ]
    assert "\n".join(remaining_lines(report)).startswith("De naam is nog niet overal weg:")


# -- what vergeet reads itself: never a pipe, never through a link, also escaped text ----------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_pipes_and_links_under_the_data_folder_are_not_followed(
    store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    (session_id,) = three_sessions_with(store, clock, "Sevda")[:1]
    folder = store.sessions_dir / session_id
    newest = list_backups(folder)[0]
    pipe_as_backup = newest.with_name(newest.name.replace("-000", "-100"))  # sorts first
    os.mkfifo(pipe_as_backup)
    os.mkfifo(store.root / "pijp")
    outside = tmp_path / "buiten.txt"
    outside.write_text("Sevda woont hier")
    (store.root / "link.txt").symlink_to(outside)
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append(forget_person(store, "Sevda", clock)), daemon=True
    )
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "vergeet waits on a pipe"
    (report,) = done
    assert report.sessions == 3 and report.complete, report.remaining
    assert outside.read_text() == "Sevda woont hier"  # not ours: not changed, not followed
    assert files_naming(store.root, "Sevda") == []


def test_a_damaged_backup_with_an_escaped_name_is_still_found(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id, *_ = three_sessions_with(store, clock, "Sevda")
    damaged = list_backups(store.sessions_dir / session_id)[-1]
    damaged.write_bytes(b'{"author": "Sev\\u0064a", "text": "afgebro')
    report = forget_person(store, "Sevda", clock)
    aside = damaged.with_name(damaged.name + ".beschadigd")
    assert aside.exists() and not damaged.exists()
    assert len(report.remaining) == 1 and str(aside) in report.remaining[0]
