"""Reading typed text: dates, due moments, choices, names, percentages and counts."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.errors import ValidationError
from workshop.goals import Judgement
from workshop.limits import YEARS
from workshop.model import Due, Horizon, PartnershipForm, Status
from workshop.text import format_date
from workshop.typed import (
    DATE_HINT,
    parse_choice,
    parse_count,
    parse_date,
    parse_due,
    parse_names,
    parse_percent,
)

# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14-03-2026", date(2026, 3, 14)),
        ("1-3-2026", date(2026, 3, 1)),
        (" 29/02/2028 ", date(2028, 2, 29)),
        ("7.11.2026", date(2026, 11, 7)),
        ("2026-03-14", date(2026, 3, 14)),
        ("2026-3-4", date(2026, 3, 4)),
        ("\t01-10-2026\n", date(2026, 10, 1)),
    ],
)
def test_dates_are_read_day_first_or_iso(typed: str, expected: date) -> None:
    assert parse_date(typed, "datum") == expected


@pytest.mark.parametrize(
    "typed", ["", "  ", "14 maart", "14-03-26", "2026/03/14", "14-03-2026 9:00", "20260314", "x"]
)
def test_text_that_is_no_date_says_how_to_write_one(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(typed, "klaar op")
    assert caught.value.field == "klaar op"
    assert caught.value.message == DATE_HINT
    assert "dag-maand-jaar" in caught.value.message


@pytest.mark.parametrize("typed", ["31-02-2026", "00-01-2026", "29-02-2026", "2026-13-01"])
def test_a_date_that_does_not_exist_is_named(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(typed)
    assert caught.value.field == "datum"
    assert caught.value.message.startswith(f"De datum {typed} bestaat niet.")
    assert "dag-maand-jaar" in caught.value.message


@given(st.dates(date(YEARS.lowest, 1, 1), date(YEARS.highest, 12, 31)))
def test_a_shown_date_reads_back_as_the_same_date(day: date) -> None:
    assert parse_date(format_date(day)) == day


@given(st.dates().filter(lambda day: day.year not in YEARS))
def test_a_date_outside_the_years_the_app_knows_is_refused(day: date) -> None:
    """Issue 8: a due date 9999-12-31 broke the agenda; every date is 1900-2200."""
    for parse in (parse_date, parse_due):
        with pytest.raises(ValidationError) as caught:
            parse(format_date(day))
        assert "in de jaren 1900 tot en met 2200" in caught.value.message


def test_the_first_and_last_day_of_the_range_are_accepted() -> None:
    assert parse_date("01-01-1900") == date(1900, 1, 1)
    assert parse_due("2200-12-31") == Due(on=date(2200, 12, 31))


def test_dates_are_shown_day_first_with_leading_zeros() -> None:
    assert format_date(date(2026, 3, 4)) == "04-03-2026"


# -- due moments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("   ", None),
        ("volgende maand", Due(horizon=Horizon.VOLGENDE_MAAND)),
        ("  Volgende   WEEK ", Due(horizon=Horizon.VOLGENDE_WEEK)),
        ("d", Due(horizon=Horizon.DEZE_WEEK)),
        ("volgende m", Due(horizon=Horizon.VOLGENDE_MAAND)),
        ("binnen", Due(horizon=Horizon.HALF_JAAR)),
        ("1-10-2026", Due(on=date(2026, 10, 1))),
        ("2026-10-01", Due(on=date(2026, 10, 1))),
    ],
)
def test_due_is_a_horizon_its_first_letters_or_a_date(typed: str, expected: Due | None) -> None:
    assert parse_due(typed) == expected


@pytest.mark.parametrize("typed", ["morgen", "volgende", "v", "over twee weken"])
def test_due_that_is_no_horizon_and_no_date_gives_examples(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due(typed)
    assert caught.value.field == "wanneer"
    assert "Dit is geen termijn en geen datum" in caught.value.message
    assert "volgende maand" in caught.value.message


def test_due_date_that_does_not_exist_is_named_in_its_field() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due("31-02-2026", "moment")
    assert caught.value.field == "moment"
    assert caught.value.message.startswith("De datum 31-02-2026 bestaat niet.")


# -- choices --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "choices", "expected"),
    [
        ("klaar", Status, Status.KLAAR),
        ("VER", Status, Status.VERVALLEN),
        (" b ", Status, Status.BEZIG),
        ("", Status, None),
        ("ped", PartnershipForm, PartnershipForm.PEDAGOGISCH),
        ("gehaald", Judgement, Judgement.GEHAALD),
        ("d", Judgement, Judgement.DEELS),
    ],
)
def test_a_choice_is_typed_in_full_or_by_its_first_letters(typed, choices, expected) -> None:
    assert parse_choice(typed, choices, "keuze", "De keuze") == expected


def test_an_exact_choice_wins_over_a_longer_one_with_the_same_start() -> None:
    class Size(StrEnum):
        KLEIN = "klein"
        KLEINER = "kleiner"

    assert parse_choice("klein", Size, "maat", "De maat") is Size.KLEIN
    with pytest.raises(ValidationError):
        parse_choice("kle", Size, "maat", "De maat")  # two choices start like this


@pytest.mark.parametrize("typed", ["misschien", "x", "o o"])
def test_an_unknown_choice_lists_the_choices(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_choice(typed, Status, "status", "De status")
    assert caught.value.field == "status"
    assert caught.value.message == (
        "De status kan zijn: open, bezig, klaar, vervallen. Of laat het leeg."
    )


# -- names, percentages, counts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", []),
        (" , ,", []),
        ("Fatima", ["Fatima"]),
        (" Fatima El Amrani,Joost ,", ["Fatima El Amrani", "Joost"]),
        ("Sevda,,anoniem", ["Sevda", "anoniem"]),
        ("Ans\tde  Vries, Jo\n", ["Ans de Vries", "Jo"]),
    ],
)
def test_names_are_split_on_commas_and_trimmed(typed: str, expected: list[str]) -> None:
    assert parse_names(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("60", 60), ("60 %", 60), ("0%", 0), (" 100 ", 100), ("", None), ("  ", None)],
)
def test_a_percentage_may_carry_a_percent_sign(typed: str, expected: int | None) -> None:
    assert parse_percent(typed) == expected


@pytest.mark.parametrize("typed", ["101", "-1", "zestig", "60.5", "60,5", "%", "1000"])
def test_a_percentage_is_a_whole_number_up_to_100(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_percent(typed, "streefcijfer")
    assert caught.value.field == "streefcijfer"
    assert "heel getal van 0 tot en met 100" in caught.value.message


def test_a_count_is_empty_or_a_whole_number_up_to_the_maximum() -> None:
    assert parse_count("", "ouders", 50) == 0
    assert parse_count(" 3 ", "ouders", 50) == 3
    assert parse_count("50", "ouders", 50) == 50
    for typed in ["drie", "-1", "2.5", "²"]:
        with pytest.raises(ValidationError, match="Vul een aantal in") as caught:
            parse_count(typed, "ouders", 50)
        assert caught.value.field == "ouders"
    with pytest.raises(ValidationError, match="Het maximum is 50") as caught:
        parse_count("51", "ouders", 50)
    assert caught.value.field == "ouders"
