"""'workshop afspraken' and 'workshop agenda': agreements across sessions, per owner as Markdown,
and a session's dated agreements as a calendar file that a standard parser reads back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from helpers_export import Outline
from helpers_trajectory import Trajectory, three_sessions
from icalendar import Calendar

from workshop.cli import main
from workshop.clock import FakeClock
from workshop.store import SessionStore


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def trajectory(data: Path) -> Trajectory:
    store = SessionStore(data)
    store.ensure()
    return three_sessions(store, FakeClock())


TODAY = datetime.fromisoformat("2026-06-10T12:00:00+02:00")


@pytest.fixture(autouse=True)
def exports_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Default exports go to a temporary folder, not the user's; today is 10 June 2026."""
    folder = tmp_path / "exports"
    monkeypatch.setattr("workshop.cli.default_exports_dir", lambda: folder)
    monkeypatch.setattr("workshop.cli.SystemClock", lambda: FakeClock(TODAY))
    return folder


def run(data: Path, *args: str) -> int:
    return main(["--data", str(data), *args])


def printed(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


# ---------------------------------------------------------------- afspraken


def test_agreements_lists_the_latest_version_of_each(
    data: Path, trajectory: Trajectory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "afspraken") == 0
    lines = printed(capsys)
    assert len(lines) == 7
    assert lines[-1] == "6 afspraken, waarvan 3 te laat."
    brieven = next(line for line in lines if "Brieven korter maken" in line)
    assert brieven.startswith("klaar") and "(Ouderavond april, 14-04-2026)" in brieven
    koffie = next(line for line in lines if "Koffieochtend" in line)
    # the horizon with its date, counted from session 1 on 10 March (issue 11, item 13)
    assert (
        "Ayşe: Koffieochtend op vrijdag, wanneer: volgende week (uiterlijk 24-03-2026)  TE LAAT"
        in koffie
    )
    assert "(Ouderavond juni, 02-06-2026)" in koffie


def test_agreements_filters_and_english_aliases(
    data: Path, trajectory: Trajectory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "afspraken", "--open") == 0
    lines = printed(capsys)
    assert len(lines) == 4
    assert all(line.split()[0] in ("open", "bezig") for line in lines[:-1])
    assert run(data, "agreements", "--open", "--owner", "ayşe", "--location", "ANKER") == 0
    lines = printed(capsys)
    assert len(lines) == 2 and "Koffieochtend" in lines[0]
    assert run(data, "afspraken", "--eigenaar", "Marieke Jansen", "--locatie", "Zonnebloem") == 0
    assert printed(capsys) == ["Geen afspraken met deze keuzes."]


def test_agreements_without_sessions(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "afspraken") == 0
    assert printed(capsys) == ["Er zijn nog geen afspraken."]


def test_agreements_as_markdown_per_owner(
    data: Path, trajectory: Trajectory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lijst.md"
    assert run(data, "afspraken", "--open", "--md", str(out)) == 0
    assert printed(capsys) == [f"Opgeslagen: {out} (3 afspraken)"]
    outline = Outline.of(out.read_text(encoding="utf-8"))
    assert outline.headings(1) == ["Afspraken per eigenaar"]
    assert outline.headings(2) == ["Ayşe", "Fatima", "Marieke Jansen"]
    items = outline.section("Marieke Jansen").list_items()
    assert items == [  # a document: dates written out (workshop.dates)
        "Inloopochtend met het consultatiebureau – wanneer: 14 mei 2026; status: open; "
        "te laat; sessie: Ouderavond juni, 2 juni 2026"
    ]
    koffie = outline.section("Ayşe").list_items()
    assert koffie[0].startswith(
        "Koffieochtend op vrijdag – wanneer: volgende week (uiterlijk 24 maart 2026);"
    )
    assert len(outline.section("Fatima").list_items()) == 1
    assert out.read_text(encoding="utf-8").endswith("*Gemaakt op 10 juni 2026.*\n")


def test_markdown_for_one_owner_is_a_to_do_list_in_the_exports_folder(
    data: Path, trajectory: Trajectory, exports_here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports_here.mkdir()
    assert run(data, "afspraken", "--eigenaar", "joost de vries", "--md", str(exports_here)) == 0
    (path,) = exports_here.iterdir()
    assert path.name == "2026-06-10-afspraken-joost-de-vries.md"
    outline = Outline.of(path.read_text(encoding="utf-8"))
    assert outline.headings(1) == ["Afspraken van joost de vries"]
    assert outline.headings(2) == ["Joost de Vries"]
    assert sorted(item.split(" – ")[0] for item in outline.list_items()) == [
        "Brieven korter maken",
        "Ouderkamer opruimen",
    ]
    assert run(data, "afspraken", "--md", str(exports_here / "weg" / "x.md")) == 1
    assert "bestaat niet" in capsys.readouterr().err


# ---------------------------------------------------------------- agenda


def read_calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_agenda_puts_every_agreement_with_a_moment_on_its_day(
    data: Path, trajectory: Trajectory, exports_here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "agenda", "Ouderavond apr") == 0
    lines = printed(capsys)
    (path,) = exports_here.iterdir()
    assert path.name == "2026-04-14-ouderavond-april.ics"
    # Horizons are no longer left out: counted from session 1 (10 March), where they were made.
    assert lines == [f"Opgeslagen: {path} (5 afspraken in de agenda)"]
    events = read_calendar(path).walk("VEVENT")
    start = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert start == {
        "Brieven korter maken": date(2026, 4, 10),
        "Koffieochtend op vrijdag": date(2026, 3, 24),
        "Tolk regelen": date(2026, 3, 17),
        "Startgesprek met elk nieuw gezin": date(2026, 4, 1),
        "Inloopochtend met het consultatiebureau": date(2026, 5, 14),
    }
    described = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events}
    assert "Eigenaar: Fatima" in described["Startgesprek met elk nieuw gezin"]


def test_agenda_alias_out_and_a_session_without_dates(
    data: Path, trajectory: Trajectory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mijn-agenda"
    assert run(data, "calendar", trajectory.ids[2], "--out", str(out)) == 0
    assert (tmp_path / "mijn-agenda.ics").is_file()
    capsys.readouterr()
    assert run(data, "agenda", trajectory.ids[2], "--out", str(out)) == 0
    assert (tmp_path / "mijn-agenda-2.ics").is_file()  # never overwritten
    assert run(data, "agenda", "bestaat-niet") == 1
    error = capsys.readouterr().err
    assert error.startswith("workshop: Geen sessie gevonden") and error.count("\n") == 1


def test_export_passes_the_previous_scan_for_the_change_column(
    data: Path, trajectory: Trajectory, tmp_path: Path
) -> None:
    out = tmp_path / "plan.md"
    assert run(data, "export", trajectory.ids[1], "--out", str(out)) == 0
    rows = Outline.of(out.read_text(encoding="utf-8")).section("Zelfscan").body_rows()
    assert rows[0][-1] == "team +1, ouders +2"


@pytest.mark.parametrize("command", ["afspraken", "agenda"])
def test_help_of_the_new_commands_is_dutch(
    command: str, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(data, command, "--help")
    assert stopped.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("gebruik: workshop") and "opties:" in text
