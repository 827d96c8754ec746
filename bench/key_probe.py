"""Instruments for bench_keys.py: when a frame shows a key's effect, and how long the loop blocks.

``FrameWatch`` wraps the app's ``_display`` (where Textual hands each composed frame to the
driver). For every frame it first does what Textual does for a real terminal (turn the update
into the escape sequences that would be written; under the headless driver Textual skips this,
so we do it here, on the event loop, and count it), then notes the moment, then applies the
update to a ``VirtualTerminal``: a grid of characters that holds what a terminal would show. A
key's effect is a check on that grid (and on which screen is on top), so "shown" means drawn,
not merely changed in a widget.

``LoopWatch`` is an asyncio task that sleeps 1 ms and measures how late it wakes up: the longest
time the event loop could not run anything else (what a key typed then would have waited).

The work of the instruments themselves (applying a frame to the grid, checking it) is timed and
subtracted from both the key's latency and the loop blocks.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.app import App
from textual.strip import Strip

TICK = 0.001  # the loop watch sleeps this long between looks
QUIET_BLOCK = 0.005  # a loop block longer than this means the app is still busy
IDLE_CPU = 0.2  # the share of CPU time under which the app counts as idle (waiting for keys)


class VirtualTerminal:
    """What a terminal of this size would show after the frames written so far."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[" "] * width for _ in range(height)]

    def apply(self, update: CompositorUpdate) -> None:
        """Write one frame, as ``render_segments`` would write it to a terminal."""
        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    x = self._put(x, y, strip)
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                chops = zip(update.chop_ends[y], update.chops[y].items(), strict=False)
                for end, (x, strip) in chops:
                    if strip is None or x > x2 or end <= x1:
                        continue
                    if not (x2 > x >= x1 and end <= x2):
                        strip = strip.crop(0, min(end, x2) - x)
                    self._put(x, y, strip)

    def _put(self, x: int, y: int, strip: Strip) -> int:
        if not 0 <= y < self.height:
            return x + strip.cell_length
        row, text = self.cells[y], strip.text
        if strip.cell_length == len(text):  # one cell per character: the usual case
            text = text[: max(self.width - x, 0)]
            row[x : x + len(text)] = text
            return x + strip.cell_length
        for char in text:  # wide characters take two cells
            width = cell_len(char)
            if x + width <= self.width:
                row[x] = char
                if width == 2:
                    row[x + 1] = ""
            x += width
        return x

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]

    def shows(self, text: str) -> bool:
        return any(text in line for line in self.lines())


class LoopWatch:
    """Measures event-loop blocks: how late a 1 ms sleep wakes up, minus our own instruments."""

    def __init__(self) -> None:
        self.excluded = 0.0  # seconds the instruments spent on the loop (not the app's)
        self.window_max = 0.0  # longest block since ``reset_window``
        self.longest = 0.0  # longest block since ``reset_longest``
        self.longest_cpu = 0.0  # of that, CPU time of this (the UI) thread
        self.last_busy = time.perf_counter()
        self.gc_total = 0.0  # seconds in garbage collection since ``reset_longest``
        self.gc_longest = 0.0
        self._gc_started: float | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())
        gc.callbacks.append(self._on_gc)

    async def stop(self) -> None:
        with contextlib.suppress(ValueError):
            gc.callbacks.remove(self._on_gc)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def reset_window(self) -> None:
        self.window_max = 0.0

    def reset_longest(self) -> None:
        self.longest = self.longest_cpu = 0.0
        self.gc_total = self.gc_longest = 0.0

    async def _run(self) -> None:
        last, last_cpu, last_excluded = time.perf_counter(), time.thread_time(), self.excluded
        while True:
            await asyncio.sleep(TICK)
            now, cpu, excluded = time.perf_counter(), time.thread_time(), self.excluded
            block = max(now - last - TICK - (excluded - last_excluded), 0.0)
            if block > QUIET_BLOCK:
                self.last_busy = now
            self.window_max = max(self.window_max, block)
            if block > self.longest:
                self.longest = block
                self.longest_cpu = max(cpu - last_cpu - (excluded - last_excluded), 0.0)
            last, last_cpu, last_excluded = now, cpu, excluded

    async def quiet(self, seconds: float = 0.1, cap: float = 600.0) -> None:
        """Wait until the app is idle for ``seconds``: no loop block over 5 ms, and the process
        (all threads: a background compaction too) used under a fifth of that time in CPU, as
        when it only waits for keys. At most ``cap`` seconds."""
        started = time.perf_counter()
        window, window_cpu = started, time.process_time()
        while time.perf_counter() - started < cap:
            await asyncio.sleep(0.01)
            now, cpu = time.perf_counter(), time.process_time()
            if now - window < seconds:
                continue
            if now - self.last_busy >= seconds and cpu - window_cpu < IDLE_CPU * (now - window):
                return
            window, window_cpu = now, cpu

    # -- garbage collection: a pause of the whole interpreter ----------------------------------

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self._gc_started is not None:
            pause = time.perf_counter() - self._gc_started
            self._gc_started = None
            self.gc_total += pause
            self.gc_longest = max(self.gc_longest, pause)


Check = Callable[["FrameWatch"], bool]


class FrameWatch:
    """Notes the first frame, after a key, for which ``check`` holds."""

    def __init__(self, app: App[Any], loop_watch: LoopWatch, size: tuple[int, int]) -> None:
        self.app = app
        self.loop_watch = loop_watch
        self.terminal = VirtualTerminal(*size)
        self.frames = 0
        self._check: Check | None = None
        self._start = 0.0
        self._excluded_at_start = 0.0
        self.latency: float | None = None
        self._early: Check | None = None  # an earlier sign of the effect, timed on its own
        self.early_latency: float | None = None
        self.matched: list[str] = []  # the frame that passed the check
        self.shown = asyncio.Event()
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if not isinstance(renderable, CompositorUpdate) or app._batch_count:
                return
            renderable.render_segments(app.console)  # what would be written to a terminal
            drawn = time.perf_counter()
            self.frames += 1
            self.terminal.apply(renderable)
            excluded = self.loop_watch.excluded - self._excluded_at_start
            if self._early is not None and self.early_latency is None and self._early(self):
                self.early_latency = drawn - self._start - excluded
            if self._check is not None and self.latency is None and self._check(self):
                self.latency = drawn - self._start - excluded
                if self.early_latency is None:
                    self.early_latency = self.latency
                self.matched = self.terminal.lines()
                self.shown.set()
            self.loop_watch.excluded += time.perf_counter() - drawn

        app._display = display  # type: ignore[method-assign]

    def expect(self, check: Check, early: Check | None = None) -> None:
        """From now on, wait for a frame for which ``check`` holds; the clock starts now. The
        first frame for which ``early`` holds (or else ``check``) is timed as ``early_latency``."""
        self._check = check
        self._early = early
        self.latency = self.early_latency = None
        self.shown.clear()
        self._excluded_at_start = self.loop_watch.excluded
        self._start = time.perf_counter()

    def shows(self, *texts: str) -> bool:
        lines = self.terminal.lines()
        return all(any(text in line for line in lines) for text in texts)

    def hides(self, *texts: str) -> bool:
        lines = self.terminal.lines()
        return not any(text in line for line in lines for text in texts)

    def dump(self) -> str:
        return "\n".join(line.rstrip() for line in self.terminal.lines())
