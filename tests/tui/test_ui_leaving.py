"""Leaving the runner is a deliberate act (issue 11, item 15): Escape twice while typing does not
drop the session without a word; it asks "Sessie verlaten?", and says so when the clock runs."""

from __future__ import annotations

import asyncio

from helpers_keys import new_session, runner_of, settle, typed

from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.runner import RunnerScreen


def test_escape_twice_while_typing_asks_before_leaving(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press(*typed("Ouders willen meedoen"), "enter")
            await settle(pilot)
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ConfirmScreen)
            assert "Sessie verlaten" in pilot.app.screen.question
            assert "klok" not in pilot.app.screen.question.lower()
            await pilot.press("escape")  # a third Escape: stay
            await settle(pilot)
            assert pilot.app.screen is screen
            assert screen.capture.input.has_focus

    asyncio.run(scenario())


def test_leaving_with_the_clock_running_says_it_pauses(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("f5")  # the clock runs
            await settle(pilot)
            await pilot.press("escape")  # an empty step: straight to the question
            await settle(pilot)
            question = pilot.app.screen
            assert isinstance(question, ConfirmScreen)
            assert "De klok loopt nog" in question.question
            await pilot.press("j")
            await settle(pilot)
            assert isinstance(pilot.app.screen, HomeScreen)
            assert not isinstance(pilot.app.screen, RunnerScreen)
            assert screen.live.timer_reading().running is False

    asyncio.run(scenario())
