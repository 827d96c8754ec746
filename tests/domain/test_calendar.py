"""Agreements as an iCalendar file, read back with the icalendar parser."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from workshop.calendar import PRODID, agreements_calendar, calendar_note, dated, undated
from workshop.model import Agreement, Due, Horizon, Status

NOW = datetime.fromisoformat("2026-03-10T09:00:00+01:00")


def _agreement(what: str = "Startgesprekken plannen", owner: str = "Sanne", **kwargs) -> Agreement:
    return Agreement(what, owner, created=NOW, **kwargs)


def _events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def _make(agreements, title="Teamoverleg maart", location="Kinderdagverblijf De Boog") -> bytes:
    return agreements_calendar(agreements, session_title=title, location=location, now=NOW)


def test_one_all_day_event_per_agreement_with_a_moment():
    first = _agreement(
        due=Due(on=date(2026, 4, 1)),
        with_whom="ouderpanel",
        instrument="startgesprek",
        status=Status.BEZIG,
    )
    second = _agreement("Ouderkamer inrichten", "Mohammed", due=Due(on=date(2026, 5, 15)))
    horizon = _agreement("Tolk regelen", "Anouk", due=Due(horizon=Horizon.VOLGENDE_MAAND))
    none = _agreement("Flyer maken", "Anouk")
    data = _make([first, horizon, second, none])

    calendar = Calendar.from_ical(data)
    assert str(calendar["prodid"]) == PRODID and str(calendar["version"]) == "2.0"
    events = _events(data)
    # A horizon is on its day too, counted from when it was made (issue 11, item 13).
    assert [str(e["uid"]) for e in events] == [
        f"{first.id}@workshop",
        f"{horizon.id}@workshop",
        f"{second.id}@workshop",
    ]
    assert [str(e["summary"]) for e in events] == [first.what, horizon.what, second.what]
    assert [e.decoded("dtstart") for e in events] == [
        date(2026, 4, 1),
        date(2026, 4, 10),
        date(2026, 5, 15),
    ]
    assert [e.decoded("dtend") for e in events] == [
        date(2026, 4, 2),
        date(2026, 4, 11),
        date(2026, 5, 16),
    ]
    for event in events:
        start = event.decoded("dtstart")
        assert type(start) is date, "an all-day event has a date, not a date-time"
        assert event.decoded("dtstamp") == NOW.astimezone(UTC)
        assert str(event["location"]) == "Kinderdagverblijf De Boog"
    assert str(events[0]["description"]).splitlines() == [
        "Eigenaar: Sanne",
        "Met wie: ouderpanel",
        "Instrument: startgesprek",
        "Wanneer: 1 april 2026",
        "Status: bezig",
        "Afgesproken in: Teamoverleg maart",
    ]
    assert "Wanneer: volgende maand (uiterlijk 10 april 2026)" in str(events[1]["description"])
    assert str(events[2]["description"]).splitlines()[0] == "Eigenaar: Mohammed"
    assert "Met wie" not in str(events[2]["description"])


def test_the_same_agreements_give_the_same_file():
    agreements = [_agreement(due=Due(on=date(2026, 4, 1)))]
    assert _make(agreements) == _make(agreements)


def test_dropped_agreement_is_marked_cancelled():
    dropped = _agreement(due=Due(on=date(2026, 4, 1)), status=Status.VERVALLEN)
    (event,) = _events(_make([dropped]))
    assert str(event["status"]) == "CANCELLED"
    (event,) = _events(_make([_agreement(due=Due(on=date(2026, 4, 1)))]))
    assert "status" not in event


def test_no_location_no_location_property():
    (event,) = _events(_make([_agreement(due=Due(on=date(2026, 4, 1)))], location=""))
    assert "location" not in event


def test_skipped_agreements_are_reported():
    on_date = _agreement(due=Due(on=date(2026, 4, 1)))
    horizon = _agreement(due=Due(horizon=Horizon.HALF_JAAR))
    nothing = _agreement()
    also_nothing = _agreement("Flyer maken")
    assert dated([on_date, horizon, nothing]) == [on_date, horizon]
    assert undated([on_date, horizon, nothing]) == [nothing]
    assert calendar_note([on_date, horizon]) is None
    assert calendar_note([]) is None
    assert calendar_note([on_date, nothing]) == (
        "1 afspraak heeft geen moment. Die staat niet in de agenda."
    )
    assert calendar_note([on_date, nothing, also_nothing]).startswith(
        "2 afspraken hebben geen moment"
    )
    assert "niets in de agenda" in calendar_note([nothing, also_nothing])
    assert _events(_make([nothing, also_nothing])) == []


HOSTILE = [
    "Bel ouders, en daarna: mail; klaar",
    "Twee\nregels\nen een\r\nWindows-regel",
    "Feest 🎉👨‍👩‍👧 voor iedereen",
    "مرحبا بالأهل — שלום הורים",
    "Backslash \\ en \\n letterlijk, \"quotes\" en 'enkel'",
    "BEGIN:VEVENT\nEND:VCALENDAR",
    "x" * 300 + "é" * 80,  # long, multi-byte: the lines get folded
]


def test_hostile_text_survives_the_round_trip():
    agreements = [
        _agreement(text, f"Eigenaar {text}", due=Due(on=date(2026, 4, n + 1)), with_whom=text)
        for n, text in enumerate(HOSTILE)
    ]
    data = _make(agreements, title=HOSTILE[2], location=HOSTILE[0])
    assert all(len(line) <= 75 for line in data.split(b"\r\n")), "lines are folded at 75 octets"
    events = _events(data)
    assert len(events) == len(HOSTILE)
    for event, text in zip(events, HOSTILE, strict=True):
        expected = text.replace("\r\n", "\n")
        assert str(event["summary"]) == expected
        description = str(event["description"])
        assert description.startswith(f"Eigenaar: Eigenaar {expected}\nMet wie: {expected}\n")
        assert description.endswith(f"Afgesproken in: {HOSTILE[2]}")
        assert str(event["location"]) == HOSTILE[0]


def test_control_characters_are_dropped():
    agreement = _agreement("Rood\x1b[31m en\x00 \ud800 klaar", due=Due(on=date(2026, 4, 1)))
    (event,) = _events(_make([agreement]))
    assert str(event["summary"]) == "Rood[31m en \ufffd klaar"


@settings(max_examples=50)
@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), min_size=1))
def test_any_printable_text_round_trips(text):
    (event,) = _events(_make([_agreement(text, "Sanne", due=Due(on=date(2026, 4, 1)))]))
    assert str(event["summary"]) == text
