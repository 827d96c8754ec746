"""What the phone server's aiohttp application holds: the room, the gate, the allowed hosts and
where an unexpected error's details go."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from workshop.app.participation import Room
from workshop.phone.security import Gate

GATE: web.AppKey[Gate] = web.AppKey("gate", Gate)
ROOM: web.AppKey[Room] = web.AppKey("room", Room)
HOSTS: web.AppKey[set[str]] = web.AppKey("hosts", set)

LogError = Callable[[str], object]  # Workspace.log_error: details into the data folder's fout.log
LOG_ERROR: web.AppKey[LogError | None] = web.AppKey("log_error", object)
