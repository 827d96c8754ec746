"""Benchmark: 40 phones at once while the facilitator types in the app (issue 10).

    PYTHONPATH=. /work/venv/bin/python bench/bench_phones.py [--phones 40] [--remarks 10]

Prints figures, not a test. The real app (``WorkshopApp`` under ``App.run_test()`` at 120x36, a
real store in a temporary folder, durable saves) opens a session and starts participation with
its own key (Ctrl+Y): a real ``PhoneServer`` on 127.0.0.1. Then, at the same time:

- 40 phones (one thread each, real HTTP with http.client: join link, cookie, CSRF token) each
  send 10 remarks;
- the facilitator types remarks in the app, 10 keys a second, each key handed over as the
  terminal driver hands one over (not ``pilot.press``, which waits for the app to be idle after
  every key); the last line is finished after the phones are done.

Then the facilitator opens the queue (Ctrl+N), accepts everything (a) and opens voting (Ctrl+Y,
v, Enter); every phone gives its 3 dots (over HTTP) while the facilitator goes on typing; the
vote is closed.

Checked (from the file, after closing and reopening the session): every remark sent is stored
exactly once (none lost, none twice), every one became exactly one contribution, every typed
remark is there, and the votes add up to 3 per phone.

Time to durable: a phone's POST is answered only after its remark is on disk (the server awaits
the writer's future), so the time from sending the POST to its answer is an upper bound of the
time from POST to durable. Target: p95 at most 100 ms.

Block: the longest time the app's event loop could not run anything (a task sleeps 1 ms and
measures how late it wakes), per part of the run, with how much of it was the loop thread's own
processor time (``time.thread_time``): the rest is waiting, for the interpreter lock (the
server's and the writer's threads) or for a processor (other programs on the machine). Target:
at most 50 ms. The load average is printed: on a shared machine the figures vary a lot from run
to run; run it three times. ``--where`` samples the loop's stack while it is late.

Baseline in the same run: one bare append+fsync of a line as long as a remark's, in the same
folder (the floor for any durable save), 20 times.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from block_sampler import BlockSampler
from helpers_phone import Phone, phone_options
from textual import events
from textual.keys import _character_to_key

from screens.app import WorkshopApp
from screens.runner import RunnerScreen
from workshop.app.workspace import Workspace
from workshop.clock import SystemClock
from workshop.model import Source
from workshop.session import create_session, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
DOTS = 3
KEYS_PER_SECOND = 10  # a fast typist (about 120 words a minute)
SAMPLER: BlockSampler | None = None  # --where: which code the loop was in while it was late
TRACE = False  # --trace: say on stderr when each part of the run starts
PROCESSES = 4  # the phones' processes (10 phones each, a thread per phone)


class LoopWatch:
    """The longest time the event loop was blocked: a task that sleeps 1 ms, measured late.

    ``stage`` names the part of the run; the longest block is kept per stage, so the figures
    say where it happened."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.running = True
        self.stage = "start"
        self.per_stage: dict[str, float] = {}
        self.per_stage_cpu: dict[str, float] = {}
        self.longest_cpu = 0.0
        self.started = time.perf_counter()

    def enter(self, stage: str) -> None:
        self.stage = stage
        if SAMPLER is not None:
            SAMPLER.stage = stage
        self.per_stage.setdefault(stage, 0.0)
        if TRACE:
            print(f"{time.perf_counter() - self.started:7.2f} s  {stage}", file=sys.stderr)

    async def run(self) -> None:
        while self.running:
            start, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(0.001)
            late = time.perf_counter() - start - 0.001
            # The loop's own thread's processor time meanwhile: near ``late`` when the app's
            # code ran that long; far below it when the thread waited (for the interpreter lock
            # held by the server's or the writer's thread, or for a processor of the machine).
            used = time.thread_time() - cpu
            if late > self.longest:
                self.longest, self.longest_cpu = late, used
            if late > self.per_stage.get(self.stage, 0.0):
                self.per_stage[self.stage] = late
                self.per_stage_cpu[self.stage] = used

    def worst_stage(self) -> str:
        return max(self.per_stage, key=lambda stage: self.per_stage[stage], default="-")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def fsync_baseline(folder: Path, rounds: int = 20) -> list[float]:
    line = ("x" * 200 + "\n").encode()
    times = []
    fd = os.open(folder / "baseline.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for _ in range(rounds):
            start = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            times.append(time.perf_counter() - start)
    finally:
        os.close(fd)
    return times


class _Server:
    """What the tests' Phone needs of a server, in another process: the port and the links."""

    def __init__(self, port: int, links: dict[str, str]) -> None:
        self.port, self.links = port, links


def phones_in_process(
    port: int, links: dict[str, str], numbers: list[int], remarks: int, go: Any, voting: Any
) -> tuple[list[float], float]:
    """One process: its phones (a thread each) join, send their remarks, then (once voting
    is open) give their dots. Returns the POST-to-answer times and the sending seconds."""
    server = _Server(port, links)
    with ThreadPoolExecutor(len(numbers)) as pool:
        clients = list(pool.map(lambda _: Phone(server, "ouderpanel"), numbers))  # type: ignore[arg-type]
        go.wait()
        started = time.perf_counter()
        times = [
            t for ts in pool.map(send_all, clients, numbers, [remarks] * len(numbers)) for t in ts
        ]
        sent = time.perf_counter() - started
        choices = voting.get()
        list(pool.map(vote_all, clients, [choices] * len(numbers), numbers))
    return times, sent


def send_all(phone: Phone, number: int, remarks: int) -> list[float]:
    times = []
    for n in range(remarks):
        start = time.perf_counter()
        status, _, _ = phone.post("/stuur", tekst=f"telefoon {number} opmerking {n}")
        times.append(time.perf_counter() - start)
        if status != 303:
            raise RuntimeError(f"telefoon {number}: status {status}")
    return times


def vote_all(phone: Phone, choices: list[str], number: int) -> None:
    for k in range(DOTS):  # three different remarks: within the budget, at most 2 on one
        target = choices[(number * DOTS + k) % len(choices)]
        status, _, _ = phone.post("/stem", id=target, delta="1")
        if status != 303:
            raise RuntimeError(f"telefoon {number}: stem gaf status {status}")


class Typist:
    """The facilitator typing at a steady pace: one key every 1/KEYS_PER_SECOND s, handed to
    the app the way its terminal driver hands a key over (``driver.send_message``), without
    waiting for the app to be idle in between (``pilot.press`` waits, and so types far slower
    than a person while the app is busy). A line counts as typed once its Enter is sent; the
    check afterwards says whether it was saved."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.typed: list[str] = []
        self.keys = 0

    def key(self, key: str) -> None:
        if key == "enter":
            event = events.Key("enter", "\r")
        else:
            event = events.Key(_character_to_key(key) if not key.isalnum() else key, key)
        event.set_sender(self.app)
        driver = self.app._driver
        assert driver is not None
        driver.send_message(event)
        self.keys += 1

    async def type_until(self, done: Callable[[], bool], prefix: str) -> None:
        """Whole lines, one key at a time, until ``done()`` (checked between lines)."""
        pace = 1 / KEYS_PER_SECOND
        due = time.perf_counter()
        while not done():
            text = f"{prefix} {len(self.typed)}"
            for key in [*text, "enter"]:
                self.key(key)
                due += pace
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            self.typed.append(text)


async def run(phones: int, remarks: int, folder: Path) -> int:
    store = SessionStore(folder / "data")
    store.ensure()
    clock = SystemClock()
    live = create_session(store, clock, title="Bench", template=get_template(DEFAULT_TEMPLATE_ID))
    session_id = live.session.id
    live.close()
    app = WorkshopApp(Workspace(store, clock, folder / "exports"), open_session_id=session_id)
    app.phone_options = phone_options()
    baseline = fsync_baseline(folder)
    typed: list[str] = []
    # The phones run in other processes (as real phones would be elsewhere): their threads then
    # do not compete with the app for this process's interpreter lock. Started before the app
    # (its test driver does not let a process be spawned from inside it).
    manager = multiprocessing.Manager()
    go, votes_open = manager.Event(), manager.Queue()
    processes = ProcessPoolExecutor(PROCESSES, mp_context=multiprocessing.get_context("spawn"))
    for started in [processes.submit(time.sleep, 0.5) for _ in range(PROCESSES)]:
        started.result()
    watch = LoopWatch()
    watch.enter("openen")
    async with app.run_test(size=SIZE) as pilot:
        while not isinstance(app.screen, RunnerScreen):
            await asyncio.sleep(0.01)
        runner = app.screen
        watch.enter("meedoen starten (Ctrl+Y)")
        await pilot.press("ctrl+y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        server = runner.phones.server
        assert server is not None
        loop = asyncio.get_running_loop()
        groups = [list(range(phones))[k::PROCESSES] for k in range(PROCESSES)]
        work = [
            loop.run_in_executor(
                processes, phones_in_process, server.port, server.links, g, remarks, go, votes_open
            )
            for g in groups
        ]
        watch.enter("telefoons melden zich aan")
        while server.phone_count < phones:
            failed = [w for w in work if w.done()]
            if failed:  # a process of phones stopped before they all joined: say why
                failed[0].result()
            await asyncio.sleep(0.05)
        idle = LoopWatch()  # baseline: the same app, idle, on this machine, for a second
        idle_task = asyncio.ensure_future(idle.run())
        await asyncio.sleep(1.0)
        idle.running = False
        await idle_task
        watcher = asyncio.ensure_future(watch.run())
        if SAMPLER is not None:
            SAMPLER.start()
            beating = asyncio.ensure_future(SAMPLER.heartbeat())
        typist = Typist(app)
        watch.enter("telefoons sturen, facilitator typt")
        go.set()
        all_in = phones * remarks
        await typist.type_until(
            lambda: len(runner.phones.room.live.remarks) >= all_in, "getypt tijdens sturen"
        )
        block_sending = watch.longest
        watch.enter(f"wachtrij openen met {all_in} opmerkingen (Ctrl+N)")
        await pilot.press("ctrl+n")
        await asyncio.sleep(0.5)
        watch.enter("alles toelaten (a) en de kolommen bijwerken")
        await pilot.press("a")
        while runner.phones.room.waiting():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)  # the columns' refresh (every 0.2 s) lands in this part
        watch.enter("stemmen openen (Ctrl+Y, v, Enter)")
        await pilot.press("escape", "ctrl+y", "v", "enter")
        while runner.phones.room.settings.voting is None:
            await asyncio.sleep(0.01)
        await pilot.press("escape")
        choices = [c.id for c in runner.phones.room.voting_choices() if c.source is Source.PHONE]
        watch.enter("telefoons stemmen, facilitator typt")
        for _ in groups:
            votes_open.put(choices)
        voting = asyncio.gather(*work)
        await typist.type_until(voting.done, "getypt tijdens stemmen")
        typed.extend(typist.typed)
        results = await voting
        times = [t for ts, _ in results for t in ts]
        send_seconds = max(s for _, s in results)
        watch.running = False
        await watcher
        if SAMPLER is not None:
            SAMPLER.stop()
            await beating
        processes.shutdown()
        manager.shutdown()
        await pilot.press("ctrl+y", "v", "enter")  # close the vote
        await pilot.pause()
        await pilot.press("escape")  # leave the session: it closes, the server stops
        await pilot.pause()

    live = open_session(store, session_id, clock)
    sent = [f"telefoon {p} opmerking {n}" for p in range(phones) for n in range(remarks)]
    stored = [r.text for r in live.remarks]
    from_phones = [c.text for c in live.contributions if c.source is Source.PHONE]
    texts = [c.text for c in live.contributions]
    lost = len(set(sent) - set(stored))
    doubled = len(stored) - len(set(stored))
    problems = []
    if lost or doubled or sorted(stored) != sorted(sent):
        problems.append(f"opmerkingen: {lost} kwijt, {doubled} dubbel")
    if sorted(from_phones) != sorted(sent):
        problems.append("niet elke opmerking werd precies één inbreng")
    if any(texts.count(t) != 1 for t in typed):
        problems.append("getypte inbreng kwijt of dubbel")
    if sum(c.votes for c in live.contributions) != phones * DOTS:
        problems.append("stemmen tellen niet op")
    live.close()

    ms = 1000
    print(f"belasting van de machine (load average 1/5/15 min): {os.getloadavg()}")
    print(f"{phones} telefoons x {remarks} opmerkingen = {len(sent)}, in {send_seconds:.1f} s")
    print(
        f"facilitator typte intussen {len(typed)} opmerkingen: {typist.keys} toetsen, "
        f"{KEYS_PER_SECOND} per seconde via de driver van de app (run_test), zonder te wachten"
    )
    print(f"kwijt: {lost}  dubbel: {doubled}  (gecontroleerd na heropenen van het bestand)")
    print(
        f"POST tot duurzaam: mediaan {statistics.median(times) * ms:.1f} ms, "
        f"p95 {percentile(times, 0.95) * ms:.1f} ms, max {max(times) * ms:.1f} ms (doel p95 <= 100)"
    )
    print(
        f"langste blokkade van de event loop: {watch.longest * ms:.1f} ms over alles, "
        f"{block_sending * ms:.1f} ms terwijl de telefoons stuurden (doel <= 50)"
    )
    for stage, longest in watch.per_stage.items():
        cpu = watch.per_stage_cpu.get(stage, 0.0)
        print(
            f"  langste blokkade tijdens {stage}: {longest * ms:.1f} ms "
            f"(waarvan {cpu * ms:.1f} ms rekentijd van de app zelf)"
        )
    print(
        f"basis: langste blokkade van dezelfde app zonder telefoons (1 s): "
        f"{idle.longest * ms:.1f} ms"
    )
    print(
        f"basis (zelfde map): append+fsync mediaan {statistics.median(baseline) * ms:.2f} ms, "
        f"p95 {percentile(baseline, 0.95) * ms:.2f} ms"
    )
    if SAMPLER is not None:
        print(SAMPLER.report())
    for problem in problems:
        print(f"FOUT: {problem}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--remarks", type=int, default=10)
    parser.add_argument("--trace", action="store_true", help="zeg op stderr waar de run is")
    parser.add_argument("--where", action="store_true", help="zeg waar de loop blokkeerde")
    args = parser.parse_args()
    global TRACE, SAMPLER
    TRACE = args.trace
    if args.where:
        SAMPLER = BlockSampler(threading.get_ident())
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(run(args.phones, args.remarks, Path(folder)))


if __name__ == "__main__":
    sys.exit(main())
