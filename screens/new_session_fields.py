"""What the new-session form asks, and how its text becomes what the core takes: the fields with
their labels, the participants typed as names or a number, and the sentence about what comes
along from the trajectory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from workshop.app.live import new_participant
from workshop.errors import ValidationError, WorkshopError
from workshop.export.blocks import plural
from workshop.model import Group, Participant
from workshop.scan import Scan
from workshop.trajectory import CarryOver
from workshop.typed import parse_count, parse_names

T = TypeVar("T")
ANONYMOUS_WORD = "anoniem"
MAX_ANONYMOUS_PARENTS = 50

# The core names fields in Dutch (ValidationError.field); this maps them to the form's inputs.
FIELD_INPUTS: dict[str, str] = {
    "titel": "title",
    "locatie": "location",
    "traject": "series",
    "datum": "day",
    "begeleider": "facilitator",
    "sjabloon": "template",
    "team": "team",
    "ouders": "parent-count",
    "oudernamen": "parent-names",
}


def carry_over_text(carried: CarryOver) -> str:
    """What a new session brings along, in one sentence."""
    agreements, goals = len(carried.agreements), len(carried.goals)
    goals_text = plural(goals, "doel", "doelen")
    if not agreements:
        extra = f" {goals_text} {'gaat' if goals == 1 else 'gaan'} mee." if goals else ""
        return "Geen open afspraken uit eerdere sessies." + extra
    text = plural(agreements, "open afspraak", "open afspraken") + " uit eerdere sessies"
    if goals:
        return f"{text} en {goals_text} gaan mee."
    return f"{text} {'gaat' if agreements == 1 else 'gaan'} mee."


def participant_texts(participants: list[Participant]) -> dict[str, str]:
    """The team, parent-count and parent-names fields filled in with these participants: the
    team by name, named parents by name and anonymous parents as a number (they stay anonymous).
    A team member without a name (forgotten) cannot be typed in, so is left out."""
    team = [p.name for p in participants if p.group is Group.TEAM and p.name]
    parents = [p for p in participants if p.group is Group.OUDERPANEL]
    anonymous = sum(1 for p in parents if not p.name)
    return {
        TEAM_FIELD.input_id: ", ".join(team),
        PARENT_COUNT_FIELD.input_id: str(anonymous) if anonymous else "",
        PARENT_NAMES_FIELD.input_id: ", ".join(p.name for p in parents if p.name),
    }


def shipped(load: Callable[[], list[T]]) -> tuple[list[T], WorkshopError | None]:
    """The templates or scans that come with the app; none, and the problem, if they can't load."""
    try:
        return load(), None
    except (WorkshopError, OSError) as error:
        return [], WorkshopError(str(error))


def scan_label(scan: Scan) -> str:
    """The scan's name without "Zelfscan:" (the heading above the choices says it)."""
    name = scan.name
    if name.casefold().startswith("zelfscan:"):
        name = name[len("zelfscan:") :].strip()
    return name[:1].upper() + name[1:]


def team_members(text: str) -> list[Participant]:
    try:
        return [new_participant(Group.TEAM, name) for name in parse_names(text)]
    except ValidationError as error:
        raise ValidationError("team", error.message) from None


def parent_panel(count_text: str, names_text: str) -> list[Participant]:
    """Anonymous parents by number, plus named ones; 'anoniem' in the names is one more."""
    count = parse_count(count_text, "ouders", MAX_ANONYMOUS_PARENTS)
    parents = [new_participant(Group.OUDERPANEL) for _ in range(count)]
    try:
        for name in parse_names(names_text):
            anonymous = name.casefold() == ANONYMOUS_WORD
            parents.append(new_participant(Group.OUDERPANEL, "" if anonymous else name))
    except ValidationError as error:
        raise ValidationError("oudernamen", error.message) from None
    return parents


@dataclass(frozen=True)
class Field:
    """One labelled input of the form."""

    input_id: str
    label: str
    placeholder: str = ""


LEFT_FIELDS = (
    Field("title", "Titel (verplicht)", "Waar gaat de sessie over?"),
    Field("location", "Locatie", "Bijvoorbeeld: De Regenboog"),
    Field("series", "Traject", "Leeg: de locatie is het traject"),
    Field("day", "Datum (dag-maand-jaar)", "dd-mm-jjjj"),
    Field("facilitator", "Begeleider", "Wie leidt de sessie?"),
)
TEAM_FIELD = Field("team", "Team: namen, met komma's ertussen", "Bijvoorbeeld: Fatima, Joost")
PARENT_COUNT_FIELD = Field("parent-count", "Ouderpanel: aantal anonieme ouders", "0")
PARENT_NAMES_FIELD = Field(
    "parent-names",
    "Ouders met naam (als ze dat willen)",
    "Bijvoorbeeld: Sevda, anoniem",
)
TEXT_INPUTS = (
    *(f.input_id for f in LEFT_FIELDS),
    TEAM_FIELD.input_id,
    PARENT_COUNT_FIELD.input_id,
    PARENT_NAMES_FIELD.input_id,
)
LAST_INPUT = PARENT_NAMES_FIELD.input_id
