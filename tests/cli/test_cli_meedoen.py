"""``workshop meedoen SESSIE``: the links, one per role; the lock; Ctrl+C ends it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from helpers_paths import REPO

from workshop.app.opening import OpenRefused
from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.phone.meedoen import serve
from workshop.phone.network import usable, wifi_payload
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def make_session(folder: Path) -> tuple[Workspace, str]:
    store = SessionStore(folder)
    live = create_session(
        store, FakeClock(), title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    session_id = live.session.id
    live.close()
    return Workspace(store, FakeClock(), folder / "exports"), session_id


def test_prints_a_line_per_role_serves_them_and_stops(tmp_path: Path) -> None:
    workspace, session_id = make_session(tmp_path)
    lines: list[str] = []
    seen: list[int] = []

    def while_serving() -> None:
        link = lines[0].split(": ", 1)[1]
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(link) as response:  # token, cookie, redirect, page
            seen.append(response.status)
        raise KeyboardInterrupt

    assert serve(workspace, session_id, say=lines.append, wait=while_serving) == 0
    assert [line.split(":")[0] for line in lines[:3]] == ["ouderpanel", "team", "begeleider"]
    assert all(line.split(": ")[1].startswith("http://127.0.0.1:") for line in lines[:3])
    assert seen == [200] and "Tot ziens" in lines[-1]
    workspace.open(session_id).close()  # the lock was given back


def test_a_session_open_elsewhere_is_refused(tmp_path: Path) -> None:
    workspace, session_id = make_session(tmp_path)
    held = workspace.open(session_id)
    try:
        with pytest.raises(OpenRefused):
            serve(workspace, session_id, say=lambda _: None, wait=lambda: None)
    finally:
        held.close()


def test_ctrl_c_in_a_real_process_says_goodbye_without_a_traceback(tmp_path: Path) -> None:
    _, session_id = make_session(tmp_path)
    child = subprocess.Popen(
        [
            sys.executable,
            "-X",
            "faulthandler",  # a child that hangs shows where (see below)
            "-c",
            "import sys; from workshop.cli import main; sys.exit(main())",
            "--data",
            str(tmp_path),
            "meedoen",
            session_id,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    # A child that hangs is made to print every thread's stack (faulthandler) and so ends.
    watchdog = threading.Timer(60, child.send_signal, (signal.SIGABRT,))
    watchdog.start()
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.startswith("ouderpanel: http://127.0.0.1:")
        # Pressed when the command says so. Ctrl+C while the links are still printed is
        # test_ctrl_c_while_the_links_are_printed_still_stops_calmly.
        while not child.stdout.readline().startswith("Stoppen"):
            assert child.poll() is None, "the command stopped before saying how to stop it"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=90)
    finally:
        watchdog.cancel()
        if child.poll() is None:  # never leave it running with the session's lock
            child.kill()
            child.communicate()
    assert child.returncode == 0, f"{out}\n{err}"
    assert "Tot ziens" in out and "Traceback" not in err


def test_ctrl_c_while_the_links_are_printed_still_stops_calmly(tmp_path: Path) -> None:
    workspace, session_id = make_session(tmp_path)
    said: list[str] = []

    def say(line: str) -> None:
        said.append(line)
        if len(said) == 2:
            raise KeyboardInterrupt  # Ctrl+C right after the first link

    assert serve(workspace, session_id, say=say, wait=lambda: None) == 0
    assert "Tot ziens" in said[-1]
    workspace.open(session_id).close()  # the session was given back


def test_network_helpers() -> None:
    assert usable("192.168.1.20") and usable("10.0.0.5")
    assert not usable("127.0.0.1") and not usable("8.8.8.8") and not usable("169.254.1.1")
    assert wifi_payload("Zaal; 1", 'ge:heim"') == 'WIFI:T:WPA;S:Zaal\\; 1;P:ge\\:heim\\";;'
