"""`workshop vergeet NAAM` (issue 8, items 3-5): damaged bytes are never deleted and the count is
honest; a name among other names, in free text, in backups and in any other file under the data
folder is taken out, or listed with where it stays.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers_forget import as_word, cli, files_naming, with_backups
from helpers_sessions import close_folded, new_session, tree_snapshot

from workshop.backup import list_backups
from workshop.clock import FakeClock
from workshop.export.files import export_session
from workshop.model import Group
from workshop.privacy import forget_person, report_lines
from workshop.session import new_participant, open_session
from workshop.store import SESSION_FILE, SUMMARY_FILE, SessionStore, read_stored

T, P = Group.TEAM, Group.OUDERPANEL
FATIMA = "Fatima El Amrani"


# -- item 3: damaged backups are kept, never deleted; the count is honest -------------------------


def damage_oldest_backup(store: SessionStore, session_id: str, content: bytes) -> Path:
    backup = list_backups(store.sessions_dir / session_id)[-1]
    backup.write_bytes(content)
    return backup


def test_unknown_name_leaves_a_damaged_backup_alone(store: SessionStore, clock: FakeClock) -> None:
    live = new_session(store, clock, participants=[new_participant(P, "Sevda")])
    live.close()
    with_backups(store, clock, live.session.id)
    damaged = damage_oldest_backup(store, live.session.id, b'{"kapot": "Sevda en')
    before = tree_snapshot(store.root)

    report = forget_person(store, "Iemand Anders", clock)

    assert (report.sessions, report.backups, report.complete) == (0, 0, True)
    assert tree_snapshot(store.root) == before  # the damaged backup is still there, as it was
    assert damaged.read_bytes() == b'{"kapot": "Sevda en'


def test_cli_damaged_backup_with_the_name_is_kept_aside_and_reported(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = new_session(store, clock, title="Avond", participants=[new_participant(P, "Sevda")])
    live.close()
    with_backups(store, clock, live.session.id)
    damaged = damage_oldest_backup(store, live.session.id, b'{"kapot": "Sevda en')

    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 1
    out, err = capsys.readouterr()
    assert "is weggehaald uit 1 sessie en uit 2 reservekopieën" in out  # the good ones only
    aside = damaged.with_name(damaged.name + ".beschadigd")
    assert aside.read_bytes() == b'{"kapot": "Sevda en'  # kept, byte for byte
    assert f"de reservekopie {damaged.name} is beschadigd" in err and str(aside) in err
    assert "Daarin staat de naam nog" in err and "'Avond'" in err
    assert files_naming(store.root, "Sevda") == [str(aside.relative_to(store.root))]

    # Nothing else is left: asked again, only that kept file is named, and nothing is changed.
    before = tree_snapshot(store.root)
    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 1
    out, err = capsys.readouterr()
    assert "kwam in geen enkele sessie voor" not in out
    assert "een beschadigd bestand dat eerder opzij is gezet" in err and str(aside) in err
    assert tree_snapshot(store.root) == before


def test_cli_name_nowhere_with_a_damaged_backup_says_so_and_deletes_nothing(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = new_session(store, clock)
    live.close()
    with_backups(store, clock, live.session.id)
    damage_oldest_backup(store, live.session.id, b"\x00\xff kapot")
    before = tree_snapshot(store.root)
    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "kwam in geen enkele sessie voor" in out and "weggehaald uit" not in out
    assert tree_snapshot(store.root) == before


# -- item 4: a name among other names, in every field, in every file ------------------------------


def session_naming_two(store: SessionStore, clock: FakeClock) -> str:
    live = new_session(
        store,
        clock,
        title="Gesprek met Sevda en Mohamed",
        facilitator="Marieke",
        participants=[new_participant(T, "Joost de Vries")],
    )
    live.add_agreement("Koffieochtend", "Joost de Vries", with_whom="Sevda, Mohamed")
    live.add_agreement("Brief herschrijven", "Sevda en Joost de Vries", with_whom="mohamed")
    live.add_contribution("Goed idee", P, author="Sevda, Mohamed")
    live.close()
    with_backups(store, clock, live.session.id)
    return live.session.id


def test_names_inside_a_field_with_several_names_are_forgotten(
    store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    session_id = session_naming_two(store, clock)
    # session, summary, the agreements beside it, 3 backups
    assert len(files_naming(store.root, "Sevda")) == 6

    first = forget_person(store, "Sevda", clock)
    second = forget_person(store, "Mohamed", clock)

    assert (first.sessions, first.backups, first.complete) == (1, 3, True)
    assert (second.sessions, second.backups, second.complete) == (1, 3, True)
    assert files_naming(store.root, "Sevda") == files_naming(store.root, "Mohamed") == []
    stored = store.load(session_id)
    assert [(a.owner, a.with_whom) for a in stored.agreements] == [
        ("Joost de Vries", "betrokkene, betrokkene"),
        ("betrokkene en Joost de Vries", "betrokkene"),
    ]
    assert stored.contributions[0].author == "ouder"
    assert stored.session.title == "Gesprek met betrokkene en betrokkene"
    assert store.list_sessions()[0].title == stored.session.title  # the summary follows
    for backup in list_backups(store.sessions_dir / session_id):
        read_stored(backup)  # still a good backup to restore from
    for fmt in ("md", "html", "json"):
        content = export_session(stored, fmt, None, tmp_path, today=date(2026, 3, 12))
        text = content.read_text(encoding="utf-8")
        assert not as_word("Sevda").search(text) and not as_word("Mohamed").search(text)


def test_cli_forget_two_names_from_one_field_then_export(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    session_id = session_naming_two(store, clock)
    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 0
    first = capsys.readouterr().out
    assert cli(store, "vergeet", "Mohamed", "--ja", monkeypatch=monkeypatch) == 0
    second = capsys.readouterr().out
    assert files_naming(store.root, "Sevda") == files_naming(store.root, "Mohamed") == []
    assert "is weggehaald uit 1 sessie en uit 3 reservekopieën" in first
    assert "is weggehaald uit 1 sessie en uit 3 reservekopieën" in second
    out = tmp_path / "plan.json"
    assert cli(store, "export", session_id, "--format", "json", "--out", str(out),
               monkeypatch=monkeypatch) == 0  # fmt: skip
    exported = out.read_text(encoding="utf-8")
    assert "betrokkene, betrokkene" in exported
    assert not as_word("Sevda").search(exported) and not as_word("Mohamed").search(exported)


def test_other_files_under_the_data_folder_are_searched_too(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = new_session(store, clock, title="Avond", participants=[new_participant(P, "Sevda")])
    live.close()
    folder = store.sessions_dir / live.session.id
    # A summary left over from before a title was changed, a crash log and a file kept by doctor.
    summary = (folder / SUMMARY_FILE).read_text(encoding="utf-8")
    (folder / SUMMARY_FILE).write_text(summary.replace('"Avond"', '"Avond met SEVDA"'))
    (store.root / "fout.log").write_text("ValidationError: 'sevda' is te lang\n")
    kept = folder / "session.json.beschadigd-20260310-090000"
    kept.write_bytes(b'{"title": "Sevda')

    assert cli(store, "vergeet", "Sevda", "--ja", monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert str(store.root / "fout.log") in err and str(kept) in err
    assert "eerder opzij is gezet" in err and "bekijk of verwijder het zelf" in err
    assert files_naming(store.root, "Sevda") == sorted(
        ["fout.log", str(kept.relative_to(store.root))]
    )  # the summary was made again from the session, without the name
    assert store.list_sessions()[0].title == "Avond"


# -- item 5: the full name in free text and in backups --------------------------------------------


def session_mentioning_fatima(store: SessionStore, clock: FakeClock) -> str:
    live = new_session(
        store,
        clock,
        title="Overleg met Fatima El Amrani",
        participants=[new_participant(T, FATIMA), new_participant(P, "Sevda")],
    )
    live.add_contribution("fatima  el AMRANI vertelt over de brief.", P)
    live.add_contribution("Fatima zei dat de ouderkamer vaak dicht is.", T, author=FATIMA)
    agreement = live.add_agreement(
        "Bellen met Fatima\tEl Amrani", FATIMA, with_whom="Sevda", instrument="Fatima El Amrani"
    )
    live.review_agreement(agreement.id, note="Fatima El Amrani belt volgende week")
    live.add_goal("Fatima El Amrani leert ouders kennen", "Fatima El Amrani kent 10 ouders")
    live.close()
    with_backups(store, clock, live.session.id)
    return live.session.id


def test_full_name_goes_from_free_text_and_backups_in_any_case_and_spacing(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = session_mentioning_fatima(store, clock)
    report = forget_person(store, FATIMA, clock)
    assert (report.sessions, report.backups, report.complete) == (1, 3, True)
    assert files_naming(store.root, FATIMA) == []
    stored = store.load(session_id)
    assert stored.session.title == "Overleg met teamlid"
    assert [c.text for c in stored.contributions[:2]] == [
        "teamlid vertelt over de brief.",
        "Fatima zei dat de ouderkamer vaak dicht is.",  # "Fatima" alone: listed, not replaced
    ]
    (agreement,) = stored.agreements
    assert (agreement.what, agreement.owner, agreement.instrument, agreement.note) == (
        "Bellen met teamlid",
        "teamlid",
        "teamlid",
        "teamlid belt volgende week",
    )
    assert (stored.goals[0].description, stored.goals[0].criterion) == (
        "teamlid leert ouders kennen",
        "teamlid kent 10 ouders",
    )
    assert [p.name for p in stored.session.participants] == ["", "Sevda"]
    # Where the first name stands alone is listed: session, field and a piece of the text.
    assert report.to_check == [
        f"'Overleg met teamlid' ({session_id}), inbreng 2: "
        "\u201cFatima zei dat de ouderkamer va…\u201d"
    ]
    lines = report_lines(report)
    assert (
        "'Fatima' of 'Amrani' los, zonder de rest van de naam, is niet vervangen: dat kan ook "
        "iemand anders zijn." in lines
    )


def test_cli_after_a_hand_edit_the_backups_are_cleaned_too(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The issue's case: the name only in free text, taken out by hand; backups still hold it."""
    live = new_session(store, clock, title="Avond")
    remark = live.add_contribution("Fatima El Amrani regelt de tolk. Fatima belt.", T)
    live.close()
    with_backups(store, clock, live.session.id)
    edited = open_session(store, live.session.id, clock)  # the README's advice: edit by hand
    edited.edit_contribution(remark.id, text="De tolk wordt geregeld.")
    close_folded(store, edited)  # the file as a hand edit leaves it: without the name
    assert files_naming(store.root, FATIMA) != []  # only backups now
    assert as_word("Fatima").search((store.sessions_dir / live.session.id / SESSION_FILE)
                                    .read_text()) is None  # fmt: skip

    assert cli(store, "vergeet", FATIMA, "--ja", monkeypatch=monkeypatch) == 0
    assert files_naming(store.root, FATIMA) == []
    out = capsys.readouterr().out
    assert f"De naam '{FATIMA}' stond niet meer in de sessies zelf, maar nog wel in 4" in out
    # The first name alone went from the backups too: the session file no longer has it.
    assert files_naming(store.root, "Fatima") == []
    assert cli(store, "vergeet", FATIMA, "--ja", monkeypatch=monkeypatch) == 0
    assert "kwam in geen enkele sessie voor" in capsys.readouterr().out


def test_cli_first_name_alone_is_listed_and_follows_the_session_file(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    session_id = session_mentioning_fatima(store, clock)
    assert cli(store, "vergeet", FATIMA, "--ja", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Controleer deze plaatsen" in out
    assert f"({session_id}), inbreng 2: \u201cFatima zei dat" in out
    assert "Gezocht is op de hele naam" in out
    assert files_naming(store.root, "Fatima") != []  # the user decides about the first name

    live = open_session(store, session_id, clock)
    live.edit_contribution(live.contributions[1].id, text="De ouderkamer is vaak dicht.")
    live.close()
    assert cli(store, "vergeet", FATIMA, "--ja", monkeypatch=monkeypatch) == 0
    assert "Controleer" not in capsys.readouterr().out
    assert files_naming(store.root, "Fatima") == []  # a backup keeps nothing the file lost
