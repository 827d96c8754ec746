"""Goals in the UI: make one with the inspection norm offered, refuse bad input next to the field,
edit, evaluate, link agreements, delete; checked on screen and in the store."""

from __future__ import annotations

import asyncio
from datetime import date

from helpers_review import screen_text, start_session, type_text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from screens.confirm import ConfirmScreen
from screens.goal_form import EvaluateGoalScreen, GoalFormScreen
from screens.goals import GoalsScreen, LinkAgreementScreen
from workshop.goals import Judgement
from workshop.session import LiveSession, open_session

SIZE = (120, 36)


def field(pilot: Pilot, name: str) -> Input:
    return pilot.app.screen.query_one(f"#input-{name}", Input)


def error_text(pilot: Pilot, name: str) -> str:
    error = pilot.app.screen.query_one(f"#error-{name}", Static)
    return str(error.render()) if error.display else ""


async def open_goals(pilot: Pilot, live: LiveSession) -> GoalsScreen:
    screen = GoalsScreen(live)
    pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


def plan_session(store, clock) -> str:  # type: ignore[no-untyped-def]
    """A session with two agreements and one goal."""
    live = start_session(store, clock, "Plan opstellen", "2026-03-10")
    live.add_goal(
        "Meer ouders bij het startgesprek",
        "60 % van de ouders komt naar het startgesprek",
        "60",
        "01-10-2026",
    )
    live.add_agreement("Alle ouders bellen", "Anouk Bakker")
    live.add_agreement("De uitnodiging vertalen", "Sevda")
    live.close()
    return live.session.id


def test_a_new_goal_with_the_inspection_norm_offered(make_app, store, clock) -> None:
    live = start_session(store, clock, "Plan opstellen", "2026-03-10")
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            await open_goals(pilot, live)
            assert "Nog geen doelen. Druk op n om een doel te maken." in screen_text(pilot)
            await pilot.press("n")
            assert isinstance(app.screen, GoalFormScreen)
            await type_text(pilot, "Voorlezen")
            field(pilot, "doel").value = "Ouders lezen thuis voor"
            await pilot.press("enter")
            assert app.focused is field(pilot, "criterium")
            field(pilot, "criterium").value = "De helft leest elke week voor"
            await pilot.press("enter")
            assert app.focused is field(pilot, "percentage")
            assert "bijv. 50" in field(pilot, "percentage").placeholder
            assert "Tip: de inspectie vraagt dat minstens 50 %" in screen_text(pilot)
            await type_text(pilot, "50")
            await pilot.press("enter")
            await type_text(pilot, "01-12-2026")
            await pilot.press("enter")  # Enter on the last field saves
            assert isinstance(app.screen, GoalsScreen)
            text = screen_text(pilot)
            assert "Ouders lezen thuis voor" in text
            assert "Criterium: De helft leest elke week voor" in text
            assert "Hoeveel ouders: 50 %" in text and "Datum: 01-12-2026" in text
            assert "Nog niet geëvalueerd" in text
            live.close()

    session_id = live.session.id
    asyncio.run(scenario())
    [goal] = store.load(session_id).goals
    assert (goal.description, goal.criterion, goal.target_percent, goal.by) == (
        "Ouders lezen thuis voor",
        "De helft leest elke week voor",
        50,
        date(2026, 12, 1),
    )


def test_bad_input_is_named_next_to_its_field_and_kept(make_app, store, clock) -> None:
    session_id = plan_session(store, clock)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            await open_goals(pilot, live)
            await pilot.press("n")
            await pilot.press("ctrl+s")
            assert "Het doel" in error_text(pilot, "doel")
            assert app.focused is field(pilot, "doel")

            field(pilot, "doel").value = "Ouders [b]praten[/b] mee"
            field(pilot, "criterium").value = "Vier ouders in de oudercommissie"
            field(pilot, "percentage").value = "120"
            await pilot.press("ctrl+s")
            assert error_text(pilot, "doel") == ""
            assert "heel getal van 0 tot en met 100" in error_text(pilot, "percentage")
            assert app.focused is field(pilot, "percentage")

            field(pilot, "percentage").value = ""
            field(pilot, "datum").value = "31-02-2026"
            await pilot.press("ctrl+s")
            assert "dag-maand-jaar" in error_text(pilot, "datum")
            assert field(pilot, "datum").value == "31-02-2026"
            assert field(pilot, "doel").value == "Ouders [b]praten[/b] mee"

            await pilot.press("escape")  # typed text: asks first
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            assert isinstance(app.screen, GoalFormScreen)
            field(pilot, "datum").value = ""
            await pilot.press("ctrl+s")
            assert "Ouders [b]praten[/b] mee" in screen_text(pilot)  # literal, not bold
            live.close()

    asyncio.run(scenario())
    goals = store.load(session_id).goals
    assert [g.description for g in goals] == [
        "Meer ouders bij het startgesprek",
        "Ouders [b]praten[/b] mee",
    ]
    assert goals[1].target_percent is None and goals[1].by is None


def test_edit_evaluate_link_and_delete(make_app, store, clock) -> None:
    session_id = plan_session(store, clock)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            await open_goals(pilot, live)
            await pilot.press("e")
            assert field(pilot, "percentage").value == "60"
            assert field(pilot, "datum").value == "01-10-2026"
            field(pilot, "criterium").value = "70 % van de ouders komt"
            field(pilot, "percentage").value = "70"
            await pilot.press("ctrl+s")
            assert "Criterium: 70 % van de ouders komt" in screen_text(pilot)

            await pilot.press("v")
            assert isinstance(app.screen, EvaluateGoalScreen)
            field(pilot, "resultaat").value = "65 % kwam"
            await pilot.press("enter")
            await type_text(pilot, "soms")
            await pilot.press("enter")
            assert "Kies een oordeel: gehaald, deels of niet." in error_text(pilot, "oordeel")
            field(pilot, "oordeel").value = ""
            await type_text(pilot, "de")  # the suggestion "deels" is taken with Enter
            await pilot.press("enter")
            assert isinstance(app.screen, GoalsScreen)
            text = screen_text(pilot)
            assert "Oordeel: Deels gehaald" in text and "Resultaat: 65 % kwam" in text

            await pilot.press("k")
            assert isinstance(app.screen, LinkAgreementScreen)
            await pilot.press("enter")  # links the first agreement
            assert "✓ gekoppeld  Alle ouders bellen" in screen_text(pilot)
            await pilot.press("down", "enter", "enter")  # links and unlinks the second
            await pilot.press("escape")
            text = screen_text(pilot)
            assert "Afspraken bij dit doel:" in text
            assert "• Alle ouders bellen  — Anouk Bakker  · open" in text
            assert "De uitnodiging vertalen" not in text
            live.close()

    asyncio.run(scenario())
    stored = store.load(session_id)
    [goal] = stored.goals
    assert (goal.criterion, goal.target_percent, goal.result, goal.judgement) == (
        "70 % van de ouders komt",
        70,
        "65 % kwam",
        Judgement.DEELS,
    )
    links = {a.what: a.goal for a in stored.agreements}
    assert links == {"Alle ouders bellen": goal.id, "De uitnodiging vertalen": None}

    async def delete() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            await open_goals(pilot, live)
            await pilot.press("d")
            assert isinstance(app.screen, ConfirmScreen)
            assert "De gekoppelde afspraak blijft bestaan" in screen_text(pilot)
            await pilot.press("j")
            assert "Nog geen doelen." in screen_text(pilot)
            assert app.screen.check_action("edit", ()) is None
            live.close()

    asyncio.run(delete())
    stored = store.load(session_id)
    assert stored.goals == []
    assert [(a.what, a.goal) for a in stored.agreements] == [
        ("Alle ouders bellen", None),
        ("De uitnodiging vertalen", None),
    ]


def test_an_open_goal_comes_along_and_read_only_changes_nothing(make_app, store, clock) -> None:
    plan_session(store, clock)
    later = start_session(store, clock, "Evaluatie", "2026-06-08")
    later.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            viewer = open_session(store, later.session.id, clock, read_only=True)
            screen = await open_goals(pilot, viewer)
            text = screen_text(pilot)
            assert "Meer ouders bij het startgesprek  (uit een eerdere sessie)" in text
            assert "Alleen lezen" in text
            for action in ("new", "edit", "evaluate", "link", "delete"):
                assert screen.check_action(action, ()) is None
            await pilot.press("n", "v", "d")
            assert app.screen is screen
            assert screen.query_one(OptionList).option_count == 1
            viewer.close()

    asyncio.run(scenario())
    [goal] = store.load(later.session.id).goals
    assert goal.judgement is None and goal.carried_from is not None
