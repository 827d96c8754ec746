"""The phase timer in the runner, on a clock that only moves when the test says so.

The screen refreshes from the clock a few times a second; tests advance the FakeClock and call
``tick()`` instead of sleeping.
"""

from __future__ import annotations

import asyncio

from helpers_sessions import crash
from textual.color import Color
from textual.widgets import Digits, Input, Static

from screens.confirm import ConfirmScreen
from screens.runner import RunnerScreen
from screens.themes import VARIABLE_DEFAULTS
from screens.widgets import TimerDisplay
from workshop.model import Group
from workshop.session import create_session, open_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template
from workshop.timer import TimerState

SIZE = (120, 36)
PHASE_1 = 20 * 60  # planned seconds of the first phase of the step plan


def new_session(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = create_session(
        store, clock, title="Teamoverleg", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    session_id = live.session.id
    live.close()
    return session_id


async def runner_of(pilot) -> RunnerScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RunnerScreen)
    return screen


def timer(screen: RunnerScreen) -> TimerDisplay:
    return screen.query_one(TimerDisplay)


def digits(screen: RunnerScreen) -> str:
    return screen.query_one("#timer-digits", Digits).value


def words(screen: RunnerScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def after(pilot, screen: RunnerScreen, clock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    clock.advance(seconds)
    screen.tick()
    await pilot.pause()


def test_start_pause_resume_with_f5(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            assert digits(screen) == "20:00"
            assert "Nog niet gestart" in words(screen, "#timer-state")
            await after(pilot, screen, clock, 30)
            assert digits(screen) == "20:00"  # nothing starts by itself

            await pilot.press("f5")
            await after(pilot, screen, clock, 65)
            assert digits(screen) == "18:55"
            assert "Loopt" in words(screen, "#timer-state")
            assert words(screen, "#session-clock") == "Sessie: 1 van 120 min"

            await pilot.press("f5")  # pause
            await after(pilot, screen, clock, 600)
            assert digits(screen) == "18:55"
            assert "Gepauzeerd" in words(screen, "#timer-state")

            await pilot.press("f5")  # resume
            await after(pilot, screen, clock, 5)
            assert digits(screen) == "18:50"
        # Quitting paused it (issue 11): before, it ran on while the app was closed.
        timers = store.load(session_id).session.timers
        assert timers[0].ends_at is None and timers[0].remaining == 18 * 60 + 50

    asyncio.run(scenario())


def test_adjust_and_reset_work_while_typing(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            await pilot.press(*"wacht")
            await pilot.press("f5")
            await after(pilot, screen, clock, 60)
            assert digits(screen) == "19:00"
            await pilot.press("f6")
            assert digits(screen) == "20:00"
            await pilot.press("f7")
            assert digits(screen) == "25:00"
            await pilot.press("f8")
            assert digits(screen) == "24:00"
            assert screen.query_one("#capture-input", Input).value == "wacht"
            assert screen.live.planned_seconds(0) == PHASE_1 + 5 * 60

            await pilot.press("f9")  # asks first
            await pilot.pause()
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert digits(screen) == "24:00"
            assert screen.live.session.timers[0].running

            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            assert pilot.app.screen is screen
            assert digits(screen) == "25:00"  # the full (adjusted) planned time, paused
            assert not screen.live.session.timers[0].running
            assert screen.query_one("#capture-input", Input).value == "wacht"
        timer_0 = store.load(session_id).session.timers[0]
        assert (timer_0.planned, timer_0.remaining, timer_0.ends_at) == (1500, 1500, None)

    asyncio.run(scenario())


def test_warning_in_the_last_fifth_and_overtime_after_zero(make_app, store, clock) -> None:
    session_id = new_session(store, clock)
    colours = {name: Color.parse(VARIABLE_DEFAULTS[name]) for name in VARIABLE_DEFAULTS}

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            number = screen.query_one("#timer-digits", Digits)
            await pilot.press("f5")
            await after(pilot, screen, clock, PHASE_1 * 0.8 - 1)
            assert timer(screen).state is TimerState.NORMAL
            assert number.styles.color == colours["timer-normal"]

            await after(pilot, screen, clock, 1)  # 4:00 left: the last fifth
            assert digits(screen) == "04:00"
            assert timer(screen).state is TimerState.WARNING
            assert timer(screen).has_class("-warning")
            assert number.styles.color == colours["timer-warning"]

            await after(pilot, screen, clock, 4 * 60 + 75)
            assert digits(screen) == "+01:15"
            assert timer(screen).state is TimerState.OVERTIME
            assert timer(screen).has_class("-overtime") and not timer(screen).has_class("-warning")
            assert number.styles.color == colours["timer-overtime"]
            assert "Tijd is om" in words(screen, "#timer-state")
            # It keeps counting, and never moves the session on by itself.
            await after(pilot, screen, clock, 10 * 60)
            assert digits(screen) == "+11:15"
            assert (screen.live.session.position.phase, screen.live.session.position.step) == (0, 0)
            assert "11 min achter op schema" in str(screen.query_one("#agenda").render())

    asyncio.run(scenario())


def test_bell_rings_once_at_zero(make_app, store, clock, monkeypatch) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        app = make_app(session_id)
        rings: list[int] = []
        monkeypatch.setattr(app, "bell", lambda: rings.append(1))
        async with app.run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("f5")
            await after(pilot, screen, clock, PHASE_1 - 1)
            assert rings == []
            await after(pilot, screen, clock, 1)
            assert digits(screen) == "00:00"
            assert rings == [1]
            for _ in range(5):
                await after(pilot, screen, clock, 30)
            await pilot.pause(0.3)  # the screen's own refresh runs too: still one ring
            assert rings == [1]

            # Five more minutes (2:30 over, so 2:30 left), then zero again: it rings once more.
            await pilot.press("f7")
            assert digits(screen) == "02:30"
            await after(pilot, screen, clock, 149)
            assert rings == [1]
            await after(pilot, screen, clock, 1)
            assert rings == [1, 1]

    asyncio.run(scenario())


def test_bell_can_be_switched_off(make_app, store, clock, monkeypatch) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        app = make_app(session_id)
        rings: list[int] = []
        monkeypatch.setattr(app, "bell", lambda: rings.append(1))
        async with app.run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert screen.live.session.bell is False
            assert words(screen, "#timer-plan") == "20 min gepland · bel uit"
            assert "De bel staat uit." in words(screen, "#capture-message")
            await pilot.press("f5")
            await after(pilot, screen, clock, PHASE_1 + 5)
            assert digits(screen) == "+00:05"
            assert rings == []
        assert store.load(session_id).session.bell is False

    asyncio.run(scenario())


def test_timer_survives_closing_the_app(make_app, store, clock, monkeypatch) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("ctrl+down", "pagedown")  # phase 2, step 2
            await pilot.press("f5")
            await after(pilot, screen, clock, 5 * 60)
            assert digits(screen) == "15:00"

        clock.advance(3 * 60)  # the app was closed for three minutes: that does not count

        app = make_app(session_id)
        rings: list[int] = []
        monkeypatch.setattr(app, "bell", lambda: rings.append(1))
        async with app.run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            position = screen.live.session.position
            assert (position.phase, position.step) == (1, 1)
            assert digits(screen) == "15:00"  # quitting paused it (issue 11)
            assert "Gepauzeerd" in words(screen, "#timer-state")
            await pilot.press("f5")
            await after(pilot, screen, clock, 3 * 60 + 1)
            assert digits(screen) == "11:59"  # running again
            await pilot.press("f5")  # pause, then close again
            await pilot.pause()

        clock.advance(30 * 60)
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            assert digits(screen) == "11:59"  # paused time stays paused
            assert "Gepauzeerd" in words(screen, "#timer-state")
            await pilot.press("f5")
            await after(pilot, screen, clock, 12 * 60)
            assert digits(screen) == "+00:01"
        assert rings == []

    asyncio.run(scenario())


def test_no_ring_for_time_that_was_up_before_opening(make_app, store, clock, monkeypatch) -> None:
    live = create_session(
        store, clock, title="Teamoverleg", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    session_id = live.session.id
    live.start_timer()
    clock.advance(PHASE_1 + 90)
    live.keep_clock_alive()  # the app saw it run until just now, then stopped without closing
    live.writer.wait()
    crash(live)

    async def scenario() -> None:
        app = make_app(session_id)
        rings: list[int] = []
        monkeypatch.setattr(app, "bell", lambda: rings.append(1))
        async with app.run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            assert digits(screen) == "+01:30"
            await after(pilot, screen, clock, 30)
            assert digits(screen) == "+02:00"
            assert rings == []

    asyncio.run(scenario())


def test_timer_keys_are_in_the_palette_with_dutch_names(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            titles = [command.title for command in pilot.app.get_system_commands(screen)]
            for expected in ("Start/pauze", "+1 minuut", "+5 minuten", "-1 minuut", "Reset", "Bel"):
                assert any(title.startswith(expected + " (") for title in titles), expected

    asyncio.run(scenario())


def test_each_phase_has_its_own_timer(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("f5")
            await after(pilot, screen, clock, 120)
            await pilot.press("ctrl+down")  # leaving a phase pauses its timer
            await pilot.pause()
            assert digits(screen) == "20:00"
            assert not screen.live.session.timers[0].running
            await pilot.press("ctrl+up")
            await pilot.pause()
            assert digits(screen) == "18:00"
            assert "Gepauzeerd" in words(screen, "#timer-state")

        session = open_session(store, session_id, clock)
        try:
            assert session.actual_seconds(0) == 120
            assert session.contributions_at(0, 0, Group.TEAM) == []
        finally:
            session.close()

    asyncio.run(scenario())


# -- issue 8: numbers at and beyond their limits ---------------------------------------------------


def test_a_session_at_the_limits_opens_and_its_timer_runs(make_app, store, clock) -> None:
    """The largest planned time and the longest overtime the ranges allow work in the runner."""
    from workshop.limits import TIMER_PLANNED, TIMER_REMAINING

    live = open_session(store, new_session(store, clock), clock)
    live.adjust_timer(TIMER_PLANNED.highest / 60)  # stops at a day
    session_id = live.session.id
    live.session.timers[1].remaining = TIMER_REMAINING.lowest
    live.file.save_session(live.session, clock.now())
    live.close()

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            screen = await runner_of(pilot)
            assert digits(screen) == "1440:00"
            await pilot.press("f5")
            await after(pilot, screen, clock, 90)
            assert digits(screen) == "1438:30"
            await pilot.press("f5")
            await pilot.press("f5")
            assert isinstance(pilot.app.screen, RunnerScreen)

    asyncio.run(scenario())


def test_a_session_with_an_impossible_timer_is_named_not_opened(make_app, store, clock) -> None:
    """Seen: a timer of 1.7e308 seconds crashed the app. Now the file is damage, said calmly."""
    import json

    session_id = new_session(store, clock)
    path = store.folder(session_id) / "session.json"
    stored = json.loads(path.read_text())
    stored["session"]["1"]["timers"][0]["planned"] = 1.7e308
    stored["session"]["1"]["timers"][0]["remaining"] = 1.7e308
    path.write_text(json.dumps(stored))

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            await pilot.pause()
            assert not isinstance(pilot.app.screen, RunnerScreen)
            messages = [str(n.message) for n in pilot.app._notifications]
            assert any("session.timers[0].planned" in m for m in messages), messages

    asyncio.run(scenario())
