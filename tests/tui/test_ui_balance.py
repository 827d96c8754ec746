"""The partnership balance in the UI: counts per form, forms without attention marked, the aims
only once a contribution has one."""

from __future__ import annotations

import asyncio

from helpers_review import screen_text, start_session
from textual.pilot import Pilot

from screens.balance import BalanceScreen
from workshop.model import Aim, Group, PartnershipForm
from workshop.session import LiveSession, open_session

SIZE = (120, 36)


def row(pilot: Pilot, name: str) -> list[str]:
    """The cells of the balance row that starts with ``name``."""
    for line in screen_text(pilot).splitlines():
        if line.strip().startswith(name):
            return line.strip().removeprefix(name).split()
    raise AssertionError(f"no row {name!r}")


def tagged_session(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = start_session(store, clock, "Ouderavond", "2026-03-10")
    for form in (PartnershipForm.DIDACTISCH, PartnershipForm.DIDACTISCH, PartnershipForm.FORMEEL):
        live.add_contribution("Inbreng met een vorm", Group.OUDERPANEL, form=form)
    live.add_contribution("Inbreng zonder vorm", Group.TEAM)
    live.add_agreement("Oudercommissie uitbreiden", "Bram Visser", form=PartnershipForm.FORMEEL)
    live.add_agreement("Voorleesochtend", "Sevda", form=PartnershipForm.INFORMEEL)
    live.close()
    return live.session.id


async def open_balance(pilot: Pilot, live: LiveSession) -> BalanceScreen:
    screen = BalanceScreen(live)
    pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


def test_counts_per_form_and_the_forms_without_attention(make_app, store, clock) -> None:
    session_id = tagged_session(store, clock)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            await open_balance(pilot, live)
            text = screen_text(pilot)
            assert "Balans in partnerschap" in text
            assert row(pilot, "Didactisch (leren)")[:2] == ["2", "0"]
            assert row(pilot, "Formeel (meebeslissen)")[:2] == ["1", "1"]
            assert row(pilot, "Informeel (meehelpen)")[:2] == ["0", "1"]
            assert row(pilot, "Pedagogisch (opvoeden)") == [
                "0",
                "0",
                "!",
                "nog",
                "geen",
                "aandacht",
            ]
            assert row(pilot, "Maatschappelijk (de buurt)")[2:] == ["!", "nog", "geen", "aandacht"]
            assert row(pilot, "Zonder vorm") == ["1", "0"]
            assert "Nog geen aandacht voor: Pedagogisch, Maatschappelijk." in text
            # the bars follow the totals: didactisch and formeel 2, informeel 1
            assert row(pilot, "Didactisch (leren)")[2] == "█" * 30
            assert row(pilot, "Informeel (meehelpen)")[2] == "█" * 15
            assert "Doel van partnerschap" not in text  # no contribution has an aim yet

            live.add_contribution("Ouders beslissen mee", Group.OUDERPANEL, aim=Aim.DEMOCRATISCH)
            app.screen.show_balance()
            await pilot.pause()
            text = screen_text(pilot)
            assert "Doel van partnerschap" in text
            assert row(pilot, "Democratisch")[:1] == ["1"]
            assert row(pilot, "Toerusting")[1:] == ["!", "nog", "geen", "aandacht"]
            assert "Democratisch: ouders beslissen mee" in text

            await pilot.press("escape")
            assert not isinstance(app.screen, BalanceScreen)
            live.close()

    asyncio.run(scenario())


def test_nothing_tagged_says_how_to_get_a_balance(make_app, store, clock) -> None:
    live = start_session(store, clock, "Leeg", "2026-03-10")
    live.add_contribution("Nog zonder vorm", Group.TEAM)
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            viewer = open_session(store, live.session.id, clock, read_only=True)
            await open_balance(pilot, viewer)
            text = screen_text(pilot)
            assert "Nog geen inbreng of afspraak heeft een vorm van partnerschap." in text
            assert "Nog geen aandacht voor" not in text
            viewer.close()

    asyncio.run(scenario())
