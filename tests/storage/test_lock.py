"""One writer per session: tested with real processes, and with hand-made lock files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from helpers_paths import TESTS
from helpers_sessions import digest, filled_session, new_session

from workshop.clock import FakeClock
from workshop.lock import LOCK_FILE, SessionLockedError, read_holder, this_host
from workshop.model import Group
from workshop.session import open_session
from workshop.storage import ReadOnlyError
from workshop.store import SessionStore

HELPER = TESTS / "helpers_lock_child.py"


def start_child(store: SessionStore, session_id: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), str(store.root), session_id, *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def first_line(child: subprocess.Popen[str]) -> list[str]:
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, "the child process ended without answering"
    return line.split()


def finish(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        child.communicate(timeout=20)


def dead_pid() -> int:
    """The pid of a process that has just ended."""
    code = "import os; print(os.getpid())"
    child = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(child.stdout)


def plant_lock(folder: Path, **fields: object) -> None:
    holder = {"host": this_host(), "pid": dead_pid(), "since": "2026-03-10T08:00:00+01:00"}
    holder.update(fields)
    (folder / LOCK_FILE).write_text(json.dumps(holder))


# -- two real processes -------------------------------------------------------------------------


def test_second_process_is_told_who_has_it_open_and_may_look(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    a = start_child(store, session_id)
    try:
        kind, a_pid = first_line(a)
        assert kind == "open"
        with pytest.raises(SessionLockedError) as caught:
            open_session(store, session_id, clock)
        holder = caught.value.holder
        assert holder.pid == int(a_pid) and holder.host == this_host()
        assert holder.since is not None
        message = str(caught.value)
        assert message.startswith(
            f"Deze sessie is al open op {this_host()} (proces {a_pid}, sinds "
        )
        assert holder.since_label in message and "alleen-lezen" in message

        viewer = open_session(store, session_id, clock, read_only=True)
        try:
            assert viewer.read_only
            assert f"Van proces {a_pid}" in [c.text for c in viewer.contributions]
            before = digest(viewer.file.path)
            with pytest.raises(ReadOnlyError):
                viewer.add_contribution("Van B", Group.TEAM)
            assert digest(viewer.file.path) == before
        finally:
            viewer.close()
        assert read_holder(store.sessions_dir / session_id).pid == int(a_pid)  # type: ignore[union-attr]
    finally:
        finish(a)
    assert a.stdout is not None and a.returncode == 0


def test_lock_of_a_killed_process_is_taken_over(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    folder = store.sessions_dir / session_id
    a = start_child(store, session_id)
    try:
        kind, a_pid = first_line(a)
        assert kind == "open"
        os.kill(int(a_pid), signal.SIGKILL)
        a.wait(timeout=10)
    finally:
        finish(a)
    assert read_holder(folder).pid == int(a_pid)  # type: ignore[union-attr]  # left behind

    live = open_session(store, session_id, clock)
    try:
        assert read_holder(folder).pid == os.getpid()  # type: ignore[union-attr]
        assert f"Van proces {a_pid}" in [c.text for c in live.contributions]
        live.add_contribution("Verder na de crash", Group.TEAM)
    finally:
        live.close()
    assert not (folder / LOCK_FILE).exists()


def test_lock_is_given_back_on_close(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    a = start_child(store, session_id)
    try:
        assert first_line(a)[0] == "open"
        with pytest.raises(SessionLockedError):
            open_session(store, session_id, clock)
        assert a.stdin is not None
        a.stdin.write("close\n")
        a.stdin.flush()
        assert first_line(a) == ["closed"]
    finally:
        finish(a)
    open_session(store, session_id, clock).close()


def test_only_one_of_many_processes_takes_over_a_stale_lock(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    plant_lock(store.sessions_dir / session_id)
    children = [start_child(store, session_id, "wait") for _ in range(6)]
    try:
        for child in children:
            assert first_line(child) == ["ready"]
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        answers = [first_line(child) for child in children]
    finally:
        for child in children:
            finish(child)
    winners = [int(pid) for kind, pid, *_ in answers if kind == "open"]
    assert len(winners) == 1, answers
    assert all(a[2] == str(winners[0]) for a in answers if a[0] == "locked"), answers


# -- lock files made by hand --------------------------------------------------------------------


def test_lock_file_says_who_and_since_when(store: SessionStore, clock: FakeClock) -> None:
    live = new_session(store, clock)  # creating a session takes the lock too
    try:
        data = json.loads((live.file.folder / LOCK_FILE).read_text())
        assert data["host"] == this_host() and data["pid"] == os.getpid()
        assert datetime.fromisoformat(data["since"]) == clock.now()
    finally:
        live.close()
    assert not (live.file.folder / LOCK_FILE).exists()


def test_second_open_in_the_same_process_is_refused(store: SessionStore, clock: FakeClock) -> None:
    live = new_session(store, clock)
    try:
        with pytest.raises(SessionLockedError, match=f"proces {os.getpid()}"):
            open_session(store, live.session.id, clock)
    finally:
        live.close()


@pytest.mark.parametrize(
    "fields",
    [
        {},  # the process no longer exists
        {"pid": os.getpid(), "token": "van-een-vorig-proces"},  # our pid, but not our lock
        {"pid": 1, "boot": "een-andere-opstart"},  # from before the machine restarted
        {"pid": 1, "started": "-1"},  # pid 1 now belongs to a process started at another time
    ],
    ids=["dead", "same-pid", "rebooted", "pid-reused"],
)
def test_stale_locks_are_recovered(store: SessionStore, clock: FakeClock, fields: dict) -> None:  # type: ignore[type-arg]
    session_id = filled_session(store, clock)
    if fields.get("boot") and not Path("/proc/sys/kernel/random/boot_id").exists():
        pytest.skip("no boot id on this system")
    if fields.get("started") and not Path("/proc/1/stat").exists():
        pytest.skip("no process start times on this system")
    plant_lock(store.sessions_dir / session_id, **fields)
    open_session(store, session_id, clock).close()


def test_unreadable_lock_file_is_recovered(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    (store.sessions_dir / session_id / LOCK_FILE).write_text("")
    open_session(store, session_id, clock).close()


def test_lock_of_a_running_process_is_respected(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    plant_lock(store.sessions_dir / session_id, pid=1)  # init: always running
    with pytest.raises(SessionLockedError, match="proces 1, sinds 10-03-2026 08:00"):
        open_session(store, session_id, clock)


def test_lock_from_another_computer_is_never_taken_over(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    plant_lock(store.sessions_dir / session_id, host="laptop-van-marieke")
    with pytest.raises(SessionLockedError, match="al open op laptop-van-marieke"):
        open_session(store, session_id, clock)
    open_session(store, session_id, clock, read_only=True).close()
