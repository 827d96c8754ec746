"""Phones in the open session, for the app's screens: one room per session, and its server.

The runner, the join panel, the moderation queue and the scan view all reach the same
``PhoneRoom`` (``phone_room(live)``), so a remark that comes in while the panel is hidden still
counts in the runner's indicator. Starting the server binds a socket and waits for its thread:
callers do that off the UI thread (``start`` is blocking on purpose). Events from the room (on
the writer's thread) and a phone joining (on the server's thread) reach a screen through
``watch``, which posts them to the screen's own queue without waiting: waiting for the UI thread
from the writer could hang while the UI thread waits for the writer (closing the session).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from workshop.app.live import LiveSession
    from workshop.app.participation import RoomEvent
    from workshop.phone.server import PhoneServer

T = TypeVar("T")
Watcher = Callable[["RoomEvent | None"], None]  # None: a phone joined


def _lan_address() -> str | None:
    from workshop.phone.network import lan_address  # imported when used: app start stays quick

    return lan_address()


@dataclass(frozen=True)
class PhoneOptions:
    """What the app injects for phones; tests give a fixed address, port and tokens."""

    find_address: Callable[[], str | None] = _lan_address
    port: int = 0
    token_source: Callable[[str], str] | None = None
    quiet_after: float = 120.0  # seconds with the panel open and no phone: say so
    log_error: Callable[[str], object] | None = None  # the app gives Workspace.log_error


class PhoneRoom:
    """The room of one open session, and the phone server while participation is on."""

    def __init__(self, live: LiveSession, options: PhoneOptions) -> None:
        from workshop.app.participation import Room

        self.live = live
        self.room = Room(live)
        self.options = options
        self.server: PhoneServer | None = None
        self.address: str | None = None  # the LAN address served; None: this laptop only
        self.announced = False  # the first-time notice was given
        self._lock = threading.Lock()
        self._watchers: list[Watcher] = []
        self._unsubscribe = self.room.subscribe(self._tell)

    # -- the server -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        server = self.server
        return server is not None and server.running

    @property
    def phone_count(self) -> int:
        server = self.server
        return server.phone_count if server is not None else 0

    def start(self) -> PhoneServer:
        """Listen on the LAN address (or only on this laptop when none). Blocking; raises
        PhoneServerError (Dutch) when it cannot listen."""
        with self._lock:
            if self.server is not None and self.server.running:
                return self.server
            from workshop.phone.server import PhoneServer

            address = self.options.find_address()
            server = PhoneServer(
                self.room,
                host=address or "127.0.0.1",
                port=self.options.port,
                token_source=self.options.token_source,
                log_error=self.options.log_error,
            )
            server.gate.on_join = lambda: self._tell(None)
            server.start()
            self.server, self.address = server, address
            return server

    def stop(self) -> None:
        """Stop listening (nothing listens afterwards). Blocking for a moment; idempotent."""
        with self._lock:
            server, self.server = self.server, None
        if server is not None:
            server.stop()

    def close(self) -> None:
        """The session closes: stop the server and every listener."""
        self.stop()
        self._unsubscribe()
        self._watchers = []

    # -- listening --------------------------------------------------------------------------

    def watch(self, pump: MessagePump, callback: Watcher) -> Callable[[], None]:
        """Run ``callback(event)`` on ``pump``'s thread after each room event, and with None
        when a phone joined. Returns a function that stops it."""

        def post(event: RoomEvent | None) -> None:
            pump.call_later(callback, event)  # thread-safe, and does not wait

        with self._lock:
            self._watchers = [*self._watchers, post]

        def stop() -> None:
            with self._lock:
                self._watchers = [w for w in self._watchers if w is not post]

        return stop

    def _tell(self, event: RoomEvent | None) -> None:
        for watcher in self._watchers:
            watcher(event)


_rooms: weakref.WeakKeyDictionary[LiveSession, PhoneRoom] = weakref.WeakKeyDictionary()


def phone_room(live: LiveSession, options: PhoneOptions | None = None) -> PhoneRoom:
    """The room of this open session (made on first use)."""
    room = _rooms.get(live)
    if room is None:
        room = _rooms[live] = PhoneRoom(live, options or PhoneOptions())
    return room


def close_phone_room(live: LiveSession) -> None:
    """Before the session closes: the server stops, nothing listens any more."""
    room = _rooms.pop(live, None)
    if room is not None:
        room.close()


def when_done(
    pump: MessagePump,
    future: Future[T],
    done: Callable[[T], object],
    failed: Callable[[Exception], object],
) -> None:
    """Run ``done(result)`` or ``failed(error)`` on ``pump``'s thread once ``future`` settled."""

    def settle(settled: Future[T]) -> None:
        error = settled.exception()
        if error is None:
            done(settled.result())
        elif isinstance(error, Exception):
            failed(error)
        else:
            raise error

    future.add_done_callback(lambda settled: pump.call_later(settle, settled))
