"""Snapshots of the agreements screen and the agreement form (demo session), at two sizes."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from workshop.demo import create_demo_session
from workshop.session import open_session

SIZES = [(120, 36), (100, 30)]


@pytest.fixture
def demo_id(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = create_demo_session(store, clock)
    live.close()
    return live.session.id


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "100x30"])
def test_agreements_screen(snap_compare, make_app, store, clock, demo_id, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()

    async def show(pilot: Pilot) -> None:
        app.push_screen(AgreementsScreen(open_session(store, demo_id, clock)))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "100x30"])
def test_agreement_form_refusing_a_missing_owner(  # type: ignore[no-untyped-def]
    snap_compare, make_app, store, clock, demo_id, size
) -> None:
    app = make_app()

    async def show(pilot: Pilot) -> None:
        live = open_session(store, demo_id, clock)
        app.push_screen(AgreementFormScreen(live, source=live.contributions[4]))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show)
