"""The new-session form fills in the team and parents of the previous session at the same
location (issue 11, item 18); anonymous parents stay a number, and what the facilitator typed
is never overwritten."""

from __future__ import annotations

import asyncio
from datetime import date

from helpers_review import LOCATION, start_session
from textual.pilot import Pilot
from textual.widgets import Input

from screens.new_session import NewSessionScreen
from workshop.model import Group
from workshop.store import SessionStore

SIZE = (120, 36)


async def open_form(pilot: Pilot) -> NewSessionScreen:
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, NewSessionScreen)
    return form


async def looked_up(pilot: Pilot, form: NewSessionScreen) -> None:
    for _ in range(500):
        await pilot.pause(0.01)
        if not form.carry_over_lookup.busy:
            await pilot.pause()
            return
    raise AssertionError("the look-up of the earlier sessions never came back")


def value(form: NewSessionScreen, input_id: str) -> str:
    return form.query_one(f"#{input_id}", Input).value


def test_a_second_session_at_the_location_starts_with_its_people(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    # Anouk Bakker, Bram Visser (team); Sevda and one anonymous parent
    start_session(store, clock, "Eerste bijeenkomst", "2026-02-16").close()

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            pilot.app.open_runner = lambda session_id: None  # type: ignore[method-assign]
            form = await open_form(pilot)
            assert value(form, "team") == ""
            form.query_one("#title", Input).value = "Tweede bijeenkomst"
            form.query_one("#day", Input).value = "16-03-2026"
            form.query_one("#location", Input).value = LOCATION
            await looked_up(pilot, form)
            assert value(form, "team") == "Anouk Bakker, Bram Visser"
            assert value(form, "parent-count") == "1"  # the anonymous parent, as a number
            assert value(form, "parent-names") == "Sevda"
            await pilot.press("ctrl+s")
            for _ in range(100):
                await pilot.pause(0.01)
                if not isinstance(pilot.app.screen, NewSessionScreen):
                    break

    asyncio.run(scenario())
    fresh = SessionStore(store.root)
    second = next(s for s in fresh.list_sessions() if s.title == "Tweede bijeenkomst")
    people = fresh.load(second.id).session.participants
    assert sorted((p.group.value, p.name) for p in people) == sorted(
        [
            (Group.TEAM.value, "Anouk Bakker"),
            (Group.TEAM.value, "Bram Visser"),
            (Group.OUDERPANEL.value, "Sevda"),
            (Group.OUDERPANEL.value, ""),
        ]
    )
    assert second.day == date(2026, 3, 16)


def test_what_the_facilitator_typed_stays(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    start_session(store, clock, "Eerste bijeenkomst", "2026-02-16").close()

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            form.query_one("#team", Input).value = "Fatima"
            form.query_one("#day", Input).value = "16-03-2026"
            form.query_one("#location", Input).value = LOCATION
            await looked_up(pilot, form)
            assert value(form, "team") == "Fatima"  # typed: not overwritten
            assert value(form, "parent-names") == "Sevda"  # empty: filled in
            # another location without earlier sessions: the filled-in fields empty again
            form.query_one("#location", Input).value = "Ergens anders"
            await looked_up(pilot, form)
            assert value(form, "parent-names") == ""
            assert value(form, "team") == "Fatima"

    asyncio.run(scenario())
