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
import unicodedata

from workshop.name_fields import FieldKind, text_fields
from workshop.store import StoredSession

FACILITATOR_ROLE = "begeleider"
OWNER_ROLE = "eigenaar"
INVOLVED_ROLE = "betrokkene"
MIN_PART_LENGTH = 3


def same_form(text: str) -> str:
    """One Unicode spelling (NFC) of ``text``: "é" typed as e plus accent matches "é" too."""
    return unicodedata.normalize("NFC", text)


def name_regex(name: str) -> str:
    """``name`` as a regular expression in which any run of spaces matches any other."""
    return r"\s+".join(re.escape(part) for part in same_form(name).split())


def name_key(name: str) -> str:
    return " ".join(same_form(name).split()).casefold()


class NameReplacer:
    """Knows names and the role that replaces each of them.

    A name matches as a whole word, in any case and with any spacing between its parts.
    """

    def __init__(self) -> None:
        self.roles: dict[str, str] = {}  # name_key(full name) -> role
        self.full: list[tuple[str, str]] = []  # (full name as written, role)
        self.words: dict[str, tuple[str, str]] = {}  # casefolded word -> (as written, role)
        self._pattern: re.Pattern[str] | None = None
        self._replacements: list[str] = []

    def add(self, name: str, role: str, *, parts: bool = True) -> None:
        """Know ``name``; with ``parts``, also each capitalised part of 3 letters or more."""
        name = " ".join(same_form(name).split())
        if not name:
            return
        if name_key(name) not in self.roles:
            self.roles[name_key(name)] = role
            self.full.append((name, role))
        found = [p for p in name.split() if len(p) >= MIN_PART_LENGTH and p[0].isupper()]
        for word in [name, *(found if parts else [])]:
            self.words.setdefault(word.casefold(), (word, role))
        self._pattern = None

    def role_of(self, name: str) -> str | None:
        """The role when ``name`` is, as a whole, one of the full names known."""
        role = self.roles.get(name_key(name))
        if role is not None:
            return role
        text = same_form(name).strip()
        for full, role in self.full:  # case-insensitive as the search is (think of "İ")
            if re.fullmatch(name_regex(full), text, re.IGNORECASE):
                return role
        return None

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.words:
            # One named group per word, longest first, so a full name wins over its parts. The
            # group that matched says which role to put in (a case-insensitive match need not
            # casefold to the same key: think of the Turkish dotted İ).
            entries = sorted(self.words.values(), key=lambda entry: len(entry[0]), reverse=True)
            self._replacements = [role for _, role in entries]
            groups = "|".join(
                f"(?P<w{i}>{name_regex(word)})" for i, (word, _) in enumerate(entries)
            )
            self._pattern = re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)
        return self._pattern

    def _prepared(self, text: str) -> tuple[re.Pattern[str] | None, str]:
        """The pattern and the spelling of ``text`` to use it on."""
        pattern = self._compiled()
        if pattern is None or not text:
            return None, text
        normal = same_form(text)
        if normal != text and not pattern.search(text) and pattern.search(normal):
            return pattern, normal
        return pattern, text

    def search(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The first known name in ``text``: the spelling searched, and the match."""
        pattern, text = self._prepared(text)
        match = pattern.search(text) if pattern else None
        return (text, match) if match else None

    def in_text(self, text: str) -> str:
        """``text`` with every known name (whole words, any case) replaced by its role.

        One pass: a role that was just put in is never looked at again.
        """
        pattern, text = self._prepared(text)
        if pattern is None:
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
    for remark in stored.remarks:
        replacer.add(remark.name, remark.group.role)
    for agreement in stored.agreements:
        replacer.add(agreement.owner, OWNER_ROLE)
    return replacer


def without_names(stored: StoredSession, names: NameReplacer | None = None) -> StoredSession:
    """A copy of ``stored`` with every personal name replaced by a role; ``stored`` is unchanged.
    ``names``: the names to replace, when ``stored`` is a part of a session (``names_in`` of the
    whole session: a name known only as a remark's author is still a name in its agreements)."""
    names = names or names_in(stored)
    result = copy.deepcopy(stored)
    for field in text_fields(result):
        value = field.get()
        if field.kind is FieldKind.PARTICIPANT:
            field.set("")
        elif field.kind is FieldKind.FACILITATOR:
            field.set(FACILITATOR_ROLE if value else "")
        elif field.kind is FieldKind.AUTHOR:
            field.set(field.role if value else "")
        elif field.kind is FieldKind.OWNER:
            field.set(names.person(value, OWNER_ROLE))
        elif field.kind is FieldKind.WITH_WHOM:
            field.set(names.people(value, INVOLVED_ROLE))
        elif field.kind is FieldKind.TEXT:
            field.set(names.in_text(value))
        # PLACE names an organisation and TEMPLATE is shipped text: both stay as they are.
    return result
