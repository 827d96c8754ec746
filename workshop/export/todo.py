"""Agreements across sessions as Markdown, per owner: a to-do list each owner can take away.

An H1, a line saying what is in the list, then an H2 per owner (owners grouped without case, as in
the plan) with a bullet per agreement: what, when, status, overdue, and the session it is from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from workshop.dates import long_date
from workshop.deadlines import due_text, is_overdue
from workshop.export.agreements import owner_key
from workshop.export.blocks import bullets
from workshop.export.escape import escape_inline
from workshop.trajectory import AgreementRow


def _row_line(row: AgreementRow, today: date) -> str:
    agreement = row.agreement
    parts = []
    if when := due_text(agreement, document=True):
        parts.append(f"wanneer: {escape_inline(when)}")
    parts.append(f"status: {agreement.status.value}")
    if is_overdue(agreement, today):
        parts.append("te laat")
    if agreement.note:
        parts.append(f"notitie: {escape_inline(agreement.note)}")
    session = row.session
    parts.append(f"sessie: {escape_inline(session.title)}, {long_date(session.day)}")
    # A dash, not brackets: the moment has its own "(uiterlijk ...)".
    return f"{escape_inline(agreement.what)} – {'; '.join(parts)}"


def _what_is_listed(open_only: bool, location: str | None) -> str:
    which = "Afspraken die nog open zijn of bezig" if open_only else "Alle afspraken"
    where = f", bij de locatie {escape_inline(location)}" if location else ""
    return f"{which}{where}, uit alle sessies. Van elke afspraak staat hier de nieuwste versie."


def _per_owner(rows: list[AgreementRow], today: date) -> Iterator[str]:
    groups: dict[str, list[AgreementRow]] = {}
    for row in rows:
        groups.setdefault(owner_key(row.agreement.owner), []).append(row)
    for group in groups.values():
        yield f"## {escape_inline(group[0].agreement.owner)}"
        yield bullets(_row_line(row, today) for row in group)


def render_agreement_list(
    rows: list[AgreementRow],
    *,
    today: date,
    owner: str | None = None,
    open_only: bool = False,
    location: str | None = None,
) -> str:
    """The list as Markdown. With ``owner`` it is that owner's to-do list."""
    title = f"Afspraken van {escape_inline(owner)}" if owner else "Afspraken per eigenaar"
    blocks = [f"# {title}", _what_is_listed(open_only, location)]
    if rows:
        blocks.extend(_per_owner(rows, today))
    else:
        blocks.append("Er zijn geen afspraken gevonden.")
    blocks.append(f"*Gemaakt op {long_date(today)}.*")
    return "\n\n".join(blocks) + "\n"
