"""Damaged and foreign session files, backups, and ``workshop doctor``.

Every kind of damage is made by hand in a temporary data folder. A damaged session file is never
overwritten or deleted: opening it names the file and explains in Dutch, the other sessions keep
working, ``workshop doctor`` reports it and ``--herstel`` puts the newest good backup back while
keeping the damaged file aside.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers_sessions import close_folded, filled_session, fold, tree_snapshot

from workshop.backup import KEEP, kept_damaged, list_backups
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.doctor import examine, repair
from workshop.errors import DamagedFileError
from workshop.lock import LOCK_FILE, SessionLockedError
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SESSION_FILE, SUMMARY_FILE, SessionStore

Data = dict[str, Any]


def _edit(change: Callable[[Data], None]) -> Callable[[bytes], bytes]:
    def damage(good: bytes) -> bytes:
        data = json.loads(good)
        change(data)
        return json.dumps(data).encode()

    return damage


def _first(data: Data, table: str) -> Data:
    return next(iter(data[table].values()))


def _set(table: str, field: str, value: object) -> Callable[[bytes], bytes]:
    return _edit(lambda d: _first(d, table).__setitem__(field, value))


def _drop(table: str, field: str) -> Callable[[bytes], bytes]:
    return _edit(lambda d: _first(d, table).pop(field))


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda good: good[: len(good) * 2 // 3],
    "empty": lambda good: b"",
    "not json": lambda good: b"Dit bestand is met de hand overschreven.\n",
    "binary": lambda good: bytes(range(256)),
    "unknown schema version": lambda good: good.replace(b'"version":1', b'"version":99'),
    "not a session file": lambda good: b'{"_default": {"1": {"a": 1}}}',
    "text is a number": _set("contributions", "text", 5),
    "votes are words": _set("contributions", "votes", "veel"),
    "negative votes": _set("contributions", "votes", -3),
    "phase out of range": _set("contributions", "phase", 99),
    "unknown kind": _set("contributions", "kind", "onzin"),
    "bad date": _set("contributions", "created", "gisteren"),
    "text missing": _drop("contributions", "text"),
    "title missing": _drop("session", "title"),
    "title is a list": _set("session", "title", ["a"]),
    "participants is text": _set("session", "participants", "Sevda"),
    "position beyond template": _set("session", "position", {"phase": 9, "step": 0}),
    "timers missing": _set("session", "timers", []),
    "template without phases": _set("session", "template", {"id": "x", "name": "x", "phases": []}),
    "template is text": _set("session", "template", "stappenplan"),
    "owner is a number": _set("agreements", "owner", 7),
    "no session row": _edit(lambda d: d.__setitem__("session", {})),
    "duplicate ids": _edit(
        lambda d: d["contributions"].__setitem__("99", dict(_first(d, "contributions")))
    ),
}


def prepared(store: SessionStore, clock: FakeClock) -> tuple[str, Path, bytes]:
    """A session with a backup, then one more change: returns id, file, contents of the backup."""
    session_id = filled_session(store, clock, count=4)
    live = open_session(store, session_id, clock)  # makes the backup
    live.add_agreement("Koffieochtend op vrijdag", "Joost")
    close_folded(store, live)  # so the next open backs up a file holding the agreement
    clock.advance(60)
    live = open_session(store, session_id, clock)  # backs up the version with the agreement
    live.add_contribution("Na de laatste reservekopie", Group.TEAM)
    close_folded(store, live)  # the file holds everything before the tests damage it
    (backup,) = list_backups(store.sessions_dir / session_id)[:1]
    return session_id, store.sessions_dir / session_id / SESSION_FILE, backup.read_bytes()


def run(store: SessionStore, *args: str) -> int:
    return main(["--data", str(store.root), *args])


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_session_file_is_named_kept_and_restored(
    store: SessionStore, clock: FakeClock, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = filled_session(store, clock, title="Andere sessie")
    session_id, path, backup = prepared(store, clock)
    bad = DAMAGE[kind](path.read_bytes())
    path.write_bytes(bad)
    folder = path.parent
    before = tree_snapshot(folder)

    # Opening refuses, names the file, explains in Dutch, and changes nothing at all.
    with pytest.raises(DamagedFileError) as caught:
        open_session(store, session_id, clock)
    message = str(caught.value)
    assert str(path) in message and "beschadigd" in message
    assert f"workshop doctor --herstel {session_id}" in message
    assert tree_snapshot(folder) == before
    with pytest.raises(DamagedFileError):
        store.load(session_id)  # export path too

    # The other sessions keep working.
    assert other in {s.id for s in store.list_sessions()}
    open_session(store, other, clock).close()

    # doctor reports it, for this session only, and exits with 1.
    reports, general = examine(store)
    troubled = {r.session_id: r for r in reports if r.problems}
    assert list(troubled) == [session_id] and general == []
    assert str(path) in troubled[session_id].problems[0].message
    assert run(store, "doctor") == 1
    out = capsys.readouterr().out
    assert f"Oplossen: workshop doctor --herstel {session_id}" in out
    assert tree_snapshot(folder) == before  # examining changes nothing

    # --herstel puts the newest good backup back and keeps the damaged file aside.
    clock.advance(60)
    assert run(store, "doctor", "--herstel", session_id) == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out
    (aside,) = kept_damaged(folder)
    assert aside.name.startswith("session.json.beschadigd-")
    assert aside.read_bytes() == bad
    assert path.read_bytes() == backup
    live = open_session(store, session_id, clock)
    try:
        assert [a.what for a in live.agreements] == ["Koffieochtend op vrijdag"]
        assert "Na de laatste reservekopie" not in [c.text for c in live.contributions]
    finally:
        live.close()
    assert run(store, "doctor") == 0
    assert "Bewaard beschadigd bestand" in capsys.readouterr().out


def test_without_a_good_backup_nothing_is_touched(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock)  # never reopened: no backup
    folder = store.sessions_dir / session_id
    (folder / SESSION_FILE).write_text("{kapot")
    before = tree_snapshot(folder)
    assert run(store, "doctor", "--herstel", session_id) == 1
    assert "geen bruikbare reservekopie" in capsys.readouterr().err
    assert tree_snapshot(folder) == before
    assert not (folder / LOCK_FILE).exists()


def test_a_damaged_backup_is_skipped_and_set_aside(store: SessionStore, clock: FakeClock) -> None:
    session_id, path, _ = prepared(store, clock)
    folder = path.parent
    newest, older = list_backups(folder)[:2]
    older_bytes = older.read_bytes()
    newest.write_bytes(b"[]")
    path.write_bytes(b"")
    done = repair(store, session_id, clock)
    assert any("reservekopie" in line and "opzij" in line for line in done)
    assert path.read_bytes() == older_bytes
    assert (newest.parent / (newest.name + ".beschadigd")).read_bytes() == b"[]"


def test_missing_session_file_is_restored_from_backup(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id, path, backup = prepared(store, clock)
    path.unlink()
    reports, _ = examine(store)
    assert "ontbreekt" in reports[0].problems[0].message
    repair(store, session_id, clock)
    assert path.read_bytes() == backup
    assert kept_damaged(path.parent) == []


def test_damaged_summary_is_reported_and_rebuilt_without_touching_the_session(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, title="Overzicht kwijt")
    folder = store.sessions_dir / session_id
    session_bytes = (folder / SESSION_FILE).read_bytes()
    (folder / SUMMARY_FILE).write_text('{"id": 5}')
    assert store.list_sessions() == []
    (report,) = examine(store)[0]
    assert report.title == "Overzicht kwijt" and "overzicht" in report.problems[0].message
    assert repair(store, session_id, clock) == ["Het overzicht is opnieuw gemaakt."]
    assert [s.title for s in store.list_sessions()] == ["Overzicht kwijt"]
    assert (folder / SESSION_FILE).read_bytes() == session_bytes


def test_out_of_date_summary_is_reported_and_mended_on_open(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, title="Oude titel")
    folder = store.sessions_dir / session_id
    summary = json.loads((folder / SUMMARY_FILE).read_text())
    summary["title"] = "Iets anders"
    (folder / SUMMARY_FILE).write_text(json.dumps(summary))
    (report,) = examine(store)[0]
    assert "klopt niet meer" in report.problems[0].message
    open_session(store, session_id, clock).close()
    assert store.find(session_id).title == "Oude titel"


def test_leftover_temporary_files_and_stale_lock_are_reported_and_cleared(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    fold(store, session_id)  # no journal left beside the file: the folder is listed below
    folder = store.sessions_dir / session_id
    (folder / ".session.json.k3x9.tmp").write_text('{"half')
    (folder / LOCK_FILE).write_text(
        json.dumps({"host": __import__("socket").gethostname(), "pid": 999_999_999})
    )
    (report,) = examine(store)[0]
    text = " ".join(f.message for f in report.problems)
    assert "tijdelijk" in text and "slot van proces 999999999" in text
    done = repair(store, session_id, clock)
    assert any("oud slot" in line for line in done)
    assert any("tijdelijk" in line for line in done)
    # agreements.json: the agreements kept beside the summary for 'workshop afspraken'
    assert sorted(p.name for p in folder.iterdir()) == [
        "agreements.json",
        "session.json",
        "summary.json",
    ]
    assert examine(store)[0][0].problems == []


def test_doctor_respects_a_session_open_elsewhere(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock)
    live = open_session(store, session_id, clock)
    try:
        (live.file.folder / ".session.json.busy.tmp").write_text("being written")
        (report,) = examine(store)[0]
        assert report.problems == []  # a temporary file is normal while it is open
        assert "Nu open op" in report.findings[0].message
        with pytest.raises(SessionLockedError):
            repair(store, session_id, clock)
        assert run(store, "doctor", "--herstel", session_id) == 1
        assert "al open op" in capsys.readouterr().err
    finally:
        live.close()


def test_interrupted_creation_is_cleared(store: SessionStore, clock: FakeClock) -> None:
    folder = store.sessions_dir / "abc123def456"
    folder.mkdir()
    (folder / ".session.json.x.tmp").write_text("{")
    assert store.scan()[1][0].message.startswith("Sessiemap abc123def456 is onvolledig")
    assert "opgeruimd" in repair(store, "abc123def456", clock)[0]
    assert not folder.exists()


def test_healthy_store_gives_exit_code_0(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock, title="Gezond")
    assert run(store, "doctor") == 0
    assert f"{session_id} (Gezond): in orde" in capsys.readouterr().out
    assert repair(store, session_id, clock) == [
        "Er was niets te herstellen: deze sessie is in orde."
    ]


# -- backups ------------------------------------------------------------------------------------


def test_backup_on_open_only_when_changed_and_rotated(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    folder = store.sessions_dir / session_id
    assert list_backups(folder) == []
    open_session(store, session_id, clock).close()
    open_session(store, session_id, clock).close()  # unchanged: no second copy
    assert len(list_backups(folder)) == 1
    versions = []
    for n in range(KEEP + 3):
        live = open_session(store, session_id, clock)
        versions.append((folder / SESSION_FILE).read_bytes())
        live.add_contribution(f"Wijziging {n}", Group.TEAM)
        close_folded(store, live)  # a plain close leaves a small journal: the file is unchanged
        clock.advance(3600)
    backups = list_backups(folder)
    assert len(backups) == KEEP
    assert [b.read_bytes() for b in backups] == versions[::-1][:KEEP]  # newest first
    assert all(b.name.startswith("session-") for b in backups)


def test_read_only_open_makes_no_backup(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    folder = store.sessions_dir / session_id
    before = tree_snapshot(folder)
    open_session(store, session_id, clock, read_only=True).close()
    assert tree_snapshot(folder) == before


def test_a_backup_that_cannot_be_written_is_a_warning_not_a_stop(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = filled_session(store, clock)

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workshop.store.keep_backup", full)
    live = open_session(store, session_id, clock)
    try:
        assert live.warnings and "reservekopie" in live.warnings[0]
    finally:
        live.close()
