"""The runner opens the follow-through screens: terugblik, zelfscan, doelen, balans."""

from __future__ import annotations

import asyncio

from screens.balance import BalanceScreen
from screens.goals import GoalsScreen
from screens.review import ReviewScreen
from screens.runner import RunnerScreen
from screens.scan import ScanScreen
from workshop.model import Aim, Due, Group, Horizon
from workshop.session import create_session, new_participant
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def first_then_second_session(store, clock) -> str:
    """Session 1 makes an agreement; session 2 at the same location brings it along."""
    template = get_template(DEFAULT_TEMPLATE_ID)
    first = create_session(
        store,
        clock,
        title="Overleg januari",
        location="Peuterspeelzaal De Vlinder",
        template=template,
        participants=[new_participant(Group.TEAM, "Anouk")],
    )
    first.add_agreement("Inloopochtend plannen", "Anouk", due=Due(horizon=Horizon.VOLGENDE_WEEK))
    first.close()
    clock.advance(14 * 24 * 3600)
    second = create_session(
        store,
        clock,
        title="Overleg februari",
        location="Peuterspeelzaal De Vlinder",
        template=template,
        scans=("indicatoren",),
    )
    session_id = second.session.id
    second.close()
    return session_id


def test_follow_through_screens_open_from_the_runner(make_app, store, clock) -> None:
    session_id = first_then_second_session(store, clock)

    async def scenario() -> None:
        app = make_app(open_session_id=session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            assert runner.live.step.kind == "terugblik"  # the session starts with the review
            assert runner.check_action("open_step", ()) is True

            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is runner

            for key, screen_class in (
                ("ctrl+r", ReviewScreen),
                ("ctrl+l", GoalsScreen),
                ("ctrl+b", BalanceScreen),
            ):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, screen_class), key
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is runner

            # The scan step added at creation sits at the end of the first phase.
            last_step = len(runner.live.phase.steps) - 1
            runner.live.go_to(0, last_step)
            runner.show_position()
            await pilot.pause()
            assert runner.live.step.kind == "scan-indicatoren"
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, ScanScreen)
            await pilot.press("escape")
            await pilot.pause()

            # An ordinary conversation step has nothing to open: the key is hidden.
            runner.live.go_to(1, 0)
            runner.show_position()
            await pilot.pause()
            await pilot.press(*"=dem Ouders kiezen mee het thema", "enter")
            await pilot.pause()
            saved = runner.live.contributions[-1]
            assert saved.text == "Ouders kiezen mee het thema"
            assert saved.aim is Aim.DEMOCRATISCH
            assert runner.live.balance().aims.contributions[Aim.DEMOCRATISCH] == 1
            assert runner.check_action("open_step", ()) is False
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert app.screen is runner

    asyncio.run(scenario())
