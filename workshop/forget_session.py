"""Forgetting one name inside one session (``workshop vergeet``), and finding where parts of it are.

The name is matched as a whole word, in any case and with any spacing ("fatima  EL amrani" is
"Fatima El Amrani"; "Sevdahuis" is not "Sevda"), in every stored text (workshop.name_fields).
What replaces it depends on the field:

- a participant with the name becomes anonymous, the author of a contribution becomes the role of
  its group ("ouder" or "teamlid"), the facilitator field is emptied;
- an agreement's owner or "met wie" that is just the name becomes the person's role ("eigenaar" or
  "betrokkene" when the session does not say which role the person has); inside a longer value
  ("Sevda, Mohamed") only the name is replaced, as the export "zonder namen" does;
- in free text (titles, remarks, agreements, goals, notes, instruments, the template copy, also
  the location) the name becomes the person's role, or "betrokkene" when the role is unknown.

What was said and agreed stays. The parts of a full name ("Fatima" or "Amrani" alone) are not
replaced by themselves: they may belong to someone else. ``places`` says where they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop.anonymize import (
    FACILITATOR_ROLE,
    INVOLVED_ROLE,
    MIN_PART_LENGTH,
    OWNER_ROLE,
    NameReplacer,
)
from workshop.name_fields import FieldKind, text_fields
from workshop.store import StoredSession
from workshop.text import clean_line

# Words that are part of many names but are not a name by themselves.
PARTICLES = frozenset(
    {"van", "der", "den", "ter", "ten", "het", "des", "von", "vom", "dos", "das", "del"}
    | {"della", "bin", "ibn"}
)
EXCERPT_SIDE = 25  # characters shown on each side of a name in a place to check


def name_parts(name: str) -> list[str]:
    """The words of a full name that could be someone's name alone ("Fatima", "Amrani")."""
    words = name.split()
    if len(words) < 2:
        return []
    found = [w for w in words if len(w) >= MIN_PART_LENGTH and w.casefold() not in PARTICLES]
    return list(dict.fromkeys(found))


def replacer_for(names: list[str], role: str = "") -> NameReplacer:
    """Finds (and replaces by ``role``) each of ``names`` as a whole, not their parts."""
    replacer = NameReplacer()
    for name in names:
        replacer.add(name, role, parts=False)
    return replacer


def role_of(stored: StoredSession, name: str) -> str | None:
    """The role of the person called ``name`` in this session, when the session says it."""
    known = replacer_for([name])
    for participant in stored.session.participants:
        if known.role_of(participant.name) is not None:
            return participant.group.role
    for contribution in stored.contributions:
        if known.role_of(contribution.author) is not None:
            return contribution.group.role
    if known.role_of(stored.session.facilitator) is not None:
        return FACILITATOR_ROLE
    return None


def forget_in(stored: StoredSession, names: list[str], role: str | None = None) -> list[str]:
    """Replace each of ``names`` in ``stored``, in place; returns the labels of changed fields.

    ``role`` is used when the session itself does not say which role the person has.
    """
    role = next((r for n in names if (r := role_of(stored, n))), None) or role
    replacer = replacer_for(names, role or INVOLVED_ROLE)
    changed = []
    for field in text_fields(stored):
        value = field.get()
        if not value or replacer.search(value) is None:
            continue
        whole = replacer.role_of(value) is not None
        if field.kind is FieldKind.PARTICIPANT:
            new = ""  # anonymous: shown as "anoniem (ouder)" and counted, not named
        elif field.kind is FieldKind.AUTHOR:
            new = field.role
        elif field.kind is FieldKind.FACILITATOR and whole:
            new = ""
        elif field.kind is FieldKind.OWNER and whole:
            new = role or OWNER_ROLE
        elif field.kind is FieldKind.WITH_WHOM and whole:
            new = role or INVOLVED_ROLE
        else:
            new = replacer.in_text(value)
        if new != value:
            field.set(new)
            changed.append(field.label)
    return changed


@dataclass(frozen=True)
class Place:
    """Where a word was found: the field, and a short piece of text around it."""

    label: str
    excerpt: str


def places(stored: StoredSession, words: list[str]) -> list[Place]:
    """Every field of ``stored`` in which one of ``words`` stands as a whole word."""
    if not words:
        return []
    replacer = replacer_for(words)
    found = []
    for field in text_fields(stored):
        if (hit := replacer.search(field.get())) is not None:
            found.append(Place(field.label, excerpt(*hit)))
    return found


def excerpt(text: str, match: re.Match[str]) -> str:
    start, end = max(match.start() - EXCERPT_SIDE, 0), match.end() + EXCERPT_SIDE
    piece = clean_line(text[start:end])
    return f"{'…' if start else ''}{piece}{'…' if end < len(text) else ''}"
