"""One schema: data/session.schema.json and the docs are made from, or checked against, the types.

The session's types (workshop.model, goals, scan, template) are the schema. The JSON Schema file is
generated from them, the docs' field tables must name the same fields and limits, and the
patterns the schema writes for texts say exactly what the app's own text rules say.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers_export import demo_stored
from helpers_paths import REPO

from workshop.limits import STORED_DAY_YEARS, YEARS
from workshop.model import Session
from workshop.resources import content_dir
from workshop.schema import STORED, STRICT, Invalid, decode, digits_pattern, encode, text_pattern
from workshop.schema_gen import SCHEMA_FILE, schema_text, session_schema
from workshop.schema_types import Text
from workshop.text import (
    FORBIDDEN_IN_LINE,
    FORBIDDEN_IN_TEXT,
    is_forbidden_in_line,
    is_forbidden_in_text,
)

DOCS = REPO / "docs" / "session-format.md"


# -- the generated file ----------------------------------------------------------------------------


def test_the_committed_schema_is_what_the_types_make() -> None:
    committed = (content_dir() / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "data/session.schema.json is out of date: run 'python -m workshop.schema_gen'"
    )


def test_schema_gen_writes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workshop.schema_gen as gen

    fake_module = tmp_path / "workshop" / "schema_gen.py"
    fake_module.parent.mkdir()
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(gen, "__file__", str(fake_module))
    assert gen.main() == 0
    assert (tmp_path / "data" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()


def test_the_schema_runs_as_a_module(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", "import workshop.schema_gen as g; print(g.schema_text(), end='')"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert result.stdout == schema_text()


# -- the patterns say what the text rules say ------------------------------------------------------


def test_forbidden_character_ranges_match_the_text_rules() -> None:
    line, text = re.compile(f"[{FORBIDDEN_IN_LINE}]"), re.compile(f"[{FORBIDDEN_IN_TEXT}]")
    for code in [*range(0x10000), 0x1F469, 0xE0001, 0x10FFFF]:
        ch = chr(code)
        assert bool(line.fullmatch(ch)) == is_forbidden_in_line(ch), hex(code)
        assert bool(text.fullmatch(ch)) == is_forbidden_in_text(ch), hex(code)


def test_a_required_text_is_blank_exactly_when_strip_leaves_nothing() -> None:
    required = re.compile(text_pattern(Text(100, required=True, lines=True)))
    for code in range(0x10000):
        ch = chr(code)
        if is_forbidden_in_text(ch):
            continue
        assert bool(required.search(ch * 2)) == bool((ch * 2).strip()), hex(code)


def test_a_pattern_matches_the_whole_value_only() -> None:
    """'$' in Python would also allow a line break at the end: 'abc\\n' is no session id."""
    for pattern in (text_pattern(Text(10)), text_pattern(Text(10, required=True))):
        assert re.search(pattern, "abc") and not re.search(pattern, "abc\n")


@pytest.mark.parametrize("years", [YEARS, STORED_DAY_YEARS], ids=["years", "stored-years"])
def test_year_patterns_hold_exactly_the_years_in_range(years: Any) -> None:
    pattern = re.compile(f"(?:{digits_pattern(years.lowest, years.highest)})")
    for year in range(10_000):
        assert bool(pattern.fullmatch(f"{year:04d}")) == (year in years), year


# -- reading and writing ---------------------------------------------------------------------------


def test_encode_writes_the_names_and_order_of_a_file(tmp_path: Path) -> None:
    stored = demo_stored(tmp_path)
    session = encode(stored.session)
    assert list(session)[:6] == ["id", "title", "location", "series", "date", "facilitator"]
    assert "day" not in session and session["date"] == stored.session.day.isoformat()
    assert isinstance(session["template"]["phases"], list)  # not the template's tuples
    assert decode(session, Session, STORED) == stored.session


def test_the_store_reads_what_import_refuses_about_texts_written_by_older_versions(
    tmp_path: Path,
) -> None:
    """Texts in the app's own files are only checked to be text: an older version may have kept
    a character that is refused since (issue 8), and the session must still open."""
    data = encode(demo_stored(tmp_path).session)
    data["title"] = "Ouderavond \u202e"
    assert decode(data, Session, STORED).title == "Ouderavond \u202e"
    with pytest.raises(Invalid) as caught:
        decode(data, Session, STRICT)
    assert caught.value.field == "title"


# -- the docs --------------------------------------------------------------------------------------

# A section of the docs and the type it describes, with the rows that describe a nested type.
SECTIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "Bovenaan": ("SessionDocument", []),
    "`session`": (
        "Session",
        [
            ("participants", "Participant"),
            ("position", "Position"),
            ("timers", "PhaseTimer"),
            ("timing_log", "TimingEntry"),
            ("participation", "Participation"),
            ("notes", "Note"),
        ],
    ),
    "`session.template`": (
        "Template",
        [
            ("phases", "Phase"),
            ("phases", "Hints"),
            ("phases[].steps", "Step"),
            ("phases[].steps", "Translation"),
        ],
    ),
    "`contributions` (inbreng)": ("Contribution", []),
    "`agreements` (afspraken)": ("Agreement", []),
    "`goals` (doelen)": ("Goal", []),
    "`scan_scores` (zelfscans)": ("ScanScore", []),
    "`phone_remarks` (opmerkingen van telefoons)": ("PhoneRemark", []),
    "`phone_votes` (stemmen van telefoons)": ("PhoneVote", []),
    "`scan_answers` (antwoorden van telefoons op een zelfscan)": ("ScanAnswer", []),
}
NUMBERS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8}


def docs_sections() -> dict[str, tuple[dict[str, str], str]]:
    """Per '### ' heading: its table (field name -> the row's text) and the text after it."""
    sections: dict[str, tuple[dict[str, str], str]] = {}
    parts = re.split(r"^### (.+)$", DOCS.read_text(encoding="utf-8"), flags=re.M)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        body = body.split("\n## ", 1)[0]
        rows: dict[str, str] = {}
        for first, text in re.findall(r"^\| (.+?) \| (.+) \|$", body, flags=re.M):
            for name in re.findall(r"`([^`]+)`", first):
                rows[name] = text
        sections[heading] = (rows, body)
    return sections


def optional_in_docs(rows: dict[str, str], body: str) -> set[str]:
    """The fields the docs say may be left out."""
    optional = {name for name, text in rows.items() if re.search("ontbreken|weggelaten", text)}
    if last := re.search(r"De laatste (\w+) velden mogen ontbreken", body):
        optional |= set(list(rows)[-NUMBERS[last.group(1)] :])
    if only := re.search(r"Alleen (.+) moeten er zijn", body):
        optional |= set(rows) - set(re.findall(r"`([^`]+)`", only.group(1)))
    return optional


def limits(prop: dict[str, Any]) -> list[str]:
    """The numbers a field's description in the docs must give: lengths and ranges."""
    found = []
    for option in [prop, *prop.get("anyOf", [])]:
        if "maxLength" in option:
            found.append(f"hoogstens {option['maxLength']} tekens")
        for key in ("minimum", "maximum"):
            if key in option:
                number = option[key]
                found.append(str(int(number)) if number == int(number) else str(number))
    return found


def test_the_docs_tables_name_every_field_and_limit_of_the_schema() -> None:
    definitions = session_schema()["$defs"]
    sections = docs_sections()
    for heading, (name, nested) in SECTIONS.items():
        rows, body = sections[heading]
        definition = definitions[name]
        properties = definition["properties"]
        described_inside = {row for row, _ in nested if row not in properties}  # phases[].steps
        assert set(rows) - described_inside == set(properties), heading
        for field, prop in properties.items():
            for limit in limits(prop):
                assert limit in rows[field], (heading, field, limit)
        optional = set(properties) - set(definition.get("required", []))
        assert optional_in_docs(rows, body) == optional, heading
        for row, inner in nested:
            for field, prop in definitions[inner]["properties"].items():
                assert f"`{field}`" in rows[row], (heading, row, field)
                for limit in limits(prop):
                    assert limit in rows[row], (heading, row, field, limit)


def test_the_docs_give_the_years_of_every_date() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"in de jaren {YEARS.lowest} tot en met {YEARS.highest}" in text


# -- what else must follow the schema --------------------------------------------------------------


def test_every_text_field_of_the_schema_is_seen_by_forget_and_export_without_names(
    tmp_path: Path,
) -> None:
    """A text field added to the types is a field that may hold a name: 'vergeet' and the
    export without names (workshop.name_fields) must know it."""
    from workshop.model import Group, Note, Participant
    from workshop.name_fields import text_fields
    from workshop.participation import PhoneRemark, phone_id
    from workshop.schema_types import field_specs, marker, split

    stored = demo_stored(tmp_path)
    stored.session.participants.append(Participant(Group.OUDERPANEL, "Sevda"))
    moment = stored.session.created
    stored.session.notes.append(Note(text="notitie", phase=0, created=moment))
    stored.remarks.append(
        PhoneRemark(
            text="t",
            group=Group.TEAM,
            phase=0,
            step=0,
            language="nl",
            phone=phone_id("c"),
            created=moment,
        )
    )
    owners = [stored.session, *stored.session.participants, *stored.session.notes]
    owners += [*stored.contributions, *stored.agreements, *stored.goals, *stored.remarks]
    assert all(owners) and stored.goals and stored.agreements
    marked = set()
    for n, owner in enumerate(owners):
        for spec in field_specs(type(owner)):
            if marker(split(spec.hint)[1], Text) is not None:
                setattr(owner, spec.name, f"veld-{n}-{spec.name}")
                marked.add(f"veld-{n}-{spec.name}")
    assert len(marked) > 10
    assert marked <= {field.get() for field in text_fields(stored)}
