"""The new-session form: defaults, typing, validation next to the field, creating, cancelling."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from textual.widgets import Input, Select, Static

from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.new_session import NewSessionScreen, parent_panel, team_members
from workshop.errors import StoreError, ValidationError
from workshop.model import Group
from workshop.store import SessionStore

SIZE = (120, 36)


def spy_on_runner(app: object) -> list[str]:
    opened: list[str] = []
    app.open_runner = opened.append  # type: ignore[attr-defined]
    return opened


def stored_sessions(store: SessionStore) -> list:
    """Read from disk again, as a fresh start of the app would."""
    fresh = SessionStore(store.root)
    return [fresh.load(s.id) for s in fresh.list_sessions()]


def value(screen: NewSessionScreen, input_id: str) -> str:
    return screen.query_one(f"#{input_id}", Input).value


def error_text(screen: NewSessionScreen, input_id: str) -> str:
    error = screen.query_one(f"#{input_id}-error", Static)
    return str(error.render()) if error.display else ""


async def open_form(pilot) -> NewSessionScreen:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, NewSessionScreen)
    return form


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press(char)


# -- participants from typed values -----------------------------------------------------------


def test_parents_are_anonymous_unless_named() -> None:
    parents = parent_panel("2", "Sevda, anoniem, , Karim")
    assert [p.name for p in parents] == ["", "", "Sevda", "", "Karim"]
    assert all(p.group is Group.OUDERPANEL for p in parents)
    assert parent_panel("", "") == []
    with pytest.raises(ValidationError) as caught:
        parent_panel("500", "")
    assert caught.value.field == "ouders"


def test_team_members_by_name() -> None:
    team = team_members(" Fatima El Amrani,Joost ,")
    assert [(p.group, p.name) for p in team] == [
        (Group.TEAM, "Fatima El Amrani"),
        (Group.TEAM, "Joost"),
    ]
    with pytest.raises(ValidationError) as caught:
        team_members("x" * 200)
    assert caught.value.field == "team"


# -- the form in the app ------------------------------------------------------------------------


def test_defaults_today_and_the_step_plan(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            assert value(form, "day") == "10-03-2026"  # the FakeClock's day
            assert form.query_one("#template", Select).value == "stappenplan"
            assert form.query_one("#title", Input).has_focus
            hint = str(form.query_one("#template-hint", Static).render())
            assert "6 fasen" in hint

    asyncio.run(scenario())


def test_create_a_session_by_keyboard(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            form = await open_form(pilot)
            await type_text(pilot, "Avond [b]")
            await pilot.press("tab")
            await type_text(pilot, "Regenboog")
            await pilot.press("tab", "ctrl+u")
            await type_text(pilot, "14-03-2026")
            await pilot.press("enter")  # Enter on a field that is not the last: next field
            assert form.query_one("#facilitator", Input).has_focus
            await type_text(pilot, "Marieke")
            await pilot.press("tab", "tab")  # past the template
            await type_text(pilot, "Ans, Jo")
            await pilot.press("tab")
            await type_text(pilot, "2")
            await pilot.press("tab")
            await type_text(pilot, "Sevda")
            await pilot.press("enter")  # Enter on the last field creates
            await pilot.pause()

            sessions = stored_sessions(store)
            assert len(sessions) == 1
            session = sessions[0].session
            assert session.title == "Avond [b]"
            assert session.location == "Regenboog"
            assert session.day == date(2026, 3, 14)
            assert session.facilitator == "Marieke"
            assert session.template["id"] == "stappenplan"
            assert [(p.group, p.name) for p in session.participants] == [
                (Group.TEAM, "Ans"),
                (Group.TEAM, "Jo"),
                (Group.OUDERPANEL, ""),
                (Group.OUDERPANEL, ""),
                (Group.OUDERPANEL, "Sevda"),
            ]
            assert opened == [session.id]
            assert isinstance(pilot.app.screen, HomeScreen)  # the form made way for the runner

    asyncio.run(scenario())


def test_other_template_can_be_chosen(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Korte sessie"
            form.query_one("#template", Select).focus()
            await pilot.press("enter")  # opens the list; the choice sorts before stappenplan
            await pilot.press("up", "enter")
            await pilot.pause()
            assert form.query_one("#template", Select).value == "partnerschapsteam-90"
            assert "3 fasen" in str(form.query_one("#template-hint", Static).render())
            await pilot.press("ctrl+s")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.template["id"] == "partnerschapsteam-90"
            assert len(stored.session.timers) == 3

    asyncio.run(scenario())


def test_errors_appear_next_to_their_field_and_nothing_typed_is_lost(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#location", Input).value = "De Regenboog"
            form.query_one("#day", Input).value = "31-02-2026"
            form.query_one("#team", Input).value = "Fatima"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "bestaat niet" in error_text(form, "day")
            assert form.query_one("#day", Input).has_focus
            assert error_text(form, "title") == ""
            assert stored_sessions(store) == []

            form.query_one("#day", Input).value = "28-02-2026"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert error_text(form, "day") == ""
            assert "titel is verplicht" in error_text(form, "title").lower()
            assert form.query_one("#title", Input).has_focus
            assert stored_sessions(store) == []
            assert value(form, "location") == "De Regenboog"
            assert value(form, "team") == "Fatima"

            await type_text(pilot, "Derde")
            await pilot.press("ctrl+s")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.title == "Derde"
            assert stored.session.day == date(2026, 2, 28)
            assert opened == [stored.session.id]

    asyncio.run(scenario())


def test_a_failed_save_keeps_the_form_filled(make_app, store, monkeypatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise StoreError("Opslaan is mislukt: de schijf is vol.")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Blijft staan"
            monkeypatch.setattr(pilot.app.store, "create", full_disk)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert value(form, "title") == "Blijft staan"
            assert opened == []
            messages = [str(n.message) for n in pilot.app._notifications]
            assert any("schijf is vol" in m for m in messages)

    asyncio.run(scenario())


def test_escape_on_an_untouched_form_goes_straight_back(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await open_form(pilot)
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, HomeScreen)

    asyncio.run(scenario())


def test_escape_after_typing_asks_before_dropping_it(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            await type_text(pilot, "Half")
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")  # no: back to the form, text still there
            assert pilot.app.screen is form
            assert value(form, "title") == "Half"
            await pilot.press("escape")
            await pilot.click("#confirm-yes")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen)
            assert stored_sessions(store) == []

    asyncio.run(scenario())


def test_create_button_works_with_the_mouse(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Met de muis"
            await pilot.click("#create")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.title == "Met de muis"
            assert stored.session.participants == []

    asyncio.run(scenario())
