"""Dates in the screens (issue 11, items 13 and 14): the agreements screen shows the resolved
date of a relative deadline, and the forms' example dates follow the app's clock."""

from __future__ import annotations

import asyncio
from datetime import date

from helpers_review import at, first_session, second_session, start_session
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from screens.goal_form import GoalFormScreen
from screens.review import ReviewScreen
from workshop.model import Due, Horizon
from workshop.session import open_session

SIZE = (120, 36)


def test_the_agreements_screen_shows_the_date_of_volgende_week(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    live = start_session(store, clock, "Plan opstellen", "2026-11-30")
    live.add_agreement("Alle ouders bellen", "Anouk Bakker", due=Due(horizon=Horizon.VOLGENDE_WEEK))
    live.add_agreement("Folder vertalen", "Sevda", due=Due(on=date(2027, 1, 8)))
    live.close()
    at(clock, "2027-03-01")  # opened months later: the date stays that of the session

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            opened = open_session(store, live.session.id, clock)
            app.push_screen(AgreementsScreen(opened))
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            due = {
                table.get_cell_at(Coordinate(row, 1)).plain: table.get_cell_at(
                    Coordinate(row, 3)
                ).plain
                for row in range(table.row_count)
            }
            assert due == {
                "Alle ouders bellen": "volgende week (uiterlijk 14-12-2026)",
                "Folder vertalen": "08-01-2027",
            }
            opened.close()

    asyncio.run(scenario())


async def placeholder(pilot: Pilot, name: str) -> str:
    await pilot.pause()
    return pilot.app.screen.query_one(f"#input-{name}", Input).placeholder


def test_example_dates_in_the_forms_follow_the_clock(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    live = start_session(store, clock, "Plan opstellen", "2026-12-14")
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            opened = open_session(store, live.session.id, clock)
            app.push_screen(AgreementFormScreen(opened))
            assert await placeholder(pilot, "wanneer") == "bijv. volgende maand of 01-02-2027"
            app.pop_screen()
            app.push_screen(GoalFormScreen(opened))
            datum = await placeholder(pilot, "datum")
            assert "01-02-2027" in datum and "01-10-2026" not in datum
            app.pop_screen()
            opened.close()

    asyncio.run(scenario())


def test_the_review_moment_example_follows_the_clock(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    first_session(store, clock)
    second = second_session(store, clock)  # on 16-02-2026

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            opened = open_session(store, second, clock)
            app.push_screen(ReviewScreen(opened))
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            edit = app.screen.query_one("#review-edit-input", Input)
            assert edit.placeholder == "bijv. volgende maand of 01-04-2026"
            opened.close()

    asyncio.run(scenario())
