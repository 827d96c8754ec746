"""The phone server: its own thread and event loop, started and stopped by the app or the CLI.

    server = PhoneServer(room, host="127.0.0.1", port=0)   # or a LAN address (network.py)
    server.start()          # returns once it listens; raises PhoneServerError (Dutch) if not
    server.links            # {"ouderpanel": "http://…/j/<token>", "team": …, "begeleider": …}
    server.phone_count      # phones that joined
    server.qr_matrix("ouderpanel")   # for the join panel
    server.stop()           # nothing listens afterwards; safe to call twice

Events (a remark waiting etc.) come from the ``Room`` (``room.subscribe``), not from here.
The aiohttp access log is off: no address, browser name or token is ever logged.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from aiohttp import web

from workshop.app.participation import Room
from workshop.errors import WorkshopError
from workshop.os_reasons import os_reason
from workshop.phone.keys import LogError
from workshop.phone.network import qr_matrix
from workshop.phone.routes import make_app
from workshop.phone.security import ROLES, Gate

STARTUP_WAIT = 10.0


class PhoneServerError(WorkshopError):
    """The server could not start (the port is taken, the address is not this computer's)."""


class PhoneServer:
    def __init__(
        self,
        room: Room,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token_source: Callable[[str], str] | None = None,
        log_error: LogError | None = None,
    ) -> None:
        self.room = room
        self.log_error = log_error  # where an unexpected error's details go (never the screen)
        self.host = host
        self.port = port
        self.gate = Gate(token_source=token_source)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    # -- what the app shows -------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._runner is not None and self._thread is not None and self._thread.is_alive()

    @property
    def links(self) -> dict[str, str]:
        """The join link per role: ``ouderpanel``, ``team`` and ``begeleider``."""
        return {role: f"{self.base_url}/j/{self.gate.tokens[role]}" for role in ROLES}

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def phone_count(self) -> int:
        return self.gate.phone_count

    def qr_matrix(self, role: str) -> list[list[bool]]:
        """The QR code of a role's link (``network.qr_matrix``)."""
        return qr_matrix(self.links[role])

    # -- start and stop -----------------------------------------------------------------------

    def start(self) -> None:
        """Listen on host:port (port 0: a free one, then in ``port``). Returns once listening."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="workshop-phones", daemon=True)
        self._thread.start()
        self._ready.wait(STARTUP_WAIT)
        if self._error is not None or self._runner is None:
            self._thread.join(STARTUP_WAIT)
            self._thread = None
            reason = os_reason(self._error) if self._error else "geen antwoord"
            raise PhoneServerError(
                f"Meedoen met telefoons kon niet starten op {self.host}:{self.port} ({reason})."
            )

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._listen())
        except BaseException as error:
            self._error = error
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._close())
            loop.close()

    async def _listen(self) -> None:
        hosts: set[str] = set()  # filled once the port is known; the app checks Host against it
        app = make_app(self.room, self.gate, hosts, self.log_error)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        sockets = runner.addresses
        self.port = sockets[0][1]
        hosts.add(f"{self.host}:{self.port}")
        if self.host == "127.0.0.1":
            hosts.add(f"localhost:{self.port}")
        self._runner = runner

    async def _close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        """Stop listening and end the thread. Safe to call more than once."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        self._thread = None
        self._runner = None
