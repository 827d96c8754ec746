"""A phone for tests: real HTTP against a running PhoneServer (http.client, no browser)."""

from __future__ import annotations

import http.client
import re
import socket
from urllib.parse import urlencode

from screens.phone_room import PhoneOptions
from workshop.phone.server import PhoneServer


class Phone:
    """A phone: its cookie, its CSRF token, and the Origin its browser sends."""

    def __init__(self, server: PhoneServer, role: str, language: str = "nl") -> None:
        self.server = server
        self.host = f"127.0.0.1:{server.port}"
        self.origin = f"http://{self.host}"
        status, headers, _ = self.get(path_of(server.links[role]), language=language)
        assert status == 303 and headers["Location"] == "/"
        self.cookie = headers["Set-Cookie"].split(";")[0]
        self.set_cookie = headers["Set-Cookie"]
        self.csrf = re.search(r'name="csrf" value="([^"]+)"', self.page())[1]  # type: ignore[index]

    def request(
        self, method: str, path: str, body: bytes | None = None, **headers: str
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        sent = {"Host": self.host, **{k.replace("_", "-"): v for k, v in headers.items()}}
        if getattr(self, "cookie", None) and "Cookie" not in sent:
            sent["Cookie"] = self.cookie
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        return response.status, dict(response.getheaders()), text

    def get(
        self, path: str, language: str = "nl", **headers: str
    ) -> tuple[int, dict[str, str], str]:
        return self.request("GET", path, Accept_Language=language, **headers)

    def page(self) -> str:
        return self.get("/")[2]

    def post(
        self, path: str, origin: str | None = "same", **fields: str
    ) -> tuple[int, dict[str, str], str]:
        body = urlencode({"csrf": self.csrf, **fields}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is not None:
            headers["Origin"] = self.origin if origin == "same" else origin
        return self.request("POST", path, body, **headers)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def phone_options(**changes: object) -> PhoneOptions:
    """What the app injects for phones in tests: this laptop only (127.0.0.1), a free port."""
    return PhoneOptions(**{"find_address": lambda: "127.0.0.1", **changes})  # type: ignore[arg-type]


def fixed_tokens(role: str) -> str:
    """Fixed join tokens (snapshots): the same links, the same QR code, every run."""
    return {"ouderpanel": "O" * 30, "team": "T" * 30, "begeleider": "B" * 30}[role]


def listens(port: int) -> bool:
    """Whether anything accepts a connection on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False
