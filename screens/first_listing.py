"""Reading the session list in a thread while the app starts, for its first screen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")


def read_in_thread(read: Callable[[], T]) -> Future[T]:
    """Start ``read`` in a thread of its own; its result (or error) comes in the Future.

    One short thread, not an executor: nothing stays behind once the list is read.
    """
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(read())
        except BaseException as error:  # handed to whoever waits: the app decides
            future.set_exception(error)

    threading.Thread(target=run, name="workshop-listing", daemon=True).start()
    return future
