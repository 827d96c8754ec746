"""``workshop meedoen SESSIE``: serve the phone pages for one session, without the app.

The session is opened for writing (the same lock as the app: a session open elsewhere is refused,
and the message says who has it). The server binds 127.0.0.1, or with ``lan`` this computer's
address on the local network. It prints one line per link, starting with its role, and runs
until Ctrl+C.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from workshop.app.participation import Room
from workshop.app.workspace import Workspace
from workshop.errors import WorkshopError
from workshop.phone.network import HOTSPOT_ADVICE, lan_address
from workshop.phone.server import PhoneServer


def serve(
    workspace: Workspace,
    query: str,
    *,
    lan: bool = False,
    port: int = 0,
    say: Callable[[str], None] = print,
    wait: Callable[[], None] | None = None,
) -> int:
    """Serve until ``wait`` returns (default: until Ctrl+C). Raises WorkshopError (Dutch)."""
    host = "127.0.0.1"
    if lan:
        found = lan_address()
        if found is None:
            raise WorkshopError(HOTSPOT_ADVICE)
        host = found
    summary = workspace.store.find(query)
    live = workspace.open(summary.id)
    server = PhoneServer(Room(live), host=host, port=port, log_error=workspace.log_error)
    try:
        # Ctrl+C is the way to stop, also while the links are still being printed.
        with contextlib.suppress(KeyboardInterrupt):
            server.start()
            for role, link in server.links.items():
                say(f"{role}: {link}")
            say("Stoppen: druk op Ctrl+C.")
            (wait or threading.Event().wait)()
        say("Meedoen is gestopt. Alles is opgeslagen. Tot ziens!")
    finally:
        server.stop()
        live.close()
    return 0
