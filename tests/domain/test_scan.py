"""Self-scans: the built-in content, the strict loader, and comparing team and parent scores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.errors import NotFoundError, TemplateError
from workshop.model import Group
from workshop.scan import (
    DONT_KNOW,
    NOT_SCORED,
    SCALE,
    Scan,
    ScanScore,
    Statement,
    biggest_differences,
    builtin_scans,
    change_since,
    compare,
    get_scan,
    load_scan,
    scan_for_step,
    scans_dir,
)
from workshop.template import STEP_KINDS

TEAM, PARENTS = Group.TEAM, Group.OUDERPANEL

# ---------------------------------------------------------------- the built-in content


def test_both_builtin_scans_load_with_their_statements():
    scans = {scan.id: scan for scan in builtin_scans()}
    assert set(scans) == {"indicatoren", "criteria"}
    assert [s.code for s in scans["indicatoren"].statements] == [f"I{n}" for n in range(1, 8)]
    assert [s.code for s in scans["criteria"].statements] == [f"C{n}" for n in range(1, 11)]


@pytest.mark.parametrize("scan", builtin_scans(), ids=lambda s: s.id)
def test_builtin_scan_is_plain_and_complete(scan: Scan):
    assert (scans_dir() / f"{scan.id}.toml").is_file(), "the id is the file name"
    assert scan.name.strip() and scan.description.strip()
    assert len({s.code for s in scan.statements}) == len(scan.statements)
    texts = [s.text for s in scan.statements]
    assert len(set(texts)) == len(texts)
    for statement in scan.statements:
        # A statement to agree or disagree with: no question, whole sentences, short sentences.
        assert "?" not in statement.text
        assert statement.text[0].isupper() and statement.text.endswith(".")
        sentences = [s for s in re.split(r"(?<=[.:])\s+", statement.text) if s]
        assert all(len(s.split()) <= 18 for s in sentences), statement.code


def test_every_scan_step_kind_of_the_templates_has_a_scan():
    kinds = [kind for kind in STEP_KINDS if kind.startswith("scan-")]
    assert kinds
    for kind in kinds:
        scan = scan_for_step(kind)
        assert scan is not None and f"scan-{scan.id}" == kind
    assert scan_for_step("gesprek") is None


def test_get_scan_by_id_and_unknown_id():
    assert get_scan("criteria").statement("C3").code == "C3"
    with pytest.raises(NotFoundError, match="geen scan met de naam 'nope'"):
        get_scan("nope")
    with pytest.raises(NotFoundError, match="geen uitspraak X9"):
        get_scan("criteria").statement("X9")


# ---------------------------------------------------------------- the loader's errors

GOOD = """\
id = "test"
name = "Test"
description = "Een scan om te testen."

[[statements]]
code = "A1"
text = "Eerste uitspraak."

[[statements]]
code = "A2"
text = "Tweede uitspraak."
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_a_good_file(tmp_path: Path):
    scan = load_scan(_write(tmp_path, GOOD))
    assert scan == Scan(
        "test",
        "Test",
        "Een scan om te testen.",
        (Statement("A1", "Eerste uitspraak."), Statement("A2", "Tweede uitspraak.")),
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "reason"),
    [
        ('code = "A2"', 'code = "A1"', 10, "statements[2].code", "ook al bij uitspraak 1"),
        ('code = "A2"', 'code = "A 2"', 10, "statements[2].code", "zonder spaties"),
        ('code = "A2"', "code = 2", 10, "statements[2].code", "tekst tussen aanhalingstekens"),
        ('text = "Tweede uitspraak."', 'text = "  "', 11, "statements[2].text", "leeg"),
        ('text = "Tweede uitspraak."', 'tekst = "x"', 11, "statements[2].tekst", "onbekend"),
        ('text = "Tweede uitspraak."\n', "", 9, "statements[2].text", "ontbreekt"),
        ('name = "Test"', 'naam = "Test"', 2, "naam", "onbekend"),
        ('id = "test"', 'id = "Mijn Scan"', 1, "id", "kleine letters"),
        ('id = "test"\n', "", None, "id", "ontbreekt"),
    ],
)
def test_malformed_file_names_line_and_field(tmp_path, old, new, line, field, reason):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(TemplateError) as caught:
        load_scan(path)
    assert (caught.value.line, caught.value.field) == (line, field)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


def test_scan_without_statements(tmp_path: Path):
    with pytest.raises(TemplateError, match="minstens één"):
        load_scan(_write(tmp_path, GOOD.split("[[statements]]")[0]))
    with pytest.raises(TemplateError, match="lijst van"):
        load_scan(_write(tmp_path, 'id = "x"\nname = "X"\nstatements = "geen"\n'))


def test_broken_toml_and_missing_file(tmp_path: Path):
    with pytest.raises(TemplateError) as caught:
        load_scan(_write(tmp_path, GOOD.replace('code = "A2"', 'code = "A2')))
    assert caught.value.line == 10 and "opmaak" in caught.value.reason
    with pytest.raises(TemplateError, match="bestaat niet"):
        load_scan(tmp_path / "nothing.toml")


# ---------------------------------------------------------------- scores

SCAN = Scan(
    "s",
    "S",
    "",
    tuple(Statement(f"A{n}", f"Uitspraak {n}.") for n in range(1, 6)),
)


def _scores(team: dict[str, int | None], parents: dict[str, int | None], scan: str = "s"):
    return [ScanScore(scan, code, TEAM, score) for code, score in team.items()] + [
        ScanScore(scan, code, PARENTS, score) for code, score in parents.items()
    ]


def test_scale_is_four_points_plus_dont_know():
    assert sorted(SCALE) == [1, 2, 3, 4]
    assert DONT_KNOW not in SCALE.values()


@pytest.mark.parametrize("bad", [0, 5, -1, True, 2.0, "3"])
def test_score_outside_the_scale_is_refused(bad):
    with pytest.raises(ValueError):
        ScanScore("s", "A1", TEAM, bad)


@given(
    code=st.text(min_size=1, max_size=5),
    group=st.sampled_from(Group),
    score=st.sampled_from([None, *SCALE]),
)
def test_score_round_trips_through_a_dict(code, group, score):
    original = ScanScore("s", code, group, score)
    assert ScanScore.from_dict(original.to_dict()) == original


def test_compare_puts_groups_side_by_side_and_tells_dont_know_from_missing():
    scores = _scores(
        team={"A1": 4, "A2": 2, "A3": None, "A4": 3},
        parents={"A1": 1, "A2": 2, "A3": 3},
    )
    results = compare(SCAN, scores)
    assert [r.statement.code for r in results] == ["A1", "A2", "A3", "A4", "A5"]
    assert [(r.team, r.parents, r.difference) for r in results] == [
        (4, 1, 3),
        (2, 2, 0),
        (None, 3, None),  # team: weet niet
        (3, None, None),  # parents: not scored
        (None, None, None),
    ]
    a3, a4 = results[2], results[3]
    assert a3.label(TEAM) == DONT_KNOW and a3.label(PARENTS) == SCALE[3]
    assert a4.label(PARENTS) == NOT_SCORED
    assert a3.answered(TEAM) and not a4.answered(PARENTS)


def test_compare_ignores_other_scans_and_unknown_codes_and_takes_the_last_score():
    scores = [
        ScanScore("s", "A1", TEAM, 1),
        ScanScore("s", "A1", TEAM, 3),  # changed their mind
        ScanScore("other", "A1", PARENTS, 4),
        ScanScore("s", "Z9", PARENTS, 4),
    ]
    a1 = compare(SCAN, scores)[0]
    assert (a1.team, a1.parents, a1.parents_answered) == (3, None, False)


def test_biggest_differences_largest_first_ties_at_the_cutoff_all_in():
    scores = _scores(
        team={"A1": 1, "A2": 4, "A3": 1, "A4": 2, "A5": None},
        parents={"A1": 3, "A2": 1, "A3": 3, "A4": 2, "A5": 1},
    )
    results = compare(SCAN, scores)
    top = biggest_differences(results)
    assert [(r.statement.code, r.difference) for r in top] == [("A2", 3), ("A1", 2), ("A3", 2)]
    # A1 and A3 tie at the cut-off of 2: both are in, none is dropped by chance (issue 11, 17)
    assert [r.statement.code for r in biggest_differences(results, n=2)] == ["A2", "A1", "A3"]
    assert [r.statement.code for r in biggest_differences(results, n=1)] == ["A2"]
    # agreement (A4) and weet niet (A5) are never where the differences are
    assert [r.statement.code for r in biggest_differences(results, n=10)] == ["A2", "A1", "A3"]
    assert biggest_differences(results, n=0) == []


def test_no_differences_when_nothing_is_scored_or_all_agree():
    assert biggest_differences(compare(SCAN, [])) == []
    same = _scores(team={"A1": 2, "A2": 4}, parents={"A1": 2, "A2": 4})
    assert biggest_differences(compare(SCAN, same)) == []


@given(
    team=st.lists(st.sampled_from([None, *SCALE]), min_size=5, max_size=5),
    parents=st.lists(st.sampled_from([None, *SCALE]), min_size=5, max_size=5),
)
def test_biggest_differences_is_a_sorted_selection(team, parents):
    codes = [s.code for s in SCAN.statements]
    scores = _scores(dict(zip(codes, team, strict=True)), dict(zip(codes, parents, strict=True)))
    results = compare(SCAN, scores)
    top = biggest_differences(results, n=3)
    differing = [r for r in results if r.difference]
    assert all(r.difference for r in top)
    assert len(top) >= min(3, len(differing))
    order = [(-r.difference, codes.index(r.statement.code)) for r in top]
    assert order == sorted(order)  # largest first, ties in statement order
    left_out = [r for r in differing if r not in top]
    # a tie at the cut-off is never broken: whatever is left out differs strictly less
    assert all(r.difference < top[-1].difference for r in left_out)
    # only a tie makes the list longer than 3
    assert len(top) <= 3 or len({r.difference for r in top[2:]}) == 1


def test_change_since_previous_scan():
    previous = _scores(team={"A1": 2, "A2": 4, "A3": None, "A4": 1}, parents={"A1": 1, "A2": 3})
    current = _scores(team={"A1": 3, "A2": 2, "A3": 3}, parents={"A1": 1, "A2": 4, "A4": 2})
    changes = change_since(SCAN, previous, current)
    assert [(c.statement.code, c.team, c.parents) for c in changes] == [
        ("A1", 1, 0),
        ("A2", -2, 1),
        ("A3", None, None),  # weet niet before
        ("A4", None, None),  # team: not scored now; parents: not scored before
        ("A5", None, None),
    ]
    assert changes[1].change(TEAM) == -2 and changes[1].change(PARENTS) == 1
