"""Every screen saves through the session's single writer, as the runner does.

The journal's append (the one fsynced write of a save) is held back by a gate the test opens, as
a USB stick that takes long per fsync. While it is shut, the app keeps running (the test runs on
the same event loop: a save made on the UI thread would block it until the gate gives up, and
``disk.gave_up`` says so); the change is shown only once it is on disk; keys typed after it wait
and land in order; a failure is one calm line with everything typed still there.
"""

from __future__ import annotations

import asyncio
import threading

from helpers_keys import (
    GATE_SECONDS,
    SIZE,
    app_on_runner,
    burst,
    held_disk,
    new_session,
    runner_of,
    settle,
    until,
)
from helpers_review import start_session
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from screens.contribution_edit import ContributionEditScreen
from screens.goals import GoalsScreen, LinkAgreementScreen
from screens.new_session import NewSessionScreen
from screens.scan import ScanScreen
from workshop.errors import StoreError
from workshop.model import Group, Status
from workshop.session import LiveSession, open_session
from workshop.store import SessionStore


def stored(store: SessionStore, session_id: str):  # type: ignore[no-untyped-def]
    return SessionStore(store.root).load(session_id)


async def saving_held(pilot: Pilot[object], disk) -> None:  # type: ignore[no-untyped-def]
    """The save reached the disk, and the app went on meanwhile: many turns of its loop."""
    await until(pilot, lambda: bool(disk.waiting))
    for _ in range(10):
        await pilot.pause()
    assert not disk.gave_up, "the save blocked the app"


def test_the_agreement_form_closes_once_its_agreement_is_on_disk(
    make_app, store, clock, monkeypatch
) -> None:
    """Ctrl+S hands the agreement to the writer: the form stays, keys typed after it wait (the
    app runs), and only once it is on disk the form closes and F10 lists it; the keys then go
    to the agreements screen, in order."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            burst(app, ["f10", "n", *"Tolk", "enter", *"Anouk"])
            await settle(pilot)
            form = app.screen
            assert isinstance(form, AgreementFormScreen)
            with held_disk(monkeypatch) as disk:
                burst(app, ["ctrl+s", "o"])  # "o": the agreements screen sorts by owner
                await saving_held(pilot, disk)
                assert app.screen is form and app.keys_waiting
                assert runner.live.agreements == []  # not shown as saved before it is on disk
                disk.gate.set()
                await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgreementsScreen) and screen.by_owner
            assert [a.what for a in runner.live.agreements] == ["Tolk"]
        assert [(a.what, a.owner) for a in stored(store, session_id).agreements] == [
            ("Tolk", "Anouk")
        ]

    asyncio.run(scenario())


def test_a_failed_save_keeps_the_form_open_with_everything_typed(
    make_app, store, clock, monkeypatch
) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            burst(app, ["f10", "n", *"Tolk", "enter", *"Bram"])
            await settle(pilot)
            form = app.screen

            def full(agreement: object) -> None:
                raise StoreError("Opslaan is mislukt: de schijf is vol.")

            monkeypatch.setattr(runner.live.file, "save_agreement", full)
            notices: list[str] = []
            monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(str(message)))
            burst(app, ["ctrl+s"])
            await settle(pilot)
            assert app.screen is form
            assert notices == ["Opslaan is mislukt: de schijf is vol."]
            assert form.query_one("#input-afspraak", TextArea).text == "Tolk"
            assert form.query_one("#input-eigenaar", Input).value == "Bram"
            assert runner.live.agreements == []
        assert stored(store, session_id).agreements == []

    asyncio.run(scenario())


def test_the_edit_dialog_closes_once_the_change_is_on_disk(
    make_app, store, clock, monkeypatch
) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            burst(app, [*"Vooraf", "enter", "escape", "e", "end", *" en later"])
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ContributionEditScreen)
            with held_disk(monkeypatch) as disk:
                burst(app, ["enter", "enter"])  # a second Enter saves nothing twice
                await saving_held(pilot, disk)
                assert app.screen is dialog
                assert runner.live.contributions[0].text == "Vooraf"
                disk.gate.set()
                await settle(pilot)
            assert app.screen is runner
            assert runner.live.contributions[0].text == "Vooraf en later"
        assert [c.text for c in stored(store, session_id).contributions] == ["Vooraf en later"]

    asyncio.run(scenario())


def test_a_status_set_in_f10_is_shown_once_it_is_on_disk(
    make_app, store, clock, monkeypatch
) -> None:
    session_id = new_session(store, clock)
    live = open_session(store, session_id, clock)
    live.add_agreement("Tolk regelen", "Anouk Bakker")
    live.close()

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, runner):
            burst(app, ["f10"])
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgreementsScreen)
            table = screen.query_one(DataTable)

            def status_shown() -> str:
                return table.get_row_at(0)[-1].plain.lower()

            before = status_shown()
            with held_disk(monkeypatch) as disk:
                burst(app, ["3"])
                await saving_held(pilot, disk)
                assert status_shown() == before
                assert runner.live.agreements[0].status is Status.OPEN
                disk.gate.set()
                await settle(pilot)
            assert runner.live.agreements[0].status is not Status.OPEN
            assert status_shown() != before
        assert stored(store, session_id).agreements[0].status is not Status.OPEN

    asyncio.run(scenario())


def test_linking_an_agreement_to_a_goal_waits_for_the_disk_not_the_app(
    make_app, store, clock, monkeypatch
) -> None:
    live = start_session(store, clock, "Plan", "2026-03-10")
    live.add_goal("Meer ouders", "60 % komt", "60", "01-10-2026")
    live.add_agreement("Alle ouders bellen", "Anouk Bakker")
    live.close()
    session_id = live.session.id

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live: LiveSession = open_session(store, session_id, clock)
            app.push_screen(GoalsScreen(live))
            await settle(pilot)
            app.push_screen(LinkAgreementScreen(live, live.goals[0]))
            await settle(pilot)
            with held_disk(monkeypatch) as disk:
                burst(app, ["enter"])
                await saving_held(pilot, disk)
                assert live.agreements[0].goal is None
                disk.gate.set()
                await settle(pilot)
            assert live.agreements[0].goal == live.goals[0].id
            live.close()
        assert stored(store, session_id).agreements[0].goal is not None

    asyncio.run(scenario())


def test_scan_scores_typed_quickly_are_saved_in_order_without_blocking(
    make_app, store, clock, monkeypatch
) -> None:
    live = start_session(store, clock, "Scan", "2026-03-10")
    live.close()
    session_id = live.session.id

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live: LiveSession = open_session(store, session_id, clock)
            app.push_screen(ScanScreen(live, "indicatoren"))
            await settle(pilot)
            with held_disk(monkeypatch) as disk:
                burst(app, ["3", "enter", "2"])  # Enter: on to the next statement
                await saving_held(pilot, disk)
                assert not live.scan_scores("indicatoren")
                disk.gate.set()
                await settle(pilot)
            live.close()
        scores = {(s.code, s.group): s.score for s in stored(store, session_id).scan_scores}
        assert scores == {("I1", Group.TEAM): 3, ("I2", Group.TEAM): 2}

    asyncio.run(scenario())


def test_creating_a_session_reads_the_trajectory_and_writes_away_from_the_ui_thread(
    make_app, monkeypatch
) -> None:
    """Ctrl+S in the new-session form: the session is made (its trajectory read, its files
    written) in a thread; the app keeps running; keys typed after it wait and go to the runner."""
    gate = threading.Event()
    gave_up: list[bool] = []
    calls: list[bool] = []

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            real_create = app.workspace.create

            def slow_create(**arguments: object) -> LiveSession:
                calls.append(True)
                if not gate.wait(GATE_SECONDS):
                    gave_up.append(True)
                return real_create(**arguments)  # type: ignore[arg-type]

            monkeypatch.setattr(app.workspace, "create", slow_create)
            burst(app, ["n"])
            await settle(pilot)
            form = app.screen
            assert isinstance(form, NewSessionScreen)
            form.query_one("#title", Input).value = "Ouderavond"
            burst(app, ["ctrl+s", "ctrl+s", *"Eerste"])
            await until(pilot, lambda: bool(calls))
            for _ in range(10):
                await pilot.pause()
            assert not gave_up, "creating the session blocked the app"
            assert app.screen is form and app.keys_waiting
            gate.set()
            runner = await runner_of(pilot)
            assert runner.live.session.title == "Ouderavond"
            assert runner.query_one("#capture-input", Input).value == "Eerste"
            assert calls == [True]  # the second Ctrl+S made no second session

    asyncio.run(scenario())
