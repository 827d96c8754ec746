"""Nothing blocks the UI thread: saves go to the session's single writer, and the lists change in
place.

The journal's append (the one fsynced write of a save) is held back by a gate the test opens, as a
USB stick that takes long per fsync. While it is shut, the app must go on handling keys; a remark
is shown as saved only once the gate opened and it is on disk, in the order typed. A save made on
the UI thread would block the loop until the gate gives up (``GATE_SECONDS``): then
``disk.gave_up`` says so and the test fails.
"""

from __future__ import annotations

import asyncio

from helpers_keys import (
    SIZE,
    app_on_runner,
    burst,
    capture_value,
    held_disk,
    message,
    new_session,
    runner_of,
    settle,
    until,
)
from textual.widgets import Input

from screens.agreements import AgreementsScreen
from screens.contribution_edit import ContributionEditScreen
from screens.runner import RunnerScreen
from screens.widgets import ContributionList
from screens.widgets.contribution_column import CHUNK, FIRST
from workshop.model import Group
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def options(screen: RunnerScreen, group: Group = Group.TEAM) -> list[object]:
    return list(screen.column(group).list.options)


def stored(store: SessionStore, session_id: str) -> list[tuple[str, int, int]]:
    return [
        (c.text, c.phase, c.step) for c in SessionStore(store.root).load(session_id).contributions
    ]


def test_keys_are_handled_while_a_save_waits_for_the_disk(
    make_app, store, clock, monkeypatch
) -> None:
    """Enter hands the remark to the writer: the next keys are typed at once, the remark shows
    as being saved (not in the list), and only once it is on disk as saved, in the list."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            with held_disk(monkeypatch) as disk:
                burst(app, [*"Eerste", "enter", *"abc"])
                await until(pilot, lambda: capture_value(screen) == "abc" and bool(disk.waiting))
                assert not disk.gave_up, "the save blocked the app"
                assert "Wordt opgeslagen" in message(screen) and "Eerste" in message(screen)
                assert options(screen) == []  # not shown as saved before it is on disk
                disk.gate.set()
                await settle(pilot)
                assert not disk.gave_up
            assert [o.id for o in options(screen)] == [screen.live.contributions[0].id]
            assert "Opgeslagen bij team" in message(screen)
            assert capture_value(screen) == "abc"
        assert stored(store, session_id) == [("Eerste", 0, 0)]

    asyncio.run(scenario())


def test_a_step_change_typed_between_remarks_keeps_each_remark_in_its_step(
    make_app, store, clock, monkeypatch
) -> None:
    """PageDown goes through the same writer as the remarks: in the order typed, without
    waiting, and the screen ends on the new step showing only its own remark."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            with held_disk(monkeypatch) as disk:
                burst(app, [*"Een", "enter", "pagedown", *"Twee", "enter", *"Drie"])
                await until(pilot, lambda: capture_value(screen) == "Drie")
                assert not disk.gave_up, "the save blocked the app"
                disk.gate.set()
                await settle(pilot)
            position = screen.live.session.position
            assert (position.phase, position.step) == (0, 1)
            shown = [screen.live.contribution(str(o.id)).text for o in options(screen)]
            assert shown == ["Twee"]
        assert stored(store, session_id) == [("Een", 0, 0), ("Twee", 0, 1)]

    asyncio.run(scenario())


def test_escape_then_e_right_after_enter_edits_the_remark_once_it_is_saved(
    make_app, store, clock, monkeypatch
) -> None:
    """Keys that act on the list wait until the writer has saved what was typed before them:
    Escape then E opens the remark just typed, not nothing (nor the session list)."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            with held_disk(monkeypatch) as disk:
                burst(app, [*"Vooraf", "enter", "escape", "e"])
                await until(pilot, lambda: "Wordt opgeslagen" in message(screen))
                for _ in range(20):  # the app keeps running; Escape and E wait for the save
                    await pilot.pause()
                assert not disk.gave_up, "the save blocked the app"
                assert app.keys_waiting and app.screen is screen
                assert screen.focused is screen.capture.input
                disk.gate.set()
                await settle(pilot)
            assert isinstance(app.screen, ContributionEditScreen)
            assert app.screen.query_one("#edit-text", Input).value == "Vooraf"

    asyncio.run(scenario())


def test_adding_a_remark_and_coming_back_keep_the_options_that_are_there(
    make_app, store, clock
) -> None:
    """The lists change in place: a new remark adds one option, and coming back from another
    screen or another step reuses the options made before (no rebuilding of every remark)."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            burst(app, [*"Een", "enter", *"Twee", "enter"])
            await settle(pilot)
            before = options(screen)
            assert len(before) == 2

            burst(app, [*"Drie", "enter"])
            await settle(pilot)
            after = options(screen)
            assert len(after) == 3 and all(a is b for a, b in zip(before, after, strict=False))

            burst(app, ["f10"])
            await settle(pilot)
            assert isinstance(app.screen, AgreementsScreen)
            burst(app, ["escape"])
            await settle(pilot)
            assert app.screen is screen
            back = options(screen)
            assert len(back) == 3 and all(a is b for a, b in zip(after, back, strict=True))

            burst(app, ["pagedown"])
            await settle(pilot)
            assert options(screen) == []
            burst(app, ["pageup"])
            await settle(pilot)
            again = options(screen)
            assert len(again) == 3 and all(a is b for a, b in zip(after, again, strict=True))

    asyncio.run(scenario())


def test_a_step_with_many_remarks_is_shown_a_part_at_a_time_and_then_completely(
    make_app, store, clock, monkeypatch
) -> None:
    """PageUp into a step of many remarks shows the first part at once and adds the rest in
    parts (the event loop runs in between); keys that act on the list wait for all of it."""
    total = FIRST + 3 * CHUNK + 7
    live = create_session(
        store, clock, title="Grote stap", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.next_step()
    for number in range(total):
        live.add_contribution(f"Opmerking {number}", Group.TEAM)
    live.previous_step()
    live.close()
    right_after: list[int] = []
    real_show_position = RunnerScreen.show_position

    def show_position(self: RunnerScreen) -> None:
        real_show_position(self)
        right_after.append(self.column(Group.TEAM).list.option_count)

    monkeypatch.setattr(RunnerScreen, "show_position", show_position)

    async def scenario() -> None:
        app = make_app(live.session.id)
        async with app.run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            right_after.clear()
            burst(app, ["pagedown", "escape"])
            await settle(pilot)
            assert right_after == [FIRST]  # the first part only, when the step was shown
            texts = [screen.live.contribution(str(o.id)).text for o in options(screen)]
            assert texts == [f"Opmerking {n}" for n in range(total)]
            focused = screen.focused
            assert isinstance(focused, ContributionList)  # Escape waited for the whole list
            assert focused.highlighted == total - 1

    asyncio.run(scenario())


def test_the_first_part_of_a_big_step_is_drawn_before_the_rest_is_added(
    make_app, store, clock
) -> None:
    """Between two parts of a long list the screen may draw: the parts went straight into the
    column's own queue, which kept the event loop there until the last one, so the first frame
    of a step of 2,000 remarks came after all 40 parts (issue 9)."""
    total = FIRST + 6 * CHUNK
    live = create_session(
        store, clock, title="Grote stap", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.next_step()
    for number in range(total):
        live.add_contribution(f"Opmerking {number}", Group.TEAM)
    live.previous_step()
    live.close()
    drawn: list[int] = []

    async def scenario() -> None:
        app = make_app(live.session.id)
        async with app.run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            display = app._display

            def recorded(shown, renderable):  # type: ignore[no-untyped-def]
                if renderable is not None:
                    drawn.append(screen.column(Group.TEAM).list.option_count)
                display(shown, renderable)

            app._display = recorded  # type: ignore[method-assign]
            burst(app, ["pagedown"])
            await settle(pilot)
            assert len(options(screen)) == total

    asyncio.run(scenario())
    assert drawn and drawn[0] < total  # a frame before the list was complete
    assert drawn[-1] == total


def test_f10_shows_the_first_agreements_at_once_and_the_rest_in_parts(
    make_app, store, clock, monkeypatch
) -> None:
    """Measuring rows of wrapped text is slow: F10 shows the first rows, then adds the others
    a part per turn of the event loop, until every agreement is in the table, in order."""
    total = 40
    live = create_session(
        store, clock, title="Veel afspraken", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    for number in range(total):
        live.add_agreement(f"Afspraak {number}", "Joost")
    live.close()
    right_after: list[int] = []
    real_refresh = AgreementsScreen.refresh_table

    def refresh_table(self: AgreementsScreen, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        real_refresh(self, *args, **kwargs)
        right_after.append(self.table.row_count)

    monkeypatch.setattr(AgreementsScreen, "refresh_table", refresh_table)

    async def scenario() -> None:
        app = make_app(live.session.id)
        async with app.run_test(size=SIZE) as pilot:
            await runner_of(pilot)
            burst(app, ["f10"])
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgreementsScreen)
            # Built once (not again when the screen is first resumed), and not every row before
            # the first frame.
            assert len(right_after) == 1 and right_after[0] < total
            table = screen.table
            whats = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
            assert whats == [f"Afspraak {n}" for n in range(total)]

    asyncio.run(scenario())
