"""What the phone server's aiohttp application holds: the room, the gate and the allowed hosts."""

from __future__ import annotations

from aiohttp import web

from workshop.app.participation import Room
from workshop.phone.security import Gate

GATE: web.AppKey[Gate] = web.AppKey("gate", Gate)
ROOM: web.AppKey[Room] = web.AppKey("room", Room)
HOSTS: web.AppKey[set[str]] = web.AppKey("hosts", set)
