"""Goals (doelen): concrete and measurable, stated in the plan phase and judged in the evaluation.

A goal has a description, a criterion that says when it is reached, optionally a target percentage
of parents and a date. In the evaluation it gets a result and a judgement.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from workshop.errors import ValidationError
from workshop.limits import PERCENT, check_day
from workshop.model import new_id
from workshop.schema_types import (
    ADDED_LATER,
    Bounded,
    Day,
    ItemId,
    Long,
    Record,
    RequiredLong,
    RequiredShort,
    SessionId,
)
from workshop.text import SHORT_MAX, TEXT_MAX, clean_line, optional_line, required_line
from workshop.typed import DATE_HINT, PERCENT_HINT, parse_date, parse_percent

INSPECTION_NORM_PERCENT = 50


class Judgement(StrEnum):
    GEHAALD = "gehaald"
    DEELS = "deels"
    NIET = "niet"

    @property
    def label(self) -> str:
        return {"gehaald": "Gehaald", "deels": "Deels gehaald", "niet": "Niet gehaald"}[self.value]


@dataclass
class Goal(Record):
    id: ItemId = field(default_factory=new_id, kw_only=True)
    description: RequiredLong
    # when is the goal reached, e.g. "60 % van de ouders komt naar het startgesprek"
    criterion: RequiredShort
    target_percent: Annotated[Annotated[int, Bounded(PERCENT)] | None, ADDED_LATER] = None
    by: Annotated[Day | None, ADDED_LATER] = None
    result: Annotated[Long, ADDED_LATER] = ""  # filled in at the evaluation
    judgement: Annotated[Judgement | None, ADDED_LATER] = None
    # the session it was brought along from, and the first goal in its lineage
    carried_from: Annotated[SessionId | None, ADDED_LATER] = field(default=None, kw_only=True)
    origin: Annotated[ItemId | None, ADDED_LATER] = field(default=None, kw_only=True)

    @property
    def evaluated(self) -> bool:
        return self.judgement is not None

    @property
    def is_carried(self) -> bool:
        return self.carried_from is not None

    @property
    def lineage(self) -> str:
        return self.origin or self.id


def norm_suggestion() -> str:
    """The inspection norm, offered when the group sets a target percentage."""
    return (
        f"Tip: de inspectie vraagt dat minstens {INSPECTION_NORM_PERCENT} % van de ouders meedoet "
        "aan activiteiten in de groep en thuis. "
        f"Je kunt {INSPECTION_NORM_PERCENT} % als doel nemen, of meer."
    )


def _percent(value: int | str | None) -> int | None:
    if isinstance(value, str):
        return parse_percent(value, "percentage")
    # bool is an int in Python, but True is no percentage
    if value is not None and value not in PERCENT:
        raise ValidationError("percentage", PERCENT_HINT)
    return value


def _date(value: date | str | None) -> date | None:
    if isinstance(value, str):
        return parse_date(value, "datum") if clean_line(value) else None
    if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
        raise ValidationError("datum", DATE_HINT)  # a datetime is a date too
    return check_day(value, "datum")


def make_goal(
    description: str,
    criterion: str,
    target_percent: int | str | None = None,
    by: date | str | None = None,
) -> Goal:
    """A new goal from what was typed. Raises ValidationError naming the field.

    ``target_percent`` may be typed ("60", "60 %"); ``by`` may be a date or typed as dd-mm-jjjj
    (or jjjj-mm-dd). Empty text means none.
    """
    return Goal(
        description=required_line(description, TEXT_MAX, "doel", "Het doel"),
        criterion=required_line(criterion, SHORT_MAX, "criterium", "Het criterium"),
        target_percent=_percent(target_percent),
        by=_date(by),
    )


def evaluate(goal: Goal, result: str, judgement: Judgement | str) -> Goal:
    """The goal with its result and judgement filled in (the old goal is not changed)."""
    try:
        judged = Judgement(judgement)
    except ValueError:
        choices = ", ".join(j.value for j in Judgement)
        raise ValidationError("oordeel", f"Kies een oordeel: {choices}.") from None
    return replace(
        goal,
        result=optional_line(result, TEXT_MAX, "resultaat", "Het resultaat"),
        judgement=judged,
    )
