"""Agreements as an iCalendar file (RFC 5545), so owners can put them in their own agenda.

Each agreement with a due moment becomes one all-day event on its day: a date, or a horizon
("volgende week") counted from the day of the session it was made in (``workshop.deadlines``).
The owner and the other details are in the description. Agreements without a moment are left out:
``calendar_note`` says how many. The UID is stable (the agreement's id), so importing a newer file
updates the events instead of doubling them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from workshop import __version__
from workshop.deadlines import due_day, due_text
from workshop.model import Agreement, Status

PRODID = f"-//workshop//Afspraken {__version__}//NL"

# Control characters have no place in a calendar text (RFC 5545 allows none but tab); line breaks
# are kept (icalendar writes them as \n), lone surrogates cannot be written as UTF-8.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", value))


def dated(agreements: Iterable[Agreement]) -> list[Agreement]:
    """The agreements that go in the calendar: those with a due moment."""
    return [a for a in agreements if due_day(a) is not None]


def undated(agreements: Iterable[Agreement]) -> list[Agreement]:
    """The agreements left out: no due moment."""
    return [a for a in agreements if due_day(a) is None]


def calendar_note(agreements: Iterable[Agreement]) -> str | None:
    """A sentence for the user about the agreements left out of the calendar, or None."""
    agreements = list(agreements)
    skipped = len(undated(agreements))
    if not agreements or not skipped:
        return None
    if skipped == len(agreements):
        return "Geen enkele afspraak heeft een moment. Er komt dus niets in de agenda."
    if skipped == 1:
        return "1 afspraak heeft geen moment. Die staat niet in de agenda."
    return f"{skipped} afspraken hebben geen moment. Die staan niet in de agenda."


def _description(agreement: Agreement, session_title: str) -> str:
    lines = [f"Eigenaar: {agreement.owner}"]
    if agreement.with_whom:
        lines.append(f"Met wie: {agreement.with_whom}")
    if agreement.instrument:
        lines.append(f"Instrument: {agreement.instrument}")
    lines.append(f"Wanneer: {due_text(agreement, document=True)}")
    lines.append(f"Status: {agreement.status.value}")
    lines.append(f"Afgesproken in: {session_title}")
    return _text("\n".join(lines))


def _event(
    agreement: Agreement, day: date, session_title: str, location: str, now: datetime
) -> Event:
    event = Event()
    event.add("uid", f"{agreement.id}@workshop")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # all-day: the end is exclusive
    event.add("summary", _text(agreement.what))
    event.add("description", _description(agreement, session_title))
    if location:
        event.add("location", _text(location))
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: keeps the day free
    if agreement.status is Status.VERVALLEN:
        event.add("status", "CANCELLED")
    return event


def agreements_calendar(
    agreements: Iterable[Agreement],
    *,
    session_title: str,
    location: str,
    now: datetime | None = None,
) -> bytes:
    """An iCalendar file with one all-day event per agreement that is due on a date.

    ``now`` is the DTSTAMP (when the file was made); by default the current time.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(f"Afspraken: {session_title}"))
    for agreement in agreements:
        if (day := due_day(agreement)) is not None:
            calendar.add_component(_event(agreement, day, session_title, location, stamp))
    return calendar.to_ical()
