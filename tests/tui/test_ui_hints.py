"""F4 tips on the wall (issue 11, item 2): they never hide the clock, say in words that they are
only for the facilitator, and say where to read them unseen (the own code on a phone)."""

from __future__ import annotations

import asyncio

from helpers_keys import new_session, runner_of, settle
from textual.widgets import Static

from screens.widgets import HintsPanel
from screens.widgets.timer_display import TimerDisplay


def panel_text(panel: HintsPanel) -> str:
    return " ".join(str(widget.render()) for widget in panel.query(Static) if widget.display)


def test_tips_leave_the_clock_in_view_and_say_who_they_are_for(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(100, 30)) as pilot:
            screen = await runner_of(pilot)
            timer = screen.query_one(TimerDisplay)
            before = timer.region
            await pilot.press("f4")
            await settle(pilot)
            panel = screen.query_one(HintsPanel)
            assert panel.region.height > 5
            assert timer.region.height == before.height > 0  # the clock is as it was
            assert timer.region.y == before.y
            assert not timer.region.overlaps(panel.region)
            text = " ".join(panel_text(panel).split())
            assert "ALLEEN VOOR DE BEGELEIDER" in text
            assert "eigen telefoon" in text and "Ctrl+Y" in text and "b " in text
            await pilot.press("f4")
            await settle(pilot)
            assert not panel.display
            assert timer.region.height == before.height

    asyncio.run(scenario())
