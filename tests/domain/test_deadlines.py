"""Relative deadlines as dates (issue 11, item 13) and one date format per kind of text (item 14).

"volgende week" counts from the day of the session in which the agreement was made, not from the
day it was typed in or looked at, and keeps that date when it is brought along to later sessions:
in the app layer's data, ``workshop afspraken``, the to-do list, the exported terugblik and the
calendar file.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from helpers_export import Outline
from helpers_trajectory import start
from icalendar import Calendar

from workshop.cli import main
from workshop.clock import FakeClock
from workshop.dates import example_date, example_due_hint, long_date, short_date
from workshop.deadlines import due_day, due_text
from workshop.export.markdown import render_markdown
from workshop.model import Due, Horizon
from workshop.session import open_session
from workshop.store import SessionStore

SESSION_DAY = date(2026, 11, 30)  # "volgende week" from here: 14 December 2026
LATER_DAY = date(2027, 3, 1)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def two_sessions(data: Path) -> tuple[str, str]:
    """An agreement made in a session of 30 November but typed in on 5 January; brought along
    to a session on 1 March."""
    store = SessionStore(data)
    store.ensure()
    clock = FakeClock()
    first = start(store, clock, SESSION_DAY, "Ouderavond november")
    clock.set(datetime(2027, 1, 5, 10, 0).astimezone())  # the notes are typed in later
    made = first.add_agreement("Brief vertalen", "Sevda", due=Due(horizon=Horizon.VOLGENDE_WEEK))
    assert made.made_on == SESSION_DAY
    first.close()
    second = start(store, clock, LATER_DAY, "Ouderavond maart")
    second.close()
    return first.session.id, second.session.id


@pytest.fixture(autouse=True)
def exports_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "exports"
    monkeypatch.setattr("workshop.cli.default_exports_dir", lambda: folder)
    monkeypatch.setattr(
        "workshop.cli.SystemClock", lambda: FakeClock(datetime(2027, 3, 2, 12).astimezone())
    )
    return folder


def test_the_app_layer_gives_the_date_counted_from_the_session_day(
    data: Path, two_sessions: tuple[str, str]
) -> None:
    first, second = two_sessions
    store = SessionStore(data)
    for session_id in (first, second):
        live = open_session(store, session_id, FakeClock(), read_only=True)
        (agreement,) = live.agreements
        assert due_day(agreement) == date(2026, 12, 14)
        assert due_text(agreement) == "volgende week (uiterlijk 14-12-2026)"
        assert due_text(agreement, document=True) == "volgende week (uiterlijk 14 december 2026)"
        live.close()


def test_afspraken_shows_the_date(
    data: Path, two_sessions: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(data), "afspraken"]) == 0
    out = capsys.readouterr().out
    assert "Sevda: Brief vertalen, wanneer: volgende week (uiterlijk 14-12-2026)  TE LAAT" in out


def test_the_to_do_list_and_the_terugblik_show_the_date(
    data: Path, two_sessions: tuple[str, str], tmp_path: Path
) -> None:
    _, second = two_sessions
    out = tmp_path / "lijst.md"
    assert main(["--data", str(data), "afspraken", "--md", str(out)]) == 0
    (item,) = Outline.of(out.read_text(encoding="utf-8")).list_items()
    assert "wanneer: volgende week (uiterlijk 14 december 2026)" in item
    plan = Outline.of(render_markdown(SessionStore(data).load(second)))
    (review,) = plan.section("Terugblik").list_items()
    assert review.startswith("Brief vertalen – wanneer: volgende week (uiterlijk 14 december 2026)")
    assert "te laat" in review


def test_the_calendar_puts_a_horizon_on_its_day(
    data: Path, two_sessions: tuple[str, str], exports_here: Path
) -> None:
    _, second = two_sessions
    assert main(["--data", str(data), "agenda", second]) == 0
    (path,) = exports_here.iterdir()
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2026, 12, 14)
    assert "Wanneer: volgende week (uiterlijk 14 december 2026)" in str(event["DESCRIPTION"])


def test_an_agreement_from_an_older_file_counts_from_when_it_was_made(
    data: Path, two_sessions: tuple[str, str]
) -> None:
    """Files from before ``made_on``: the day it was typed in, as before."""
    first, _ = two_sessions
    live = open_session(SessionStore(data), first, FakeClock(), read_only=True)
    (agreement,) = live.agreements
    live.close()
    from dataclasses import replace

    older = replace(agreement, made_on=None)
    assert due_day(older) == date(2027, 1, 19)


# ---------------------------------------------------------------- date formats (item 14)


def test_one_format_per_kind_of_text() -> None:
    assert long_date(date(2026, 12, 14)) == "14 december 2026"
    assert short_date(date(2026, 12, 14)) == "14-12-2026"


@pytest.mark.parametrize(
    ("today", "example"),
    [
        (date(2026, 3, 10), "01-05-2026"),
        (date(2026, 11, 30), "01-01-2027"),
        (date(2026, 12, 14), "01-02-2027"),
        (date(2031, 1, 31), "01-03-2031"),
    ],
)
def test_example_dates_are_in_the_future(today: date, example: str) -> None:
    assert example_date(today) == example
    day, month, year = (int(part) for part in example.split("-"))
    assert date(year, month, day) > today
    assert example_due_hint(today) == f"bijv. volgende maand of {example}"


def test_a_document_never_mixes_two_date_formats(data: Path, two_sessions: tuple[str, str]) -> None:
    import re

    _, second = two_sessions
    markdown = render_markdown(SessionStore(data).load(second), exported_on=LATER_DAY)
    assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", markdown), "a dd-mm-jjjj date in a document"
    assert "14 december 2026" in markdown and "1 maart 2027" in markdown
