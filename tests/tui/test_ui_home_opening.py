"""The home screen opens complete (list and keys in its first frame, read once), stays current."""

from __future__ import annotations

import asyncio
import gc

import pytest
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from screens.home import HomeScreen
from screens.runner import RunnerScreen
from workshop.session import create_session
from workshop.session_store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def footer_keys(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [key.description for key in screen.query(FooterKey)]


def test_home_opens_with_its_keys_and_rebuilds_the_footer_only_on_a_change(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.close()
    rebuilds: list[int] = []
    reads: list[int] = []
    rebuild, scan = Footer.recompose, SessionStore.scan

    async def counted_rebuild(self: Footer) -> None:
        rebuilds.append(1)
        await rebuild(self)

    def counted_scan(self: SessionStore):  # type: ignore[no-untyped-def]
        reads.append(1)
        return scan(self)

    monkeypatch.setattr(Footer, "recompose", counted_rebuild)
    monkeypatch.setattr(SessionStore, "scan", counted_scan)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            home = pilot.app.screen
            # The first frame has the keys that need a session; Textual's Footer starts empty
            # and is rebuilt after each of the screen's first changes (four times here).
            assert "Verder" in footer_keys(home) and "Verwijderen" in footer_keys(home)
            await pilot.pause()
            assert rebuilds == [] and reads == [1]
            store.delete(live.session.id)
            home.refresh_sessions()
            await pilot.pause()
            await pilot.pause()
            # No session left: the keys that need one are gone from the footer.
            assert "Verder" not in footer_keys(home) and "Nieuwe sessie" in footer_keys(home)
            assert rebuilds == [1] and reads == [1, 1]

    asyncio.run(scenario())


def test_list_read_at_start_is_read_again_after_a_session_opened_at_start(
    make_app, store, clock
) -> None:
    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.close()

    async def scenario() -> None:
        # As 'workshop demo' does: the app opens a session on top of the home screen at once.
        async with make_app(open_session_id=live.session.id).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(pilot.app.screen, RunnerScreen)
            other = create_session(
                store, clock, title="Ochtend", template=get_template(DEFAULT_TEMPLATE_ID)
            )
            other.close()
            await pilot.app.pop_screen()
            await pilot.pause()
            home = pilot.app.screen
            assert isinstance(home, HomeScreen)
            assert sorted(s.title for s in home.summaries) == ["Avond", "Ochtend"]
            assert home.query_one("#home-sessions", OptionList).option_count == 2

    asyncio.run(scenario())


def test_collector_waits_while_the_home_screen_is_built_and_runs_once_it_shows(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert gc.isenabled()
    during: list[bool] = []
    compose = HomeScreen.compose

    def watched(self: HomeScreen):  # type: ignore[no-untyped-def]
        during.append(gc.isenabled())
        return compose(self)

    monkeypatch.setattr(HomeScreen, "compose", watched)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert during == [False]  # no collecting while start-up makes its many objects
            assert gc.isenabled()  # the first frame is there: collecting as usual

    asyncio.run(scenario())
    assert gc.isenabled()


def test_as_launched_the_open_session_is_frozen_for_the_collector_and_thawed_back_home(
    make_app, store, clock
) -> None:
    """A full collection never walks the open session (screens.collector): frozen once the
    runner shows it, thawed when the facilitator is back on the home screen."""
    from screens import collector

    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    session_id = live.session.id
    live.close()

    async def scenario() -> None:
        collector.pause(whole_process=True)  # as screens.entry.launch_app does
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            at_home = gc.get_freeze_count()
            app.open_runner(session_id)
            await pilot.pause()
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            assert gc.get_freeze_count() > at_home  # the session and its runner: frozen too
            assert not any(o is runner.live.session for o in gc.get_objects())
            await pilot.press("escape")  # nothing typed, no remarks: leaving asks first
            await pilot.pause()
            await pilot.press("j")  # yes, back to the session list
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert gc.get_freeze_count() == 0  # the closed session can be collected again

    try:
        asyncio.run(scenario())
    finally:
        collector.end_whole_process()
    assert gc.isenabled()


def test_the_first_frame_is_the_home_screen_with_its_sessions(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home screen is the app's first screen, not pushed on a blank one: no blank frame
    is drawn (and styled and laid out) first, and the first frame lists the sessions."""
    from screens.app import WorkshopApp

    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.close()
    frames: list[tuple[str, int]] = []
    display = WorkshopApp._display

    def recorded(self, screen, renderable):  # type: ignore[no-untyped-def]
        # Every frame is handed to the driver here (the benchmark watches the same place).
        if renderable is not None:
            options = screen.query(OptionList)
            frames.append((type(screen).__name__, options.first().option_count if options else 0))
        display(self, screen, renderable)

    monkeypatch.setattr(WorkshopApp, "_display", recorded)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert [type(screen) for screen in pilot.app.screen_stack] == [HomeScreen]
            assert frames[0] == ("HomeScreen", 1)

    asyncio.run(scenario())


def test_a_list_that_cannot_be_read_at_start_is_said_calmly_on_the_home_screen(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.close()

    def refused(self: SessionStore):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(SessionStore, "scan", refused)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.pause()
            home = pilot.app.screen
            assert isinstance(home, HomeScreen)
            assert home.query_one("#home-empty").display  # the way on: new session, demo
            messages = [str(n.message) for n in pilot.app._notifications]
            assert messages == ["geen toestemming"]
            # Read again once the folder can be read: the session is there.
            monkeypatch.undo()
            home.refresh_sessions()
            await pilot.pause()
            await pilot.pause()
            assert home.query_one("#home-sessions", OptionList).option_count == 1
            assert not home.query_one("#home-empty").display

    asyncio.run(scenario())


def test_the_home_screen_is_styled_once_before_its_first_frame(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its widgets are styled as they are mounted; its first resume does not style them all
    again (a later resume, back from a session, does). Snapshots show the styles are right."""
    from textual.css.stylesheet import Stylesheet

    from screens.app import WorkshopApp

    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.close()
    restyled: list[int] = []
    frames: list[int] = []
    update_nodes, display = Stylesheet.update_nodes, WorkshopApp._display

    def counted(self, nodes, animate=False):  # type: ignore[no-untyped-def]
        nodes = list(nodes)
        if not frames:
            restyled.append(len(nodes))
        update_nodes(self, nodes, animate=animate)

    def recorded(self, screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None:
            frames.append(1)
        display(self, screen, renderable)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    monkeypatch.setattr(WorkshopApp, "_display", recorded)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert frames
            # Only the list as it gets the focus, then it and the containers around it for their
            # :focus styles (WorkshopScreen): not the whole screen again, nor the menu key of
            # the footer (compact from the start).
            chain = len(pilot.app.screen.focused.ancestors_with_self)
            assert restyled == [1, chain], restyled
            assert chain < len(list(pilot.app.screen.walk_children())) // 2

    asyncio.run(scenario())
