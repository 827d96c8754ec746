"""Benchmark: from pressing Enter on a remark to the saved remark being on screen.

Drives the real app (run_test + pilot.press) on a session whose current step already holds 200
contributions, and, in the same run, on an empty step of the same session (same file size, so
the same cost on disk) as the baseline. "On screen" is the first frame the app draws in which the
new remark is in its column and the column is scrolled to show it; the time is taken from the
moment Enter is pressed. Durable saving (write, fsync, rename) is part of what is measured.

Run: .venv/bin/python bench/bench_capture.py [--presses N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from screens.app import WorkshopApp
from screens.runner import RunnerScreen
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

FILLED = 200  # contributions already in the measured step
ROUNDS = 5  # blocks alternate between the full and the empty step, so drift hits both alike


def make_session(store: SessionStore, clock: FakeClock) -> str:
    live = create_session(
        store, clock, title="Benchmark invoer", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    for n in range(FILLED):
        clock.advance(5)
        group = Group.TEAM if n % 2 else Group.OUDERPANEL
        live.add_contribution(f"Eerdere inbreng nummer {n}: ouders willen meer uitleg.", group)
    session_id = live.session.id
    live.close()
    return session_id


class FrameWatch:
    """Notes the moment of the first frame that shows the awaited remark."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.expected_count: int | None = None
        self.shown_at: float | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if self.expected_count is not None and self.shown_at is None and self._shown():
                self.shown_at = time.perf_counter()

        app._display = display  # type: ignore[method-assign]

    def _shown(self) -> bool:
        screen = self.app.screen
        if not isinstance(screen, RunnerScreen):
            return False
        option_list = screen.column(Group.TEAM).list
        return (
            option_list.option_count == self.expected_count
            and option_list.scroll_offset.y >= option_list.max_scroll_y
        )


async def measure_block(pilot: Any, watch: FrameWatch, presses: int, label: str) -> list[float]:
    screen = pilot.app.screen
    field = screen.capture.input
    option_list = screen.column(Group.TEAM).list
    times: list[float] = []
    for n in range(presses):
        field.value = f"Nieuwe inbreng {label} {n}: we willen een koffieochtend op vrijdag."
        await pilot.pause()
        watch.expected_count = option_list.option_count + 1
        watch.shown_at = None
        start = time.perf_counter()
        await pilot.press("enter")
        while watch.shown_at is None:
            await pilot.pause()
        times.append(watch.shown_at - start)
        watch.expected_count = None
    return times


async def run(presses: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        store = SessionStore(Path(folder) / "data")
        store.ensure()
        clock = FakeClock()
        session_id = make_session(store, clock)
        app = WorkshopApp(
            store, open_session_id=session_id, clock=clock, exports_dir=Path(folder) / "out"
        )
        watch = FrameWatch(app)
        full: list[float] = []
        empty: list[float] = []
        per_block = max(presses // ROUNDS, 1)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RunnerScreen)
            await measure_block(pilot, watch, 3, "opwarmen")  # warm-up, not counted
            for _ in range(ROUNDS):
                full += await measure_block(pilot, watch, per_block, "vol")
                await pilot.press("pagedown")  # to step 2: empty at the start
                await pilot.pause()
                empty += await measure_block(pilot, watch, per_block, "leeg")
                await pilot.press("pageup")
                await pilot.pause()
        return full, empty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100, help="Enter presses per case")
    args = parser.parse_args()
    full, empty = asyncio.run(run(args.presses))
    full_ms = statistics.median(full) * 1000
    empty_ms = statistics.median(empty) * 1000
    print(f"bench_capture: Enter to saved remark on screen, {len(full)} presses per case")
    print(f"step with {FILLED}+ contributions: median {full_ms:.1f} ms")
    print(f"baseline, empty step (same session file): median {empty_ms:.1f} ms")
    print(f"ratio full/empty: {full_ms / empty_ms:.2f}")
    p90_full = statistics.quantiles(full, n=10)[-1] * 1000
    p90_empty = statistics.quantiles(empty, n=10)[-1] * 1000
    print(f"p90: full {p90_full:.1f} ms, empty {p90_empty:.1f} ms")


if __name__ == "__main__":
    main()
