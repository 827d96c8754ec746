"""Every stored text of a session that can hold a person's name, in one list.

Used by the export "zonder namen" (workshop.anonymize) and by ``workshop vergeet``
(workshop.forget_session), so both look at the same fields: a field added to the model is added
here once, and both see it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from workshop.store import StoredSession


class FieldKind(Enum):
    PARTICIPANT = "participant"  # one person's name; empty is anonymous
    FACILITATOR = "facilitator"
    AUTHOR = "author"  # who said a contribution; ``role`` is the role of its group
    OWNER = "owner"  # who does an agreement
    WITH_WHOM = "with_whom"  # "met wie": may name several people ("Sevda, Mohamed")
    TEXT = "text"  # free text: titles, remarks, agreements, goals, notes, instruments
    PLACE = "place"  # the location: names an organisation, the export keeps it
    TEMPLATE = "template"  # the session's copy of its template: phases, steps, questions


@dataclass(frozen=True)
class TextField:
    """One stored text: where it is (in Dutch, for people), and how to read and change it."""

    kind: FieldKind
    label: str
    get: Callable[[], str]
    set: Callable[[str], None]
    role: str = ""  # for authors: "ouder" or "teamlid"


def _field(kind: FieldKind, label: str, owner: Any, attr: str, role: str = "") -> TextField:
    return TextField(
        kind,
        label,
        lambda: getattr(owner, attr),
        lambda value: setattr(owner, attr, value),
        role,
    )


def _item(container: Any, key: Any) -> tuple[Callable[[], str], Callable[[str], None]]:
    def put(value: str) -> None:
        container[key] = value

    return (lambda: container[key]), put


def _template_texts(value: Any) -> Iterator[tuple[Callable[[], str], Callable[[str], None]]]:
    """Every text in a template copy, ids left out (they are codes, not words)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id":
                continue
            if isinstance(item, str):
                yield _item(value, key)
            else:
                yield from _template_texts(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield _item(value, index)
            else:
                yield from _template_texts(item)


def text_fields(stored: StoredSession) -> list[TextField]:
    """Every text field of ``stored``, in the order a person reads a session."""
    session = stored.session
    fields = [
        _field(FieldKind.TEXT, "titel", session, "title"),
        _field(FieldKind.TEXT, "traject", session, "series"),
        _field(FieldKind.PLACE, "locatie", session, "location"),
        _field(FieldKind.FACILITATOR, "begeleider", session, "facilitator"),
    ]
    for n, participant in enumerate(session.participants, 1):
        fields.append(_field(FieldKind.PARTICIPANT, f"deelnemer {n}", participant, "name"))
    for n, c in enumerate(stored.contributions, 1):
        fields.append(_field(FieldKind.TEXT, f"inbreng {n}", c, "text"))
        fields.append(
            _field(FieldKind.AUTHOR, f"inbreng {n}, wie zei het", c, "author", c.group.role)
        )
    for n, a in enumerate(stored.agreements, 1):
        fields += [
            _field(FieldKind.TEXT, f"afspraak {n}, wat", a, "what"),
            _field(FieldKind.OWNER, f"afspraak {n}, eigenaar", a, "owner"),
            _field(FieldKind.WITH_WHOM, f"afspraak {n}, met wie", a, "with_whom"),
            _field(FieldKind.TEXT, f"afspraak {n}, instrument", a, "instrument"),
            _field(FieldKind.TEXT, f"afspraak {n}, notitie", a, "note"),
        ]
    for n, g in enumerate(stored.goals, 1):
        fields += [
            _field(FieldKind.TEXT, f"doel {n}, omschrijving", g, "description"),
            _field(FieldKind.TEXT, f"doel {n}, criterium", g, "criterion"),
            _field(FieldKind.TEXT, f"doel {n}, resultaat", g, "result"),
        ]
    for n, r in enumerate(stored.remarks, 1):
        fields.append(_field(FieldKind.TEXT, f"opmerking van een telefoon {n}", r, "text"))
        label = f"opmerking van een telefoon {n}, naam"
        fields.append(_field(FieldKind.AUTHOR, label, r, "name", r.group.role))
    for n, note in enumerate(session.notes, 1):
        fields.append(_field(FieldKind.TEXT, f"eigen notitie {n}", note, "text"))
    for get, put in _template_texts(session.template):
        fields.append(TextField(FieldKind.TEMPLATE, "sjabloon", get, put))
    return fields
