"""Child processes for the kill test (tests/test_crash_kill.py). Not a test module.

Run as ``python helpers_crash_child.py DATA_DIR``. This process imports workshop once and then
waits for commands on stdin, so that each of the hundreds of workers starts in milliseconds:

    run SESSION_ID   fork a worker that opens the session and saves changes until killed
    reap PID         wait for that worker to end, then print ``dead PID STATUS``

Output lines (each written with one os.write, so lines from two processes never mix):

    pid PID          a worker was started
    open PID         the worker has the session open (its journal replayed and folded in)
    ack ID           a contribution's save call returned: it must survive a SIGKILL from here on
    agreement ID     an agreement linked to a goal was saved
    unlinked ID      that agreement's goal was removed, and the link with it, in one record

Compaction is made frequent (every few kilobytes of journal), so that kills also land while a
snapshot is written in the background and before the old journal segment is removed.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from workshop.clock import SystemClock
from workshop.model import Group, Kind
from workshop.session import open_session
from workshop.session_tables import SessionTables
from workshop.store import SessionStore

LIFETIME = 5.0  # seconds: a worker nobody kills stops by itself
SessionTables.COMPACT_MIN_BYTES = 3000
SessionTables.QUIET_MIN_BYTES = 1000
SessionTables.QUIET_RATIO = 64  # compact often at step changes, so that kills land in compactions


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def work(store: SessionStore, session_id: str) -> None:
    """The worker: save changes in a loop, acknowledging each one only after it is saved."""
    random.seed(os.urandom(8))
    clock = SystemClock()
    live = open_session(store, session_id, clock)
    say(f"open {os.getpid()}")
    deadline = clock.now().timestamp() + LIFETIME
    number = 0
    while clock.now().timestamp() < deadline:
        number += 1
        if number % 7 == 0:  # now and then also rewrite the session itself and its summary
            live.go_to(random.randrange(len(live.template.phases)))
        if number % 8 == 3:  # a change of several rows in one record
            goal = live.add_goal(f"Doel {number}", "Criterium")
            agreement = live.add_agreement(f"Afspraak {number}", "Joost", goal=goal.id)
            say(f"agreement {agreement.id}")
            live.delete_goal(goal.id)
            say(f"unlinked {agreement.id}")
        group = Group.OUDERPANEL if number % 2 else Group.TEAM
        text = f"Inbreng {number} van proces {os.getpid()}: " + "tekst " * random.randrange(40)
        contribution = live.add_contribution(text, group, kind=Kind.IDEE)
        say(f"ack {contribution.id}")


def main() -> None:
    store = SessionStore(Path(sys.argv[1]))
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "run":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    work(store, argument)
                except BaseException as error:  # report, so the test fails with a reason
                    say(f"error {type(error).__name__}: {error}")
                    code = 1
                os._exit(code)
            say(f"pid {pid}")
        elif command == "reap":
            _, status = os.waitpid(int(argument), 0)
            say(f"dead {argument} {status}")
        elif command == "quit":
            break


if __name__ == "__main__":
    main()
