"""Agreements in the UI: the form (owner required, dates checked) and the agreements screen."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

from helpers_app import session_in_app
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from screens.confirm import ConfirmScreen
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.model import Agreement, Due, Group, Horizon, PartnershipForm, Status
from workshop.session import LiveSession, create_session, new_participant, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
OWNER_MESSAGE = "Een afspraak heeft een eigenaar nodig: wie zorgt ervoor dat het gebeurt?"


def small_session(store: SessionStore, clock: FakeClock) -> str:
    """A session with named and anonymous participants and one parent contribution."""
    live = create_session(
        store,
        clock,
        title="Teamoverleg De Regenboog",
        template=get_template(DEFAULT_TEMPLATE_ID),
        participants=[
            new_participant(Group.TEAM, "Anouk Bakker"),
            new_participant(Group.TEAM, "Bram Visser"),
            new_participant(Group.OUDERPANEL, "Sevda"),
            new_participant(Group.OUDERPANEL),
        ],
    )
    live.add_contribution(
        "De nieuwsbrief is te lang.", Group.OUDERPANEL, form=PartnershipForm.FORMEEL
    )
    live.close()
    return live.session.id


def demo_session(store: SessionStore, clock: FakeClock) -> str:
    live = create_demo_session(store, clock)
    live.close()
    return live.session.id


def screen_text(pilot: Pilot) -> str:
    """What the terminal shows right now, as plain lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def field(pilot: Pilot, name: str) -> Input:
    return pilot.app.screen.query_one(f"#input-{name}", Input)


def error_text(pilot: Pilot, name: str) -> str:
    error = pilot.app.screen.query_one(f"#error-{name}", Static)
    return str(error.render()) if error.display else ""


# The app with the agreements screen of the session shown (helpers_app.session_in_app).
agreements_screen = partial(session_in_app, show=AgreementsScreen)


async def open_form(pilot: Pilot, live: LiveSession, **kwargs: object) -> list[object]:
    """Push the form and collect what it returns."""
    results: list[object] = []
    pilot.app.push_screen(AgreementFormScreen(live, **kwargs), results.append)  # type: ignore[arg-type]
    await pilot.pause()
    return results


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])
    await pilot.pause()


# -- the form -----------------------------------------------------------------------------------


def test_agreement_from_contribution_with_owner_picked_from_participants(
    make_app, store, clock
) -> None:
    session_id = small_session(store, clock)

    async def scenario() -> None:
        async with session_in_app(make_app, store, clock, session_id) as (app, pilot, live):
            source = live.contributions[0]
            results = await open_form(pilot, live, source=source)
            what = app.screen.query_one("#input-afspraak", TextArea)
            assert what.text == "De nieuwsbrief is te lang."
            assert field(pilot, "partnerschap").value == "formeel"  # taken from the source
            assert "Deelnemers: Anouk Bakker · Bram Visser · Sevda" not in screen_text(pilot)

            await pilot.press("enter")  # on to the owner; the names are listed there
            assert app.focused is field(pilot, "eigenaar")
            assert "Deelnemers: Anouk Bakker · Bram Visser · Sevda" in screen_text(pilot)
            await type_text(pilot, "br")
            await pilot.press("enter")  # takes the suggested name and goes on
            assert field(pilot, "eigenaar").value == "Bram Visser"
            assert app.focused is field(pilot, "met_wie")
            await type_text(pilot, "sev")
            await pilot.press("enter")
            await type_text(pilot, "volgende m")
            await pilot.press("enter")
            assert field(pilot, "wanneer").value == "volgende maand"
            await type_text(pilot, "inl")
            await pilot.press("enter")
            await pilot.press("enter")  # Enter on the last field saves
            await pilot.pause()

            assert not isinstance(app.screen, AgreementFormScreen)
            assert len(results) == 1 and isinstance(results[0], Agreement)

        stored = store.load(session_id).agreements
        assert len(stored) == 1
        made = stored[0]
        assert (made.what, made.owner, made.with_whom) == (
            "De nieuwsbrief is te lang.",
            "Bram Visser",
            "Sevda",
        )
        assert made.due == Due(horizon=Horizon.VOLGENDE_MAAND)
        assert made.instrument == "inloopochtend"
        assert made.form is PartnershipForm.FORMEEL
        assert made.source == store.load(session_id).contributions[0].id
        assert made.status is Status.OPEN

    asyncio.run(scenario())


def test_agreement_without_owner_is_refused_and_nothing_typed_is_lost(
    make_app, store, clock
) -> None:
    session_id = small_session(store, clock)

    async def scenario() -> None:
        async with session_in_app(make_app, store, clock, session_id) as (app, pilot, live):
            await open_form(pilot, live)
            await type_text(pilot, "Ouders bellen voor het startgesprek")
            field(pilot, "met_wie").value = "de leidsters"
            field(pilot, "instrument").value = "startgesprek"
            await pilot.press("ctrl+s")
            await pilot.pause()

            assert isinstance(app.screen, AgreementFormScreen)
            assert error_text(pilot, "eigenaar") == OWNER_MESSAGE
            assert OWNER_MESSAGE in screen_text(pilot)
            assert app.focused is field(pilot, "eigenaar")
            what = app.screen.query_one("#input-afspraak", TextArea)
            assert what.text == "Ouders bellen voor het startgesprek"
            assert field(pilot, "met_wie").value == "de leidsters"
            assert field(pilot, "instrument").value == "startgesprek"
            assert live.agreements == []
            assert store.load(session_id).agreements == []

            await type_text(pilot, "Anouk Bakker")
            await pilot.pause()
            # The message was about the empty field: it goes once the owner is typed.
            assert error_text(pilot, "eigenaar") == ""
            assert OWNER_MESSAGE not in screen_text(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, AgreementFormScreen)

        (made,) = store.load(session_id).agreements
        assert (made.what, made.owner, made.with_whom, made.instrument) == (
            "Ouders bellen voor het startgesprek",
            "Anouk Bakker",
            "de leidsters",
            "startgesprek",
        )

    asyncio.run(scenario())


def test_a_bad_date_gets_a_message_next_to_when(make_app, store, clock) -> None:
    session_id = small_session(store, clock)

    async def scenario() -> None:
        async with session_in_app(make_app, store, clock, session_id) as (app, pilot, live):
            await open_form(pilot, live)
            await type_text(pilot, "Inloopochtend plannen")
            field(pilot, "eigenaar").value = "Anouk Bakker"
            when = field(pilot, "wanneer")

            when.value = "31-02-2026"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert error_text(pilot, "wanneer").startswith("De datum 31-02-2026 bestaat niet.")
            assert error_text(pilot, "eigenaar") == ""
            assert app.focused is when

            when.value = "morgen"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "geen termijn en geen datum" in error_text(pilot, "wanneer")
            assert store.load(session_id).agreements == []
            assert when.value == "morgen"

            when.value = "1-10-2026"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, AgreementFormScreen)

        (made,) = store.load(session_id).agreements
        assert made.due == Due(on=date(2026, 10, 1))

    asyncio.run(scenario())


def test_keys_typed_quickly_after_enter_land_in_the_next_field(make_app, store, clock) -> None:
    """All keys arrive at once, as from a fast typist: none may stay behind in the field before."""
    session_id = small_session(store, clock)

    async def scenario() -> None:
        async with session_in_app(make_app, store, clock, session_id) as (app, pilot, live):
            await open_form(pilot, live)
            burst = [*"Tolk", "enter", *"Anouk", "enter", *"Sevda", "enter", *"deze week"]
            for key in burst:
                event = events.Key("space" if key == " " else key, key if len(key) == 1 else None)
                event.set_sender(app)
                app._driver.send_message(event)  # no waiting between keys
            await pilot.pause()
            await pilot.pause()
            assert app.screen.query_one("#input-afspraak", TextArea).text == "Tolk"
            values = [field(pilot, name).value for name in ("eigenaar", "met_wie", "wanneer")]
            # Enter takes the suggestion for what was typed, however fast the keys came: "Anouk"
            # becomes the participant "Anouk Bakker" (before, that depended on timing).
            assert values == ["Anouk Bakker", "Sevda", "deze week"]

    asyncio.run(scenario())


def test_escape_closes_at_once_when_nothing_changed_and_asks_when_text_was_typed(
    make_app, store, clock
) -> None:
    session_id = small_session(store, clock)

    async def scenario() -> None:
        async with session_in_app(make_app, store, clock, session_id) as (app, pilot, live):
            results = await open_form(pilot, live, source=live.contributions[0])
            await pilot.press("escape")
            await pilot.pause()
            assert results == [None]

            results = await open_form(pilot, live)
            await type_text(pilot, "Iets belangrijks")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("escape")  # no: back to the form, text still there
            await pilot.pause()
            assert isinstance(app.screen, AgreementFormScreen)
            assert app.screen.query_one("#input-afspraak", TextArea).text == "Iets belangrijks"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            assert results == [None]
            assert live.agreements == []

    asyncio.run(scenario())


# -- the agreements screen ----------------------------------------------------------------------


def owners_in_table(pilot: Pilot) -> list[str]:
    table = pilot.app.screen.query_one(DataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


def statuses_in_table(pilot: Pilot) -> list[str]:
    table = pilot.app.screen.query_one(DataTable)
    return [table.get_row_at(i)[-1].plain for i in range(table.row_count)]


def test_agreements_screen_lists_all_with_owners_first(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)

    async def scenario() -> None:
        async with agreements_screen(make_app, store, clock, session_id) as (app, pilot, _):
            table = app.screen.query_one(DataTable)
            assert [str(c.label) for c in table.ordered_columns][:2] == ["Eigenaar", "Afspraak"]
            assert owners_in_table(pilot) == [
                "Joost de Vries",
                "Fatima El Amrani",
                "Sevda",
                "Marieke Jansen",
            ]
            assert statuses_in_table(pilot) == ["open", "open", "bezig", "open"]
            first = table.get_row_at(0)
            assert first[0].style == "bold"
            assert "Instrument: communicatieplan op maat" in first[1].plain
            assert "formeel partnerschap" in first[1].plain
            # the horizon with the date it stands for (issue 11, item 13)
            assert [cell.plain for cell in first[2:4]] == [
                "Sevda",
                "volgende maand (uiterlijk 10-04-2026)",
            ]

            await pilot.press("o")  # per owner, alphabetical
            assert owners_in_table(pilot) == [
                "Fatima El Amrani",
                "Joost de Vries",
                "Marieke Jansen",
                "Sevda",
            ]
            assert "Afspraken, per eigenaar" in screen_text(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, AgreementsScreen)

    asyncio.run(scenario())


def test_new_agreement_and_edit_from_the_agreements_screen(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)

    async def scenario() -> None:
        async with agreements_screen(make_app, store, clock, session_id) as (app, pilot, _):
            await pilot.press("n")
            assert isinstance(app.screen, AgreementFormScreen)
            await type_text(pilot, "Tolk regelen voor de ouderavond")
            await pilot.press("enter")
            await type_text(pilot, "mar")
            await pilot.press("ctrl+s")  # Ctrl+S keeps what was typed, not the suggestion
            await pilot.pause()
            assert isinstance(app.screen, AgreementsScreen)
            assert owners_in_table(pilot)[-1] == "mar"
            table = app.screen.query_one(DataTable)
            assert table.cursor_row == 4  # the new agreement is selected

            await pilot.press("enter")  # edit it
            assert isinstance(app.screen, AgreementFormScreen)
            assert field(pilot, "eigenaar").value == "mar"
            assert field(pilot, "status").value == "open"
            field(pilot, "eigenaar").value = "Marieke Jansen"
            field(pilot, "wanneer").value = "deze week"
            field(pilot, "status").value = "bez"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, AgreementsScreen)
            assert owners_in_table(pilot)[-1] == "Marieke Jansen"
            assert statuses_in_table(pilot)[-1] == "bezig"

        agreements = store.load(session_id).agreements
        assert len(agreements) == 5
        edited = agreements[-1]
        assert (edited.what, edited.owner, edited.status) == (
            "Tolk regelen voor de ouderavond",
            "Marieke Jansen",
            Status.BEZIG,
        )
        assert edited.due == Due(horizon=Horizon.DEZE_WEEK)

    asyncio.run(scenario())


def test_status_cycles_and_is_stored(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)

    async def scenario() -> None:
        async with agreements_screen(make_app, store, clock, session_id) as (_, pilot, live):
            first_id = live.agreements[0].id
            seen = []
            for key in ("s", "s", "s", "s", "3", "1", "4"):
                await pilot.press(key)
                seen.append(statuses_in_table(pilot)[0])
                stored = {a.id: a for a in store.load(session_id).agreements}
                assert stored[first_id].status.value == seen[-1]
            assert seen == ["bezig", "klaar", "vervallen", "open", "klaar", "open", "vervallen"]
            assert statuses_in_table(pilot)[1:] == ["open", "bezig", "open"]

    asyncio.run(scenario())


def test_delete_asks_first(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)

    async def scenario() -> None:
        async with agreements_screen(make_app, store, clock, session_id) as (app, pilot, _):
            await pilot.press("down")
            await pilot.press("d")
            assert isinstance(app.screen, ConfirmScreen)
            assert "Elk nieuw gezin krijgt een startgesprek" in screen_text(pilot)
            await pilot.press("n")
            await pilot.pause()
            assert len(store.load(session_id).agreements) == 4

            await pilot.press("delete")
            await pilot.press("j")
            await pilot.pause()
            assert isinstance(app.screen, AgreementsScreen)
            assert owners_in_table(pilot) == ["Joost de Vries", "Sevda", "Marieke Jansen"]
            assert app.screen.query_one(DataTable).cursor_row == 1

        owners = [a.owner for a in store.load(session_id).agreements]
        assert owners == ["Joost de Vries", "Sevda", "Marieke Jansen"]

    asyncio.run(scenario())


def test_empty_list_says_how_to_start(make_app, store, clock) -> None:
    session_id = small_session(store, clock)

    async def scenario() -> None:
        async with agreements_screen(make_app, store, clock, session_id) as (app, pilot, _):
            assert "Nog geen afspraken. Druk op n" in screen_text(pilot)
            await pilot.press("s", "d", "e")  # nothing to act on: nothing happens
            assert isinstance(app.screen, AgreementsScreen)

    asyncio.run(scenario())


def test_markup_in_user_text_is_shown_literally(make_app, store, clock) -> None:
    session_id = small_session(store, clock)
    live = open_session(store, session_id, clock)
    live.add_agreement(
        "[b]vet[/b] en [red]rood[/red] #kop [@click=app.quit]klik[/]",
        "[i]Piet[/i]",
        with_whom="[b]Jan[/b]",
        instrument="[u]map[/u]",
    )
    live.close()

    async def scenario() -> None:
        async with agreements_screen(make_app, store, clock, session_id) as (app, pilot, _):
            shown = screen_text(pilot)
            assert "[b]vet[/b] en [red]rood[/red] #kop" in shown
            assert "[i]Piet[/i]" in shown
            assert "[@click=app.quit]klik[/]" in shown
            assert "[b]Jan[/b]" in shown
            assert "Instrument: [u]map[/u]" in shown

            await pilot.press("e")
            assert isinstance(app.screen, AgreementFormScreen)
            assert field(pilot, "eigenaar").value == "[i]Piet[/i]"
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("d")
            assert "[b]vet[/b] en [red]rood[/red] #kop" in screen_text(pilot)
            assert "Eigenaar: [i]Piet[/i]" in screen_text(pilot)
            await pilot.press("n")

    asyncio.run(scenario())


def test_read_only_session_shows_the_list_but_changes_nothing(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)

    async def scenario() -> None:
        read_only = agreements_screen(make_app, store, clock, session_id, read_only=True)
        async with read_only as (app, pilot, _):
            assert "Alleen lezen" in screen_text(pilot)
            await pilot.press("s", "n", "d", "e", "enter")
            await pilot.pause()
            assert isinstance(app.screen, AgreementsScreen)
            assert statuses_in_table(pilot) == ["open", "open", "bezig", "open"]

        assert [a.status.value for a in store.load(session_id).agreements] == [
            "open",
            "open",
            "bezig",
            "open",
        ]

    asyncio.run(scenario())
