"""Snapshots of the home screen and the new-session form, at projector sizes.

Sessions are made on the FakeClock, so every date on screen is fixed; inputs do not blink.
Update with `pytest tests/test_snapshots_home.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import get_template

SIZES = [(120, 36), (100, 30)]
DEMO_LOCATION = "Kinderdagverblijf De Zonnebloem, Utrecht"


def fill_store(store: SessionStore, clock: FakeClock) -> None:
    create_demo_session(store, clock).close()
    for title, location, day, template in [
        ("Startbijeenkomst partnerschapsteam", "Basisschool De Wilg, groep 1-2", 3, "stappenplan"),
        ("Ouderpanel: wat vinden ouders?", "Peuterspeelzaal De Regenboog", 1, "stappenplan"),
        ("Korte bijeenkomst [b]team[/b]", "", 2, "partnerschapsteam-90"),
    ]:
        clock.advance(60)
        live = create_session(
            store,
            clock,
            title=title,
            template=get_template(template),
            location=location,
            day=date(2026, 3, day),
        )
        if title.startswith("Start"):
            live.go_to(2)
        live.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_with_sessions(snap_compare, make_app, store, clock, size) -> None:
    fill_store(store, clock)
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_empty(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size)


async def looked_up(pilot: Pilot, form) -> None:  # type: ignore[no-untyped-def]
    """The look-up of the earlier sessions runs in a thread once the keys pause: wait for it."""
    for _ in range(500):
        await pilot.pause(0.01)
        if not form.carry_over_lookup.busy:
            break
    await pilot.pause()


async def form_with_a_bad_date(pilot: Pilot) -> None:
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    form.query_one("#title", Input).value = "Ouderavond najaar"
    form.query_one("#location", Input).value = "De Regenboog"
    form.query_one("#day", Input).value = "31-02-2026"
    form.query_one("#team", Input).value = "Fatima El Amrani, Joost de Vries"
    form.query_one("#parent-count", Input).value = "3"
    form.query_one("#parent-names", Input).value = "Sevda"
    await looked_up(pilot, form)
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_session_form_with_a_validation_message(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=form_with_a_bad_date)


async def form_in_a_trajectory(pilot: Pilot) -> None:
    """The demo's location again: its open agreements come along, the terugblik is on."""
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    form.query_one("#title", Input).value = "Tweede ouderavond"
    form.query_one("#location", Input).value = DEMO_LOCATION
    form.query_one("#scan-indicatoren", Checkbox).value = True
    await looked_up(pilot, form)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_session_form_in_a_trajectory(snap_compare, make_app, store, clock, size) -> None:
    demo = create_demo_session(store, clock)
    assert demo.session.location == DEMO_LOCATION
    demo.close()
    clock.advance(60)  # the new session comes after the demo
    assert snap_compare(make_app(), terminal_size=size, run_before=form_in_a_trajectory)
