"""workshop.summary_plain reads a summary exactly as the schema does, or leaves it to the schema."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.schema import STORED, decode
from workshop.summary import SessionSummary
from workshop.summary_plain import plain_summary

offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
moments = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)),
    st.one_of(st.just(UTC), offsets),
)
summaries = st.builds(
    SessionSummary,
    id=st.text(max_size=20),
    title=st.text(max_size=40),
    location=st.text(max_size=40),
    series=st.text(max_size=10),
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9000, 12, 31)),
    phase=st.integers(min_value=-5, max_value=50),
    phase_count=st.integers(min_value=0, max_value=50),
    updated=moments,
    created=st.one_of(st.none(), moments),
)


def schema_reads(data: object) -> SessionSummary | None:
    try:
        summary: SessionSummary = decode(data, SessionSummary, STORED)
    except ValueError:
        return None
    return summary


def same(ours: SessionSummary, schemas: SessionSummary) -> bool:
    """Equal, and every moment with the same offset (equal instants are not enough)."""
    offsets = [(m.utcoffset() if m else None) for m in (ours.updated, ours.created)]
    theirs = [(m.utcoffset() if m else None) for m in (schemas.updated, schemas.created)]
    return ours == schemas and offsets == theirs


@settings(max_examples=300)
@given(summaries)
def test_a_summary_as_we_write_it_is_read_without_the_schema_and_alike(
    summary: SessionSummary,
) -> None:
    data = json.loads(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
    ours = plain_summary(data)
    assert ours is not None  # what we write never needs the schema library to be read
    schemas = schema_reads(data)
    assert schemas is not None and same(ours, schemas)


near_misses = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.from_regex(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?\n?",
        fullmatch=True,
    ),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=600)
@given(
    summaries,
    st.sampled_from(
        [
            "id",
            "title",
            "series",
            "date",
            "phase",
            "phase_count",
            "updated",
            "created",
            "extra",
            "-title",
        ]
    ),
    near_misses,
)
def test_anything_else_is_left_to_the_schema_or_read_alike(
    summary: SessionSummary, key: str, value: object
) -> None:
    data = json.loads(json.dumps(summary.to_dict()))
    if key.startswith("-"):
        del data[key[1:]]
    else:
        data[key] = value
    ours = plain_summary(data)
    if ours is not None:  # read here only what the schema reads, and reads the same way
        schemas = schema_reads(data)
        assert schemas is not None and same(ours, schemas)


def test_not_a_summary_at_all_is_left_to_the_schema() -> None:
    assert plain_summary([]) is None
    assert plain_summary("summary") is None
    assert plain_summary({}) is None
