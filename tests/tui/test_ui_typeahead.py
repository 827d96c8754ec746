"""Keys typed ahead land where they were meant: on a slow disk, in a burst, in forms and dialogs.

A facilitator types the next remark while the last one is still being written (a USB stick or a
synced folder takes 0.15-0.3 s per fsync), or pastes several lines at once. The keys then queue up
in the app. Every Enter must save exactly the text typed before it, once, in order, and what is
typed after it must stay in the input. In forms, keys typed right after Tab, Shift+Tab or the key
that opens a dialog must land in the field focus moved to.

The disk is slowed through the storage's own seam (``write_atomically``), and bursts of keys are
posted to the app all at once, as a terminal delivers them when the app is busy.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from helpers_keys import (
    SIZE,
    SLOW_WRITE,
    START,
    app_on_runner,
    burst,
    capture_value,
    message,
    new_session,
    refuse_saves,
    runner_of,
    settle,
    slow_disk,
    stored_texts,
    typed,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from screens.agreement_form import AgreementFormScreen
from screens.app import WorkshopApp
from screens.contribution_edit import ContributionEditScreen
from screens.new_session import NewSessionScreen
from screens.runner import RunnerScreen
from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.errors import StoreError
from workshop.model import Due, Group, Horizon
from workshop.store import SessionStore

# -- the capture line ---------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJéëïöüçğşĳ", min_size=1, max_size=6)
REMARK = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
TRAILING = st.one_of(st.just(""), REMARK, REMARK.map(lambda text: text + " "))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    remarks=st.lists(st.tuples(REMARK, st.booleans()), min_size=1, max_size=5),
    trailing=TRAILING,
)
@example(remarks=[("ccc", False), ("ddd", False)], trailing="")
@example(remarks=[("Nee", False), ("Goed idee", True)], trailing="Ja")
def test_every_enter_saves_exactly_what_was_typed_before_it(
    remarks: list[tuple[str, bool]], trailing: str
) -> None:
    """Remarks typed in one burst on a slow disk: each saved once, whole, in order, in its group.

    Tab before a remark switches between team and parent panel; the switch must count for that
    remark, even when the earlier ones are still being written.
    """
    with tempfile.TemporaryDirectory() as folder:
        store = SessionStore(Path(folder) / "data")
        store.ensure()
        clock = FakeClock(START)
        session_id = new_session(store, clock)
        keys: list[str] = []
        expected: list[tuple[str, Group]] = []
        group = Group.TEAM
        for text, switch in remarks:
            if switch:
                keys.append("tab")
                group = Group.OUDERPANEL if group is Group.TEAM else Group.TEAM
            keys += [*typed(text), "enter"]
            expected.append((text, group))
        keys += typed(trailing)

        async def scenario() -> None:
            workspace = Workspace(store, clock, Path(folder))
            app = WorkshopApp(workspace, open_session_id=session_id)
            async with app.run_test(size=SIZE) as pilot:
                screen = await runner_of(pilot)
                with slow_disk():
                    burst(app, keys)
                    await settle(pilot)
                assert capture_value(screen) == trailing
            saved = SessionStore(store.root).load(session_id).contributions
            assert [(c.text, c.group) for c in saved] == expected

        asyncio.run(scenario())


def test_editing_keys_in_a_burst_work_where_they_were_typed(make_app, store, clock) -> None:
    """Backspace and Ctrl+U are handled in their place among the letters, not after them."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            with slow_disk():
                burst(
                    app,
                    [
                        *"Nee",
                        "enter",
                        *"Goed idx",
                        "backspace",
                        *"ee",
                        "enter",
                        *"weg ermee",
                        "ctrl+u",
                        *"Ja",
                    ],
                )
                await settle(pilot)
            assert capture_value(screen) == "Ja"
        assert stored_texts(store, session_id) == ["Nee", "Goed idee"]

    asyncio.run(scenario())


def test_a_failed_save_while_the_next_remark_is_typed_keeps_both(
    make_app, store, clock, monkeypatch
) -> None:
    """The disk refuses the first remark while the second is being typed: neither is lost or
    merged. The typed text stays; the refused one waits and comes back with Enter on an empty
    line."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            real_save = screen.live.file.save_contribution
            calls: list[str] = []

            def full_once(contribution) -> None:  # type: ignore[no-untyped-def]
                calls.append(contribution.text)
                time.sleep(SLOW_WRITE)
                if len(calls) == 1:
                    raise StoreError("Opslaan is mislukt: de schijf is vol.")
                real_save(contribution)

            monkeypatch.setattr(screen.live.file, "save_contribution", full_once)
            burst(app, [*"Eerste", "enter", *"Tweede"])
            await settle(pilot)
            assert capture_value(screen) == "Tweede"  # the new text is not touched
            assert "Niet opgeslagen" in message(screen) and "Eerste" in message(screen)

            burst(app, ["enter"])  # the second one is saved
            await settle(pilot)
            assert capture_value(screen) == ""
            assert "Eerste" in message(screen)  # still waiting, still said

            burst(app, ["enter"])  # Enter on an empty line brings the waiting text back
            await settle(pilot)
            assert capture_value(screen) == "Eerste"
            burst(app, ["enter"])
            await settle(pilot)
            assert capture_value(screen) == ""
            assert "Niet opgeslagen" not in message(screen)
        assert stored_texts(store, session_id) == ["Tweede", "Eerste"]

    asyncio.run(scenario())


def test_a_failed_save_with_an_empty_line_puts_the_text_back_in_its_group(
    make_app, store, clock, monkeypatch
) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            refuse_saves(monkeypatch, screen)
            burst(app, ["tab", *"Van de ouders", "enter", "tab"])  # back to team right after
            await settle(pilot)
            assert capture_value(screen) == "Van de ouders"
            assert screen.capture.group is Group.OUDERPANEL  # the line as it was typed
            assert "Niet opgeslagen" in message(screen)
            monkeypatch.undo()
            burst(app, ["enter"])
            await settle(pilot)
        saved = SessionStore(store.root).load(session_id).contributions
        assert [(c.text, c.group) for c in saved] == [("Van de ouders", Group.OUDERPANEL)]

    asyncio.run(scenario())


def test_escape_right_after_a_failed_save_asks_before_leaving(
    make_app, store, clock, monkeypatch
) -> None:
    """Escape typed right after the Enter whose save fails: the remark is not silently dropped."""
    from screens.confirm import ConfirmScreen

    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            refuse_saves(monkeypatch, screen)
            burst(app, [*"Niet kwijtraken", "enter", "escape"])
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)  # "Toch naar het overzicht?"
            burst(app, ["n"])
            await settle(pilot)
            assert app.screen is screen
            assert screen.capture.holds_unsaved_text
            assert "Niet kwijtraken" in capture_value(screen) + message(screen)

    asyncio.run(scenario())


def test_a_pasted_text_keeps_every_line_and_its_place_among_the_keys(
    make_app, store, clock
) -> None:
    """A paste of several lines (a terminal sends it in one piece) loses no line, and keys typed
    around it stay in their place."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            with slow_disk():
                burst(app, [*"Eerst", "enter", *"Tip: "])
                app.post_message(events.Paste("brieven te lang\nen te moeilijk"))
                burst(app, [*" ja", "enter", *"Nog"])
                await settle(pilot)
            assert capture_value(screen) == "Nog"
        assert stored_texts(store, session_id) == [
            "Eerst",
            "Tip: brieven te lang en te moeilijk ja",
        ]

    asyncio.run(scenario())


# -- forms and dialogs --------------------------------------------------------------------------


def agreement_field(app: App[object], name: str) -> str:
    widget = app.screen.query_one(f"#input-{name}")
    return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]


def test_keys_after_tab_land_in_the_next_field_of_the_agreement_form(
    make_app, store, clock
) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            app.push_screen(AgreementFormScreen(screen.live))
            await settle(pilot)
            burst(
                app,
                [
                    *"Tolk regelen",
                    "tab",
                    *"Sevda",
                    "tab",
                    *"Anouk Bakker",
                    "tab",
                    *"binnen een half jaar",
                    "tab",
                    "tab",
                    *"formeel",
                ],
            )
            await settle(pilot)
            values = {
                name: agreement_field(app, name)
                for name in ("afspraak", "eigenaar", "met_wie", "wanneer", "instrument")
            }
            assert values == {
                "afspraak": "Tolk regelen",
                "eigenaar": "Sevda",
                "met_wie": "Anouk Bakker",
                "wanneer": "binnen een half jaar",
                "instrument": "",
            }
            assert agreement_field(app, "partnerschap") == "formeel"

    asyncio.run(scenario())


def test_ctrl_a_ctrl_k_after_shift_tab_clears_the_field_moved_to(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            app.push_screen(AgreementFormScreen(screen.live))
            await settle(pilot)
            burst(app, ["tab", *"Sevda", "tab", *"Anouk", "shift+tab", "ctrl+a", "ctrl+k", *"Bram"])
            await settle(pilot)
            assert agreement_field(app, "eigenaar") == "Bram"
            assert agreement_field(app, "met_wie") == "Anouk"

    asyncio.run(scenario())


def test_keys_typed_while_the_agreement_form_opens_land_in_it(make_app, store, clock) -> None:
    """From a remark in the list, A opens the form; what is typed at once goes into the form."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, _):
            with slow_disk():
                burst(
                    app,
                    [
                        *"Brieven korter maken",
                        "enter",
                        "escape",
                        "a",
                        *" met de tolk",
                        "enter",
                        *"Sevda",
                        "tab",
                        "tab",
                        *"deze week",
                        "ctrl+s",
                    ],
                )
                await settle(pilot)
            assert isinstance(app.screen, RunnerScreen)  # saved and closed
        agreements = SessionStore(store.root).load(session_id).agreements
        assert [(a.what, a.owner, a.due) for a in agreements] == [
            ("Brieven korter maken met de tolk", "Sevda", Due(horizon=Horizon.DEZE_WEEK))
        ]

    asyncio.run(scenario())


def test_keys_typed_while_the_edit_dialog_opens_land_in_it(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, _):
            burst(app, [*"Brieven korter", "enter", "escape", "e", *" en duidelijker", "enter"])
            await settle(pilot)
            assert not isinstance(app.screen, ContributionEditScreen)
        assert stored_texts(store, session_id) == ["Brieven korter en duidelijker"]

    asyncio.run(scenario())


def test_keys_typed_while_the_new_session_form_opens_and_after_tab_land_in_their_fields(
    make_app, store
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            burst(app, ["n", *"Avond", "tab", *"Regenboog"])
            await settle(pilot)
            form = app.screen
            assert isinstance(form, NewSessionScreen)
            assert form.query_one("#title", Input).value == "Avond"
            assert form.query_one("#location", Input).value == "Regenboog"

    asyncio.run(scenario())
