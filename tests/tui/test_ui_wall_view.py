"""The runner on a projector (issue 11, item 1): from 160 columns the clock is at least twice as
tall and no agenda label is cut off; F11 shows only what the room needs, and F11 brings it back."""

from __future__ import annotations

import asyncio

from helpers_keys import runner_of, settle
from textual.widget import Widget
from textual.widgets import Digits

from screens.steady_footer import SteadyFooter
from screens.widgets.agenda import Agenda
from screens.widgets.big_digits import BigDigits
from screens.widgets.capture_bar import CaptureBar
from screens.widgets.step_view import StepView
from screens.widgets.timer_display import TimerDisplay
from workshop.demo import create_demo_session

WALL = (200, 55)
LAPTOP = (120, 36)


def demo(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = create_demo_session(store, clock)
    session_id = live.session.id
    live.close()
    return session_id


def shown_clock(timer: TimerDisplay) -> Widget:
    """The digits on screen: the small ones or the big ones, whichever is shown."""
    shown = [w for w in (timer.query_one(Digits), timer.query_one(BigDigits)) if w.display]
    assert len(shown) == 1
    return shown[0]


def agenda_lines(agenda: Agenda) -> list[str]:
    return agenda.render().plain.splitlines()


def test_a_wide_screen_draws_the_clock_twice_as_tall_and_cuts_no_label(
    make_app, store, clock
) -> None:
    session_id = demo(store, clock)
    seen: dict[tuple[int, int], tuple[int, list[str], str]] = {}

    async def scenario(size: tuple[int, int]) -> None:
        async with make_app(session_id).run_test(size=size) as pilot:
            screen = await runner_of(pilot)
            await settle(pilot)
            digits = shown_clock(screen.query_one(TimerDisplay))
            timer_label = screen.query_one(TimerDisplay).label
            assert timer_label and digits.region.height > 0
            seen[size] = (digits.region.height, agenda_lines(screen.query_one(Agenda)), timer_label)

    for size in (LAPTOP, WALL):
        asyncio.run(scenario(size))
    laptop_height, laptop_agenda, _ = seen[LAPTOP]
    wall_height, wall_agenda, _ = seen[WALL]
    assert laptop_height == 3
    assert wall_height >= 2 * laptop_height
    assert any("…" in line for line in laptop_agenda)  # the narrow side column cuts one
    assert "Behoefte en kansen vaststellen" in "\n".join(wall_agenda)
    assert not any("…" in line for line in wall_agenda), wall_agenda


def test_the_wall_key_shows_only_what_the_room_needs_and_brings_it_back(
    make_app, store, clock
) -> None:
    session_id = demo(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=WALL) as pilot:
            screen = await runner_of(pilot)
            await settle(pilot)
            for_facilitator = [screen.query_one(Agenda), screen.query_one(SteadyFooter)]
            for_room = [
                screen.query_one(StepView),
                screen.query_one("#columns"),
                screen.query_one(TimerDisplay),
                screen.query_one(CaptureBar),  # the facilitator goes on typing
            ]
            assert all(w.display and w.region.height for w in for_facilitator + for_room)
            await pilot.press("f11")
            await settle(pilot)
            assert screen.has_class("-wall")
            assert not any(w.display and w.region.height for w in for_facilitator)
            assert all(w.display and w.region.height for w in for_room)
            assert "Muurweergave" in str(screen.capture.message.render())
            await pilot.press("f4")  # the tips stay off the wall
            await settle(pilot)
            assert not screen.query_one("#hints").display
            await pilot.press("f11")
            await settle(pilot)
            assert not screen.has_class("-wall")
            assert all(w.display and w.region.height for w in for_facilitator + for_room)

    asyncio.run(scenario())
