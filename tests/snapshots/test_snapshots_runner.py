"""Snapshots of the phase runner on the demo session: timer normal, warning and overtime.

The demo is made on the FakeClock and the timer is read from it, so the digits are fixed; the
capture line does not blink. Shown at a step where both the team and the parent panel spoke.
Update with `pytest tests/test_snapshots_runner.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

import pytest
from helpers_sessions import crash
from textual.pilot import Pilot

from screens.runner import RunnerScreen
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.store import SessionStore

SIZES = [(120, 36), (100, 30)]
TIMER_STATES = ["normal", "warning", "overtime"]


def demo_at(store: SessionStore, clock: FakeClock, state: str) -> str:
    """The demo session at phase 4, step 1, with the phase timer in the given state."""
    live = create_demo_session(store, clock)  # phase 4 has 17 of its 25 minutes left, paused
    live.go_to(3, 0)
    session_id = live.session.id
    if state != "normal":
        live.start_timer()
        clock.advance(13 * 60 if state == "warning" else 17 * 60 + 45)
        # Closing would pause the clock (issue 11): leave it as an app that stopped just now,
        # seen running, so that it opens running without asking about the time in between.
        live.keep_clock_alive()
        live.writer.wait()
        crash(live)
        return session_id
    live.close()
    return session_id


async def runner_shown(pilot: Pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunnerScreen)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", TIMER_STATES)
def test_runner_on_the_demo(snap_compare, make_app, store, clock, state, size) -> None:
    session_id = demo_at(store, clock, state)
    assert snap_compare(make_app(session_id), terminal_size=size, run_before=runner_shown)


async def wall_view_shown(pilot: Pilot) -> None:
    await runner_shown(pilot)
    await pilot.press("f11")
    await pilot.pause()
    pilot.app.screen.capture.message.clear()  # the message says what F11 did; not the point here
    await pilot.pause()


@pytest.mark.parametrize("wall", [False, True], ids=["normaal", "muurweergave"])
def test_runner_on_a_projector(snap_compare, make_app, store, clock, wall) -> None:
    """200x55 (issue 11, item 1): big clock, phase banner, whole agenda; F11 only for the room."""
    session_id = demo_at(store, clock, "normal")
    run_before = wall_view_shown if wall else runner_shown
    assert snap_compare(make_app(session_id), terminal_size=(200, 55), run_before=run_before)
