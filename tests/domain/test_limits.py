"""Issue 8, item 8: numbers and dates are bounded, so no accepted value breaks a later command.

Seen: a phase of ``10**400`` minutes, a timer of ``1.7e308`` seconds or a due date ``9999-12-31``
was imported; afterwards doctor, afspraken, vergeet, export and agenda failed for every session.
Now import refuses them with the usual one-line message, a stored file holding them is damage
(named, skipped, repairable), and every value inside the ranges works in every command.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workshop import timer as timers
from workshop.calendar import agreements_calendar
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.errors import DamagedFileError, ValidationError
from workshop.export.markdown import render_markdown
from workshop.interchange import dump_session, parse_session
from workshop.limits import (
    PHASE_MINUTES,
    STORED_DAY_YEARS,
    TIMER_PLANNED,
    TIMER_REMAINING,
    VOTES,
    YEARS,
)
from workshop.model import Agreement, Due, Horizon, PhaseTimer
from workshop.session import open_session
from workshop.store import SessionStore
from workshop.trajectory import due_moment, is_overdue

# The three values seen in the attack, as (field in the document, value).
SEEN = [
    ("session.template.phases[0].minutes", 10**400),
    ("session.timers[0].planned", 1.7e308),
    ("agreements[1].due", "9999-12-31"),
]
# Every bounded field of the demo document, and where it sits in the stored session file.
NUMBER_FIELDS = [
    "session.template.phases[0].minutes",
    "session.timers[0].planned",
    "session.timers[0].remaining",
    "contributions[0].votes",
    "goals[0].target_percent",
]
DATE_FIELDS = ["session.date", "agreements[1].due", "goals[0].by"]
MOMENT_FIELDS = [
    "session.created",
    "session.timers[0].ends_at",
    "session.timing_log[0].started",
    "contributions[0].created",
    "contributions[0].edited",
    "agreements[0].created",
]


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        name, *indexes = part.replace("]", "").split("[")
        steps.append(name)
        steps.extend(int(i) for i in indexes)
    return steps


def put(document: Any, path: str, value: object) -> None:
    *parents, last = _steps(path)
    for step in parents:
        document = document[step]
    document[last] = value


def stored_path(path: str) -> str:
    """The same field in session.json (TinyDB tables with rows "1", "2", ...)."""
    table, index, *rest = _steps(path)
    if table == "session":
        return ".".join(["session", "1", *map(str, [index, *rest])])
    return ".".join([str(table), str(int(index) + 1), *map(str, rest)])


def put_stored(document: dict[str, Any], path: str, value: object) -> None:
    steps = stored_path(path).split(".")
    target: Any = document
    for step in steps[:-1]:
        target = target[int(step)] if isinstance(target, list) else target[step]
    target[steps[-1]] = value


def run(data: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data", str(data), *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data folder with the demo session, and its id; copy it before changing it."""
    data = tmp_path_factory.mktemp("demo") / "data"
    live = create_demo_session(SessionStore(data), FakeClock())
    session_id = live.session.id
    live.close()
    return data, session_id


@contextlib.contextmanager
def copy_of(demo_folder: tuple[Path, str]) -> Iterator[tuple[Path, str, dict[str, Any]]]:
    """A fresh copy of the demo data folder, its session id, and the session as a document."""
    data, session_id = demo_folder
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "data"
        shutil.copytree(data, copy)
        document = json.loads(json.dumps(dump_session(SessionStore(copy).load(session_id))))
        document["session"]["id"] = "ingelezen"
        yield copy, session_id, document


def later_commands(data: Path, folder: Path, session_id: str) -> list[list[str]]:
    """Every command that reads all sessions or one session, as after an import."""
    return [
        ["list"],
        ["doctor"],
        ["afspraken"],
        ["afspraken", "--open", "--md", str(folder / "lijst.md")],
        *(
            ["export", session_id, "--format", fmt, "--out", str(folder / f"{session_id}.{fmt}")]
            for fmt in ("md", "html", "json")
        ),
        ["agenda", session_id, "--out", str(folder / f"{session_id}.ics")],
        ["vergeet", "Niemand Bekend", "--ja"],
    ]


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "niet hadden verwacht" not in lines[0] and "Traceback" not in stderr
    return lines[0]


# -- the three cases seen ------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), SEEN, ids=[f for f, _ in SEEN])
def test_the_values_seen_are_refused_on_import_naming_the_field(
    demo_folder: tuple[Path, str], field: str, value: object
) -> None:
    with copy_of(demo_folder) as (data, session_id, document):
        put(document, field, value)
        path = data.parent / "sessie.json"
        path.write_text(json.dumps(document))
        code, _, err = run(data, "import", str(path))
        assert code == 1
        assert f"'{field}'" in one_line(err)
        assert [s.id for s in SessionStore(data).list_sessions()] == [session_id]
        for command in later_commands(data, data.parent, session_id):
            code, _, err = run(data, *command)
            assert code == 0, (command, err)


@pytest.mark.parametrize(("field", "value"), SEEN, ids=[f for f, _ in SEEN])
def test_a_stored_file_out_of_range_is_damage_and_the_others_still_work(
    demo_folder: tuple[Path, str], field: str, value: object
) -> None:
    """Written into session.json by hand: named as damage; every other session keeps working."""
    with copy_of(demo_folder) as (data, good, _):
        store = SessionStore(data)
        live = create_demo_session(store, FakeClock())
        bad = live.session.id
        live.close()
        session_file = store.folder(bad) / "session.json"
        stored = json.loads(session_file.read_text())
        put_stored(stored, field, value)
        session_file.write_text(json.dumps(stored))

        with pytest.raises(DamagedFileError) as caught:
            store.load(bad)
        assert f"'{field}'" in str(caught.value)

        code, out, _ = run(data, "doctor")
        assert code == 1
        assert f"{good} (" in out and ": in orde" in out.split(f"{good} (")[1].splitlines()[0]
        assert f"'{field}'" in out and f"--herstel {bad}" in out

        code, out, err = run(data, "afspraken")
        assert code == 0 and "afspraken" in out
        assert f"({bad}) is overgeslagen" in one_line(err)

        for command in later_commands(data, data.parent, good)[3:-1]:
            code, _, err = run(data, *command)
            assert code == 0, (command, err)
        outs = [["--out", str(data.parent / name)] for name in ("x.md", "x.ics")]
        for command in (["export", bad, *outs[0]], ["agenda", bad, *outs[1]]):
            code, _, err = run(data, *command)
            assert code == 1 and "doctor --herstel" in one_line(err)

        code, out, _ = run(data, "doctor", "--herstel", bad)
        assert code == 0 and "teruggezet" in out
        assert store.load(bad).session.id == bad


STORED_OUT_OF_RANGE = [
    ("session.template.phases[1].number", 10**400),
    ("session.timers[2].remaining", -1e300),
    ("session.timers[0].ends_at", "9999-12-31T23:59:59+00:00"),
    ("session.timing_log[0].started", "0001-01-01T00:00:00+14:00"),
    ("contributions[0].votes", 10**400),
    ("contributions[0].created", "1899-12-31T23:00:00+00:00"),
    ("agreements[0].created", "2201-01-01T00:00:00+00:00"),
    ("goals[0].target_percent", 101),
    ("goals[0].by", "9999-12-31"),
]


@pytest.mark.parametrize(
    ("field", "value"), STORED_OUT_OF_RANGE, ids=[f for f, _ in STORED_OUT_OF_RANGE]
)
def test_every_bounded_field_of_a_stored_file_is_checked(
    demo_folder: tuple[Path, str], field: str, value: object
) -> None:
    with copy_of(demo_folder) as (data, session_id, _):
        session_file = SessionStore(data).folder(session_id) / "session.json"
        stored = json.loads(session_file.read_text())
        put_stored(stored, field, value)
        session_file.write_text(json.dumps(stored))
        with pytest.raises(DamagedFileError) as caught:
            SessionStore(data).load(session_id)
        # named by its path, or by its name where the store's own checks catch it first
        assert f"'{field}'" in str(caught.value) or f"'{field.split('.')[-1]}'" in str(caught.value)


# -- anything at all on import -------------------------------------------------------------------

HUGE = [10**400, -(10**400), 1.7e308, -1.7e308, 5e-324, 2**63, -(2**63), 10**20]
EXTREME_NUMBERS = st.one_of(
    st.sampled_from(HUGE),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**8), 10**8),
)
DAYS = st.dates() | st.sampled_from([date(9999, 12, 31), date(1, 1, 1), date(1899, 12, 31)])
EAST = timezone(timedelta(hours=14))
OFFSETS = st.sampled_from([UTC, EAST, timezone(-timedelta(hours=23))])
MOMENTS = st.datetimes(timezones=OFFSETS) | st.sampled_from(
    [datetime(9999, 12, 31, 23, 59, tzinfo=UTC), datetime(1, 1, 1, tzinfo=EAST)]
)
EXTREMES = st.one_of(
    st.tuples(st.sampled_from(NUMBER_FIELDS), EXTREME_NUMBERS),
    st.tuples(st.sampled_from(DATE_FIELDS), DAYS.map(date.isoformat)),
    st.tuples(st.sampled_from(MOMENT_FIELDS), MOMENTS.map(datetime.isoformat)),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@example(changes=SEEN)
@example(changes=[("session.template.phases[0].minutes", PHASE_MINUTES.highest)])
@example(changes=[("session.timers[0].remaining", TIMER_REMAINING.lowest)])
@example(changes=[("agreements[1].due", "2200-12-31"), ("session.date", "1900-01-01")])
@given(changes=st.lists(EXTREMES, min_size=1, max_size=3))
def test_after_any_import_every_command_works_or_says_what_is_wrong_in_one_line(
    demo_folder: tuple[Path, str], changes: list[tuple[str, object]]
) -> None:
    with copy_of(demo_folder) as (data, session_id, document):
        for field, value in changes:
            put(document, field, value)
        path = data.parent / "sessie.json"
        path.write_text(json.dumps(document))
        code, _, err = run(data, "import", str(path))
        if code != 0:
            assert code == 1
            assert "Het bestand klopt niet bij" in one_line(err)
            assert not SessionStore(data).exists("ingelezen")
        for session in (session_id, "ingelezen") if code == 0 else (session_id,):
            for command in later_commands(data, data.parent, session):
                code, _, err = run(data, *command)
                assert code == 0, (command, err)


# -- values inside the ranges never overflow ------------------------------------------------------

# Moments the clock can give while the app is in use, a day inside the years at both ends.
CLOCK_MOMENTS = st.datetimes(
    min_value=datetime(YEARS.lowest, 1, 2),
    max_value=datetime(YEARS.highest, 12, 30),
    timezones=OFFSETS,
)
PLANNED = st.floats(TIMER_PLANNED.lowest, TIMER_PLANNED.highest)
REMAINING = st.floats(TIMER_REMAINING.lowest, TIMER_REMAINING.highest)


@given(
    planned=PLANNED,
    remaining=REMAINING,
    now=CLOCK_MOMENTS,
    steps=st.lists(
        st.tuples(st.sampled_from(["start", "pause", "adjust", "reset"]), st.floats(-1e7, 1e7)),
        max_size=8,
    ),
)
def test_timer_arithmetic_stays_inside_the_ranges(
    planned: float, remaining: float, now: datetime, steps: list[tuple[str, float]]
) -> None:
    timer = PhaseTimer(planned, remaining)
    for action, seconds in steps:
        now += timedelta(seconds=abs(seconds) % (400 * 24 * 3600))  # up to a year and more later
        if now.year > YEARS.highest:
            break
        if action == "start":
            timers.start(timer, now)
        elif action == "pause":
            timers.pause(timer, now)
        elif action == "adjust":
            timers.adjust(timer, seconds)
        else:
            timers.reset(timer)
        reading = timers.read(timer, now)
        assert reading.label and reading.state
        assert timer.planned in TIMER_PLANNED
        assert timer.remaining in TIMER_REMAINING


@given(
    due=st.dates(date(STORED_DAY_YEARS.lowest, 1, 1), date(STORED_DAY_YEARS.highest, 12, 31)),
    made=CLOCK_MOMENTS,
    horizon=st.none() | st.sampled_from([h.value for h in Horizon]),
)
def test_due_days_and_the_calendar_work_for_every_date_in_range(
    due: date, made: datetime, horizon: str | None
) -> None:
    agreement = Agreement("Iets", "Sevda", made, due=Due.from_value(horizon or due.isoformat()))
    assert due_moment(agreement) is not None
    is_overdue(agreement, due)
    calendar = agreements_calendar([agreement], session_title="T", location="")
    assert b"BEGIN:VEVENT" in calendar  # a horizon is on its day too (issue 11, item 13)


def test_the_edges_of_every_range_import_and_export(demo_folder: tuple[Path, str]) -> None:
    with copy_of(demo_folder) as (_, _, document):
        for phase in document["session"]["template"]["phases"]:
            phase["minutes"] = PHASE_MINUTES.highest
        for timer in document["session"]["timers"]:
            timer.update(planned=TIMER_PLANNED.highest, remaining=TIMER_REMAINING.lowest)
        put(document, "contributions[0].votes", VOTES.highest)
        put(document, "agreements[1].due", f"{YEARS.highest}-12-31")
        put(document, "goals[0].by", f"{YEARS.lowest}-01-01")
        stored = parse_session(document)
        markdown = render_markdown(stored, exported_on=date(2026, 3, 10))
        assert "31 december 2200" in markdown and f"{VOTES.highest} stemmen" in markdown
        assert b"DTSTART;VALUE=DATE:22001231" in agreements_calendar(
            stored.agreements, session_title="T", location=""
        )


def test_the_app_never_makes_a_value_outside_the_ranges(demo_folder: tuple[Path, str]) -> None:
    """Pressing +5 minutes or voting again and again stops at the limit; the file still loads."""
    with copy_of(demo_folder) as (data, session_id, _):
        store = SessionStore(data)
        live = open_session(store, session_id, FakeClock())
        for _ in range(400):
            live.adjust_timer(+5)
        contribution = live.contributions[0]
        live.vote(contribution.id, VOTES.highest)
        live.vote(contribution.id, +1)
        live.close()
        stored = store.load(session_id)
        assert stored.session.timers[stored.session.position.phase].planned == TIMER_PLANNED.highest
        assert stored.contributions[0].votes == VOTES.highest


def test_a_date_out_of_range_is_refused_by_the_core_too(demo_folder: tuple[Path, str]) -> None:
    with copy_of(demo_folder) as (data, session_id, _):
        live = open_session(SessionStore(data), session_id, FakeClock())
        try:
            with pytest.raises(ValidationError) as caught:
                live.add_agreement("Iets", "Sevda", due=Due(on=date(9999, 12, 31)))
            assert "1900 tot en met 2200" in caught.value.message
            with pytest.raises(ValidationError):
                live.add_goal("Doel", "Criterium", by="31-12-9999")
        finally:
            live.close()
        assert len(SessionStore(data).load(session_id).agreements) == 4


def test_an_old_session_with_a_typo_in_a_typed_year_still_opens_everywhere(
    demo_folder: tuple[Path, str],
) -> None:
    """Older versions took any year of four digits in the forms: 0226 or 2206 is no damage."""
    with copy_of(demo_folder) as (data, session_id, _):
        session_file = data / "sessions" / session_id / "session.json"
        stored = json.loads(session_file.read_text())
        put_stored(stored, "session.date", "0226-03-10")
        put_stored(stored, "agreements[1].due", "2206-10-01")
        put_stored(stored, "goals[0].by", "0001-01-01")
        session_file.write_text(json.dumps(stored))
        summary_file = session_file.with_name("summary.json")
        summary_file.write_text(
            json.dumps({**json.loads(summary_file.read_text()), "date": "0226-03-10"})
        )
        assert SessionStore(data).load(session_id).session.day == date(226, 3, 10)
        for command in later_commands(data, data.parent, session_id)[:-1]:
            code, out, err = run(data, *command)
            assert code == 0, (command, out, err)
        live = open_session(SessionStore(data), session_id, FakeClock())
        live.close()
