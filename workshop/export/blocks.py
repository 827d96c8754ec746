"""Small Markdown building blocks shared by the sections of the plan. Callers escape user text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workshop.dates import MONTHS as MONTHS  # re-exported: older imports
from workshop.dates import long_date as long_date
from workshop.export.escape import table_cell


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def join_words(parts: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(columns: Sequence[str], rows: Iterable[Iterable[str]]) -> str:
    """A GFM table; the column names are ours, every cell is escaped here."""
    return "\n".join(
        [
            table_row(columns),
            table_row("---" for _ in columns),
            *(table_row(table_cell(cell) for cell in row) for row in rows),
        ]
    )
