"""The phone server over real HTTP (the server in its own thread, http.client as the phone):
every route and every protection of issue 10."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_phone import Phone, path_of

from workshop.app.participation import Room
from workshop.clock import FakeClock
from workshop.model import Group, Source
from workshop.participation import Moderation
from workshop.phone.security import MAX_PHONES, REMARKS_PER_MINUTE
from workshop.phone.server import PhoneServer
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PhoneServer]:
    live = create_session(
        SessionStore(tmp_path),
        FakeClock(),
        title="Ouderavond",
        template=get_template(DEFAULT_TEMPLATE_ID),
    )
    server = PhoneServer(Room(live))
    server.start()
    yield server
    server.stop()
    live.close()


# -- routes ---------------------------------------------------------------------------------------


def test_a_remark_is_received_only_once_stored_and_waits_for_the_facilitator(
    server: PhoneServer,
) -> None:
    parent = Phone(server, "ouderpanel")
    assert "Ontvangen" not in parent.page()
    status, headers, _ = parent.post("/stuur", tekst="Meer uitleg\nin het Arabisch", naam="")
    assert status == 303 and headers["Location"] == "/?ok=1"
    live = server.room.live
    [remark] = live.remarks  # on disk before the answer came (the future was awaited)
    assert remark.text == "Meer uitleg / in het Arabisch" and remark.group is Group.OUDERPANEL
    assert remark.name == "" and live.contributions == []
    assert "Ontvangen" in parent.get("/?ok=1")[2]
    assert "Intrekken" in parent.page()
    boss = Phone(server, "begeleider")
    assert "Meer uitleg / in het Arabisch" in boss.page()
    assert boss.post("/begeleider/toelaten", id=remark.id)[0] == 303
    [contribution] = live.contributions
    assert contribution.source is Source.PHONE and contribution.group is Group.OUDERPANEL
    assert "Op het scherm" in parent.page() and "Intrekken" not in parent.page()
    assert server.phone_count == 1  # the facilitator's own phone is not counted


def test_withdraw_vote_scan_notes_and_accept_all(server: PhoneServer) -> None:
    team = Phone(server, "team")
    boss = Phone(server, "begeleider")
    team.post("/stuur", tekst="eerste")
    team.post("/stuur", tekst="tweede")
    first, second = server.room.live.remarks
    assert team.post("/intrekken", id=first.id)[0] == 303
    assert [r.id for r in server.room.live.remarks] == [second.id]
    boss.post("/begeleider/alles")
    assert server.room.live.remarks[0].state is Moderation.ACCEPTED
    server.room.open_voting().result(5)
    assert "Nog 3 stemmen" in team.page()
    contribution = server.room.live.contributions[0].id
    team.post("/stem", id=contribution, delta="1")
    assert "Nog 2 stemmen" in team.page() and server.room.live.contributions[0].votes == 1
    server.room.open_scan("indicatoren").result(5)
    team.post("/scan", s_I1="3", s_I2="weet")
    assert server.room.scan_tally("indicatoren").responded[Group.TEAM] == 1
    boss.post("/begeleider/notitie", tekst="Alleen voor mij")
    assert "Alleen voor mij" in boss.page() and "Alleen voor mij" not in team.page()
    assert "vuistregels".capitalize() in boss.page()


# -- safety ---------------------------------------------------------------------------------------


def test_without_a_valid_token_a_plain_403_that_says_nothing_about_the_session(
    server: PhoneServer,
) -> None:
    outsider = Phone.__new__(Phone)
    outsider.server, outsider.host = server, f"127.0.0.1:{server.port}"
    for path in ("/", "/j/" + "A" * 30, "/j/" + server.gate.tokens["team"][:-1] + "x"):
        status, headers, text = outsider.get(path)
        assert status == 403 and "Set-Cookie" not in headers
        assert "Ouderavond" not in text and "werkt niet" in text


def test_the_token_becomes_a_strict_httponly_cookie_and_leaves_the_address(
    server: PhoneServer,
) -> None:
    parent = Phone(server, "ouderpanel")
    assert "HttpOnly" in parent.set_cookie and "SameSite=Strict" in parent.set_cookie
    assert server.gate.tokens["ouderpanel"] not in parent.set_cookie
    _, headers, text = parent.get("/")
    assert headers["Referrer-Policy"] == "no-referrer"
    csp = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp)[1]  # type: ignore[index]
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert all(f'nonce="{nonce}"' in tag for tag in re.findall(r"<script[^>]*>", text))
    assert server.gate.tokens["ouderpanel"] not in text


def test_a_foreign_host_header_is_refused(server: PhoneServer) -> None:
    parent = Phone(server, "ouderpanel")
    status, _, text = parent.get("/", Host=f"evil.example:{server.port}")
    assert status == 421 and "Ouderavond" not in text


def test_a_post_from_another_origin_or_without_csrf_is_refused(server: PhoneServer) -> None:
    parent = Phone(server, "ouderpanel")
    assert parent.post("/stuur", origin="http://evil.example", tekst="x")[0] == 403
    parent.csrf, good = "fout", parent.csrf
    assert parent.post("/stuur", tekst="x")[0] == 403
    assert parent.post("/stuur", origin="null", tekst="x")[0] == 403
    parent.csrf = good
    # Chromium's same-origin form under Referrer-Policy no-referrer: Origin null, valid CSRF.
    assert parent.post("/stuur", origin="null", tekst="x")[0] == 303
    assert len(server.room.live.remarks) == 1
    live = {"Origin": "http://evil.example", "X_CSRF": parent.csrf}
    assert parent.request("POST", "/live", b"", **live)[0] == 403
    assert parent.request("POST", "/live", b"", Origin="null", X_CSRF=parent.csrf)[0] == 403
    status, _, text = parent.request("POST", "/live", b"", Origin=parent.origin, X_CSRF=good)
    assert status == 200 and '"mark"' in text


def test_a_body_over_16_kb_is_413_and_a_text_over_the_limit_is_refused(server: PhoneServer) -> None:
    parent = Phone(server, "ouderpanel")
    assert parent.post("/stuur", tekst="x" * 17_000)[0] == 413
    status, _, text = parent.post("/stuur", tekst="x" * 2_001)
    assert status == 400 and "te lang" in text
    assert server.room.live.remarks == []


def test_the_rate_limit_per_phone_answers_429_and_lifts_after_a_minute(server: PhoneServer) -> None:
    now = [1000.0]
    server.gate.clock = lambda: now[0]
    parent, other = Phone(server, "ouderpanel"), Phone(server, "ouderpanel")
    for n in range(REMARKS_PER_MINUTE):
        assert parent.post("/stuur", tekst=f"nr {n}")[0] == 303
    status, _, text = parent.post("/stuur", tekst="te veel")
    assert status == 429 and "Wacht een minuut" in text
    assert other.post("/stuur", tekst="ik mag wel")[0] == 303
    now[0] += 60
    assert parent.post("/stuur", tekst="weer")[0] == 303


def test_the_number_of_phones_is_capped(
    server: PhoneServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workshop.phone.security.MAX_PHONES", 2)
    Phone(server, "ouderpanel")
    Phone(server, "team")
    outsider = Phone.__new__(Phone)
    outsider.server, outsider.host = server, f"127.0.0.1:{server.port}"
    status, headers, text = outsider.get(path_of(server.links["ouderpanel"]))
    assert status == 503 and "Set-Cookie" not in headers and "te veel" in text
    assert MAX_PHONES >= 40


def test_hostile_text_is_shown_literally_and_controls_are_removed(server: PhoneServer) -> None:
    parent = Phone(server, "ouderpanel")
    hostile = "<script>alert(1)</script> [b]vet[/b] \x1b[31mrood\x07"
    parent.post("/stuur", tekst=hostile, naam="<img src=x>")
    [remark] = server.room.live.remarks
    assert "\x1b" not in remark.text and "\x07" not in remark.text
    for page in (parent.page(), Phone(server, "begeleider").page()):
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "[b]vet[/b]" in page and "<img src=x>" not in page


def test_stop_leaves_nothing_listening(server: PhoneServer) -> None:
    port = server.port
    server.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
    server.stop()  # twice is fine


def test_the_page_speaks_the_browsers_language_and_arabic_is_right_to_left(
    server: PhoneServer,
) -> None:
    parent = Phone(server, "ouderpanel", language="ar,en;q=0.8")
    page = parent.page()
    assert 'dir="rtl"' in page and 'lang="ar"' in page and "Versturen" not in page
    parent.get("/taal/pl")
    assert 'lang="pl"' in parent.page() and 'dir="ltr"' in parent.page()
    parent.post("/stuur", tekst="Dzień dobry")
    assert server.room.live.remarks[0].language == "pl"


def test_every_language_translates_every_message_of_the_pages() -> None:
    from babel.messages.pofile import read_po

    from workshop.phone.i18n import translations
    from workshop.resources import content_dir

    with (content_dir() / "locale" / "nl" / "LC_MESSAGES" / "phone.po").open("rb") as file:
        source = [m.id for m in read_po(file) if m.id]
    assert "Versturen" in source and "Ontvangen" in source
    for language in ("en", "ar", "tr", "pl", "uk"):
        t = translations(language).gettext
        assert all(t(message) != message for message in source), language
