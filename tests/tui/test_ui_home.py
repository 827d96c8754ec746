"""The home screen, driven as a facilitator would: list, resume, demo, delete, refresh."""

from __future__ import annotations

import asyncio
import importlib.util
from datetime import date

import pytest
from textual.screen import Screen
from textual.widgets import OptionList, Static

from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from workshop.clock import FakeClock
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def make_session(store: SessionStore, clock: FakeClock, title: str, day: date) -> str:
    clock.advance(60)  # distinct 'updated' moments keep the order stable
    live = create_session(
        store,
        clock,
        title=title,
        template=get_template(DEFAULT_TEMPLATE_ID),
        location="Peuterspeelzaal De Regenboog",
        day=day,
    )
    session_id = live.session.id
    live.close()
    return session_id


def spy_on_runner(app: object) -> list[str]:
    """Record which session the home screen asks to open, without needing the runner."""
    opened: list[str] = []
    app.open_runner = opened.append  # type: ignore[attr-defined]
    return opened


def session_lines(home: HomeScreen) -> list[str]:
    sessions = home.query_one("#home-sessions", OptionList)
    return [str(sessions.get_option_at_index(i).prompt) for i in range(sessions.option_count)]


def text_of(screen: Screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_sessions_listed_newest_first_with_place_date_and_progress(make_app, store, clock) -> None:
    make_session(store, clock, "Oudste sessie", date(2026, 1, 5))
    make_session(store, clock, "Nieuwste sessie", date(2026, 3, 1))
    make_session(store, clock, "Sessie [b]met haken[/b]", date(2026, 2, 2))

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            home = pilot.app.screen
            assert isinstance(home, HomeScreen)
            lines = session_lines(home)
            assert [line.split("\n")[0] for line in lines] == [
                "Nieuwste sessie",
                "Sessie [b]met haken[/b]",  # typed brackets stay as typed
                "Oudste sessie",
            ]
            assert "Peuterspeelzaal De Regenboog" in lines[0]
            assert "01-03-2026" in lines[0]
            assert "fase 1 van 6" in lines[0]
            assert not home.query_one("#home-empty").display
            assert home.query_one("#home-sessions").has_focus

    asyncio.run(scenario())


def test_empty_home_says_what_to_do(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            home = pilot.app.screen
            empty = home.query_one("#home-empty")
            assert empty.display
            assert not home.query_one("#home-sessions").display
            message = text_of(home, "#home-empty")
            assert "nieuwe sessie" in message and "voorbeeld" in message
            assert "n " in message and "d " in message
            # Keys that need a session are not offered when there is none.
            keys = {b.binding.action for b in home.active_bindings.values()}
            assert "resume" not in keys and "delete_session" not in keys

    asyncio.run(scenario())


def test_damaged_session_is_named_calmly_and_the_rest_still_works(make_app, store, clock) -> None:
    make_session(store, clock, "Gewone sessie", date(2026, 3, 1))
    damaged = make_session(store, clock, "Wordt beschadigd", date(2026, 3, 2))
    summary_path = store.sessions_dir / damaged / "summary.json"
    summary_path.write_text("{ dit is geen json", encoding="utf-8")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            home = pilot.app.screen
            notice = home.query_one("#home-problems")
            assert notice.display
            text = text_of(home, "#home-problems")
            assert str(summary_path) in text
            assert "niet worden gelezen" in text
            assert [line.split("\n")[0] for line in session_lines(home)] == ["Gewone sessie"]
            opened = spy_on_runner(pilot.app)
            await pilot.press("enter")
            assert len(opened) == 1

    asyncio.run(scenario())


def test_enter_resumes_the_highlighted_session(make_app, store, clock) -> None:
    make_session(store, clock, "Eerste", date(2026, 3, 1))
    second = make_session(store, clock, "Tweede", date(2026, 2, 1))

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            await pilot.press("down", "enter")
            assert opened == [second]

    asyncio.run(scenario())


def test_clicking_a_session_resumes_it(make_app, store, clock) -> None:
    first = make_session(store, clock, "Eerste", date(2026, 3, 1))

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            await pilot.click("#home-sessions", offset=(5, 0))
            await pilot.pause()
            assert opened == [first]

    asyncio.run(scenario())


@pytest.mark.skipif(
    importlib.util.find_spec("screens.runner") is None, reason="screens.runner not built yet"
)
def test_enter_opens_the_real_runner(make_app, store, clock) -> None:
    make_session(store, clock, "Eerste", date(2026, 3, 1))

    async def scenario() -> None:
        from screens.runner import RunnerScreen

        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, RunnerScreen)

    asyncio.run(scenario())


def test_demo_key_stores_the_example_and_opens_it(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            await pilot.press("d")
            await pilot.pause()
            summaries = SessionStore(store.root).list_sessions()
            assert len(summaries) == 1
            assert "Zonnebloem" in summaries[0].title
            assert opened == [summaries[0].id]

    asyncio.run(scenario())


def test_delete_asks_first_and_then_removes_everything(make_app, store, clock) -> None:
    keep = make_session(store, clock, "Blijft", date(2026, 3, 1))
    doomed = make_session(store, clock, "Gaat weg", date(2026, 2, 1))
    backup_like = store.sessions_dir / doomed / "backups"
    backup_like.mkdir()
    (backup_like / "oud.json").write_text("{}", encoding="utf-8")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.press("down", "delete")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            assert "Gaat weg" in str(pilot.app.screen.query_one("#confirm-question").render())
            await pilot.press("escape")  # changed my mind: nothing happens
            assert isinstance(pilot.app.screen, HomeScreen)
            assert (store.sessions_dir / doomed).exists()

            await pilot.press("delete")
            await pilot.click("#confirm-yes")
            await pilot.pause()
            home = pilot.app.screen
            assert isinstance(home, HomeScreen)
            assert not (store.sessions_dir / doomed).exists()
            assert [s.id for s in SessionStore(store.root).list_sessions()] == [keep]
            assert [line.split("\n")[0] for line in session_lines(home)] == ["Blijft"]

    asyncio.run(scenario())


def test_list_refreshes_when_coming_back(make_app, store, clock) -> None:
    make_session(store, clock, "Eerste", date(2026, 3, 1))

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            home = pilot.app.screen
            await pilot.app.push_screen(Screen())  # stands in for the runner
            make_session(store, clock, "Nieuw gemaakt", date(2026, 3, 9))
            await pilot.app.pop_screen()
            await pilot.pause()
            assert [line.split("\n")[0] for line in session_lines(home)] == [
                "Nieuw gemaakt",
                "Eerste",
            ]

    asyncio.run(scenario())


def test_n_opens_the_new_session_form(make_app) -> None:
    async def scenario() -> None:
        from screens.new_session import NewSessionScreen

        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.press("n")
            assert isinstance(pilot.app.screen, NewSessionScreen)
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, HomeScreen)

    asyncio.run(scenario())


@pytest.mark.skipif(
    importlib.util.find_spec("workshop.privacy") is None, reason="workshop.privacy not built yet"
)
def test_forget_a_person_everywhere_after_confirmation(make_app, store, clock) -> None:
    from workshop.demo import create_demo_session

    for _ in range(2):
        clock.advance(60)
        create_demo_session(store, clock).close()
    make_session(store, clock, "Zonder Sevda", date(2026, 1, 1))

    def mentions(name: str) -> int:
        fresh = SessionStore(store.root)
        count = 0
        for summary in fresh.list_sessions():
            stored = fresh.load(summary.id)
            names = [p.name for p in stored.session.participants]
            names += [c.author for c in stored.contributions]
            names += [a.owner for a in stored.agreements] + [a.with_whom for a in stored.agreements]
            count += int(name in names)
        return count

    assert mentions("Sevda") == 2

    async def scenario() -> None:
        from screens.home import ForgetPersonScreen

        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            await pilot.press("p")
            assert isinstance(app.screen, ForgetPersonScreen)
            await pilot.press("enter")  # nothing typed: asked again, next to the field
            error = app.screen.query_one("#forget-name-error", Static)
            assert error.display and "Vul de naam in" in str(error.render())
            await pilot.press(*"sevda", "enter")
            assert isinstance(app.screen, ConfirmScreen)
            assert "'sevda'" in str(app.screen.query_one("#confirm-question").render())
            await pilot.press("n")  # not yet: nothing changed
            assert isinstance(app.screen, HomeScreen)
            assert mentions("Sevda") == 2

            await pilot.press("p", *"sevda", "enter", "j")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert mentions("Sevda") == 0
            messages = [str(n.message) for n in app._notifications]
            # The two demo sessions, and the title of the third ("Zonder Sevda"): free text too.
            assert any("weggehaald uit 3 sessies" in m for m in messages), messages
            assert [s.title for s in store.list_sessions() if "Zonder" in s.title] == [
                "Zonder betrokkene"
            ]

    asyncio.run(scenario())
