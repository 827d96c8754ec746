"""F10 and the agreement form are built once per open session and shown again, refilled with
what is true now (screens.kept_screens): building a screen is most of the time to open it
(issue 9: key to frame at most 50 ms)."""

from __future__ import annotations

import asyncio

from helpers_keys import app_on_runner, burst, new_session, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from screens.runner import RunnerScreen
from screens.themes import PROJECTOR_DARK
from workshop.model import Group, Status
from workshop.session import open_session


def with_agreement(store, clock) -> str:  # type: ignore[no-untyped-def]
    session_id = new_session(store, clock)
    live = open_session(store, session_id, clock)
    live.add_agreement("Nieuwsbrief korter", "Sevda")
    live.add_agreement("Tolk regelen", "Anouk Bakker")
    live.close()
    return session_id


def text(pilot: Pilot[object], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def shown(pilot: Pilot[object], selector: str) -> bool:
    return pilot.app.screen.query_one(selector).display


def kept_names(pilot: Pilot[object]) -> list[str]:
    return [n for n in pilot.app._installed_screens if n.startswith("kept-")]


def test_f10_again_shows_the_same_screen_fresh_and_from_the_top(make_app, store, clock) -> None:
    session_id = with_agreement(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            await pilot.press("f10")
            await settle(pilot)
            first = app.screen
            assert isinstance(first, AgreementsScreen)
            await pilot.press("o", "down")  # per owner, second row
            await settle(pilot)
            assert text(pilot, "#agreements-title") == "Afspraken, per eigenaar"
            await pilot.press("escape")
            await settle(pilot)
            runner.live.add_agreement("Koffie voor de ouders", "Bram Visser")
            await pilot.press("f10")
            await settle(pilot)
            assert app.screen is first  # not built again
            table = first.query_one(DataTable)
            assert [table.get_row_at(i)[1].plain for i in range(table.row_count)] == [
                "Nieuwsbrief korter",
                "Tolk regelen",
                "Koffie voor de ouders",  # made meanwhile: shown
            ]
            assert text(pilot, "#agreements-title") == "Afspraken"  # made-order again
            assert table.cursor_row == 0

    asyncio.run(scenario())


def test_the_agreement_form_is_shown_again_as_the_kind_asked_for(make_app, store, clock) -> None:
    session_id = with_agreement(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            # From a remark: its text, the line it comes from, no status.
            burst(app, [*"Brieven korter", "enter", "escape", "a"])
            await settle(pilot)
            form = app.screen
            assert isinstance(form, AgreementFormScreen)
            assert form.query_one("#input-afspraak", TextArea).text == "Brieven korter"
            assert shown(pilot, "#form-source")
            assert "Brieven korter" in text(pilot, "#form-source")
            assert not shown(pilot, "#field-status")
            await pilot.press("escape")
            await settle(pilot)
            # Someone joins meanwhile: the owner's hint and suggestions know them.
            runner.live.add_participant(Group.TEAM, "Wessel de Boer")
            # New, from F10: the same form, empty, no source line, first field focused.
            await pilot.press("f10")
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert app.screen is form
            assert text(pilot, "#form-title") == "Nieuwe afspraak"
            assert form.query_one("#input-afspraak", TextArea).text == ""
            assert not shown(pilot, "#form-source")
            assert not shown(pilot, "#field-status")
            assert app.focused is form.query_one("#input-afspraak")
            assert "Wessel de Boer" in text(pilot, "#field-eigenaar .field-hint")
            await pilot.press("escape")
            await settle(pilot)
            # Edit: the agreement's values and its status.
            await pilot.press("e")
            await settle(pilot)
            assert app.screen is form
            assert text(pilot, "#form-title") == "Afspraak wijzigen"
            assert form.query_one("#input-afspraak", TextArea).text == "Nieuwsbrief korter"
            assert form.query_one("#input-eigenaar", Input).value == "Sevda"
            assert shown(pilot, "#field-status")
            assert form.query_one("#input-status", Input).value == Status.OPEN.value
            await pilot.press("escape")
            await settle(pilot)
            # Keys typed while the kept form opens land in it, and it saves a new agreement.
            burst(app, ["n", *"Tolk", "enter", *"Wessel de Boer", "ctrl+s"])
            await settle(pilot)
            assert isinstance(app.screen, AgreementsScreen)
            made = runner.live.agreements[-1]
            assert (made.what, made.owner, made.status) == ("Tolk", "Wessel de Boer", Status.OPEN)

    asyncio.run(scenario())


def test_leaving_the_session_drops_its_kept_screens(make_app, store, clock) -> None:
    session_id = with_agreement(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            await pilot.press("f10", "n")
            await settle(pilot)
            kept = [app.get_screen(name) for name in kept_names(pilot)]
            assert {type(s) for s in kept} == {AgreementsScreen, AgreementFormScreen}
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert isinstance(app.screen, RunnerScreen)
            await app.pop_screen()
            await settle(pilot)
            assert not runner.is_attached
            assert kept_names(pilot) == []
            assert not any(s.is_attached for s in kept)

    asyncio.run(scenario())


def test_f10_again_after_a_theme_change_shows_the_status_in_the_new_colours(
    make_app, store, clock
) -> None:
    """The status cells carry the theme's colours: a kept screen builds its rows again."""
    session_id = with_agreement(store, clock)
    live = open_session(store, session_id, clock)
    live.update_agreement(live.agreements[0].id, status=Status.BEZIG)
    live.close()

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, _):
            assert app.theme != PROJECTOR_DARK
            app.theme = PROJECTOR_DARK
            await settle(pilot)
            await pilot.press("f10")
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            status = table.get_row_at(0)[4]
            assert status.plain == "bezig"
            assert status.style == f"bold {app.current_theme.warning}"

    asyncio.run(scenario())
