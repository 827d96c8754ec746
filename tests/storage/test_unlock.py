"""A lock from another computer can be released on purpose (issue 8, item 11).

Such a lock is never taken over by itself: this computer cannot see the process there. ``doctor``
names it (host, process, since when) and how to release it; ``workshop ontgrendel SESSIE`` asks
for 'ja' (or takes ``--ja``) and then removes exactly that lock. A lock of a process that still
runs on this computer is never released.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers_sessions import digest, filled_session

from workshop.cli import main
from workshop.clock import FakeClock
from workshop.lock import LOCK_FILE, SessionLockedError, this_host
from workshop.privacy import forget_person
from workshop.session import open_session
from workshop.store import SESSION_FILE, SessionStore

OTHER_HOST = "oude-laptop"


def run(store: SessionStore, *args: str) -> int:
    return main(["--data", str(store.root), *args])


def plant(folder: Path, host: str = OTHER_HOST, pid: int = 4242) -> Path:
    lock = folder / LOCK_FILE
    holder = {"host": host, "pid": pid, "since": "2026-03-09T16:30:00+01:00", "token": "abc"}
    lock.write_text(json.dumps(holder))
    return lock


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_doctor_names_a_lock_of_another_computer_and_the_way_out(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock)
    plant(store.sessions_dir / session_id)

    assert run(store, "doctor") == 1

    out = capsys.readouterr().out
    assert "in orde" not in out
    assert f"{OTHER_HOST} (proces 4242, sinds 09-03-2026 16:30)" in out
    assert f"  Oplossen: workshop ontgrendel {session_id}" in out


def test_ontgrendel_asks_first_and_releases_only_after_ja(
    store: SessionStore,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_id = filled_session(store, clock)
    lock = plant(store.sessions_dir / session_id)
    before = digest(store.sessions_dir / session_id / SESSION_FILE)

    answer(monkeypatch, "nee\n")
    assert run(store, "ontgrendel", session_id) == 1
    assert f"op slot door {OTHER_HOST} (proces 4242" in capsys.readouterr().out
    assert lock.exists()
    answer(monkeypatch, "")  # no answer at all: nothing happens
    assert run(store, "ontgrendel", session_id) == 1
    assert lock.exists()

    answer(monkeypatch, "ja\n")
    assert run(store, "ontgrendel", session_id) == 0
    assert "is vrijgegeven" in capsys.readouterr().out
    assert not lock.exists()
    assert digest(store.sessions_dir / session_id / SESSION_FILE) == before
    open_session(store, session_id, clock).close()


def test_ontgrendel_with_ja_needs_no_question_and_works_by_title(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = filled_session(store, clock, title="Teamavond maart")
    lock = plant(store.sessions_dir / session_id)
    answer(monkeypatch, "")
    assert run(store, "unlock", "Teamavond", "--ja") == 0
    assert not lock.exists()


def test_a_lock_of_a_running_process_on_this_computer_is_never_released(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock)
    live = open_session(store, session_id, clock)
    try:
        assert run(store, "ontgrendel", session_id, "--ja") == 1
        assert "nu open op deze computer" in capsys.readouterr().err
        assert (store.sessions_dir / session_id / LOCK_FILE).exists()
    finally:
        live.close()
    lock = plant(store.sessions_dir / session_id, host=this_host(), pid=1)  # init: always runs
    assert run(store, "ontgrendel", session_id, "--ja") == 1
    assert lock.exists()


def test_a_lock_that_changed_after_the_question_is_not_released(
    store: SessionStore,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_id = filled_session(store, clock)
    folder = store.sessions_dir / session_id
    plant(folder)

    def someone_opens_it_meanwhile(prompt: str) -> str:
        plant(folder, host="andere-laptop", pid=7)
        return "ja"

    monkeypatch.setattr("builtins.input", someone_opens_it_meanwhile)
    assert run(store, "ontgrendel", session_id) == 1
    assert "intussen veranderd" in capsys.readouterr().err
    assert "andere-laptop" in (folder / LOCK_FILE).read_text()


def test_without_a_lock_nothing_happens(
    store: SessionStore, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = filled_session(store, clock)
    assert run(store, "ontgrendel", session_id) == 0
    assert "niet op slot" in capsys.readouterr().out


def test_every_refusal_because_of_a_foreign_lock_names_the_way_out(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, facilitator="Sevda")
    plant(store.sessions_dir / session_id)
    with pytest.raises(SessionLockedError, match=f"workshop ontgrendel {session_id}"):
        open_session(store, session_id, clock)
    # vergeet goes on with the other sessions and lists this one with the way out.
    report = forget_person(store, "Sevda", clock)
    assert any(f"workshop ontgrendel {session_id}" in line for line in report.remaining)
