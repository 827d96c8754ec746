"""The agreements in the plan: one table with every agreement in full, and a short to-do list per
owner (what, and by when).

The moment is shown with its date: "volgende week (uiterlijk 14 december 2026)"
(``workshop.deadlines``). User text goes through ``workshop.export.escape``.
"""

from __future__ import annotations

from collections.abc import Iterator

from workshop.deadlines import due_text
from workshop.export.blocks import bullets, table
from workshop.export.escape import escape_inline
from workshop.model import Agreement, Status

AGREEMENT_COLUMNS = (
    "Afspraak",
    "Eigenaar",
    "Met wie",
    "Wanneer",
    "Instrument",
    "Partnerschap",
    "Status",
)


def agreement_cells(agreement: Agreement) -> list[str]:
    """The cells of an agreement's row, as plain text (the table escapes them)."""
    return [
        agreement.what,
        agreement.owner,
        agreement.with_whom,
        due_text(agreement, document=True),
        agreement.instrument,
        agreement.form.value if agreement.form else "",
        agreement.status.value,
    ]


def agreements_table(agreements: list[Agreement]) -> Iterator[str]:
    yield "## Afspraken"
    yield table(AGREEMENT_COLUMNS, (agreement_cells(a) for a in agreements))
    if not agreements:
        yield "Er zijn nog geen afspraken gemaakt."


def owner_key(owner: str) -> str:
    """Owners are grouped regardless of upper or lower case: 'Joost' and 'joost' are one person."""
    return owner.casefold()


def agreements_by_owner(agreements: list[Agreement]) -> dict[str, list[Agreement]]:
    """Agreements per owner, owners in the order they first got an agreement."""
    groups: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        groups.setdefault(owner_key(agreement.owner), []).append(agreement)
    return groups


def agreements_per_owner(agreements: list[Agreement]) -> Iterator[str]:
    """Per owner what they will do and by when; the details are in the table above."""
    yield "## Afspraken per eigenaar"
    if not agreements:
        yield "Niemand heeft nog een afspraak op zijn naam."
    for group in agreements_by_owner(agreements).values():
        yield f"### {escape_inline(group[0].owner)}"
        yield bullets(_todo_line(a) for a in group)


def _todo_line(agreement: Agreement) -> str:
    details = []
    if when := due_text(agreement, document=True):
        details.append(f"wanneer: {when}")
    if agreement.status is not Status.OPEN:
        details.append(f"status: {agreement.status.value}")
    what = escape_inline(agreement.what)
    # A dash, not brackets: the moment has its own "(uiterlijk ...)".
    return f"{what} – {escape_inline('; '.join(details))}" if details else what
