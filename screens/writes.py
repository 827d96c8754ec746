"""A screen's side of the session's single writer (``workshop.app.writer``).

A change is handed to the writer at once and the screen goes on handling keys; the writer saves
it on its own thread. Its outcome comes back to the screen's own message queue (``call_later`` is
safe from another thread), in the order the changes were handed in, and only then does the screen
show it as saved. ``in_flight`` counts changes whose outcome the screen has not handled yet: keys
that act on what is shown (Escape to the list, then E) wait until it is zero
(``OrderedKeys.hold_keys``), so they act on the saved state.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from textual.message_pump import MessagePump

from screens.key_order import OrderedKeys
from workshop.app.writer import SessionWriter

T = TypeVar("T")

Failed = Callable[[Exception], None]


class ScreenWrites:
    """Hands changes to ``writer`` and runs their outcome on ``pump``'s queue, in order."""

    def __init__(self, pump: MessagePump, writer: SessionWriter) -> None:
        self.pump = pump
        self.writer = writer
        self.in_flight = 0  # only touched on the UI thread
        # What else must be true before keys that act on what is shown may go on (the runner:
        # its lists are complete); whoever makes it true calls ``OrderedKeys.wake_keys``.
        self.shown: Callable[[], bool] = lambda: True

    @property
    def idle(self) -> bool:
        """Every change handed in is saved (or refused), and the screen shows its outcome."""
        return self.in_flight == 0 and self.shown()

    def when_idle(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` now if nothing is being saved; otherwise once everything is, with the
        keys typed after this one waiting until then (they may act on what it shows)."""
        app = self.pump.app
        if self.idle or not isinstance(app, OrderedKeys):
            callback()
        else:
            app.hold_keys(lambda: self.idle, callback)

    def hold_keys(self) -> None:
        """Let the keys after the current one wait until every change handed in is shown: they
        act on its outcome (a form that closes, a list that changes). The app keeps running."""
        app = self.pump.app
        if not self.idle and isinstance(app, OrderedKeys):
            app.hold_keys(lambda: self.idle, lambda: None)

    def run(self, operation: Callable[[], T], done: Callable[[T], Any], failed: Failed) -> None:
        """Save ``operation`` through the writer; then ``done(result)`` or ``failed(error)``.

        Errors that are not ``Exception`` (a bug's SystemExit and the like) are raised on the UI
        thread, as they would have been without the writer.
        """
        self.in_flight += 1

        def deliver(future: Future[T]) -> None:  # on the writer's thread
            self.pump.call_later(self._finish, future, done, failed)

        self.writer.submit(operation, deliver)

    def _finish(self, future: Future[T], done: Callable[[T], Any], failed: Failed) -> None:
        self.in_flight -= 1
        try:
            error = future.exception()
            if error is None:
                done(future.result())
            elif isinstance(error, Exception):
                failed(error)
            else:
                raise error
        finally:
            app = self.pump.app
            if self.idle and isinstance(app, OrderedKeys):
                app.wake_keys()  # keys held until everything was shown may go on


class Writing(Protocol):
    writes: ScreenWrites


def after_writes(action: Callable[..., Any]) -> Callable[..., None]:
    """An action that acts on what is shown: it runs once every change handed in is shown."""

    @functools.wraps(action)
    def run_after_writes(self: Writing, *args: Any) -> None:
        self.writes.when_idle(lambda: action(self, *args))

    return run_after_writes
