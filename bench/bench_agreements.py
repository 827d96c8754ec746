"""Benchmark: ``workshop afspraken`` over many stored sessions (issue 9: 1,000 sessions of 500
remarks in at most 0.5 s), with baselines measured in the same run.

A data folder is filled with ``--sessions`` sessions of ``--remarks`` remarks and ``--agreements``
agreements each (stored through the store, as the app stores them, so each has its agreements
beside its summary: workshop.agreement_index). Then, taking turns so that a busy machine hurts
them alike, as fresh processes started as the ``workshop`` console script starts:

- ``workshop afspraken`` (whole process: interpreter start, imports, listing, printing);
- baseline: ``python -c pass`` (the interpreter's own start);

medians of wall-clock time, with the process's CPU time (user + system) beside it.

Then, for comparison with the path before the index, in this process: listing the agreements
with every session loaded (as before), over the first ``--load-subset`` sessions only (loading
all 1,000 takes about 20 s), and that time scaled to all sessions (an estimate, said so).

Byte code: by default the children run with the environment as it is (with
PYTHONDONTWRITEBYTECODE set, every process compiles the project's modules again);
``--bytecode cached`` gives them a private cache of compiled files in the benchmark's temporary
folder (PYTHONPYCACHEPREFIX), as an installed program has, as bench_startup.py does.

    PYTHONPATH=. python bench/bench_agreements.py [--sessions 1000] [--remarks 500] [--runs 9]
        [--bytecode cached]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

CONSOLE_SCRIPT = "import sys; from screens.entry import main; sys.argv[0] = 'workshop'; main()"
TEXT = "Ouders willen vaker horen wat hun kind op de groep heeft gedaan, liefst met een foto. "
OWNERS = ("Joost de Vries", "Sevda", "Anouk Bakker", "Mohamed", "Fatima El Amrani")


def fill(data: Path, sessions: int, remarks: int, agreements: int) -> None:
    from workshop.clock import FakeClock
    from workshop.model import Agreement, Contribution, Group, Kind, PhaseTimer, Session, new_id
    from workshop.store import SessionStore, StoredSession
    from workshop.template import DEFAULT_TEMPLATE_ID, get_template

    clock = FakeClock()
    template = get_template(DEFAULT_TEMPLATE_ID)
    session = Session(
        title="Ouderavond",
        location="Kinderdagverblijf De Zonnebloem",
        day=clock.now().date(),
        facilitator="Marieke Jansen",
        template=template.to_dict(),
        timers=[PhaseTimer.fresh(p.minutes) for p in template.phases],
        created=clock.now(),
    )
    store = SessionStore(data)
    for number in range(sessions):
        clock.advance(timedelta(days=1).total_seconds())
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
        made = [
            Agreement(
                what=f"Afspraak {n} van sessie {number}",
                owner=OWNERS[(n + number) % len(OWNERS)],
                created=clock.now(),
                phase=n % 6,
            )
            for n in range(agreements)
        ]
        this = replace(
            session, id=new_id(), title=f"Ouderavond {number + 1}", day=clock.now().date()
        )
        store.create(StoredSession(this, contributions, made), clock.now()).close()


def child_env(bytecode: str, tmp: Path) -> dict[str, str]:
    """The children's environment: as it is, or with a private cache of compiled files."""
    env = dict(os.environ)
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def child_times(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock and CPU time (s) of one child process, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def loaded_path(data: Path, subset: int) -> tuple[float, int]:
    """Seconds to list agreements with each of the first ``subset`` sessions loaded."""
    from workshop import agreement_index
    from workshop.session_store import SessionStore
    from workshop.trajectory import all_agreements

    store = SessionStore(data)
    real_list = store.list_sessions
    store.list_sessions = lambda: real_list()[:subset]  # type: ignore[method-assign]
    real = agreement_index.fresh_rows
    agreement_index.fresh_rows = lambda folder: None  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        rows = all_agreements(store)
        return time.perf_counter() - start, len(rows)
    finally:
        agreement_index.fresh_rows = real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--remarks", type=int, default=500)
    parser.add_argument("--agreements", type=int, default=10)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--load-subset", type=int, default=50)
    parser.add_argument("--bytecode", choices=["env", "cached"], default="env")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(options.bytecode, Path(tmp))
        cached = "PYTHONDONTWRITEBYTECODE" not in env
        print(f"byte code: {'cached .pyc files' if cached else 'compiled again in every process'}")
        data = Path(tmp) / "data"
        start = time.perf_counter()
        fill(data, options.sessions, options.remarks, options.agreements)
        print(
            f"{options.sessions} sessions of {options.remarks} remarks and {options.agreements} "
            f"agreements stored in {time.perf_counter() - start:.1f} s"
        )
        command = [sys.executable, "-c", CONSOLE_SCRIPT, "--data", str(data), "afspraken"]
        baseline = [sys.executable, "-c", "pass"]
        times: dict[str, list[tuple[float, float]]] = {"afspraken": [], "python -c pass": []}
        child_times(command, env)  # warm the file cache and byte code once
        output = ""
        for _ in range(options.runs):
            wall, cpu, output = child_times(command, env)
            times["afspraken"].append((wall, cpu))
            wall, cpu, _ = child_times(baseline, env)
            times["python -c pass"].append((wall, cpu))
        listed = output.strip().splitlines()[-1]
        print(f"output's last line: {listed}")
        medians = {
            name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
            for name, t in times.items()
        }
        for name, (wall, cpu) in medians.items():
            print(f"{name:<16} {wall * 1000:8.1f} ms wall  ({cpu * 1000:.1f} ms CPU)")
        wall, cpu = medians["afspraken"]
        base_wall, base_cpu = medians["python -c pass"]
        target = "met" if wall <= 0.5 else "NOT met"
        ratio = f"{wall / base_wall:.1f}x wall ({cpu / base_cpu:.1f}x CPU)"
        print(f"afspraken / python -c pass: {ratio}")
        print(f"target 0.5 s for afspraken: {target} ({wall:.3f} s)")
        subset = min(options.load_subset, options.sessions)
        seconds, rows = loaded_path(data, subset)
        scaled = seconds * options.sessions / subset
        print(
            f"before the index (every session loaded), in-process, {subset} sessions: "
            f"{seconds:.2f} s ({rows} agreements); scaled to {options.sessions}: about "
            f"{scaled:.1f} s, {scaled / wall:.0f}x the afspraken command above (an estimate)"
        )


if __name__ == "__main__":
    main()
