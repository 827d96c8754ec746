"""The terugblik in the UI: a trajectory of three sessions where agreements are made, reviewed,
completed and dropped, checked on screen and in the store after reopening."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from helpers_app import session_in_app
from helpers_review import (
    first_session,
    screen_text,
    second_session,
    start_session,
    type_text,
)
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from screens.review import ReviewScreen
from workshop.model import Due, Horizon, Status

SIZE = (120, 36)


# -- building a trajectory (also used by the issue-4 snapshots) -----------------------------------


def static_text(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


# The app showing the review of the session (helpers_app.session_in_app).
review_screen = partial(session_in_app, show=ReviewScreen)


def detail(pilot: Pilot, label: str) -> str:
    """The value after ``label`` on the review card."""
    for line in static_text(pilot, "#review-details").splitlines():
        if line.startswith(label):
            return line.removeprefix(label).strip()
    return ""


def by_what(agreements):  # type: ignore[no-untyped-def]
    return {a.what: a for a in agreements}


# -- the trajectory -------------------------------------------------------------------------------


def test_three_sessions_agreements_reviewed_completed_and_dropped(make_app, store, clock) -> None:
    first_session(store, clock)
    second = second_session(store, clock)

    async def review_second() -> None:
        async with review_screen(make_app, store, clock, second) as (app, pilot, live):
            text = screen_text(pilot)
            assert "Terugblik op eerdere afspraken" in text
            assert "Afspraak 1 van 4" in text
            assert "0 van 4 besproken" in text
            assert "Alle ouders bellen voor het startgesprek" in text
            assert "Anouk Bakker" in text
            # made 12-01 with "volgende week": due 26-01, so late on 16-02
            assert "volgende week (uiterlijk 26-01-2026)" in text
            assert "te laat" in text.lower()
            assert app.screen.query_one("#review-card").has_class("-overdue")
            assert "Startbijeenkomst partnerschapsteam, 12-01-2026" in text

            await pilot.press("3")  # klaar
            assert "1 van 4 besproken" in screen_text(pilot)
            assert not app.screen.query_one("#review-card").has_class("-overdue")
            await pilot.press("enter")
            assert "Afspraak 2 van 4" in screen_text(pilot)

            await pilot.press("2", "n")  # bezig, and a note
            assert app.focused is app.screen.query_one("#review-edit-input", Input)
            await type_text(pilot, "Offerte gevraagd")
            await pilot.press("enter")
            assert "Offerte gevraagd" in screen_text(pilot)
            assert "te laat" not in screen_text(pilot).lower()  # due in half a year
            await pilot.press("enter")

            await pilot.press("4", "enter")  # vervallen

            await pilot.press("o")  # another owner, picked from the participants
            await type_text(pilot, "br")  # the old owner is selected: typing replaces it
            await pilot.press("enter")
            await pilot.press("w")
            await type_text(pilot, "01-04-2026")
            await pilot.press("enter")
            text = screen_text(pilot)
            assert "Bram Visser" in text and "01-04-2026" in text
            await pilot.press("enter")  # discussed, on to the summary

            text = screen_text(pilot)
            assert "Klaar met de terugblik" in text
            assert "4 van de 4 afspraken besproken: 1 open, 1 bezig, 1 klaar, 1 vervallen." in text
            assert "open → klaar" in text and "open → vervallen" in text
            # a new agreement in this session, to be brought along next time
            live.add_agreement(
                "Een oudercontactpersoon kiezen", "Sevda", due=Due(horizon=Horizon.DEZE_WEEK)
            )
            await pilot.press("escape")
            assert not isinstance(app.screen, ReviewScreen)

    asyncio.run(review_second())

    stored = by_what(store.load(second).agreements)
    called = stored["Alle ouders bellen voor het startgesprek"]
    assert (called.status, called.status_before, called.reviewed) == (
        Status.KLAAR,
        Status.OPEN,
        True,
    )
    room = stored["Een ouderkamer inrichten"]
    assert (room.status, room.note) == (Status.BEZIG, "Offerte gevraagd")
    assert stored["De nieuwsbrief in eenvoudige taal schrijven"].status is Status.VERVALLEN
    friday = stored["Elke vrijdag een inloopochtend"]
    assert (friday.owner, friday.due, friday.status, friday.reviewed) == (
        "Bram Visser",
        Due(on=date(2026, 4, 1)),
        Status.OPEN,
        True,
    )

    third = start_session(store, clock, "Derde bijeenkomst", "2026-03-10")
    third.close()
    third_id = third.session.id

    async def review_third() -> None:
        async with review_screen(make_app, store, clock, third_id) as (app, pilot, live):
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            # only what was still open or in progress came along
            shown = [live.agreement(i).what for i in screen.ids]
            assert sorted(shown) == [
                "Een oudercontactpersoon kiezen",
                "Een ouderkamer inrichten",
                "Elke vrijdag een inloopochtend",
            ]
            for _ in shown:
                what = live.agreement(screen.ids[screen.index]).what
                if what == "Een ouderkamer inrichten":
                    assert detail(pilot, "Vorige keer") == "bezig"
                    await pilot.press("3")
                elif what == "Elke vrijdag een inloopochtend":
                    await pilot.press("4")
                else:  # made 16-02 for "deze week": late on 10-03
                    assert "te laat" in screen_text(pilot).lower()
                await pilot.press("enter")
            assert "3 van de 3 afspraken besproken" in screen_text(pilot)

    asyncio.run(review_third())

    after = by_what(store.load(third_id).agreements)
    assert after["Een ouderkamer inrichten"].status is Status.KLAAR
    assert after["Elke vrijdag een inloopochtend"].status is Status.VERVALLEN
    contact = after["Een oudercontactpersoon kiezen"]
    assert (contact.status, contact.reviewed, contact.status_before) == (
        Status.OPEN,
        True,
        Status.OPEN,
    )
    # a fourth session brings along only what is still open
    fourth = start_session(store, clock, "Vierde bijeenkomst", "2026-04-14")
    assert [a.what for a in fourth.carried_agreements()] == ["Een oudercontactpersoon kiezen"]
    fourth.close()


# -- details --------------------------------------------------------------------------------------


def test_arrows_browse_without_marking_and_a_bad_moment_keeps_the_typed_text(
    make_app, store, clock
) -> None:
    first_session(store, clock)
    second = second_session(store, clock)

    async def scenario() -> None:
        async with review_screen(make_app, store, clock, second) as (app, pilot, _):
            await pilot.press("right", "right")
            assert "Afspraak 3 van 4" in screen_text(pilot)
            await pilot.press("left")
            assert "Afspraak 2 van 4" in screen_text(pilot)
            assert "0 van 4 besproken" in screen_text(pilot)

            await pilot.press("w")
            await type_text(pilot, "na de zomer")
            await pilot.press("enter")
            error = static_text(pilot, "#review-edit-error")
            assert "Dit is geen termijn en geen datum" in error
            assert app.screen.query_one("#review-edit-input", Input).value == "na de zomer"

            await pilot.press("ctrl+u")  # an empty owner is refused too
            await pilot.press("escape", "o", "ctrl+u", "enter")
            assert "eigenaar nodig" in static_text(pilot, "#review-edit-error")
            await pilot.press("escape")  # leaves the input, not the screen
            assert isinstance(app.screen, ReviewScreen)
            assert not app.screen.query_one("#review-edit").display

    asyncio.run(scenario())
    stored = by_what(store.load(second).agreements)
    room = stored["Een ouderkamer inrichten"]
    assert (room.owner, room.due, room.reviewed) == (
        "Bram Visser",
        Due(horizon=Horizon.HALF_JAAR),
        False,
    )


def test_no_earlier_agreements_gives_a_friendly_sentence(make_app, store, clock) -> None:
    live = start_session(store, clock, "Eerste keer", "2026-03-10")
    live.close()

    async def scenario() -> None:
        async with review_screen(make_app, store, clock, live_id) as (app, pilot, _):
            text = screen_text(pilot)
            assert "Er zijn geen afspraken van eerdere sessies om te bespreken." in text
            await pilot.press("3", "enter", "n")  # nothing to change: nothing happens
            assert isinstance(app.screen, ReviewScreen)

    live_id = live.session.id
    asyncio.run(scenario())


def test_read_only_review_changes_nothing(make_app, store, clock) -> None:
    first_session(store, clock)
    second = second_session(store, clock)

    async def scenario() -> None:
        read_only = review_screen(make_app, store, clock, second, read_only=True)
        async with read_only as (app, pilot, _):
            assert "Alleen lezen" in screen_text(pilot)
            assert app.screen.check_action("set_status", (2,)) is None
            await pilot.press("3", "enter", "o")
            assert not app.screen.query_one("#review-edit").display
            assert "0 van 4 besproken" in screen_text(pilot)
            await pilot.press("right")
            assert "Afspraak 2 van 4" in screen_text(pilot)

    asyncio.run(scenario())
    assert all(a.status is Status.OPEN for a in store.load(second).agreements)
    assert not any(a.reviewed for a in store.load(second).agreements)


def test_user_text_is_shown_literally(make_app, store, clock) -> None:
    live = start_session(store, clock, "Eerste", "2026-01-12")
    live.add_agreement("[b]Vet[/b] en [red]rood[/red]", "Anouk [i]Bakker[/i]")
    live.close()
    second = second_session(store, clock)

    async def scenario() -> None:
        async with review_screen(make_app, store, clock, second) as (_, pilot, _):
            text = screen_text(pilot)
            assert "[b]Vet[/b] en [red]rood[/red]" in text
            assert "Anouk [i]Bakker[/i]" in text
            assert "geen moment afgesproken" in text
            await pilot.press("n")
            await type_text(pilot, "[bold]let op[/bold]")
            await pilot.press("enter")
            assert "[bold]let op[/bold]" in screen_text(pilot)
            await pilot.press("n", "!", "enter")  # a note is added to, not replaced

    asyncio.run(scenario())
    assert store.load(second).agreements[0].note == "[bold]let op[/bold]!"


def test_keys_typed_in_one_burst_are_handled_in_order(make_app, store, clock) -> None:
    """Keys that arrive together (fast typing, a slow disk) still land where they were meant."""
    first_session(store, clock)
    second = second_session(store, clock)

    async def scenario() -> None:
        async with review_screen(make_app, store, clock, second) as (app, pilot, _):
            burst = ["2", "n", *"Gebeld", "enter", "enter", "o", *"se", "enter", "4"]
            for key in burst:  # all queued at once, without waiting in between
                character = "\r" if key == "enter" else key
                app.post_message(events.Key(key, character))
            await pilot.pause(0.5)
            await pilot.pause()
            assert "Afspraak 2 van 4" in screen_text(pilot)

    asyncio.run(scenario())
    stored = by_what(store.load(second).agreements)
    called = stored["Alle ouders bellen voor het startgesprek"]
    assert (called.status, called.note, called.owner) == (Status.BEZIG, "Gebeld", "Anouk Bakker")
    room = stored["Een ouderkamer inrichten"]
    assert (room.owner, room.status) == ("Sevda", Status.VERVALLEN)


def test_help_shows_the_review_keys(make_app, store, clock) -> None:
    first_session(store, clock)
    second = second_session(store, clock)

    async def scenario() -> None:
        async with review_screen(make_app, store, clock, second) as (app, pilot, _):
            await pilot.press("f1")
            assert "Bespreek de afspraken van eerdere sessies een voor een." in screen_text(pilot)
            table = app.screen.query_one("#help-keys", DataTable)
            rows = {
                str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1])
                for i in range(table.row_count)
            }
            assert rows["Enter"] == "Deze afspraak is besproken; ga naar de volgende"
            assert rows["o"] == "Geef deze afspraak een andere eigenaar"
            assert rows["3"] == "Deze afspraak is gedaan"

    asyncio.run(scenario())
