"""Kill a real process with SIGKILL while it saves, hundreds of times; nothing acknowledged is lost.

A helper process (tests/helpers_crash_child.py) forks a worker per round. The worker opens a
session and saves changes in a loop, printing each id only after its save call returned; it
compacts its journal every few kilobytes. This test kills the worker at a random moment: while
it opens the session (replaying the journal the previous kill left, and folding it in once it
has grown past the quiet threshold), while it
appends, and while a compaction writes the snapshot or removes the old journal segment. Then it
checks the store: every acknowledged change is there, at most one more (the save in flight),
nothing is half-applied (a goal removed in one record with the link to it), the journal shows
no damage, every file parses and passes the schema check, and the next open for writing
recovers the stale lock and clears temporary files. Only every other round does this test open
the session for writing itself, so that the next worker finds a journal to replay.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers_paths import TESTS
from helpers_sessions import new_session

from workshop import journal
from workshop.agreement_index import fresh_rows
from workshop.backup import list_backups
from workshop.clock import SystemClock
from workshop.lock import read_holder
from workshop.session import open_session
from workshop.storage import find_leftovers
from workshop.store import (
    SESSION_FILE,
    SessionStore,
    StoredSession,
    read_session,
    read_stored,
    read_summary,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL"),
]

KILLS = 240
ROUNDS_PER_SESSION = 60  # start a fresh session now and then, so files stay a realistic size
HELPER = TESTS / "helpers_crash_child.py"


class Helper:
    """The helper process and a thread that reads its output lines."""

    def __init__(self, data: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HELPER), str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_line() == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=20)
        except queue.Empty:
            raise AssertionError("the helper process stopped answering") from None

    def close(self) -> None:
        self.send("quit")
        self.process.wait(timeout=10)


def check_store(store: SessionStore, session_id: str) -> StoredSession:
    """Everything on disk parses and passes its checks; returns the session, journal replayed."""
    summaries, problems = store.scan()
    assert problems == []
    assert session_id in {s.id for s in summaries}
    folder = store.sessions_dir / session_id
    stored, problem = read_session(folder)  # parse, schema and content checks, journal replayed
    assert problem is None, f"the journal is damaged: {problem}"
    read_stored(folder / SESSION_FILE)  # the snapshot on its own is a good file too
    for backup in list_backups(folder):
        read_stored(backup)
    holder = read_holder(folder)
    assert holder is None or holder.pid > 0, "a lock file was half-written"
    goals = {g.id for g in stored.goals}
    half = [a.id for a in stored.agreements if a.goal is not None and a.goal not in goals]
    assert not half, f"a goal was removed but the link to it stayed: {half}"
    # The agreements kept beside the summary are never a wrong list (used or not).
    assert store.agreements(session_id) == stored.agreements
    return stored


def during_compaction(folder: Path) -> bool:
    """A compaction was under way: a snapshot half-written, or journal segments the snapshot
    already holds not yet removed. (Several segments alone say nothing: a small journal stays
    when a session is opened, and the worker appends after it in a new segment.)"""
    leftovers = [p for p in find_leftovers(folder) if p.name.startswith(f".{SESSION_FILE}.")]
    in_snapshot = json.loads((folder / SESSION_FILE).read_bytes())["_journal"]["1"]["seq"]
    found = [journal.parse_segment(p) for p in journal.segments(folder)]
    return bool(leftovers) or any(
        s.records and s.records[-1][0] <= in_snapshot for s in found
    )


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    seed = int(os.environ.get("KILL_TEST_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    store = SessionStore(tmp_path / "data")
    clock = SystemClock()
    helper = Helper(store.root)
    stats = {
        "killed while opening": 0,
        "killed while replaying a journal": 0,
        "killed during compaction": 0,
        "temporary files left": 0,
        "locks left": 0,
        "acks": 0,
        "unlinked": 0,
        "agreements read beside the summary": 0,
    }
    session_id = ""
    acked: set[str] = set()
    in_flight: set[str] = set()
    linked: set[str] = set()  # agreements saved with a link to a goal
    unlinked: set[str] = set()  # ... whose goal was then removed with the link
    try:
        round_number = -1
        # At least KILLS kills; on a busy machine a worker spends more of its life starting, so
        # go on (up to 4x) until the kills have also landed while saving, replaying, compacting.
        while (round_number := round_number + 1) < KILLS or (
            not covered(stats) and round_number < 4 * KILLS
        ):
            if round_number % ROUNDS_PER_SESSION == 0:
                live = new_session(store, clock, title=f"Kill-test {round_number}")
                session_id = live.session.id
                live.close()
                acked, in_flight, linked, unlinked = set(), set(), set(), set()
            folder = store.sessions_dir / session_id
            journal_to_replay = bool(journal.segments(folder))

            helper.send(f"run {session_id}")
            opened, pid = False, 0
            while not pid:
                line = helper.next_line()
                kind, _, value = line.partition(" ")
                if kind == "pid":
                    pid = int(value)
                else:
                    opened |= record(kind, value, acked, linked, unlinked, stats, seed)
            # Most kills come a random moment after the worker has opened the session (while it
            # saves); the others a random moment after it started (while it opens or replays).
            # Counting from the opening keeps this true on a busy machine, where opening is slow.
            if rng.random() < 0.6:
                while not opened:
                    line = helper.next_line()
                    kind, _, value = line.partition(" ")
                    opened |= record(kind, value, acked, linked, unlinked, stats, seed)
            time.sleep(rng.uniform(0.001, 0.060))  # let it work: a random kill moment
            os.kill(pid, signal.SIGKILL)
            helper.send(f"reap {pid}")
            while True:
                line = helper.next_line()
                kind, _, value = line.partition(" ")
                if kind == "dead":
                    status = int(value.split()[1])
                    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                        f"the worker ended by itself (status {status}); seed {seed}"
                    )
                    break
                opened |= record(kind, value, acked, linked, unlinked, stats, seed)
            stats["killed while opening"] += not opened
            stats["killed while replaying a journal"] += not opened and journal_to_replay
            stats["killed during compaction"] += during_compaction(folder)
            stats["temporary files left"] += bool(
                find_leftovers(folder) + find_leftovers(folder / "backups")
            )
            stats["locks left"] += read_holder(folder) is not None

            stats["agreements read beside the summary"] += fresh_rows(folder) is not None
            stored = check_store(store, session_id)
            stored_ids = {c.id for c in stored.contributions}
            missing = acked - stored_ids
            assert not missing, (
                f"round {round_number}: acknowledged but lost: {missing}; seed {seed}"
            )
            new_unacked = stored_ids - acked - in_flight
            assert len(new_unacked) <= 1, f"more than the one save in flight: {new_unacked}"
            in_flight |= new_unacked
            agreements = {a.id: a for a in stored.agreements}
            assert linked <= set(agreements), f"an acknowledged agreement was lost; seed {seed}"
            assert all(agreements[a].goal is None for a in unlinked), f"seed {seed}"

            if round_number % 2:
                continue  # the next worker replays the journal this kill left
            # The next writer takes over the stale lock and clears what the crash left behind.
            live = open_session(store, session_id, clock)
            try:
                assert find_leftovers(folder) == []
                assert find_leftovers(folder / "backups") == []
                assert live.stored() == stored  # the journal replayed on opening
                live.file.fold_journal()  # a small one stays on opening: fold it now
                assert journal.segments(folder) == []  # folded into the snapshot
                assert read_stored(folder / SESSION_FILE) == stored
                summary = read_summary(folder)
                assert summary.phase == live.session.position.phase
                assert {c.id for c in live.contributions} == stored_ids
            finally:
                live.close()
            assert read_holder(folder) is None
    finally:
        helper.close()
    print(f"kill test, seed {seed}: {round_number} kills, {stats}")
    # The test only proves something when kills landed in every part of the work: while
    # saving (not only while starting), while replaying, and while compacting.
    # (Typical on a quiet machine: ~4000 acks, ~60 kills while opening, ~40 of them while
    # replaying a journal, ~25 during a compaction, ~300 goals removed with their link.)
    assert covered(stats), stats


def covered(stats: dict[str, int]) -> bool:
    """Whether kills landed in every part of the work, so that the rounds prove something."""
    return (
        stats["acks"] > KILLS
        and stats["locks left"] > KILLS // 4
        and stats["killed while replaying a journal"] >= 5
        and stats["killed during compaction"] >= 5
    )
    assert stats["unlinked"] >= 10
    assert stats["agreements read beside the summary"] >= 10


def record(
    kind: str,
    value: str,
    acked: set[str],
    linked: set[str],
    unlinked: set[str],
    stats: dict[str, int],
    seed: int,
) -> bool:
    """Note one line from the worker; True when it says the session is open."""
    if kind == "ack":
        acked.add(value)
        stats["acks"] += 1
    elif kind == "agreement":
        linked.add(value)
    elif kind == "unlinked":
        unlinked.add(value)
        stats["unlinked"] += 1
    else:
        assert kind == "open", f"{kind} {value} (seed {seed})"
        return True
    return False
