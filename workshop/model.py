"""The domain model: a workshop session, its participants, contributions and agreements.

Plain dataclasses with ``to_dict``/``from_dict`` for storage and interchange. Values that reach
these classes have already been cleaned and checked (``workshop.text``, ``workshop.session``);
``from_dict`` trusts stored data, ``workshop.interchange`` checks foreign data first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from workshop.summary import SessionSummary as SessionSummary  # listing needs only this
from workshop.text import format_date


def new_id() -> str:
    """A short random id; unique enough for one machine's sessions and their contents."""
    import uuid  # here, not at the top: listing sessions never needs it (faster start-up)

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


@dataclass(frozen=True)
class Due:
    """When an agreement is due: a horizon ("volgende maand") or a date."""

    horizon: Horizon | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        if (self.horizon is None) == (self.on is None):
            raise ValueError("Due needs exactly one of horizon or on")

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
class Participant:
    group: Group
    name: str = ""  # empty: anonymous (parents are anonymous by default)
    id: str = field(default_factory=new_id)

    @property
    def display_name(self) -> str:
        return self.name or f"anoniem ({self.group.role})"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "group": self.group.value, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Participant:
        return cls(id=data["id"], group=Group(data["group"]), name=data.get("name", ""))


@dataclass
class Contribution:
    """Something said in the meeting (inbreng), by the team or by the parent panel."""

    text: str
    group: Group
    phase: int  # index into the session's phases
    step: int  # index into that phase's steps
    created: datetime
    kind: Kind = Kind.OBSERVATIE
    form: PartnershipForm | None = None
    author: str = ""  # empty: nobody named
    votes: int = 0
    edited: datetime | None = None
    id: str = field(default_factory=new_id)
    aim: Aim | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "group": self.group.value,
            "phase": self.phase,
            "step": self.step,
            "kind": self.kind.value,
            "form": self.form.value if self.form else None,
            "aim": self.aim.value if self.aim else None,
            "author": self.author,
            "votes": self.votes,
            "created": self.created.isoformat(),
            "edited": self.edited.isoformat() if self.edited else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contribution:
        return cls(
            id=data["id"],
            text=data["text"],
            group=Group(data["group"]),
            phase=data["phase"],
            step=data["step"],
            kind=Kind(data["kind"]),
            form=PartnershipForm(data["form"]) if data.get("form") else None,
            aim=Aim(data["aim"]) if data.get("aim") else None,
            author=data.get("author", ""),
            votes=data.get("votes", 0),
            created=datetime.fromisoformat(data["created"]),
            edited=datetime.fromisoformat(data["edited"]) if data.get("edited") else None,
        )


@dataclass
class Agreement:
    """An afspraak: what will be done and who owns it. An owner is required."""

    what: str
    owner: str
    created: datetime
    with_whom: str = ""
    due: Due | None = None
    instrument: str = ""
    form: PartnershipForm | None = None
    status: Status = Status.OPEN
    source: str | None = None  # id of the contribution it came from
    phase: int | None = None  # where in the session it was made
    id: str = field(default_factory=new_id)
    goal: str | None = None  # id of a goal in the same session
    note: str = ""  # a short note from a review
    carried_from: str | None = None  # id of the session it was brought along from
    origin: str | None = None  # id of the first agreement in its lineage
    status_before: Status | None = None  # its status when it was brought along
    reviewed: bool = False  # reviewed in this session

    @property
    def is_carried(self) -> bool:
        return self.carried_from is not None

    @property
    def lineage(self) -> str:
        """The same agreement through a trajectory: the id of its first version."""
        return self.origin or self.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "owner": self.owner,
            "with_whom": self.with_whom,
            "due": self.due.to_value() if self.due else None,
            "instrument": self.instrument,
            "form": self.form.value if self.form else None,
            "status": self.status.value,
            "source": self.source,
            "phase": self.phase,
            "created": self.created.isoformat(),
            "goal": self.goal,
            "note": self.note,
            "carried_from": self.carried_from,
            "origin": self.origin,
            "status_before": self.status_before.value if self.status_before else None,
            "reviewed": self.reviewed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Agreement:
        return cls(
            id=data["id"],
            what=data["what"],
            owner=data["owner"],
            with_whom=data.get("with_whom", ""),
            due=Due.from_value(data["due"]) if data.get("due") else None,
            instrument=data.get("instrument", ""),
            form=PartnershipForm(data["form"]) if data.get("form") else None,
            status=Status(data.get("status", "open")),
            source=data.get("source"),
            phase=data.get("phase"),
            created=datetime.fromisoformat(data["created"]),
            goal=data.get("goal"),
            note=data.get("note", ""),
            carried_from=data.get("carried_from"),
            origin=data.get("origin"),
            status_before=Status(data["status_before"]) if data.get("status_before") else None,
            reviewed=data.get("reviewed", False),
        )


@dataclass
class TimingEntry:
    """One stretch during which a phase's timer ran. ``stopped`` is None while it still runs."""

    phase: int
    started: datetime
    stopped: datetime | None = None

    def seconds(self, now: datetime) -> float:
        return ((self.stopped or now) - self.started).total_seconds()

    def to_dict(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "started": self.started.isoformat(),
            "stopped": self.stopped.isoformat() if self.stopped else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimingEntry:
        return cls(
            phase=data["phase"],
            started=datetime.fromisoformat(data["started"]),
            stopped=datetime.fromisoformat(data["stopped"]) if data.get("stopped") else None,
        )


@dataclass
class PhaseTimer:
    """The countdown of one phase.

    Stored as an end moment while running and as the remaining seconds while paused, so that
    after a restart (or a closed laptop) the countdown is still right.
    """

    planned: float  # seconds; adjustable before and during the session
    remaining: float  # seconds left when paused (negative: overtime)
    ends_at: datetime | None = None  # set while running

    @classmethod
    def fresh(cls, minutes: float) -> PhaseTimer:
        return cls(planned=minutes * 60, remaining=minutes * 60)

    @property
    def running(self) -> bool:
        return self.ends_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "planned": self.planned,
            "remaining": self.remaining,
            "ends_at": self.ends_at.isoformat() if self.ends_at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PhaseTimer:
        return cls(
            planned=data["planned"],
            remaining=data["remaining"],
            ends_at=datetime.fromisoformat(data["ends_at"]) if data.get("ends_at") else None,
        )


@dataclass
class Position:
    phase: int = 0
    step: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"phase": self.phase, "step": self.step}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Position:
        return cls(phase=data["phase"], step=data["step"])


@dataclass
class Session:
    """A workshop session. ``template`` is a copy of the template it follows (as a dict, see
    ``workshop.template``), so later edits to the template file never break a stored session."""

    title: str
    location: str
    day: date
    facilitator: str
    template: dict[str, Any]
    participants: list[Participant] = field(default_factory=list)
    position: Position = field(default_factory=Position)
    timers: list[PhaseTimer] = field(default_factory=list)  # one per phase
    timing_log: list[TimingEntry] = field(default_factory=list)
    bell: bool = True  # ring the terminal bell once when a phase's time is up
    created: datetime | None = None
    id: str = field(default_factory=new_id)
    series: str = ""  # the trajectory's name; empty: the location is the trajectory

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "location": self.location,
            "series": self.series,
            "date": self.day.isoformat(),
            "facilitator": self.facilitator,
            "template": self.template,
            "participants": [p.to_dict() for p in self.participants],
            "position": self.position.to_dict(),
            "timers": [t.to_dict() for t in self.timers],
            "timing_log": [t.to_dict() for t in self.timing_log],
            "bell": self.bell,
            "created": self.created.isoformat() if self.created else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        return cls(
            id=data["id"],
            title=data["title"],
            location=data.get("location", ""),
            series=data.get("series", ""),
            day=date.fromisoformat(data["date"]),
            facilitator=data.get("facilitator", ""),
            template=data["template"],
            participants=[Participant.from_dict(p) for p in data.get("participants", [])],
            position=Position.from_dict(data.get("position", {"phase": 0, "step": 0})),
            timers=[PhaseTimer.from_dict(t) for t in data.get("timers", [])],
            timing_log=[TimingEntry.from_dict(t) for t in data.get("timing_log", [])],
            bell=data.get("bell", True),
            created=datetime.fromisoformat(data["created"]) if data.get("created") else None,
        )
