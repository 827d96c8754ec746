"""The domain model: a workshop session, its participants, contributions and agreements.

These dataclasses are also the schema of the session format: each field's annotation says what it
may hold (``workshop.schema_types``), and ``workshop.schema`` reads and writes them from that, for
the store, the JSON interchange and ``data/session.schema.json`` alike. Fields are declared in the
order a file lists them; fields with a default that come before one without are keyword-only.
Values made in the app are cleaned and checked when typed (``workshop.text``,
``workshop.session``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from workshop.limits import TIMER_PLANNED, TIMER_REMAINING, VOTE_BUDGET, VOTES
from workshop.schema_types import (
    ADDED_LATER,
    DUE,
    Bounded,
    Code,
    Day,
    EncodedAs,
    Index,
    ItemId,
    Moment,
    Name,
    Record,
    RequiredLong,
    RequiredName,
    SessionId,
    Shape,
    Short,
    Title,
)
from workshop.summary import SessionSummary as SessionSummary  # listing needs only this
from workshop.text import format_date


def new_id() -> str:
    """A short random id; unique enough for one machine's sessions and their contents."""
    return uuid.uuid4().hex[:12]


class Group(StrEnum):
    """Whose voice a contribution is: parents' input must stay recognisable as theirs."""

    TEAM = "team"
    OUDERPANEL = "ouderpanel"

    @property
    def label(self) -> str:
        return "Team" if self is Group.TEAM else "Ouderpanel"

    @property
    def role(self) -> str:
        """The word used instead of a person's name (anonymous or forgotten)."""
        return "teamlid" if self is Group.TEAM else "ouder"


class Source(StrEnum):
    """Where a contribution came from: typed on the laptop, or sent from a phone and accepted."""

    TYPED = "getypt"
    PHONE = "telefoon"


# The languages a phone page speaks (workshop.phone); a phone's remark keeps the one it came from.
LANGUAGES: tuple[str, ...] = ("nl", "en", "ar", "tr", "pl", "uk")
Language = Annotated[str, Code("[a-z]{2,3}", "een taalcode is 2 of 3 kleine letters, zoals 'nl'.")]
DEFAULT_VOTE_BUDGET = 3


class Kind(StrEnum):
    KNELPUNT = "knelpunt"
    KANS = "kans"
    WENS = "wens"
    IDEE = "idee"
    OBSERVATIE = "observatie"


class PartnershipForm(StrEnum):
    DIDACTISCH = "didactisch"
    PEDAGOGISCH = "pedagogisch"
    INFORMEEL = "informeel"
    FORMEEL = "formeel"
    MAATSCHAPPELIJK = "maatschappelijk"


class Aim(StrEnum):
    """The four aims of partnership."""

    PEDAGOGISCH = "pedagogisch"  # home and centre aligned in upbringing
    TOERUSTING = "toerusting"  # both sides equipped for partnership
    ORGANISATORISCH = "organisatorisch"  # parents help run activities
    DEMOCRATISCH = "democratisch"  # parents co-decide; the centre accounts for its work

    @property
    def label(self) -> str:
        return _AIM_LABELS[self]


_AIM_LABELS = {
    Aim.PEDAGOGISCH: "Pedagogisch: thuis en groep sluiten op elkaar aan",
    Aim.TOERUSTING: "Toerusting: ouders en team kunnen goed samenwerken",
    Aim.ORGANISATORISCH: "Organisatorisch: ouders helpen mee bij activiteiten",
    Aim.DEMOCRATISCH: "Democratisch: ouders beslissen mee",
}


class Status(StrEnum):
    OPEN = "open"
    BEZIG = "bezig"
    KLAAR = "klaar"
    VERVALLEN = "vervallen"


class Horizon(StrEnum):
    DEZE_WEEK = "deze week"
    VOLGENDE_WEEK = "volgende week"
    VOLGENDE_MAAND = "volgende maand"
    HALF_JAAR = "binnen een half jaar"


INSTRUMENTS: tuple[str, ...] = (
    "startgesprek",
    "communicatieplan op maat",
    "inloopochtend",
    "ouderkamer",
    "huisbezoek",
    "oudercontactpersoon",
)
"""Suggested instruments; an agreement may name any other instrument too."""


class Due:
    """When an agreement is due: a horizon ("volgende maand") or a date.

    Written in a file as one string (the horizon's text or an ISO date), so it is no dataclass:
    ``workshop.schema`` reads and writes it with ``from_value`` and ``to_value``.
    """

    __slots__ = ("horizon", "on")

    def __init__(self, horizon: Horizon | None = None, on: date | None = None) -> None:
        if (horizon is None) == (on is None):
            raise ValueError("Due needs exactly one of horizon or on")
        object.__setattr__(self, "horizon", horizon)
        object.__setattr__(self, "on", on)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Due cannot be changed")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Due):
            return NotImplemented
        return (self.horizon, self.on) == (other.horizon, other.on)

    def __hash__(self) -> int:
        return hash((self.horizon, self.on))

    def __repr__(self) -> str:
        return f"Due(horizon={self.horizon!r}, on={self.on!r})"

    def __reduce__(self) -> tuple[type[Due], tuple[Horizon | None, date | None]]:
        return Due, (self.horizon, self.on)  # copy and pickle through __init__

    @property
    def label(self) -> str:
        return self.horizon.value if self.horizon else format_date(self.on)  # type: ignore[arg-type]

    def to_value(self) -> str:
        """Stored as one string: the horizon text or an ISO date."""
        return self.horizon.value if self.horizon else self.on.isoformat()  # type: ignore[union-attr]

    @classmethod
    def from_value(cls, value: str) -> Due:
        try:
            return cls(horizon=Horizon(value))
        except ValueError:
            return cls(on=date.fromisoformat(value))


@dataclass
class Participant(Record):
    id: ItemId = field(default_factory=new_id, kw_only=True)
    group: Group
    name: Name = ""  # empty: anonymous (parents are anonymous by default)

    @property
    def display_name(self) -> str:
        return self.name or f"anoniem ({self.group.role})"


@dataclass
class Contribution(Record):
    """Something said in the meeting (inbreng), by the team or by the parent panel."""

    id: ItemId = field(default_factory=new_id, kw_only=True)
    text: RequiredLong
    group: Group
    phase: Index  # index into the session's phases
    step: Index  # index into that phase's steps
    kind: Kind = field(default=Kind.OBSERVATIE, kw_only=True)
    form: PartnershipForm | None = field(default=None, kw_only=True)
    aim: Annotated[Aim | None, ADDED_LATER] = field(default=None, kw_only=True)
    author: Name = field(default="", kw_only=True)  # empty: nobody named
    votes: Annotated[int, Bounded(VOTES)] = field(default=0, kw_only=True)
    created: Moment
    edited: Moment | None = field(default=None, kw_only=True)
    source: Annotated[Source, ADDED_LATER] = field(default=Source.TYPED, kw_only=True)
    # the language of the phone page it was written on; None: typed on the laptop
    language: Annotated[Language | None, ADDED_LATER] = field(default=None, kw_only=True)


@dataclass
class Agreement(Record):
    """An afspraak: what will be done and who owns it. An owner is required."""

    id: ItemId = field(default_factory=new_id, kw_only=True)
    what: RequiredLong
    owner: RequiredName
    with_whom: Short = field(default="", kw_only=True)
    due: Annotated[Due, DUE] | None = field(default=None, kw_only=True)
    instrument: Short = field(default="", kw_only=True)
    form: PartnershipForm | None = field(default=None, kw_only=True)
    status: Status = field(default=Status.OPEN, kw_only=True)
    source: ItemId | None = field(default=None, kw_only=True)  # the contribution it came from
    phase: Index | None = field(default=None, kw_only=True)  # where in the session it was made
    created: Moment
    # What a trajectory adds: its goal, a review, and where it was brought along from.
    goal: Annotated[ItemId | None, ADDED_LATER] = field(default=None, kw_only=True)  # its goal
    note: Annotated[Short, ADDED_LATER] = field(default="", kw_only=True)  # from a review
    # the session it was brought along from
    carried_from: Annotated[SessionId | None, ADDED_LATER] = field(default=None, kw_only=True)
    # the first agreement in its lineage
    origin: Annotated[ItemId | None, ADDED_LATER] = field(default=None, kw_only=True)
    # its status when it was brought along
    status_before: Annotated[Status | None, ADDED_LATER] = field(default=None, kw_only=True)
    reviewed: Annotated[bool, ADDED_LATER] = field(default=False, kw_only=True)  # in this session
    # the day of the session it was first made in: a horizon ("volgende week") counts from there
    made_on: Annotated[Day | None, ADDED_LATER] = field(default=None, kw_only=True)

    @property
    def is_carried(self) -> bool:
        return self.carried_from is not None

    @property
    def lineage(self) -> str:
        """The same agreement through a trajectory: the id of its first version."""
        return self.origin or self.id


@dataclass
class TimingEntry(Record):
    """One stretch during which a phase's timer ran. ``stopped`` is None while it still runs.

    ``seen``: while it runs, the last moment the app noted that it still ran (about once a
    minute, ``workshop.timer.HEARTBEAT_SECONDS``). A stretch found running when the session is
    opened again stopped being seen then: the app was closed without pausing (a crash).
    """

    phase: Index
    started: Moment
    stopped: Moment | None = None
    seen: Annotated[Moment | None, ADDED_LATER] = None

    def seconds(self, now: datetime) -> float:
        return ((self.stopped or now) - self.started).total_seconds()


@dataclass
class PhaseTimer(Record):
    """The countdown of one phase.

    Stored as an end moment while running and as the remaining seconds while paused, so that
    after a restart (or a closed laptop) the countdown is still right.
    """

    planned: Annotated[float, Bounded(TIMER_PLANNED)]  # seconds; adjustable before and during
    remaining: Annotated[float, Bounded(TIMER_REMAINING)]  # left when paused (negative: overtime)
    ends_at: Moment | None = None  # set while running

    @classmethod
    def fresh(cls, minutes: float) -> PhaseTimer:
        return cls(planned=minutes * 60, remaining=minutes * 60)

    @property
    def running(self) -> bool:
        return self.ends_at is not None


@dataclass
class Position(Record):
    phase: Index = 0
    step: Index = 0


@dataclass
class Note(Record):
    """A private note of the facilitator: never projected, never exported unless asked."""

    id: ItemId = field(default_factory=new_id, kw_only=True)
    text: RequiredLong
    phase: Index
    created: Moment


@dataclass
class Participation(Record):
    """The session's switches for phones (workshop.app.participation)."""

    show_at_once: bool = False  # a phone's remark is accepted without review
    vote_budget: Annotated[int, Bounded(VOTE_BUDGET)] = DEFAULT_VOTE_BUDGET  # dots per phone
    voting: Position | None = None  # the step whose vote is open on phones; None: closed
    scan: ItemId | None = None  # the scan phones may fill in; None: none


@dataclass
class Session(Record):
    """A workshop session. ``template`` is a copy of the template it follows (as a dict, see
    ``workshop.template``), so later edits to the template file never break a stored session."""

    id: SessionId = field(default_factory=new_id, kw_only=True)
    title: Title
    location: Short
    # the trajectory's name; empty: the location is the trajectory
    series: Annotated[Short, ADDED_LATER] = field(default="", kw_only=True)
    day: Annotated[Day, EncodedAs("date")]
    facilitator: Name
    template: Annotated[dict[str, Any], Shape("workshop.template:Template")]
    participants: list[Participant] = field(default_factory=list)
    position: Position = field(default_factory=Position)
    timers: list[PhaseTimer] = field(default_factory=list)  # one per phase
    timing_log: list[TimingEntry] = field(default_factory=list)
    bell: bool = True  # ring the terminal bell once when a phase's time is up
    created: Moment | None = None
    participation: Annotated[Participation, ADDED_LATER] = field(default_factory=Participation)
    # private: left out of every export unless asked (workshop.interchange)
    notes: Annotated[list[Note], ADDED_LATER] = field(default_factory=list)
