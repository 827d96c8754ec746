"""Privacy (AVG): forgetting a person everywhere, deleting a session, both with confirmation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers_sessions import close_folded, filled_session, new_session, tree_snapshot

from workshop.backup import list_backups
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.errors import ValidationError
from workshop.lock import LOCK_FILE
from workshop.model import Group
from workshop.privacy import forget_person, remaining_lines
from workshop.session import LiveSession, new_participant, open_session
from workshop.store import SESSION_FILE, SessionStore, read_stored

T, P = Group.TEAM, Group.OUDERPANEL


def files_mentioning(root: Path, word: str) -> list[str]:
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and word.casefold() in p.read_bytes().decode("utf-8", "replace").casefold()
    )


def workshop_with(store: SessionStore, clock: FakeClock, title: str) -> LiveSession:
    live = new_session(
        store,
        clock,
        title=title,
        facilitator="Marieke Jansen",
        participants=[new_participant(T, "Joost de Vries"), new_participant(P, "Sevda")],
    )
    live.add_contribution("De brieven zijn te moeilijk.", P, author="Sevda")
    live.add_contribution("We willen vaker koffie drinken.", P, author="sevda ")
    live.add_contribution("Minder papier, meer praten.", T, author="Joost de Vries")
    live.add_agreement("Koffieochtend op vrijdag", "Sevda", with_whom="Joost de Vries")
    live.add_agreement("Brieven korter maken", "Joost de Vries", with_whom="Sevda")
    live.add_agreement("Evaluatie plannen", "Marieke Jansen")
    return live


def with_backups(store: SessionStore, clock: FakeClock, title: str) -> str:
    live = workshop_with(store, clock, title)
    close_folded(store, live)  # each file backed up below holds everything
    for n in range(3):  # several backups that all hold the names
        again = open_session(store, live.session.id, clock)
        again.add_contribution(f"Nog iets {n}", T)
        close_folded(store, again)
        clock.advance(60)
    return live.session.id


def test_forget_replaces_the_name_by_the_role_everywhere(
    store: SessionStore, clock: FakeClock
) -> None:
    first = with_backups(store, clock, "Eerste avond")
    second = with_backups(store, clock, "Tweede avond")
    untouched = filled_session(store, clock, title="Zonder deze ouder", location="Zeist")
    untouched_before = tree_snapshot(store.sessions_dir / untouched)
    backups_before = {sid: len(list_backups(store.sessions_dir / sid)) for sid in (first, second)}
    assert len(files_mentioning(store.root, "Sevda")) > 6

    assert forget_person(store, "  SEVDA ", clock).sessions == 2

    assert files_mentioning(store.root, "Sevda") == []  # session files, backups, summaries
    for session_id in (first, second):
        stored = store.load(session_id)
        parent = [p for p in stored.session.participants if p.group is P]
        assert [p.name for p in parent] == [""]  # anonymous now: counted, not named
        assert [c.author for c in stored.contributions[:3]] == ["ouder", "ouder", "Joost de Vries"]
        assert [c.text for c in stored.contributions[:2]] == [
            "De brieven zijn te moeilijk.",
            "We willen vaker koffie drinken.",
        ]  # what was said stays
        # The second evening brought the first evening's agreements along: forgotten there too.
        carried = [a for a in stored.agreements if a.is_carried]
        made_here = [a for a in stored.agreements if not a.is_carried]
        assert len(carried) == (3 if session_id == second else 0)
        for agreements in (made_here, carried) if carried else (made_here,):
            assert [(a.owner, a.with_whom) for a in agreements] == [
                ("ouder", "Joost de Vries"),
                ("Joost de Vries", "ouder"),
                ("Marieke Jansen", ""),
            ]
        folder = store.sessions_dir / session_id
        assert len(list_backups(folder)) == backups_before[session_id]  # rewritten, not dropped
        for backup in list_backups(folder):
            read_stored(backup)  # still a good backup to restore from
    assert tree_snapshot(store.sessions_dir / untouched) == untouched_before


def test_team_member_and_facilitator_get_their_roles(store: SessionStore, clock: FakeClock) -> None:
    session_id = with_backups(store, clock, "Avond")
    assert forget_person(store, "Joost de Vries", clock).sessions == 1
    assert forget_person(store, "Marieke Jansen", clock).sessions == 1
    stored = store.load(session_id)
    assert stored.contributions[2].author == "teamlid"
    assert [(a.owner, a.with_whom) for a in stored.agreements] == [
        ("Sevda", "teamlid"),
        ("teamlid", "Sevda"),
        ("begeleider", ""),
    ]
    assert stored.session.facilitator == ""
    assert files_mentioning(store.root, "Joost") == files_mentioning(store.root, "Marieke") == []


def test_person_without_a_known_role_gets_a_neutral_word(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    live.add_agreement("Tolk regelen", "Mevrouw Bakker")
    live.add_agreement("Tolk bellen", "Joost", with_whom="Mevrouw Bakker")
    live.close()
    assert forget_person(store, "mevrouw bakker", clock).sessions == 1
    agreements = store.load(live.session.id).agreements
    assert [(a.owner, a.with_whom) for a in agreements] == [
        ("eigenaar", ""),
        ("Joost", "betrokkene"),
    ]


def test_unknown_name_changes_nothing(store: SessionStore, clock: FakeClock) -> None:
    with_backups(store, clock, "Avond")
    before = tree_snapshot(store.root)
    report = forget_person(store, "Iemand Anders", clock)
    assert (report.sessions, report.backups, report.complete) == (0, 0, True)
    assert tree_snapshot(store.root) == before
    with pytest.raises(ValidationError, match="De naam is verplicht"):
        forget_person(store, "  ", clock)


def test_session_open_elsewhere_is_reported_not_skipped_silently(
    store: SessionStore, clock: FakeClock
) -> None:
    done = with_backups(store, clock, "Dicht")
    busy = workshop_with(store, clock, "Nog open")  # holds the lock
    try:
        report = forget_person(store, "Sevda", clock)
        assert report.sessions == 1 and not report.complete
        message = "\n".join(remaining_lines(report))
        assert "'Nog open'" in message and busy.session.id in message
        assert "al open op" in message and "probeer het daarna opnieuw" in message
        assert files_mentioning(store.sessions_dir / done, "Sevda") == []
        assert files_mentioning(store.sessions_dir / busy.session.id, "Sevda") != []
    finally:
        busy.close()
    assert forget_person(store, "Sevda", clock).sessions == 1  # once closed, it can be done
    assert files_mentioning(store.root, "Sevda") == []


def test_damaged_files_are_reported_and_kept_never_deleted(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = with_backups(store, clock, "Kapot")
    folder = store.sessions_dir / session_id
    damaged = b'{"kapot": "Sevda'
    (folder / SESSION_FILE).write_bytes(damaged)
    unreadable = list_backups(folder)[-1]
    unreadable.write_bytes(b"Sevda, half")
    (folder / ".session.json.x.tmp").write_bytes(b"Sevda in een tijdelijk bestand")
    report = forget_person(store, "Sevda", clock)
    message = "\n".join(remaining_lines(report))
    assert "beschadigd" in message and session_id in message
    assert (report.sessions, report.backups) == (0, 2)  # honest: the session file is unchanged
    # Never overwritten nor deleted: the damaged bytes are kept, and named in the report.
    assert (folder / SESSION_FILE).read_bytes() == damaged
    aside = unreadable.with_name(unreadable.name + ".beschadigd")
    assert aside.read_bytes() == b"Sevda, half" and str(aside) in message
    assert files_mentioning(store.root, "Sevda") == [
        f"sessions/{session_id}/backups/{aside.name}",
        f"sessions/{session_id}/session.json",
    ]
    assert len(list_backups(folder)) == 2  # the good ones, cleaned


# -- the command line ----------------------------------------------------------------------------


def run(store: SessionStore, stdin: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--data", str(store.root), *args])


@pytest.mark.parametrize("command", ["vergeet", "forget"])
def test_cli_forget_asks_first(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    with_backups(store, clock, "Avond")
    before = tree_snapshot(store.root)
    assert run(store, "nee\n", command, "Sevda", monkeypatch=monkeypatch) == 1
    assert "Gestopt: er is niets veranderd." in capsys.readouterr().out
    assert run(store, "", command, "Sevda", monkeypatch=monkeypatch) == 1  # no answer at all
    assert "geen antwoord gekregen" in capsys.readouterr().err
    assert tree_snapshot(store.root) == before

    assert run(store, "ja\n", command, "Sevda", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "De naam 'Sevda' wordt uit alle sessies" in out and "niet ongedaan" in out
    assert "is weggehaald uit 1 sessie en uit 3 reservekopieën" in out and "exports" in out
    assert files_mentioning(store.root, "Sevda") == []
    assert run(store, "", command, "Sevda", "--ja", monkeypatch=monkeypatch) == 0
    assert "kwam in geen enkele sessie voor" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["verwijder", "delete"])
def test_cli_delete_asks_first_and_removes_backups(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    session_id = with_backups(store, clock, "Weg ermee")
    keep = filled_session(store, clock, title="Blijft")
    assert run(store, "", command, "weg", monkeypatch=monkeypatch) == 1
    assert store.exists(session_id)
    assert run(store, "ja\n", command, "weg", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "'Weg ermee'" in out and "met alle reservekopieën" in out and "is verwijderd" in out
    assert not (store.sessions_dir / session_id).exists()
    assert [s.id for s in store.list_sessions()] == [keep]
    assert run(store, "ja\n", command, "weg", monkeypatch=monkeypatch) == 1
    assert "Geen sessie gevonden" in capsys.readouterr().err


def test_cli_delete_refuses_an_open_session_and_deletes_a_damaged_one(
    store: SessionStore,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = new_session(store, clock, title="Open")
    try:
        assert run(store, "", "verwijder", live.session.id, "--ja", monkeypatch=monkeypatch) == 1
        assert "al open op" in capsys.readouterr().err
        assert (live.file.folder / LOCK_FILE).exists()
    finally:
        live.close()
    folder = live.file.folder
    (folder / SESSION_FILE).write_text("kapot")
    (folder / "summary.json").write_text("kapot")
    assert run(store, "", "verwijder", live.session.id, "--ja", monkeypatch=monkeypatch) == 0
    assert not folder.exists()
