"""Benchmark: bytes written when a large session is opened, given 20 remarks and closed.

    PYTHONPATH=. /work/venv/bin/python bench/bench_open_close.py [FOLDER] [CYCLES]
    PYTHONPATH=/path/to/old/checkout /work/venv/bin/python bench/bench_open_close.py

Issue 9's target: at 10,000 remarks, under 64 KB written per remark on average over 20 remarks,
compaction included. One cycle is what a facilitator does: open the session (backup, summary,
journal replay), type 20 remarks, quit. Bytes are ``wchar`` of /proc/self/io: every byte this
process hands to write(), snapshot, journal, backup and summary alike. The session grows by 20
remarks a cycle; CYCLES cycles (default 40) in a row show how often a snapshot is written.

The first line is the first cycle after the session was created (or imported): its open makes
the session's first backup, of a file nobody has backed up before. The CYCLES cycles follow it;
"with the first open" is the mean over all CYCLES + 1 of them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench_store import NEW_TEXT, make_session, wchar

from workshop.clock import FakeClock
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SessionStore

REMARKS = 10_000
PER_CYCLE = 20


def one_cycle(store: SessionStore, session_id: str, clock: FakeClock) -> int:
    """The bytes written by one open + 20 remarks + close."""
    clock.advance(60)
    before = wchar()
    live = open_session(store, session_id, clock)
    for _ in range(PER_CYCLE):
        live.add_contribution(NEW_TEXT, Group.OUDERPANEL)
    live.close()
    return wchar() - before


def cycles(root: Path, count: int) -> tuple[int, int, list[int]]:
    """The session file's size, the bytes written in the first open + 20 remarks + close after
    the session was created, and in each of the ``count`` cycles after that."""
    clock = FakeClock()
    store = SessionStore(root / "data")
    stored = make_session(clock, REMARKS)
    store.create(stored, clock.now(), clock=clock).close()
    session_id = stored.session.id
    first_open = one_cycle(store, session_id, clock)  # makes the session's first backup
    written = [one_cycle(store, session_id, clock) for _ in range(count)]
    size = (store.sessions_dir / session_id / "session.json").stat().st_size
    return size, first_open, written


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        size, first_open, written = cycles(Path(tmp), count)
    per_remark = [w / PER_CYCLE for w in written]
    kb = 1024
    print(f"session.json: {size / kb / kb:.1f} MB at {REMARKS:,} remarks")
    print(f"first open after creating the session + {PER_CYCLE} remarks + close, bytes per remark:")
    print(f"  first open    {first_open / PER_CYCLE / kb:8.1f} KB")
    print(f"open + {PER_CYCLE} remarks + close, {count} cycles in a row, bytes per remark:")
    print(f"  first cycle   {per_remark[0] / kb:8.1f} KB")
    print(f"  median        {statistics.median(per_remark) / kb:8.1f} KB")
    print(f"  worst cycle   {max(per_remark) / kb:8.1f} KB")
    print(f"  mean of all   {statistics.mean(per_remark) / kb:8.1f} KB")
    over = sum(p >= 64 * kb for p in per_remark)
    print(f"  cycles at or over 64 KB per remark: {over} of {count}")
    with_first = (first_open + sum(written)) / PER_CYCLE / (count + 1)
    print(f"  with the first open, mean of all {count + 1}: {with_first / kb:8.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
