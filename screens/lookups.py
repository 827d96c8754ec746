"""A look-up that reads the store off the UI thread, a moment after the last key, latest only.

Typing the location in the new-session form asks which earlier sessions of that trajectory have
open agreements: that reads every earlier session. Done on each key on the UI thread, typing
stalls. ``Lookup`` waits until the keys pause (``delay``), then reads in a worker thread; its
result comes back to the screen's own queue and is shown only if it is still the one wanted (a
later key asked for another).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from textual.dom import DOMNode
from textual.timer import Timer

from workshop.errors import WorkshopError

K = TypeVar("K", bound=Hashable)
A = TypeVar("A")
R = TypeVar("R")

DELAY_SECONDS = 0.15  # keys typed closer together than this make one look-up


class Lookup(Generic[K, A, R]):
    """``request(key, argument)`` runs ``find(argument)`` in a thread and hands the outcome (its
    result, or the expected error it raised) to ``show(key, outcome)`` on the UI thread."""

    def __init__(
        self,
        node: DOMNode,
        find: Callable[[A], R],
        show: Callable[[K, R | WorkshopError | OSError], None],
        *,
        delay: float = DELAY_SECONDS,
    ) -> None:
        self.node = node
        self.find = find
        self.show = show
        self.delay = delay
        self.wanted: K | None = None
        self.shown: K | None = None
        self._argument: A | None = None
        self._timer: Timer | None = None

    @property
    def busy(self) -> bool:
        """A look-up was asked for and its result is not shown yet."""
        return self.wanted is not None and self.wanted != self.shown

    def request(self, key: K, argument: A) -> None:
        self.wanted, self._argument = key, argument
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.node.set_timer(self.delay, self._start)

    def _start(self) -> None:
        key, argument = self.wanted, self._argument
        self.node.run_worker(lambda: self._run(key, argument), thread=True, group="lookup")

    def _run(self, key: K | None, argument: A | None) -> None:  # in the worker's thread
        outcome: R | WorkshopError | OSError
        try:
            outcome = self.find(argument)  # type: ignore[arg-type]
        except (WorkshopError, OSError) as error:
            outcome = error
        self.node.call_later(self._done, key, outcome)  # safe from another thread

    def _done(self, key: K, outcome: R | WorkshopError | OSError) -> None:
        if key != self.wanted:
            return  # a later key asked for another look-up: that one will be shown
        self.shown = key
        self.show(key, outcome)
