"""Taking part from a phone: the types (and so the schema) of what phones send.

A remark from a phone (``PhoneRemark``) waits in a table of its own until the facilitator accepts
it; accepting makes it a ``Contribution`` like a typed one (with ``source`` "telefoon" and the
page's language), so nothing that reads contributions (the columns, the exports, the balance)
ever sees a remark nobody accepted. A phone is known only by ``PhoneId``: a hash of the random
cookie the phone holds, never an address, a browser's name or a join token.

Votes are kept per phone (``PhoneVote``, at most ``MAX_DOTS_ON_ONE`` on one remark, within the
session's budget); the contribution's own ``votes`` holds the total. Self-scan answers are kept
per phone (``ScanAnswer``) and only ever shown together (``workshop.participation_results``).
The session's switches (``workshop.model.Participation``) and the facilitator's private notes
(``workshop.model.Note``) are part of the session itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from workshop.limits import PHONE_DOTS
from workshop.model import Group, Language, new_id
from workshop.scan import _SCAN_REASON, SCORES, STATEMENT_CODE
from workshop.schema_types import (
    KNOWN_SCAN,
    Bounded,
    Code,
    Index,
    ItemId,
    Moment,
    Name,
    Record,
    RequiredLong,
)

MAX_DOTS_ON_ONE = PHONE_DOTS.highest
PHONE_ID_PATTERN = "[0-9a-f]{32}"
PhoneId = Annotated[str, Code(PHONE_ID_PATTERN, "dit moet een telefooncode van 32 tekens zijn.")]


def phone_id(cookie: str) -> str:
    """The stored name of a phone: a hash of its random cookie (the cookie itself is never
    stored, so a copy of the file cannot be used to act as that phone)."""
    return hashlib.sha256(cookie.encode("utf-8")).hexdigest()[:32]


class Moderation(StrEnum):
    """Where a phone's remark is: waiting for the facilitator, on the wall, or hidden."""

    WAITING = "wacht"
    ACCEPTED = "getoond"
    HIDDEN = "verborgen"


@dataclass
class PhoneRemark(Record):
    """A remark sent from a phone. ``contribution``: the contribution it became when accepted."""

    id: ItemId = field(default_factory=new_id, kw_only=True)
    text: RequiredLong
    group: Group  # decided by the link the phone opened, never by the phone
    phase: Index
    step: Index
    language: Language  # of the page it was written on
    phone: PhoneId
    name: Name = field(default="", kw_only=True)  # empty: anonymous
    state: Moderation = field(default=Moderation.WAITING, kw_only=True)
    contribution: ItemId | None = field(default=None, kw_only=True)
    created: Moment


@dataclass
class PhoneVote(Record):
    """The dots one phone gave one contribution."""

    phone: PhoneId
    contribution: ItemId
    dots: Annotated[int, Bounded(PHONE_DOTS)]

    @property
    def id(self) -> str:
        return f"{self.phone}/{self.contribution}"


@dataclass
class ScanAnswer(Record):
    """One phone's score for one statement of a scan. ``score`` None: "weet niet"."""

    scan: Annotated[str, KNOWN_SCAN, _SCAN_REASON]
    code: Annotated[str, Code(STATEMENT_CODE, "dit moet de code van een uitspraak zijn.")]
    group: Group
    phone: PhoneId
    score: Annotated[int, Bounded(SCORES)] | None

    @property
    def id(self) -> str:
        return f"{self.scan}/{self.phone}/{self.code}"


# -- results: only ever together ------------------------------------------------------------------


@dataclass(frozen=True)
class ScanTally:
    """What phones answered to a scan, together: per group how many phones answered, and per
    statement and group the middle score (the median; None when nobody gave one). Individual
    answers are never part of it."""

    scan: str
    responded: dict[Group, int]
    middle: dict[tuple[str, Group], int | None]


def tally_scan(scan_id: str, answers: list[ScanAnswer]) -> ScanTally:
    mine = [a for a in answers if a.scan == scan_id]
    responded = {g: len({a.phone for a in mine if a.group is g}) for g in Group}
    middle: dict[tuple[str, Group], int | None] = {}
    for code in dict.fromkeys(a.code for a in mine):
        for group in Group:
            scores = sorted(
                a.score for a in mine if a.code == code and a.group is group and a.score is not None
            )
            middle[(code, group)] = scores[(len(scores) - 1) // 2] if scores else None
    return ScanTally(scan_id, responded, middle)
