"""Waiting for the export preview's worker threads: the plan being made, a file being saved.

The preview makes the plan and writes files off the UI thread, so a test waits for those workers
(and for the app to handle what they hand back), never for a fixed time.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from screens.export_preview import ExportPreviewScreen

ROUNDS = 200  # far more worker hand-overs than a plan needs: a test that gets here is stuck


async def until(pilot: Pilot, done: Callable[[], bool], group: str | None = None) -> None:
    """Let the app's workers (of ``group``: "plan", "plan-lines", "save"; None: all) finish and
    the app handle their outcome, until ``done()``."""
    for _ in range(ROUNDS):
        if done():
            return
        for worker in list(pilot.app.workers):
            if group is None or worker.group == group:
                with suppress(WorkerCancelled):  # a closed screen's workers are cancelled
                    await worker.wait()
        await pilot.pause()
    raise AssertionError("the preview's workers never finished")


async def thread_event(event: threading.Event, timeout: float = 10.0) -> None:
    """Wait for an event set in a worker thread, without blocking the app."""
    assert await asyncio.to_thread(event.wait, timeout), "the worker thread never got there"


async def plan_shown(pilot: Pilot) -> ExportPreviewScreen:
    """Wait until the preview on top shows the whole plan; the preview."""
    screen = pilot.app.screen
    assert isinstance(screen, ExportPreviewScreen)
    await until(pilot, lambda: screen.view.complete)
    return screen


async def saves_done(pilot: Pilot, preview: ExportPreviewScreen) -> None:
    """Wait until ``preview`` has written its file and the keys held meanwhile are handled."""
    await until(pilot, lambda: not preview.saving and not pilot.app.keys_waiting, "save")


class Held:
    """Makes ``owner.<name>`` (e.g. the workspace's ``preview`` or ``export``) wait until
    ``release()``, so a test sees what the screen does meanwhile.

    It waits at most ``timeout`` seconds: on code that runs it on the UI thread, the test fails
    instead of hanging. ``started`` is set when the call came in, ``finished`` when it returned.
    """

    def __init__(self, owner: Any, name: str, timeout: float = 10.0) -> None:
        self.released = threading.Event()
        self.started = threading.Event()
        self.finished = threading.Event()
        self.calls = 0
        original = getattr(owner, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            self.started.set()
            self.released.wait(timeout)
            try:
                return original(*args, **kwargs)
            finally:
                self.finished.set()

        setattr(owner, name, held)

    def release(self) -> None:
        self.released.set()
