"""Export "zonder namen": a copy of a session in which every personal name is replaced by a role.

- participants lose their name and become anonymous (the plan then counts them: "3 anonieme
  teamleden"); in the JSON they keep their group, which is their role;
- the facilitator becomes "begeleider";
- a contribution's author becomes the role of the contribution's group ("teamlid" or "ouder");
- an agreement's owner becomes the role of that person: "teamlid", "ouder" or "begeleider" when
  the name is known, else "eigenaar";
- "met wie" becomes the role of that person when it is one known name; when it mentions known
  names, those are replaced; otherwise it becomes "betrokkene", since it may name someone we
  do not know about;
- known names inside free text (contributions, what was agreed, the instrument, a review note, the
  title and the trajectory's name, goals with their criterion and result) are replaced by the
  role, as whole words regardless of case. A full name and each capitalised part of three letters
  or more count ("Fatima El Amrani": also "Fatima" and "Amrani"), so a first name used alone is
  caught too. Particles like "de" or "van" are left alone.

The location is kept: it names an organisation, not a person.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from workshop.goals import Goal
from workshop.model import Agreement, Contribution, Group, Participant, Session
from workshop.store import StoredSession

FACILITATOR_ROLE = "begeleider"
OWNER_ROLE = "eigenaar"
INVOLVED_ROLE = "betrokkene"
MIN_PART_LENGTH = 3


class NameReplacer:
    """Knows every name in a session and the role that replaces it."""

    def __init__(self) -> None:
        self.roles: dict[str, str] = {}  # casefolded full name -> role
        self.words: dict[str, tuple[str, str]] = {}  # casefolded word -> (as written, role)
        self._pattern: re.Pattern[str] | None = None
        self._replacements: list[str] = []

    def add(self, name: str, role: str) -> None:
        name = name.strip()
        if not name:
            return
        self.roles.setdefault(name.casefold(), role)
        parts = [p for p in name.split() if len(p) >= MIN_PART_LENGTH and p[0].isupper()]
        for word in [name, *parts]:
            self.words.setdefault(word.casefold(), (word, role))
        self._pattern = None

    def role_of(self, name: str) -> str | None:
        return self.roles.get(name.strip().casefold())

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.words:
            # One named group per word, longest first, so a full name wins over its parts. The
            # group that matched says which role to put in (a case-insensitive match need not
            # casefold to the same key: think of the Turkish dotted İ).
            entries = sorted(self.words.values(), key=lambda entry: len(entry[0]), reverse=True)
            self._replacements = [role for _, role in entries]
            groups = "|".join(f"(?P<w{i}>{re.escape(word)})" for i, (word, _) in enumerate(entries))
            self._pattern = re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)
        return self._pattern

    def in_text(self, text: str) -> str:
        """``text`` with every known name (whole words, any case) replaced by its role.

        One pass: a role that was just put in is never looked at again.
        """
        pattern = self._compiled()
        if pattern is None or not text:
            return text
        return pattern.sub(lambda m: self._replacements[int(m.lastgroup[1:])], text)  # type: ignore[index]

    def person(self, name: str, fallback: str) -> str:
        """A field that holds one person: their role, or ``fallback`` when unknown."""
        if not name:
            return name
        return self.role_of(name) or fallback

    def people(self, text: str, fallback: str) -> str:
        """A field that may hold names among other words ("met wie")."""
        if not text:
            return text
        if (role := self.role_of(text)) is not None:
            return role
        replaced = self.in_text(text)
        return replaced if replaced != text else fallback


def names_in(stored: StoredSession) -> NameReplacer:
    """All names the session knows, each with its role. Participants first: they know best."""
    replacer = NameReplacer()
    session = stored.session
    for participant in session.participants:
        replacer.add(participant.name, participant.group.role)
    replacer.add(session.facilitator, FACILITATOR_ROLE)
    for contribution in stored.contributions:
        replacer.add(contribution.author, contribution.group.role)
    for agreement in stored.agreements:
        replacer.add(agreement.owner, OWNER_ROLE)
    return replacer


def without_names(stored: StoredSession) -> StoredSession:
    """A copy of ``stored`` with every personal name replaced by a role; ``stored`` is unchanged."""
    names = names_in(stored)
    return StoredSession(
        session=_session(stored.session, names),
        contributions=[_contribution(c, names) for c in stored.contributions],
        agreements=[_agreement(a, names) for a in stored.agreements],
        goals=[_goal(g, names) for g in stored.goals],
        scan_scores=list(stored.scan_scores),
    )


def _session(session: Session, names: NameReplacer) -> Session:
    copied = copy.deepcopy(session)
    copied.title = names.in_text(session.title)
    copied.series = names.in_text(session.series)
    copied.facilitator = FACILITATOR_ROLE if session.facilitator else ""
    copied.participants = [
        Participant(group=p.group, name="", id=p.id) for p in session.participants
    ]
    return copied


def _contribution(contribution: Contribution, names: NameReplacer) -> Contribution:
    return replace(
        contribution,
        text=names.in_text(contribution.text),
        author=Group(contribution.group).role if contribution.author else "",
    )


def _agreement(agreement: Agreement, names: NameReplacer) -> Agreement:
    return replace(
        agreement,
        what=names.in_text(agreement.what),
        owner=names.person(agreement.owner, OWNER_ROLE),
        with_whom=names.people(agreement.with_whom, INVOLVED_ROLE),
        instrument=names.in_text(agreement.instrument),
        note=names.in_text(agreement.note),
    )


def _goal(goal: Goal, names: NameReplacer) -> Goal:
    return replace(
        goal,
        description=names.in_text(goal.description),
        criterion=names.in_text(goal.criterion),
        result=names.in_text(goal.result),
    )
