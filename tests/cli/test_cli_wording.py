"""Plain Dutch in the command line and the exports (issue 11, items 17, 20 and 23): no English
argparse fragments, no "sessie(s)", ties in the self-scan said, and a file without names that says
so in its name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from helpers_export import Outline, demo_stored
from icalendar import Calendar

from workshop.cli import main
from workshop.cli_parser import translate_argparse
from workshop.clock import FakeClock
from workshop.export.markdown import render_markdown
from workshop.model import Group
from workshop.scan import ScanScore, biggest_differences, compare, get_scan, ties_at_cutoff
from workshop.store import StoredSession

ENGLISH = ("argument", "invalid", "choice", "choose", "expected", "required", "unrecognized")


@pytest.fixture(autouse=True)
def exports_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "exports"
    monkeypatch.setattr("workshop.cli.default_exports_dir", lambda: folder)
    monkeypatch.setattr(
        "workshop.cli.SystemClock", lambda: FakeClock(datetime(2026, 3, 11, 12).astimezone())
    )
    return folder


# ---------------------------------------------------------------- argparse in Dutch (item 20)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["onzin"], "workshop: 'onzin' is geen opdracht. Kies uit: demo, list, export,"),
        (
            ["export", "x", "--format", "docx"],
            "workshop: bij --format: 'docx' kan niet. Kies uit: md, html, pdf, json",
        ),
        (["export"], "workshop: dit ontbreekt nog: SESSIE"),
        (["export", "x", "--out"], "workshop: bij --out: hier hoort een waarde achter"),
        (["afspraken", "--open=ja"], "workshop: bij --open: hier hoort geen waarde achter ('ja')"),
        (["list", "--bla"], "workshop: dit begrijp ik niet: --bla"),
    ],
)
def test_every_parser_error_is_dutch(
    args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--data", str(tmp_path / "data"), *args])
    assert stopped.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(said)
    assert line.endswith("(zie 'workshop --help')")
    assert not any(word in line.split("(zie")[0] for word in ENGLISH), line


def test_an_argparse_message_we_do_not_know_is_never_shown_in_english() -> None:
    assert translate_argparse("something new went wrong: --x") == "dit begrijp ik niet"
    assert translate_argparse("argument --x: brand new complaint") == "bij --x: dit begrijp ik niet"


def test_doctor_counts_sessions_in_plain_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    demo_stored(data)
    main(["--data", str(data), "doctor"])
    out = capsys.readouterr().out
    assert "1 sessie nagekeken, 0 met problemen." in out
    assert "(s)" not in out and "(ën)" not in out


# ---------------------------------------------------------------- file names (item 23)


def test_an_export_without_names_says_so_in_its_file_name(
    tmp_path: Path, exports_here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    session_id = demo_stored(data).session.id
    for fmt in ("md", "html", "pdf", "json"):
        assert main(["--data", str(data), "export", session_id, "--format", fmt]) == 0
        assert (
            main(["--data", str(data), "export", session_id, "--format", fmt, "--zonder-namen"])
            == 0
        )
    names = sorted(path.name for path in exports_here.iterdir())
    stem = "2026-03-10-ouders-en-team-samen-kinderdagverblijf-de-zonnebloem"
    assert names == sorted(
        [f"{stem}.{ext}" for ext in ("md", "html", "pdf", "json")]
        + [f"{stem}-zonder-namen.{ext}" for ext in ("md", "html", "pdf", "json")]
    )
    anonymous = (exports_here / f"{stem}-zonder-namen.md").read_text(encoding="utf-8")
    assert "Joost de Vries" not in anonymous


def test_agenda_without_names(
    tmp_path: Path, exports_here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    session_id = demo_stored(data).session.id
    assert main(["--data", str(data), "agenda", session_id, "--zonder-namen"]) == 0
    (path,) = exports_here.iterdir()
    assert path.name.endswith("-zonder-namen.ics")
    calendar = path.read_bytes().decode("utf-8")
    for name in ("Joost de Vries", "Fatima El Amrani", "Sevda", "Marieke Jansen"):
        assert name not in calendar
    assert len(Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 4


# ---------------------------------------------------------------- ties in the self-scan (item 17)


def _criteria_scores(team: dict[str, int], parents: dict[str, int]) -> list[ScanScore]:
    return [ScanScore("criteria", code, Group.TEAM, score) for code, score in team.items()] + [
        ScanScore("criteria", code, Group.OUDERPANEL, score) for code, score in parents.items()
    ]


def test_a_tie_at_the_cutoff_lists_all_and_says_why(tmp_path: Path) -> None:
    """C1 and C5 both differ by 1 at the third place: both are listed, in core and export."""
    scan = get_scan("criteria")
    scores = _criteria_scores(
        team={"C1": 3, "C2": 4, "C3": 4, "C5": 3},
        parents={"C1": 2, "C2": 1, "C3": 2, "C5": 2},
    )
    results = compare(scan, scores)
    assert [r.statement.code for r in biggest_differences(results)] == ["C2", "C3", "C1", "C5"]
    assert [r.statement.code for r in ties_at_cutoff(results)] == ["C1", "C5"]
    stored: StoredSession = demo_stored(tmp_path)
    stored.scan_scores = scores
    part = Outline.of(render_markdown(stored)).section("Zelfscan")
    listed = [item.split(":")[0] for item in part.list_items()]
    assert listed == ["C2", "C3", "C1", "C5"]
    said = [t.content for t in part.tokens if t.type == "inline"]
    assert (
        "C1 en C5 hebben hetzelfde verschil (1). Daarom staan ze er allemaal, "
        "en zijn het er 4 in plaats van 3."
    ) in said


def test_without_a_tie_there_are_three_and_no_note(tmp_path: Path) -> None:
    scores = _criteria_scores(
        team={"C1": 4, "C2": 4, "C3": 4, "C5": 3},
        parents={"C1": 1, "C2": 2, "C3": 3, "C5": 3},
    )
    results = compare(get_scan("criteria"), scores)
    assert [r.statement.code for r in biggest_differences(results)] == ["C1", "C2", "C3"]
    assert ties_at_cutoff(results) == []
