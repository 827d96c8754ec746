"""Benchmark: how long does saving one contribution take, durably? Prints figures; not a test.

    .venv/bin/python bench/bench_store.py

(a) LiveSession.add_contribution in a session that holds 500 contributions, alone in its data
    folder; (b) the same session with 100 other sessions of that size beside it; (c) stock TinyDB
    JSONStorage inserting one record into one file that holds all 101 x 500 records. Rounds of
    (a) and (b) alternate, so that disk and CPU noise hit both alike.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from workshop.clock import FakeClock
from workshop.model import Contribution, Group, Kind, PhaseTimer, Session
from workshop.session import open_session
from workshop.store import SessionStore, StoredSession
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

PER_SESSION = 500
OTHERS = 100
ROUNDS = 12
SAVES_PER_ROUND = 10
STOCK_INSERTS = 8

TEXT = "Ouders willen vaker horen wat hun kind op de groep heeft gedaan, liefst met een foto. "


def make_session(clock: FakeClock, number: int) -> StoredSession:
    template = get_template(DEFAULT_TEMPLATE_ID)
    session = Session(
        title=f"Sessie {number}",
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
        for n in range(PER_SESSION)
    ]
    return StoredSession(session, contributions, [])


def fill(store: SessionStore, sessions: list[StoredSession], clock: FakeClock) -> None:
    for stored in sessions:
        store.create(stored, clock.now(), clock=clock).close()


def time_saves(store: SessionStore, session_id: str, clock: FakeClock) -> list[float]:
    live = open_session(store, session_id, clock)
    times = []
    try:
        for n in range(SAVES_PER_ROUND):
            start = time.perf_counter()
            live.add_contribution(f"Nieuwe inbreng {n}: {TEXT}", Group.OUDERPANEL)
            times.append(time.perf_counter() - start)
    finally:
        live.close()
    return times


def time_stock(folder: Path, sessions: list[StoredSession]) -> list[float]:
    db = TinyDB(folder / "alles.json", storage=JSONStorage)
    db.insert_multiple(c.to_dict() for s in sessions for c in s.contributions)
    record = sessions[0].contributions[0].to_dict()
    times = []
    for _ in range(STOCK_INSERTS):
        start = time.perf_counter()
        db.insert(record)
        times.append(time.perf_counter() - start)
    db.close()
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    clock = FakeClock()
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp:
        root = Path(tmp)
        alone, crowded = SessionStore(root / "alleen"), SessionStore(root / "vol")
        target = make_session(clock, 0)
        others = [make_session(clock, n) for n in range(1, OTHERS + 1)]
        print(f"Building: 1 + {OTHERS} sessions of {PER_SESSION} contributions ...", flush=True)
        fill(alone, [target], clock)
        fill(crowded, [target, *others], clock)
        session_file = crowded.sessions_dir / target.session.id / "session.json"
        size_kb = session_file.stat().st_size / 1024

        a: list[float] = []
        b: list[float] = []
        time_saves(alone, target.session.id, clock)  # warm up: imports, caches, page cache
        time_saves(crowded, target.session.id, clock)
        for round_number in range(ROUNDS):  # alternate which goes first, too
            if round_number % 2:
                b += time_saves(crowded, target.session.id, clock)
                a += time_saves(alone, target.session.id, clock)
            else:
                a += time_saves(alone, target.session.id, clock)
                b += time_saves(crowded, target.session.id, clock)
        print("Stock TinyDB JSONStorage: one file with all records ...", flush=True)
        stock = time_stock(root, [target, *others])

    median_a, median_b, median_stock = (statistics.median(x) for x in (a, b, stock))
    total = (OTHERS + 1) * PER_SESSION
    print()
    print(
        f"save one contribution, {PER_SESSION} in session: median {ms(median_a)}; "
        f"with {OTHERS} other sessions: {ms(median_b)} (ratio {median_b / median_a:.2f}); "
        f"stock JSONStorage, all {total:,} in one file: {ms(median_stock)} "
        f"(ours is {median_stock / median_b:.0f}x faster)"
    )
    print(
        f"  ours: {len(a)} + {len(b)} saves, each one write of a {size_kb:.0f} kB file with "
        f"fsync of file and folder; p90 {ms(statistics.quantiles(a, n=10)[-1])} / "
        f"{ms(statistics.quantiles(b, n=10)[-1])}"
    )
    print(f"  stock: {len(stock)} inserts, no fsync at all (so not even durable)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
