"""An unexpected error while a phone asks for a page: the phone gets a calm Dutch page with the
usual safety headers, the details go to the error log, and no Python trace is shown anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_phone import Phone

from workshop.app.participation import Room
from workshop.clock import FakeClock
from workshop.phone.server import PhoneServer
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def test_an_unexpected_error_is_a_dutch_page_and_its_details_go_to_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = create_session(
        SessionStore(tmp_path),
        FakeClock(),
        title="Ouderavond",
        template=get_template(DEFAULT_TEMPLATE_ID),
    )
    logged: list[str] = []
    room = Room(live)
    server = PhoneServer(room, log_error=logged.append)
    server.start()
    try:
        parent = Phone(server, "ouderpanel")

        def broken() -> object:
            raise RuntimeError("iets onverwachts")

        monkeypatch.setattr(room, "step_view", broken)
        status, headers, body = parent.get("/")
    finally:
        server.stop()
        live.close()

    assert status == 500
    assert "Er ging iets mis. Probeer het nog een keer." in body
    assert "Traceback" not in body and "RuntimeError" not in body
    assert "Content-Security-Policy" in headers and headers["Referrer-Policy"] == "no-referrer"
    [details] = logged
    assert "RuntimeError: iets onverwachts" in details
    assert "Traceback" not in capsys.readouterr().err  # nothing on the facilitator's screen
