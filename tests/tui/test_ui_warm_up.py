"""After the runner's first frame, the code of the screens opened from it is loaded in a thread,
so the first F10, F12 or ``a`` of a session does not wait for it (issue 9)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from helpers_sessions import filled_session

from screens import warm_up
from screens.runner import RunnerScreen

SIZE = (120, 36)


@pytest.fixture
def fresh_warm_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A module nobody imported yet stands in for the screens' code."""
    name = f"warm_up_probe_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text("LOADED_IN = __import__('threading').current_thread()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(warm_up, "AHEAD", (name,))
    yield name
    sys.modules.pop(name, None)


def open_runner_and_wait(make_app, session_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open the session, let the app become idle; the screens shown on the way."""
    shown: list[str] = []

    async def scenario() -> None:
        app = make_app(open_session_id=session_id)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(10):
                await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            shown.append(type(app.screen).__name__)

    asyncio.run(scenario())
    return shown


def test_the_runner_loads_the_code_of_its_screens_in_a_thread(
    make_app, store, clock, fresh_warm_up: str
) -> None:
    session_id = filled_session(store, clock)
    assert fresh_warm_up not in sys.modules
    shown = open_runner_and_wait(make_app, session_id)
    assert shown == [RunnerScreen.__name__]
    module = sys.modules[fresh_warm_up]
    assert module.LOADED_IN.name != "MainThread"  # not on the UI thread


def test_code_that_cannot_be_loaded_ahead_is_left_to_the_key_that_needs_it(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_up, "AHEAD", ("workshop_no_such_module",))
    session_id = filled_session(store, clock)
    shown = open_runner_and_wait(make_app, session_id)
    assert shown == [RunnerScreen.__name__]  # no error screen, the app goes on
