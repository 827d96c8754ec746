"""The new-session form: defaults, typing, validation next to the field, creating, cancelling."""

from __future__ import annotations

import asyncio
import threading
from datetime import date

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.new_session import NewSessionScreen, carry_over_text, parent_panel, team_members
from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.errors import StoreError, ValidationError
from workshop.model import Group, Status
from workshop.session import create_session, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template
from workshop.trajectory import REVIEW_KIND, CarryOver

SIZE = (120, 36)


def spy_on_runner(app: object) -> list[str]:
    opened: list[str] = []
    app.open_runner = opened.append  # type: ignore[attr-defined]
    return opened


def stored_sessions(store: SessionStore) -> list:
    """Read from disk again, as a fresh start of the app would."""
    fresh = SessionStore(store.root)
    return [fresh.load(s.id) for s in fresh.list_sessions()]


def value(screen: NewSessionScreen, input_id: str) -> str:
    return screen.query_one(f"#{input_id}", Input).value


def error_text(screen: NewSessionScreen, input_id: str) -> str:
    error = screen.query_one(f"#{input_id}-error", Static)
    return str(error.render()) if error.display else ""


async def open_form(pilot) -> NewSessionScreen:  # type: ignore[no-untyped-def]
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, NewSessionScreen)
    return form


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press(char)


async def looked_up(pilot, form: NewSessionScreen) -> None:  # type: ignore[no-untyped-def]
    """The trajectory look-up runs in a thread once the keys pause: wait until it is shown."""
    lookup = getattr(form, "carry_over_lookup", None)  # None: looked up at once, on each key
    for _ in range(500):
        await pilot.pause(0.01)
        if lookup is None or not lookup.busy:
            await pilot.pause()
            return
    raise AssertionError("the look-up of the earlier sessions never came back")


# -- participants from typed values -----------------------------------------------------------


def test_parents_are_anonymous_unless_named() -> None:
    parents = parent_panel("2", "Sevda, anoniem, , Karim")
    assert [p.name for p in parents] == ["", "", "Sevda", "", "Karim"]
    assert all(p.group is Group.OUDERPANEL for p in parents)
    assert parent_panel("", "") == []
    with pytest.raises(ValidationError) as caught:
        parent_panel("500", "")
    assert caught.value.field == "ouders"


def test_team_members_by_name() -> None:
    team = team_members(" Fatima El Amrani,Joost ,")
    assert [(p.group, p.name) for p in team] == [
        (Group.TEAM, "Fatima El Amrani"),
        (Group.TEAM, "Joost"),
    ]
    with pytest.raises(ValidationError) as caught:
        team_members("x" * 200)
    assert caught.value.field == "team"


def test_what_comes_along_is_said_in_one_sentence() -> None:
    agreement, goal = object(), object()

    def text(agreements: int, goals: int) -> str:
        return carry_over_text(CarryOver([agreement] * agreements, [goal] * goals))  # type: ignore[list-item]

    assert text(0, 0) == "Geen open afspraken uit eerdere sessies."
    assert text(1, 0) == "1 open afspraak uit eerdere sessies gaat mee."
    assert text(3, 0) == "3 open afspraken uit eerdere sessies gaan mee."
    assert text(1, 1) == "1 open afspraak uit eerdere sessies en 1 doel gaan mee."
    assert text(2, 3) == "2 open afspraken uit eerdere sessies en 3 doelen gaan mee."
    assert text(0, 1) == "Geen open afspraken uit eerdere sessies. 1 doel gaat mee."
    assert text(0, 2) == "Geen open afspraken uit eerdere sessies. 2 doelen gaan mee."


# -- the form in the app ------------------------------------------------------------------------


def test_defaults_today_and_the_step_plan(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            assert value(form, "day") == "10-03-2026"  # the FakeClock's day
            assert form.query_one("#template", Select).value == "stappenplan"
            assert form.query_one("#title", Input).has_focus
            hint = str(form.query_one("#template-hint", Static).render())
            assert "6 fasen" in hint

    asyncio.run(scenario())


def test_create_a_session_by_keyboard(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            form = await open_form(pilot)
            await type_text(pilot, "Avond [b]")
            await pilot.press("tab")
            await type_text(pilot, "Regenboog")
            await pilot.press("tab", "tab", "ctrl+u")  # past the trajectory
            await type_text(pilot, "14-03-2026")
            await pilot.press("enter")  # Enter on a field that is not the last: next field
            assert form.query_one("#facilitator", Input).has_focus
            await type_text(pilot, "Marieke")
            # past the template, the terugblik and the two scans
            await pilot.press("tab", "tab", "tab", "tab", "tab")
            assert form.query_one("#team", Input).has_focus
            await type_text(pilot, "Ans, Jo")
            await pilot.press("tab")
            await type_text(pilot, "2")
            await pilot.press("tab")
            await type_text(pilot, "Sevda")
            await pilot.press("enter")  # Enter on the last field creates
            await pilot.pause()

            sessions = stored_sessions(store)
            assert len(sessions) == 1
            session = sessions[0].session
            assert session.title == "Avond [b]"
            assert session.location == "Regenboog"
            assert session.day == date(2026, 3, 14)
            assert session.facilitator == "Marieke"
            assert session.template["id"] == "stappenplan"
            assert [(p.group, p.name) for p in session.participants] == [
                (Group.TEAM, "Ans"),
                (Group.TEAM, "Jo"),
                (Group.OUDERPANEL, ""),
                (Group.OUDERPANEL, ""),
                (Group.OUDERPANEL, "Sevda"),
            ]
            assert opened == [session.id]
            assert isinstance(pilot.app.screen, HomeScreen)  # the form made way for the runner

    asyncio.run(scenario())


def test_other_template_can_be_chosen(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Korte sessie"
            form.query_one("#template", Select).focus()
            await pilot.press("enter")  # opens the list; the choice sorts before stappenplan
            await pilot.press("up", "enter")
            await pilot.pause()
            assert form.query_one("#template", Select).value == "partnerschapsteam-90"
            assert "3 fasen" in str(form.query_one("#template-hint", Static).render())
            await pilot.press("ctrl+s")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.template["id"] == "partnerschapsteam-90"
            assert len(stored.session.timers) == 3

    asyncio.run(scenario())


def test_errors_appear_next_to_their_field_and_nothing_typed_is_lost(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#location", Input).value = "De Regenboog"
            form.query_one("#day", Input).value = "31-02-2026"
            form.query_one("#team", Input).value = "Fatima"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "bestaat niet" in error_text(form, "day")
            assert form.query_one("#day", Input).has_focus
            assert error_text(form, "title") == ""
            assert stored_sessions(store) == []

            form.query_one("#day", Input).value = "28-02-2026"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert error_text(form, "day") == ""
            assert "titel is verplicht" in error_text(form, "title").lower()
            assert form.query_one("#title", Input).has_focus
            assert stored_sessions(store) == []
            assert value(form, "location") == "De Regenboog"
            assert value(form, "team") == "Fatima"

            await type_text(pilot, "Derde")
            await pilot.press("ctrl+s")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.title == "Derde"
            assert stored.session.day == date(2026, 2, 28)
            assert opened == [stored.session.id]

    asyncio.run(scenario())


def test_a_failed_save_keeps_the_form_filled(make_app, store, monkeypatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise StoreError("Opslaan is mislukt: de schijf is vol.")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            opened = spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Blijft staan"
            monkeypatch.setattr(pilot.app.workspace.store, "create", full_disk)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert value(form, "title") == "Blijft staan"
            assert opened == []
            messages = [str(n.message) for n in pilot.app._notifications]
            assert any("schijf is vol" in m for m in messages)

    asyncio.run(scenario())


def test_escape_on_an_untouched_form_goes_straight_back(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await open_form(pilot)
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, HomeScreen)

    asyncio.run(scenario())


def test_escape_after_typing_asks_before_dropping_it(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            await type_text(pilot, "Half")
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")  # no: back to the form, text still there
            assert pilot.app.screen is form
            assert value(form, "title") == "Half"
            await pilot.press("escape")
            await pilot.click("#confirm-yes")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen)
            assert stored_sessions(store) == []

    asyncio.run(scenario())


def test_create_button_works_with_the_mouse(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Met de muis"
            await pilot.click("#create")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.title == "Met de muis"
            assert stored.session.participants == []

    asyncio.run(scenario())


# -- the trajectory: what comes along, the terugblik and the scans -------------------------------

EARLIER_DAY = date(2026, 3, 3)  # a week before the FakeClock's day, the form's default


def earlier_session(
    store: SessionStore, clock: FakeClock, location: str, series: str = "", *open_ones: str
) -> str:
    """A finished earlier session with open agreements and one that is done (not brought along)."""
    live = create_session(
        store,
        clock,
        title="Eerste avond",
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=location,
        series=series,
        day=EARLIER_DAY,
    )
    for what in open_ones:
        live.add_agreement(what, "Joost")
    done = live.add_agreement("Al klaar", "Sevda")
    live.update_agreement(done.id, status=Status.KLAAR)
    live.close()
    return live.session.id


def review_hint(form: NewSessionScreen) -> str:
    return str(form.query_one("#review-hint", Static).render())


def review_box(form: NewSessionScreen) -> Checkbox:
    return form.query_one("#review", Checkbox)


def step_kinds(stored, phase: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    return [step["kind"] for step in stored.session.template["phases"][phase]["steps"]]


def test_a_second_session_at_the_location_brings_open_agreements_and_starts_with_the_review(
    make_app, store, clock
) -> None:
    first = earlier_session(store, clock, "De Regenboog", "", "Brieven korter", "Koffieochtend")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            await looked_up(pilot, form)
            assert review_hint(form) == "Geen open afspraken uit eerdere sessies."
            assert review_box(form).value is False
            await type_text(pilot, "Tweede avond")
            await pilot.press("tab")
            await type_text(pilot, " de  REGENBOOG")  # the same location, typed differently
            await looked_up(pilot, form)
            assert review_hint(form) == "2 open afspraken uit eerdere sessies gaan mee."
            assert review_box(form).value is True
            await pilot.press("ctrl+s")
            await pilot.pause()
            runner = pilot.app.screen_stack[-1]
            assert runner.live.step.kind == REVIEW_KIND  # type: ignore[attr-defined]

    asyncio.run(scenario())
    (new,) = [s for s in stored_sessions(store) if s.session.id != first]
    assert sorted(a.what for a in new.agreements) == ["Brieven korter", "Koffieochtend"]
    assert {a.carried_from for a in new.agreements} == {first}
    assert step_kinds(new)[0] == REVIEW_KIND
    assert (new.session.position.phase, new.session.position.step) == (0, 0)
    live = open_session(store, new.session.id, clock)
    assert live.step.title == "Terugblik op eerdere afspraken"
    live.close()


def test_the_review_can_be_left_out_and_stays_as_chosen(make_app, store, clock) -> None:
    earlier_session(store, clock, "De Regenboog", "", "Brieven korter")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Zonder terugblik"
            form.query_one("#location", Input).value = "De Regenboog"
            await looked_up(pilot, form)
            assert review_hint(form) == "1 open afspraak uit eerdere sessies gaat mee."
            assert review_box(form).value is True
            review_box(form).focus()
            await pilot.press("space")
            assert review_box(form).value is False
            # Another trajectory and back: the facilitator's choice is kept.
            form.query_one("#location", Input).value = "Elders"
            await looked_up(pilot, form)
            assert review_hint(form) == "Geen open afspraken uit eerdere sessies."
            form.query_one("#location", Input).value = "De Regenboog"
            await looked_up(pilot, form)
            assert review_box(form).value is False
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(scenario())
    new = next(s for s in stored_sessions(store) if s.session.title == "Zonder terugblik")
    assert [a.what for a in new.agreements] == ["Brieven korter"]  # still brought along
    assert REVIEW_KIND not in step_kinds(new)
    assert step_kinds(new, 5)[0] == REVIEW_KIND  # the evaluation phase always has one


def test_the_trajectory_field_overrides_the_location(make_app, store, clock) -> None:
    earlier_session(store, clock, "De Regenboog", "", "Van de locatie", "Ook van de locatie")
    series_first = earlier_session(store, clock, "Het Anker", "Pilot VVE", "Van het traject")

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Derde avond"
            form.query_one("#location", Input).value = "De Regenboog"
            await looked_up(pilot, form)
            assert review_hint(form) == "2 open afspraken uit eerdere sessies gaan mee."
            form.query_one("#series", Input).focus()
            await type_text(pilot, "pilot vve")
            await looked_up(pilot, form)
            assert review_hint(form) == "1 open afspraak uit eerdere sessies gaat mee."
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(scenario())
    new = next(s for s in stored_sessions(store) if s.session.title == "Derde avond")
    assert (new.session.location, new.session.series) == ("De Regenboog", "pilot vve")
    assert [(a.what, a.carried_from) for a in new.agreements] == [("Van het traject", series_first)]


def test_chosen_scans_become_steps_of_the_first_phase(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            labels = [str(box.label) for box in form.query(".scan-choice").results(Checkbox)]
            assert labels == [
                "Tien punten voor samenwerken met ouders",
                "Zeven punten van de inspectie",
            ]
            form.query_one("#title", Input).value = "Met een zelfscan"
            form.query_one("#scan-indicatoren", Checkbox).focus()
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(scenario())
    (new,) = stored_sessions(store)
    kinds = step_kinds(new)
    assert kinds[-1] == "scan-indicatoren"
    assert "scan-criteria" not in kinds
    assert kinds[0] != REVIEW_KIND  # nothing to look back on
    steps = new.session.template["phases"][0]["steps"]
    assert steps[-1]["title"] == "Zelfscan: zeven punten van de inspectie"


def test_both_scans_by_mouse(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Twee scans"
            await pilot.click("#scan-criteria")
            await pilot.click("#scan-indicatoren")
            await pilot.click("#create")
            await pilot.pause()

    asyncio.run(scenario())
    (new,) = stored_sessions(store)
    assert step_kinds(new)[-2:] == ["scan-criteria", "scan-indicatoren"]


FOCUS_ORDER = [
    "title",
    "location",
    "series",
    "day",
    "facilitator",
    "template",
    "review",
    "scan-criteria",
    "scan-indicatoren",
    "team",
    "parent-count",
    "parent-names",
    "create",
    "cancel",
]


def test_at_100x30_tab_goes_top_to_bottom_and_every_field_comes_into_view(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=(100, 30)) as pilot:
            form = await open_form(pilot)
            visible = form.query_one("#form").content_region
            seen = []
            for _ in FOCUS_ORDER:
                focused = pilot.app.focused
                assert focused is not None
                seen.append(focused.id)
                await pilot.pause()
                assert visible.contains_region(focused.region), focused.id
                await pilot.press("tab")
            assert seen == FOCUS_ORDER
            assert form.query_one("#form").max_scroll_y > 0  # it does not fit: it scrolls

    asyncio.run(scenario())


def test_a_trajectory_name_that_is_too_long_is_named_next_to_its_field(make_app, store) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            form.query_one("#title", Input).value = "Te lang"
            form.query_one("#series", Input).value = "x" * 300
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "te lang" in error_text(form, "series")
            assert form.query_one("#series", Input).has_focus
            assert stored_sessions(store) == []

    asyncio.run(scenario())


def test_own_templates_are_offered_and_a_broken_one_is_named(make_app, store) -> None:
    """Issue 8, item 10: a broken own template no longer hides every template."""
    from helpers_templates import BROKEN, VALID, own_templates

    own_templates(store.root, {"eigen.toml": VALID, "kapot.toml": BROKEN})

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            spy_on_runner(pilot.app)
            form = await open_form(pilot)
            select = form.query_one("#template", Select)
            assert select.value == "stappenplan"
            assert {t.id for t in form.templates} == {
                "stappenplan",
                "partnerschapsteam-90",
                "eigen",
            }
            assert "kapot.toml is overgeslagen (regel 7" in error_text(form, "template")
            form.query_one("#title", Input).value = "Met eigen sjabloon"
            select.value = "eigen"
            await pilot.pause()
            assert "2 fasen" in str(form.query_one("#template-hint", Static).render())
            await pilot.press("ctrl+s")
            await pilot.pause()
            (stored,) = stored_sessions(store)
            assert stored.session.template["name"] == "Proef"

    asyncio.run(scenario())


def test_typing_the_location_looks_up_earlier_sessions_in_a_thread_once_the_keys_pause(
    make_app, store, clock, monkeypatch
) -> None:
    """The look-up reads every earlier session of the trajectory: never on the UI thread, and
    not on every key but once the keys pause (the form keeps taking keys meanwhile)."""
    earlier_session(store, clock, "De Regenboog", "", "Brieven korter")
    calls: list[tuple[bool, str]] = []
    real = Workspace.carry_over

    def spy(self: Workspace, draft):  # type: ignore[no-untyped-def]
        calls.append((threading.current_thread() is threading.main_thread(), draft.location))
        return real(self, draft)

    monkeypatch.setattr(Workspace, "carry_over", spy)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            form = await open_form(pilot)
            await looked_up(pilot, form)
            form.query_one("#location", Input).focus()
            await pilot.pause()
            calls.clear()
            await type_text(pilot, "De Regenboog")
            assert form.query_one("#location", Input).value == "De Regenboog"
            await looked_up(pilot, form)
            assert review_hint(form) == "1 open afspraak uit eerdere sessies gaat mee."
            assert review_box(form).value is True

    asyncio.run(scenario())
    assert calls and not any(on_ui_thread for on_ui_thread, _ in calls)
    assert len(calls) < len("De Regenboog") and calls[-1][1] == "De Regenboog"
