"""``@Naam`` for someone who is not a participant (issue 11, item 16): the remark is saved, and
a small question offers to add the name; a known name (or its start) asks nothing."""

from __future__ import annotations

import asyncio

from helpers_keys import new_session, runner_of, settle, stored_texts, typed

from screens.confirm import ConfirmScreen
from workshop.model import Group
from workshop.store import SessionStore


def participants(store: SessionStore, session_id: str) -> list[tuple[Group, str]]:
    session = SessionStore(store.root).load(session_id).session
    return [(p.group, p.name) for p in session.participants]


def test_an_unknown_name_is_offered_to_be_added(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press(*typed("@Pieter wil graag helpen"), "enter")
            await settle(pilot)
            question = pilot.app.screen
            assert isinstance(question, ConfirmScreen)
            assert "Pieter staat nog niet bij de deelnemers" in question.question
            await pilot.press("j")
            await settle(pilot)
            assert pilot.app.screen is screen
            assert "Pieter doet nu mee bij het team" in str(screen.capture.message.render())
            assert screen.capture.input.has_focus
        assert (Group.TEAM, "Pieter") in participants(store, session_id)
        assert stored_texts(store, session_id) == ["wil graag helpen"]

    asyncio.run(scenario())


def test_no_keeps_the_remark_and_a_known_name_asks_nothing(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(120, 36)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press(*typed("@Pieter eerste"), "enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")
            await settle(pilot)
            await pilot.press(*typed("@Anouk tweede"), "enter")
            await settle(pilot)
            assert pilot.app.screen is screen  # Anouk Bakker takes part: no question
        assert "Pieter" not in [name for _, name in participants(store, session_id)]
        assert stored_texts(store, session_id) == ["eerste", "tweede"]

    asyncio.run(scenario())
