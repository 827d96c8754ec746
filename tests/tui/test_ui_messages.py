"""Messages under the capture line (issue 11, item 7): every clock key says what it changed, and
a message goes away a few seconds later on the app's clock, or when the step changes."""

from __future__ import annotations

import asyncio

from helpers_keys import message, new_session, runner_of, settle, typed

from screens.widgets.message_line import MESSAGE_SECONDS


def test_every_clock_key_says_what_it_changed(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            planned = round(screen._planned() / 60)
            said = []
            for key in ("f6", "f7", "f8", "f5", "f5"):
                await pilot.press(key)
                await settle(pilot)
                said.append(message(screen))
            assert said == [
                f"Klok: 1 minuut erbij (nu {planned + 1} minuten gepland).",
                f"Klok: 5 minuten erbij (nu {planned + 6} minuten gepland).",
                f"Klok: 1 minuut eraf (nu {planned + 5} minuten gepland).",
                "Klok loopt.",
                "Klok staat op pauze.",
            ]

    asyncio.run(scenario())


def test_a_message_goes_after_a_few_seconds_on_the_clock(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press(*typed("Ouders willen vaker meedoen"), "enter")
            await settle(pilot)
            assert message(screen).startswith("Opgeslagen bij team")
            screen.tick()  # first seen now
            clock.advance(MESSAGE_SECONDS - 1)
            screen.tick()
            assert message(screen).startswith("Opgeslagen bij team")  # still there
            clock.advance(2)
            screen.tick()
            assert message(screen).strip() == ""

    asyncio.run(scenario())


def test_a_message_goes_when_the_step_changes(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert "bel" in message(screen)
            await pilot.press("pagedown")
            await settle(pilot)
            assert message(screen).strip() == ""

    asyncio.run(scenario())
