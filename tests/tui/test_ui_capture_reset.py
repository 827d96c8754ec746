"""Kind and form are for one remark (issue 11, item 4).

F2 (kind) and F3 (form) used to stay on: after F3 every later remark was stored as didactisch,
also one typed as ``ouder: #obs ...``, and the balance counted them all. Now kind and form go
back to observatie and no form once a remark is handed over; the voice (Tab) stays. Prefixes
typed in a line (``ouder:``, ``#kn``, ``+did``) count for that line only.
"""

from __future__ import annotations

import asyncio

from helpers_keys import (
    SIZE,
    burst,
    capture_value,
    new_session,
    refuse_saves,
    runner_of,
    settle,
    slow_disk,
)
from textual.widgets import Static

from screens.runner import RunnerScreen
from screens.widgets import CaptureBar
from workshop.model import Contribution, Group, Kind, PartnershipForm
from workshop.store import SessionStore


def stored(store: SessionStore, session_id: str) -> dict[str, Contribution]:
    return {c.text: c for c in SessionStore(store.root).load(session_id).contributions}


def badge(screen: RunnerScreen) -> str:
    return str(screen.query_one("#capture-badge", Static).render())


def tags(contribution: Contribution) -> tuple[Group, Kind, PartnershipForm | None]:
    return contribution.group, contribution.kind, contribution.form


def test_after_a_remark_kind_and_form_go_back_to_their_default(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            bar = screen.query_one(CaptureBar)
            await pilot.press("f3")  # form: didactisch
            burst(pilot.app, [*"Huiswerkmap mee", "enter"])
            await settle(pilot)
            assert (bar.kind, bar.form) == (Kind.OBSERVATIE, None)
            assert "observatie" in badge(screen) and "geen vorm" in badge(screen)

            # The case from the issue: this one was stored as didactisch.
            burst(pilot.app, [*"ouder: #obs Ik lees de brief niet", "enter"])
            await pilot.press("f2", "f2")  # kind: kans
            burst(pilot.app, [*"Een ouderavond over lezen", "enter"])
            burst(pilot.app, [*"Nog een gewone opmerking", "enter"])
            await settle(pilot)
            assert "observatie" in badge(screen) and "geen vorm" in badge(screen)

    asyncio.run(scenario())
    saved = stored(store, session_id)
    didactisch = (Group.TEAM, Kind.OBSERVATIE, PartnershipForm.DIDACTISCH)
    assert tags(saved["Huiswerkmap mee"]) == didactisch
    assert tags(saved["Ik lees de brief niet"]) == (Group.OUDERPANEL, Kind.OBSERVATIE, None)
    assert tags(saved["Een ouderavond over lezen"]) == (Group.TEAM, Kind.KANS, None)
    assert tags(saved["Nog een gewone opmerking"]) == (Group.TEAM, Kind.OBSERVATIE, None)


def test_prefixes_count_for_their_line_only_and_the_voice_stays(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            bar = screen.query_one(CaptureBar)
            burst(pilot.app, [*"ouder: #kn +ped Te weinig tijd", "enter"])
            burst(pilot.app, [*"Daarna gewoon", "enter"])
            await settle(pilot)
            assert (bar.group, bar.kind, bar.form) == (Group.TEAM, Kind.OBSERVATIE, None)
            await pilot.press("tab")  # the voice is a switch: it stays for the next remarks
            burst(pilot.app, [*"Eerste ouder", "enter", *"Tweede ouder", "enter"])
            await settle(pilot)
            assert bar.group is Group.OUDERPANEL and "OUDERPANEL" in badge(screen)

    asyncio.run(scenario())
    saved = stored(store, session_id)
    knelpunt = (Group.OUDERPANEL, Kind.KNELPUNT, PartnershipForm.PEDAGOGISCH)
    assert tags(saved["Te weinig tijd"]) == knelpunt
    assert tags(saved["Daarna gewoon"]) == (Group.TEAM, Kind.OBSERVATIE, None)
    assert tags(saved["Eerste ouder"]) == (Group.OUDERPANEL, Kind.OBSERVATIE, None)
    assert tags(saved["Tweede ouder"]) == (Group.OUDERPANEL, Kind.OBSERVATIE, None)


def test_kind_and_form_chosen_while_the_last_remark_is_saved_are_kept(
    make_app, store, clock
) -> None:
    """F2/F3 typed right after Enter, on a slow disk, are for the next remark: going back to
    the default at Enter never wipes them, however long the save of the one before takes."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await runner_of(pilot)
            with slow_disk():
                burst(pilot.app, ["f3", *"Een", "enter", "f2", "f3", "f3", *"Twee", "enter"])
                burst(pilot.app, [*"Drie", "enter"])
                await settle(pilot)

    asyncio.run(scenario())
    saved = stored(store, session_id)
    assert tags(saved["Een"]) == (Group.TEAM, Kind.OBSERVATIE, PartnershipForm.DIDACTISCH)
    assert tags(saved["Twee"]) == (Group.TEAM, Kind.KNELPUNT, PartnershipForm.PEDAGOGISCH)
    assert tags(saved["Drie"]) == (Group.TEAM, Kind.OBSERVATIE, None)


def test_a_remark_that_was_not_saved_comes_back_with_its_kind_and_form(
    make_app, store, clock, monkeypatch
) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            bar = screen.query_one(CaptureBar)
            refuse_saves(monkeypatch, screen)
            burst(pilot.app, ["f2", "f3", *"Bewaar mij", "enter"])
            await settle(pilot)
            assert capture_value(screen) == "Bewaar mij"
            assert (bar.kind, bar.form) == (Kind.KNELPUNT, PartnershipForm.DIDACTISCH)
            assert "knelpunt" in badge(screen) and "didactisch" in badge(screen)
            monkeypatch.undo()
            burst(pilot.app, ["enter"])
            await settle(pilot)
            assert (bar.kind, bar.form) == (Kind.OBSERVATIE, None)

    asyncio.run(scenario())
    saved = stored(store, session_id)
    assert tags(saved["Bewaar mij"]) == (Group.TEAM, Kind.KNELPUNT, PartnershipForm.DIDACTISCH)
