"""Dates as people read them: one format per kind of text.

- **Documents** (the plan as Markdown, HTML and PDF, the to-do list per owner, the calendar's
  descriptions): the date written out, "14 december 2026" (``long_date``). Everywhere in a document,
  in its tables too, so one document never mixes two ways of writing a date.
- **Short labels** (a cell on screen, a line of ``workshop afspraken``, a file name's reader) and
  what a form reads back: "14-12-2026" (``short_date``, the same as ``workshop.text.format_date``).

Example dates in forms are counted from today (``example_date``), so a placeholder never shows a
date that has already passed.
"""

from __future__ import annotations

from datetime import date

from workshop.text import format_date

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(day: date) -> str:
    """ "14 december 2026": in documents."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """ "14-12-2026": in short labels, and how forms read a date back."""
    return format_date(day)


def example_date(today: date) -> str:
    """An example date for a form's placeholder: the first day of the month after next.

    Always in the future (at least a month away) and easy to read, e.g. "01-02-2027" on
    14-12-2026.
    """
    index = today.month + 1  # 0-based month index of the month after next
    year, month = today.year + index // 12, index % 12 + 1
    return short_date(date(year, month, 1))


def example_due_hint(today: date) -> str:
    """The placeholder of a "when" field: "bijv. volgende maand of 01-02-2027"."""
    return f"bijv. volgende maand of {example_date(today)}"
