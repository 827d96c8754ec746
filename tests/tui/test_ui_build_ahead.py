"""The runner builds its agreements screen (F10) and agreement form (``a``) while it waits for
keys, without showing them: the first F10 and ``a`` of a session then only show them (issue 9:
key to frame at most 50 ms; the first ``a`` took 65 ms, 35 of them building the form)."""

from __future__ import annotations

import asyncio
import time

import pytest
from helpers_keys import SIZE, app_on_runner, new_session, runner_of, settle, until
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TextArea

from screens import runner_ahead
from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from screens.confirm import ConfirmScreen
from screens.kept_screens import drop_kept
from screens.runner import RunnerScreen
from screens.runner_ahead import build_when_quiet
from screens.themes import PROJECTOR_DARK
from workshop.model import Group
from workshop.session import open_session


def with_remark_and_agreement(store, clock) -> str:  # type: ignore[no-untyped-def]
    session_id = new_session(store, clock)
    live = open_session(store, session_id, clock)
    live.add_contribution("Ouders willen vaker een kort gesprek", Group.OUDERPANEL)
    live.add_agreement("Tolk regelen", "Anouk Bakker")
    live.close()
    return session_id


def kept(pilot: Pilot[object]) -> dict[str, object]:
    """The screens kept for the open session, by kind."""
    app = pilot.app
    names = [n for n in app._installed_screens if n.startswith("kept-")]
    return {type(app.get_screen(n)).__name__: app.get_screen(n) for n in names}


async def built_ahead(pilot: Pilot[object]) -> dict[str, object]:
    """Wait until the warm-up has run and what it built is mounted; the kept screens."""
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    for screen in kept(pilot).values():
        assert isinstance(screen, AgreementsScreen | AgreementFormScreen)
        for widget in screen.walk_children():
            assert widget.is_mounted
    return kept(pilot)


def test_the_runner_builds_its_screens_ahead_without_showing_them(make_app, store, clock) -> None:
    session_id = with_remark_and_agreement(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            screens = await built_ahead(pilot)
            form = screens[AgreementFormScreen.__name__]
            agreements = screens[AgreementsScreen.__name__]
            assert isinstance(form, AgreementFormScreen) and form.is_mounted
            assert isinstance(agreements, AgreementsScreen) and agreements.is_mounted
            # Nothing of them is shown, and typing still goes to the capture line.
            assert app.screen_stack[-1] is runner
            assert app.focused is runner.capture.input

            # The first ``a`` shows the form that was built, as a form from this remark.
            await pilot.press("escape")  # to the list: its first remark is highlighted
            await pilot.press("a")
            await settle(pilot)
            assert app.screen is form
            source = str(form.query_one("#form-source", Static).render())
            assert "Ouders willen vaker een kort gesprek" in source
            what = form.query_one("#input-afspraak", TextArea).text
            assert what == "Ouders willen vaker een kort gesprek"
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is runner

            # The first F10 shows the agreements screen that was built, with its row.
            await pilot.press("f10")
            await settle(pilot)
            assert app.screen is agreements
            table = agreements.query_one(DataTable)
            assert [table.get_row_at(i)[1].plain for i in range(table.row_count)] == [
                "Tolk regelen"
            ]

    asyncio.run(scenario())


def test_building_ahead_waits_while_keys_come(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = with_remark_and_agreement(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            await built_ahead(pilot)
            drop_kept(app, runner.live)  # as if nothing was built yet
            await settle(pilot)
            assert kept(pilot) == {}

            monkeypatch.setattr(runner_ahead, "QUIET_SECONDS", 3600.0)
            app.last_key_at = time.monotonic()  # someone is typing
            build_when_quiet(runner)
            await settle(pilot)
            assert kept(pilot) == {}  # later, not while keys come

            # Once the keys have stopped for QUIET_SECONDS, the screens are built (on a timer:
            # build_when_quiet is not called again).
            monkeypatch.setattr(runner_ahead, "QUIET_SECONDS", 0.05)
            app.last_key_at = time.monotonic()
            build_when_quiet(runner)
            assert kept(pilot) == {}
            await until(pilot, lambda: len(kept(pilot)) == 2)
            screens = await built_ahead(pilot)
            assert sorted(screens) == [AgreementFormScreen.__name__, AgreementsScreen.__name__]

    asyncio.run(scenario())


def test_a_read_only_runner_builds_no_agreement_form(make_app, store, clock) -> None:
    session_id = with_remark_and_agreement(store, clock)
    elsewhere = open_session(store, session_id, clock)  # holds the session's lock

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.click("#confirm-yes")
            runner = await runner_of(pilot)
            assert isinstance(runner, RunnerScreen) and runner.read_only
            screens = await built_ahead(pilot)
            assert sorted(screens) == [AgreementsScreen.__name__]  # F10 still shows them

    try:
        asyncio.run(scenario())
    finally:
        elsewhere.close()


def test_a_screen_built_ahead_shows_the_theme_chosen_since(make_app, store, clock) -> None:
    """Textual restyles only the screens on the stack when the theme changes; a screen built
    ahead is styled again when it is first shown."""
    session_id = with_remark_and_agreement(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, _):
            screens = await built_ahead(pilot)
            agreements = screens[AgreementsScreen.__name__]
            assert isinstance(agreements, AgreementsScreen)
            title = agreements.query_one("#agreements-title")
            before = title.styles.color
            assert app.theme != PROJECTOR_DARK
            app.theme = PROJECTOR_DARK
            await settle(pilot)
            primary = Color.parse(app.get_css_variables()["primary"])
            assert primary != before  # the new theme has another primary colour
            await pilot.press("f10")
            await settle(pilot)
            assert app.screen is agreements
            assert title.styles.color == primary

    asyncio.run(scenario())
