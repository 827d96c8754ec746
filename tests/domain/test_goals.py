"""Goals: checking what is typed, the inspection norm as a suggestion, and the evaluation."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.errors import ValidationError
from workshop.goals import (
    INSPECTION_NORM_PERCENT,
    Goal,
    Judgement,
    evaluate,
    make_goal,
    norm_suggestion,
)


def test_make_goal_cleans_and_keeps_the_values():
    goal = make_goal(
        "  Meer ouders bij het startgesprek\n",
        "60 % van de ouders komt vóór 1 oktober",
        60,
        date(2026, 10, 1),
    )
    assert goal.description == "Meer ouders bij het startgesprek"
    assert goal.criterion == "60 % van de ouders komt vóór 1 oktober"
    assert (goal.target_percent, goal.by) == (60, date(2026, 10, 1))
    assert (goal.result, goal.judgement, goal.evaluated) == ("", None, False)
    assert goal.id != make_goal("a", "b").id


def test_percent_and_date_are_optional():
    goal = make_goal("Doel", "Criterium", None, None)
    assert goal.target_percent is None and goal.by is None
    goal = make_goal("Doel", "Criterium", " ", "")
    assert goal.target_percent is None and goal.by is None


@pytest.mark.parametrize(
    ("typed", "expected"), [("60", 60), ("60 %", 60), ("0%", 0), ("100", 100), (50, 50)]
)
def test_percent_may_be_typed(typed, expected):
    assert make_goal("Doel", "Criterium", typed).target_percent == expected


@pytest.mark.parametrize("typed", ["1-10-2026", "01/10/2026", "01.10.2026", "2026-10-01"])
def test_date_may_be_typed_day_first_or_iso(typed):
    assert make_goal("Doel", "Criterium", by=typed).by == date(2026, 10, 1)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"description": " \n "}, "doel", "Het doel is verplicht."),
        ({"criterion": ""}, "criterium", "Het criterium is verplicht."),
        ({"criterion": "x" * 201}, "criterium", "Het criterium is te lang"),
        ({"target_percent": 101}, "percentage", "heel getal van 0 tot en met 100"),
        ({"target_percent": -1}, "percentage", "heel getal van 0 tot en met 100"),
        ({"target_percent": "zestig"}, "percentage", "heel getal van 0 tot en met 100"),
        ({"target_percent": 60.5}, "percentage", "heel getal van 0 tot en met 100"),
        ({"target_percent": True}, "percentage", "heel getal van 0 tot en met 100"),
        ({"by": "31-02-2026"}, "datum", "dag-maand-jaar"),
        ({"by": "volgende week"}, "datum", "dag-maand-jaar"),
        ({"by": datetime(2026, 10, 1, 9, 0)}, "datum", "dag-maand-jaar"),
        ({"by": 20261001}, "datum", "dag-maand-jaar"),
    ],
)
def test_make_goal_refuses_with_a_dutch_message_per_field(kwargs, field, message):
    values = {"description": "Doel", "criterion": "Criterium", **kwargs}
    with pytest.raises(ValidationError) as caught:
        make_goal(**values)
    assert caught.value.field == field
    assert message in caught.value.message


def test_norm_is_offered_as_a_suggestion():
    assert INSPECTION_NORM_PERCENT == 50
    text = norm_suggestion()
    assert "50 %" in text and "inspectie" in text


def test_evaluate_gives_a_new_judged_goal():
    goal = make_goal("Doel", "Criterium", 50, date(2026, 10, 1))
    judged = evaluate(goal, "  45 % kwam\n", "deels")
    assert (judged.result, judged.judgement, judged.evaluated) == (
        "45 % kwam",
        Judgement.DEELS,
        True,
    )
    assert judged.id == goal.id and judged.criterion == goal.criterion
    assert goal.judgement is None, "the old goal is left as it was"
    assert evaluate(goal, "", Judgement.GEHAALD).judgement is Judgement.GEHAALD


def test_evaluate_refuses_an_unknown_judgement():
    with pytest.raises(ValidationError) as caught:
        evaluate(make_goal("Doel", "Criterium"), "", "misschien")
    assert caught.value.field == "oordeel"
    assert "gehaald, deels, niet" in caught.value.message


def test_judgements_have_labels():
    assert [j.label for j in Judgement] == ["Gehaald", "Deels gehaald", "Niet gehaald"]


@given(
    description=st.text(min_size=1, max_size=50),
    percent=st.one_of(st.none(), st.integers(0, 100)),
    by=st.one_of(st.none(), st.dates()),
    judgement=st.one_of(st.none(), st.sampled_from(Judgement)),
    result=st.text(max_size=30),
)
def test_goal_round_trips_through_a_dict(description, percent, by, judgement, result):
    goal = Goal(description, "Criterium", percent, by, result, judgement)
    assert Goal.from_dict(goal.to_dict()) == goal
