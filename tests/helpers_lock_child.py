"""A second process for the lock tests (tests/test_lock.py). Not a test module.

``python helpers_lock_child.py DATA_DIR SESSION_ID [wait]`` opens the session for writing (after a
``go`` line on stdin when ``wait`` is given) and prints one line:

    open PID              it has the session open and holds the lock
    locked PID HOLDER     SessionLockedError: HOLDER is the pid the message named

Then it waits for stdin to close (or a ``close`` line), closes the session and prints ``closed``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workshop.clock import SystemClock
from workshop.lock import SessionLockedError
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SessionStore


def main() -> None:
    store = SessionStore(Path(sys.argv[1]))
    if sys.argv[3:] == ["wait"]:
        print("ready", flush=True)
        sys.stdin.readline()
    try:
        live = open_session(store, sys.argv[2], SystemClock())
    except SessionLockedError as error:
        print(f"locked {os.getpid()} {error.holder.pid}", flush=True)
        sys.stdin.readline()
        return
    live.add_contribution(f"Van proces {os.getpid()}", Group.TEAM)
    print(f"open {os.getpid()}", flush=True)
    sys.stdin.readline()
    live.close()
    print("closed", flush=True)


if __name__ == "__main__":
    main()
