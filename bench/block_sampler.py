"""Where the event loop blocks: a thread samples the loop's stack while it is late.

    sampler = BlockSampler(threading.get_ident())
    sampler.start()          # then: await sampler.heartbeat() in a task on the loop
    ...
    sampler.stop(); print(sampler.report())

The loop's task beats every millisecond. When the beat is more than ``late`` seconds old, the
thread takes the loop thread's stack (``sys._current_frames``) every ``every`` seconds and counts
the project's frames (screens/, workshop/) and the innermost frame, per stage of the run. A
measuring aid for bench_phones (``--where``), not part of the product.
"""

from __future__ import annotations

import asyncio
import collections
import sys
import threading
import time
import traceback

PROJECT = ("/screens/", "/workshop/")


class BlockSampler:
    def __init__(self, loop_thread: int, late: float = 0.015, every: float = 0.002) -> None:
        self.loop_thread = loop_thread
        self.late, self.every = late, every
        self.beat = time.perf_counter()
        self.stage = "-"
        self.samples: collections.Counter[tuple[str, str]] = collections.Counter()
        self._running = True
        self._thread = threading.Thread(target=self._watch, name="block-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._running = False
        self._thread.join()

    async def heartbeat(self) -> None:
        while self._running:
            self.beat = time.perf_counter()
            await asyncio.sleep(0.001)

    def _watch(self) -> None:
        while self._running:
            time.sleep(self.every)
            if time.perf_counter() - self.beat < self.late:
                continue
            frame = sys._current_frames().get(self.loop_thread)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            ours = [f for f in stack if any(p in f.filename for p in PROJECT)]
            where = " < ".join(f"{_short(f.filename)}:{f.lineno} {f.name}" for f in ours[-3:][::-1])
            inner = f"{_short(stack[-1].filename)}:{stack[-1].lineno} {stack[-1].name}"
            self.samples[(self.stage, f"{where or '-'}  [binnenin: {inner}]")] += 1

    def report(self, top: int = 12) -> str:
        lines = [f"waar de loop blokkeerde (monsters van {self.every * 1000:.0f} ms):"]
        for (stage, where), count in self.samples.most_common(top):
            lines.append(f"  {count * self.every * 1000:6.0f} ms  {stage}: {where}")
        return "\n".join(lines)


def _short(filename: str) -> str:
    for part in ("site-packages/", "/screens/", "/workshop/", "/bench/"):
        if part in filename:
            return (part.strip("/") + "/" if part != "site-packages/" else "") + filename.split(
                part, 1
            )[1]
    return filename.rsplit("/", 1)[-1]
