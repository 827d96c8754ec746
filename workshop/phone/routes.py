"""The routes of the phone server and the checks every request passes (aiohttp).

Every response carries a Content-Security-Policy with a fresh nonce (no other script or style),
Referrer-Policy no-referrer and nosniff. Every request is checked for its Host header (one of the
addresses we serve: against DNS rebinding) and its size (16 KB, 413); every POST for its Origin
and CSRF token. What the server writes goes through ``workshop.app.participation.Room`` and is
answered only once it is on disk.
"""

from __future__ import annotations

import asyncio
import secrets
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from workshop.app.participation import Room
from workshop.errors import WorkshopError
from workshop.model import LANGUAGES
from workshop.phone import pages, views
from workshop.phone.i18n import pick_language, translations
from workshop.phone.keys import GATE, HOSTS, LOG_ERROR, ROOM, LogError
from workshop.phone.security import (
    COOKIE_NAME,
    MAX_BODY,
    ROLE_FACILITATOR,
    ROLE_GROUP,
    Gate,
    Visitor,
    origin_allowed,
)
from workshop.scan import SCALE

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _origins(request: web.Request) -> set[str]:
    return {f"http://{host}" for host in request.app[HOSTS]}


def _reply(request: web.Request, text: str, status: int = 200) -> web.Response:
    visitor: Visitor | None = request.get("visitor")
    accept = request.headers.get("Accept-Language")
    language = visitor.language if visitor else pick_language(accept)
    t = translations(language).gettext
    return web.Response(
        text=pages.message_page(t, language, request["nonce"], text),
        status=status,
        content_type="text/html",
    )


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    nonce = secrets.token_urlsafe(16)
    request["nonce"] = nonce
    if request.host not in request.app[HOSTS]:
        response: web.StreamResponse = web.Response(text="Onbekend adres.", status=421)
    elif (request.content_length or 0) > MAX_BODY:
        response = _reply(request, "Dit bericht is te groot.", 413)
    else:
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            response = _reply(request, "Dit bericht is te groot.", 413)
        except web.HTTPException as error:
            if error.status >= 400:
                response = _reply(request, "Deze pagina bestaat niet.", error.status)
            else:
                raise
        except Exception:  # a phone never sees a Python trace, nor does the facilitator's screen
            log_error = request.app[LOG_ERROR]
            if log_error is not None:  # the details go to the data folder's error log
                log_error(f"Fout bij {request.method} {request.path}:\n{traceback.format_exc()}")
            response = _reply(request, "Er ging iets mis. Probeer het nog een keer.", 500)
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def _visitor(request: web.Request) -> Visitor:
    visitor = request.app[GATE].visitor(request.cookies.get(COOKIE_NAME))
    if visitor is None:
        raise _Refused("Deze link werkt niet. Scan de QR-code opnieuw.", 403)
    request["visitor"] = visitor
    return visitor


class _Refused(Exception):
    def __init__(self, text: str, status: int) -> None:
        self.text, self.status = text, status


async def _form(request: web.Request) -> tuple[Visitor, Any]:
    """The visitor and form of a POST that passed the cookie, CSRF and Origin checks."""
    visitor = _visitor(request)
    form = await request.post()
    csrf_ok = secrets.compare_digest(str(form.get("csrf", "")), visitor.csrf)
    if not origin_allowed(request.headers.get("Origin"), _origins(request), csrf_ok):
        raise _Refused("Dit formulier komt niet van deze pagina.", 403)
    return visitor, form


def refusals(handler: Handler) -> Handler:
    async def run(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except _Refused as refused:
            return _reply(request, refused.text, refused.status)
        except WorkshopError as error:  # the app's own Dutch message, e.g. a text too long
            return _reply(request, str(error), 400)

    return run


def _back(where: str = "/") -> web.Response:
    return web.Response(status=303, headers={"Location": where})


async def join(request: web.Request) -> web.StreamResponse:
    gate = request.app[GATE]
    role = gate.role_of_token(request.match_info["token"])
    if role is None:
        raise _Refused("Deze link werkt niet. Vraag de begeleider om een nieuwe link.", 403)
    admitted = gate.admit(role, pick_language(request.headers.get("Accept-Language")))
    if admitted is None:
        raise _Refused("Er doen al te veel telefoons mee.", 503)
    cookie, _ = admitted
    response = _back()
    response.set_cookie(COOKIE_NAME, cookie, httponly=True, samesite="Strict", path="/")
    return response


async def home(request: web.Request) -> web.StreamResponse:
    visitor = _visitor(request)
    show = views.facilitator if visitor.role == ROLE_FACILITATOR else views.participant
    body = show(request, visitor)
    return web.Response(text=body, content_type="text/html")


async def language(request: web.Request) -> web.StreamResponse:
    visitor = _visitor(request)
    if request.match_info["code"] in LANGUAGES:
        visitor.language = request.match_info["code"]
    return _back()


async def _done(future: Any) -> Any:
    return await asyncio.wrap_future(future)


async def send(request: web.Request) -> web.StreamResponse:
    visitor, form = await _form(request)
    if visitor.role not in ROLE_GROUP:
        raise _Refused("Dit kan alleen met de link voor ouders of team.", 403)
    if not request.app[GATE].may_send(visitor):
        raise _Refused("Je stuurt veel tegelijk. Wacht een minuut en probeer het dan opnieuw.", 429)
    await _done(
        request.app[ROOM].send_remark(
            str(form.get("tekst", "")),
            ROLE_GROUP[visitor.role],
            language=visitor.language,
            phone=visitor.phone,
            name=str(form.get("naam", "")),  # empty (the default): anonymous
        )
    )
    return _back("/?ok=1")  # "Ontvangen" only now: the remark is on disk


async def withdraw(request: web.Request) -> web.StreamResponse:
    visitor, form = await _form(request)
    await _done(request.app[ROOM].withdraw(str(form.get("id", "")), visitor.phone))
    return _back()


async def vote(request: web.Request) -> web.StreamResponse:
    visitor, form = await _form(request)
    delta = 1 if form.get("delta") == "1" else -1
    await _done(request.app[ROOM].vote(visitor.phone, str(form.get("id", "")), delta))
    return _back()


async def scan(request: web.Request) -> web.StreamResponse:
    visitor, form = await _form(request)
    if visitor.role not in ROLE_GROUP:
        raise _Refused("Dit kan alleen met de link voor ouders of team.", 403)
    answers: dict[str, int | None] = {str(n): n for n in SCALE} | {"weet": None}
    scores = {
        key[2:]: answers[value]
        for key, value in form.items()
        if key.startswith("s_") and isinstance(value, str) and value in answers
    }
    await _done(request.app[ROOM].answer_scan(visitor.phone, ROLE_GROUP[visitor.role], scores))
    return _back("/?ok=scan")


async def moderate(request: web.Request) -> web.StreamResponse:
    visitor, form = await _form(request)
    if visitor.role != ROLE_FACILITATOR:
        raise _Refused("Dit kan alleen met de link voor de begeleider.", 403)
    room, action, remark = request.app[ROOM], request.match_info["action"], str(form.get("id", ""))
    if action == "toelaten":
        await _done(room.accept(remark))
    elif action == "alles":
        await _done(room.accept_all())
    elif action == "verbergen":
        await _done(room.hide(remark))
    elif action == "notitie":
        await _done(room.add_note(str(form.get("tekst", ""))))
    else:
        raise web.HTTPNotFound()
    return _back()


async def live(request: web.Request) -> web.StreamResponse:
    """The live channel: a small answer that changes when the page would."""
    visitor = _visitor(request)
    csrf_ok = secrets.compare_digest(request.headers.get("X-CSRF", ""), visitor.csrf)
    origin = request.headers.get("Origin")
    if not csrf_ok or origin not in _origins(request):  # fetch sends the real origin here
        raise _Refused("Dit verzoek komt niet van deze pagina.", 403)
    return web.json_response({"mark": request.app[ROOM].mark(visitor.phone)})


def make_app(
    room: Room, gate: Gate, hosts: set[str], log_error: LogError | None = None
) -> web.Application:
    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    app[ROOM], app[GATE], app[HOSTS], app[LOG_ERROR] = room, gate, hosts, log_error
    app.add_routes(
        [
            web.get("/j/{token}", refusals(join)),
            web.get("/", refusals(home)),
            web.get("/taal/{code}", refusals(language)),
            web.post("/stuur", refusals(send)),
            web.post("/intrekken", refusals(withdraw)),
            web.post("/stem", refusals(vote)),
            web.post("/scan", refusals(scan)),
            web.post("/begeleider/{action}", refusals(moderate)),
            web.post("/live", refusals(live)),
        ]
    )
    return app
