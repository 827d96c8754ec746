"""The app and closed time (issue 11, item 10): Ctrl+Q pauses the clock, and after a crash the app
asks whether the time in between counts (no by default). Time only moves through FakeClock.
"""

from __future__ import annotations

import asyncio

from helpers_sessions import crash
from textual.widgets import Button, Digits, Static

from screens.clock_question import UnseenTimeQuestion
from screens.runner import RunnerScreen
from workshop.session import create_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
WEEK = 7 * 24 * 3600


def crashed_session(store, clock, ran: float) -> str:  # type: ignore[no-untyped-def]
    """A session whose clock ran ``ran`` seconds, seen by the app, then the app died."""
    live = create_session(
        store, clock, title="Teamoverleg", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.start_timer()
    clock.advance(ran)
    live.keep_clock_alive()
    live.writer.wait()
    crash(live)
    return live.session.id


def digits(pilot) -> str:  # type: ignore[no-untyped-def]
    runner = next(s for s in pilot.app.screen_stack if isinstance(s, RunnerScreen))
    runner.tick()
    return runner.query_one("#timer-digits", Digits).value


def agenda_text(pilot) -> str:  # type: ignore[no-untyped-def]
    runner = next(s for s in pilot.app.screen_stack if isinstance(s, RunnerScreen))
    return str(runner.query_one("#agenda").render())


async def question(pilot) -> UnseenTimeQuestion:  # type: ignore[no-untyped-def]
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, UnseenTimeQuestion)
    return screen


def test_after_a_crash_the_app_asks_and_no_is_the_default(make_app, store, clock) -> None:
    session_id = crashed_session(store, clock, ran=5 * 60)
    clock.advance(WEEK)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            asked = await question(pilot)
            text = str(asked.query_one("#clock-question", Static).render())
            assert text.startswith(
                "De klok liep nog toen de sessie stopte (7 dagen geleden). Telt die tijd mee?"
            )
            assert pilot.app.focused is asked.query_one("#clock-no", Button)
            await pilot.press("enter")  # the default: no
            await pilot.pause()
            pilot.app.screen.live.writer.wait()
            await pilot.pause()
            assert isinstance(pilot.app.screen, RunnerScreen)
            assert digits(pilot) == "15:00"
            assert "achter op schema" not in agenda_text(pilot)
        timer = store.load(session_id).session.timers[0]
        assert timer.ends_at is None and timer.remaining == 15 * 60

    asyncio.run(scenario())


def test_after_a_crash_yes_counts_the_time_and_the_clock_runs_on(make_app, store, clock) -> None:
    session_id = crashed_session(store, clock, ran=5 * 60)
    clock.advance(30 * 60)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await question(pilot)
            await pilot.press("j")
            await pilot.pause()
            pilot.app.screen.live.writer.wait()
            await pilot.pause()
            assert isinstance(pilot.app.screen, RunnerScreen)
            assert pilot.app.screen.live.timer_reading().running
            assert digits(pilot) == "+15:00"  # 5 + 30 minutes of a 20-minute phase
        log = store.load(session_id).session.timing_log
        assert log[-1].stopped is not None  # quitting paused it, after the counted time
        assert (log[-1].stopped - log[-1].started).total_seconds() == 35 * 60

    asyncio.run(scenario())


def test_ctrl_q_pauses_the_clock_and_a_week_later_it_still_shows_where_it_was(
    make_app, store, clock
) -> None:
    live = create_session(
        store, clock, title="Teamoverleg", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    session_id = live.session.id
    live.close()

    async def scenario() -> None:
        app = make_app(session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            await pilot.pause()
            pilot.app.screen.live.writer.wait()
            clock.advance(23 * 60)
            assert digits(pilot) == "+03:00"
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0
        clock.advance(WEEK)
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(pilot.app.screen, RunnerScreen)  # no question: it was paused
            assert digits(pilot) == "+03:00"
            assert "3 min achter op schema" in agenda_text(pilot)

    asyncio.run(scenario())
