"""The single writer of an open session: its changes run one at a time, in the order handed in,
on a thread of their own, so that no front end waits for the disk.

Every front end that changes an open session (the app, and later the phones) hands its changes to
the same ``SessionWriter``. The writer runs them strictly first in, first out, so the session sees
them in the order they were asked for, whatever the speed of the disk (a USB stick takes 0.15-0.3 s
per fsync). Each change gets a ``Future``: done once the change is on disk (or refused). A front end
shows a change as saved only when its future is done; ``on_done`` is called on the writer's thread
right after, before the next change starts, so that a front end can pass the result to its own
thread (the app: ``post_message``) in the same order.

The operations themselves are those of ``LiveSession``: they check, write and only then change the
state in memory, so a refused or failed change leaves both as they were. Readers on another thread
see either the state before a change or after it (the state is replaced, not edited in place).
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class _Job:
    operation: Callable[[], Any]
    future: Future[Any] = field(default_factory=Future)
    on_done: Callable[[Future[Any]], None] | None = None


class WriterClosedError(RuntimeError):
    """A change handed in after the writer was closed: a programming error, never the user's."""


class SessionWriter:
    """Runs the changes of one open session one at a time, first in first out, off the caller's
    thread. ``pending`` counts those handed in and not yet finished (``on_done`` included)."""

    def __init__(self, name: str = "workshop-writer") -> None:
        self._name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._last: Future[Any] | None = None  # the future of the job handed in last
        self._closed = False
        self._thread: threading.Thread | None = None

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending

    def submit(
        self,
        operation: Callable[[], T],
        on_done: Callable[[Future[T]], None] | None = None,
    ) -> Future[T]:
        """Queue ``operation`` behind every change handed in before; return its future.

        ``on_done(future)`` runs on the writer's thread once the operation has finished (its
        result or its error is in the future), before the next operation starts.
        """
        job = _Job(operation, on_done=on_done)  # type: ignore[arg-type]
        with self._lock:
            if self._closed:
                raise WriterClosedError("the session's writer is closed")
            self._pending += 1
            self._last = job.future
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
        self._jobs.put(job)
        return job.future

    def join_last(self, future: Future[Any], join: Callable[[], None]) -> bool:
        """Call ``join()`` only if ``future``'s job is still the last one handed in (nothing was
        queued behind it), and say whether it did. A batching front end adds to its queued job this
        way without changing the order of the changes; the job itself checks that it has not
        started yet (under the front end's own lock)."""
        with self._lock:
            if self._closed or self._last is not future:
                return False
            join()
            return True

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every change handed in so far has finished. False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, last: Callable[[], object] | None = None) -> None:
        """Finish every change handed in, then run ``last`` (closing the file), then stop.

        Safe to call more than once; ``last`` runs only the first time. An error of ``last`` is
        raised here.
        """
        with self._lock:
            if self._closed:
                return
            started = self._thread is not None
        if not started:  # nothing was ever handed in: no thread to start just to close
            with self._lock:
                self._closed = True
            if last is not None:
                last()
            return
        future = self.submit(last) if last is not None else None
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._jobs.put(None)
            thread.join()
        if future is not None:
            future.result()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if job.future.set_running_or_notify_cancel():
                try:
                    result = job.operation()
                except BaseException as error:  # handed to the caller through the future
                    job.future.set_exception(error)
                else:
                    job.future.set_result(result)
            try:
                if job.on_done is not None:
                    job.on_done(job.future)
            except Exception:  # a front end's delivery failed: say so, but keep on writing
                threading.excepthook(_hook_args())
            finally:
                with self._idle:
                    self._pending -= 1
                    if self._pending == 0:
                        self._idle.notify_all()


def _hook_args() -> Any:
    exc_type, exc_value, exc_traceback = sys.exc_info()
    return threading.ExceptHookArgs(  # type: ignore[call-arg]
        (exc_type, exc_value, exc_traceback, threading.current_thread())
    )
