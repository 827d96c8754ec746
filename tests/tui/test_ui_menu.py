"""The command menu (Ctrl+P): a typed word and Enter run its best match at once (issue 11,
item 6), also when the keys come faster than the menu can search."""

from __future__ import annotations

import asyncio
from copy import deepcopy

from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot

from screens.export_preview import ExportPreviewScreen
from screens.new_session import NewSessionScreen
from screens.runner import RunnerScreen
from workshop.demo import create_demo_session

SIZE = (120, 36)


async def type_fast(pilot: Pilot, keys: list[str]) -> None:
    """Keys as a quick typist (or a paste) sends them: all queued before the menu can search."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(40):  # the search and the command run in workers: let them finish
        await pilot.pause(0.02)


async def open_menu(pilot: Pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)


def test_export_and_enter_opens_the_export_in_the_runner(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    demo = create_demo_session(store, clock)
    demo.close()

    async def scenario() -> None:
        app = make_app(open_session_id=demo.session.id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            before = deepcopy(runner.live.session)
            await open_menu(pilot)
            await type_fast(pilot, [*"export", "enter"])
            assert isinstance(app.screen, ExportPreviewScreen)
            # and no other command ran on the way (the first of the list shown before typing)
            assert runner.live.session == before

    asyncio.run(scenario())


def test_a_word_and_enter_run_the_best_match_on_the_overview(make_app) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_menu(pilot)
            await type_fast(pilot, [*"nieuwe", "enter"])
            assert isinstance(app.screen, NewSessionScreen)

    asyncio.run(scenario())


def test_enter_on_a_word_that_matches_nothing_keeps_the_menu_open(make_app) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_menu(pilot)
            await type_fast(pilot, [*"qqqzzz", "enter"])
            assert isinstance(app.screen, CommandPalette)

    asyncio.run(scenario())
