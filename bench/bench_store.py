"""Benchmark: the cost of one durable save of a remark, beside baselines from the same run.

    PYTHONPATH=. /work/venv/bin/python bench/bench_store.py [FOLDER]        # this store
    PYTHONPATH=/path/to/old/checkout python bench/bench_store.py [FOLDER]  # the old store

FOLDER: where the files go (default: a temporary folder), e.g. on the disk the app will use.

Prints figures, not a test. What is measured, for a session of 500 and of 10,000 remarks:

ours      LiveSession.add_contribution: one remark saved durably (journal append + fsync; any
          compaction runs in the background meanwhile and is part of the run). The session
          stays the same size: each timed save is followed by an untimed delete of that remark.
append    baseline: one os.write of a line as long as our journal line for that remark, plus
          fsync, to a file in the same folder. The floor for any durable save.
rewrite   baseline: one atomic rewrite of a file as large as the session's session.json
          (temporary file, write, fsync, rename, fsync of the folder), what the old store did.
stock     baseline: stock TinyDB 4.9 (JSONStorage, which fsyncs) inserting the same remark into
          one file that holds the same tables as the session's session.json; each insert is
          removed again untimed, so that file stays the same size too.

The four are measured in turn, one of each per round (the slow ones in every 5th or 10th round),
so that noise from other work on the machine (a busy disk makes every fsync slower) hits them
alike. Then, at 10,000 remarks, the bytes written per remark (``wchar`` of /proc/self/io:
every byte this process hands to write(), journal and snapshot alike), over 20 remarks and over
one whole compaction cycle (from the end of one snapshot write to the end of the next, waiting
for the background compaction before reading the counter). The session grows during that part.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from tinydb import TinyDB

from workshop.clock import FakeClock
from workshop.model import Contribution, Group, Kind, PhaseTimer, Session
from workshop.session import LiveSession, open_session
from workshop.storage import write_atomically
from workshop.store import SessionStore, StoredSession
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZES = (500, 10_000)
ROUNDS = 300
EVERY = {"ours": 1, "append": 1, "rewrite": 5, "stock": 10}  # measured in every n-th round
TEXT = "Ouders willen vaker horen wat hun kind op de groep heeft gedaan, liefst met een foto. "
NEW_TEXT = "Nieuwe inbreng: " + TEXT


def make_session(clock: FakeClock, remarks: int) -> StoredSession:
    template = get_template(DEFAULT_TEMPLATE_ID)
    session = Session(
        title=f"Sessie met {remarks} opmerkingen",
        location="Kinderdagverblijf De Zonnebloem",
        day=clock.now().date(),
        facilitator="Marieke Jansen",
        template=template.to_dict(),
        timers=[PhaseTimer.fresh(p.minutes) for p in template.phases],
        created=clock.now(),
    )
    contributions = [
        Contribution(
            text=f"{n}: {TEXT * (1 + n % 3)}",
            group=Group.OUDERPANEL if n % 2 else Group.TEAM,
            phase=n % 6,
            step=n % 3,
            created=clock.now() + timedelta(seconds=n),
            kind=Kind.WENS,
        )
        for n in range(remarks)
    ]
    return StoredSession(session, contributions, [])


def wait_for_compaction(live: LiveSession) -> None:
    wait = getattr(live.file, "wait_for_compaction", None)  # the old store has none
    if wait is not None:
        wait()


class Bench:
    """One session of a given size and the baselines beside it."""

    def __init__(self, root: Path, remarks: int, clock: FakeClock) -> None:
        self.clock = clock
        store = SessionStore(root / "data")
        stored = make_session(clock, remarks)
        store.create(stored, clock.now(), clock=clock).close()
        self.live = open_session(store, stored.session.id, clock)
        self.session_file = self.live.file.path
        self.size = self.session_file.stat().st_size
        sample = Contribution(
            text=NEW_TEXT, group=Group.OUDERPANEL, phase=0, step=0, created=clock.now()
        ).to_dict()
        record = {"seq": 10**6, "op": "put", "table": "contributions", "id": sample["id"]}
        line = json.dumps({**record, "doc": sample, "crc": 2**31}, ensure_ascii=False)
        self.line = (line + "\n").encode("utf-8")
        self.append_fd = os.open(root / "append.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        self.rewrite_path = root / "rewrite.json"
        self.rewrite_content = os.urandom(self.size)
        stock_path = root / "stock.json"
        stock_path.write_bytes(self.session_file.read_bytes())
        self.stock = TinyDB(stock_path)  # stock JSONStorage
        self.stock_size = stock_path.stat().st_size
        self.stock_record = sample
        self.times: dict[str, list[float]] = {name: [] for name in EVERY}

    def ours(self) -> float:
        start = time.perf_counter()
        made = self.live.add_contribution(NEW_TEXT, Group.OUDERPANEL)
        elapsed = time.perf_counter() - start
        self.live.delete_contribution(made.id)  # untimed: the session keeps its size
        return elapsed

    def append(self) -> float:
        start = time.perf_counter()
        os.write(self.append_fd, self.line)
        os.fsync(self.append_fd)
        return time.perf_counter() - start

    def rewrite(self) -> float:
        start = time.perf_counter()
        write_atomically(self.rewrite_path, self.rewrite_content)
        return time.perf_counter() - start

    def stock_insert(self) -> float:
        table = self.stock.table("contributions")
        start = time.perf_counter()
        doc_id = table.insert(self.stock_record)
        elapsed = time.perf_counter() - start
        table.remove(doc_ids=[doc_id])  # untimed: the file keeps its size
        return elapsed

    def run(self) -> None:
        measures: dict[str, Callable[[], float]] = {
            "ours": self.ours,
            "append": self.append,
            "rewrite": self.rewrite,
            "stock": self.stock_insert,
        }
        for measure in measures.values():  # warm up: caches, page cache, first segment
            for _ in range(3):
                measure()
        order = list(measures)
        for round_number in range(ROUNDS):  # one of each per round, in turn first
            shift = round_number % len(order)
            for name in order[shift:] + order[:shift]:
                if round_number % EVERY[name] == 0:
                    self.times[name].append(measures[name]())
        wait_for_compaction(self.live)

    def close(self) -> None:
        self.live.close()
        self.stock.close()
        os.close(self.append_fd)


def wchar() -> int:
    with open("/proc/self/io") as io:
        for line in io:
            if line.startswith("wchar:"):
                return int(line.split()[1])
    raise RuntimeError("no wchar in /proc/self/io")


def bytes_per_remark(root: Path, clock: FakeClock) -> tuple[float, float, int, int]:
    """At 10,000 remarks: bytes per remark over the first 20, and over a compaction cycle."""
    store = SessionStore(root / "data")
    stored = make_session(clock, 10_000)
    store.create(stored, clock.now(), clock=clock).close()
    live = open_session(store, stored.session.id, clock)
    path = live.file.path
    try:
        before = wchar()
        for _ in range(20):
            live.add_contribution(NEW_TEXT, Group.OUDERPANEL)
        wait_for_compaction(live)
        first_20 = (wchar() - before) / 20
        # One whole compaction cycle: from the end of one snapshot write to the end of the
        # next (the old store writes a snapshot per remark, so its cycle is one remark).
        until_snapshot(live, path)
        before = wchar()
        remarks = until_snapshot(live, path)
        cycle = (wchar() - before) / remarks
        return first_20, cycle, remarks, path.stat().st_size
    finally:
        live.close()


def until_snapshot(live: LiveSession, path: Path) -> int:
    """Add remarks until session.json was replaced and that compaction finished; how many."""
    inode, remarks = path.stat().st_ino, 0
    while path.stat().st_ino == inode:
        live.add_contribution(NEW_TEXT, Group.OUDERPANEL)
        remarks += 1
    wait_for_compaction(live)
    return remarks


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    import workshop

    clock = FakeClock()
    print(f"store under test: {Path(workshop.__file__).parent}")
    where = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory(prefix="workshop-bench-", dir=where) as tmp:
        for remarks in SIZES:
            root = Path(tmp) / str(remarks)
            root.mkdir()
            bench = Bench(root, remarks, clock)
            try:
                bench.run()
            finally:
                bench.close()
            t = bench.times
            ours = statistics.median(t["ours"])
            print(
                f"\n{remarks:,} remarks (session.json {bench.size / 1024:.0f} KB, "
                f"stock TinyDB file {bench.stock_size / 1024:.0f} KB, line {len(bench.line)} B)"
            )
            for name, label in (
                ("ours", "ours: add_contribution, durable"),
                ("append", "append+fsync of one line"),
                ("rewrite", "atomic rewrite of session size"),
                ("stock", "stock TinyDB insert, same file"),
            ):
                median = statistics.median(t[name])
                print(
                    f"  {label:34s} median {ms(median):>10s}  p95 {ms(p95(t[name])):>10s}  "
                    f"(n={len(t[name])})  ours/this {ours / median:7.3f}"
                )
        print("\nbytes written per remark at 10,000 remarks (wchar, compaction included):")
        root = Path(tmp) / "bytes"
        root.mkdir()
        first_20, cycle, remarks, size = bytes_per_remark(root, clock)
        print(f"  over the first 20 remarks after opening:  {first_20 / 1024:8.1f} KB per remark")
        print(
            f"  over one compaction cycle ({remarks} remarks):  {cycle / 1024:8.1f} KB per "
            f"remark (session.json {size / 1024:.0f} KB at the end)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
