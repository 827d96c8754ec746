"""Who may use the phone pages: join tokens, the cookie that replaces them, and the limits.

Nothing here is written to disk. A join link holds a token of 176 random bits; the first request
with it gets a cookie (a fresh random value, HttpOnly, SameSite=Strict) and is sent on without the
token, so the token does not stay in the address bar or the history. A phone is then known by that
cookie only; the session stores a hash of it (``workshop.participation.phone_id``), never an
address, a browser's name or a token.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from workshop.model import Group
from workshop.participation import phone_id

TOKEN_BYTES = 22  # 176 bits (at least 128 asked)
COOKIE_NAME = "ws"
MAX_PHONES = 300  # visitors one server lets in; more get a friendly "vol" page
REMARKS_PER_MINUTE = 20
MAX_BODY = 16 * 1024

ROLE_PARENTS = "ouderpanel"
ROLE_TEAM = "team"
ROLE_FACILITATOR = "begeleider"
ROLES = (ROLE_PARENTS, ROLE_TEAM, ROLE_FACILITATOR)
ROLE_GROUP = {ROLE_PARENTS: Group.OUDERPANEL, ROLE_TEAM: Group.TEAM}


@dataclass
class Visitor:
    """One phone (or browser) that opened a join link: in memory only."""

    role: str
    phone: str  # the hash stored with its remarks
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    language: str = "nl"
    sent: deque[float] = field(default_factory=deque)  # moments of recent remarks


class Gate:
    """The join tokens of one server and the visitors they let in. Thread-safe."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        token_source: Callable[[str], str] | None = None,
    ) -> None:
        # token_source(role): only tests give one (fixed links for snapshots of the join panel)
        make = token_source or (lambda _role: secrets.token_urlsafe(TOKEN_BYTES))
        self.tokens = {role: make(role) for role in ROLES}
        self._visitors: dict[str, Visitor] = {}
        self._lock = threading.Lock()
        self.clock = clock
        # Called (on the server's thread) after a phone joined: the app updates its count.
        self.on_join: Callable[[], None] | None = None

    def role_of_token(self, token: str) -> str | None:
        for role, known in self.tokens.items():
            if hmac.compare_digest(token.encode(), known.encode()):
                return role
        return None

    def admit(self, role: str, language: str) -> tuple[str, Visitor] | None:
        """A new visitor with a fresh cookie value; None when the room is full."""
        with self._lock:
            if len(self._visitors) >= MAX_PHONES:
                return None
            cookie = secrets.token_urlsafe(32)
            visitor = Visitor(role, phone_id(cookie), language=language)
            self._visitors[cookie] = visitor
        if self.on_join is not None:
            self.on_join()
        return cookie, visitor

    def visitor(self, cookie: str | None) -> Visitor | None:
        if not cookie:
            return None
        with self._lock:
            return self._visitors.get(cookie)

    @property
    def phone_count(self) -> int:
        """Phones of parents and team that joined (the facilitator's own not counted)."""
        with self._lock:
            return sum(v.role != ROLE_FACILITATOR for v in self._visitors.values())

    def may_send(self, visitor: Visitor) -> bool:
        """Rate limit: at most REMARKS_PER_MINUTE remarks in any 60 seconds, per phone."""
        now = self.clock()
        with self._lock:
            while visitor.sent and now - visitor.sent[0] >= 60:
                visitor.sent.popleft()
            if len(visitor.sent) >= REMARKS_PER_MINUTE:
                return False
            visitor.sent.append(now)
            return True


def origin_allowed(origin: str | None, origins: set[str], csrf_ok: bool) -> bool:
    """A POST's Origin: one of ours. ``null`` (Chromium sends it for a same-origin form when the
    page says Referrer-Policy no-referrer) or none at all only with a valid CSRF token, which a
    page elsewhere cannot know, and the SameSite=Strict cookie, which it cannot send."""
    if origin is None or origin == "null":
        return csrf_ok
    return origin in origins and csrf_ok
