"""The session store: one file per session, cheap listing, finding sessions, deleting."""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from pathlib import Path

import pytest
from helpers_sessions import DurableWrites, digest, filled_session, new_session, tree_snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.clock import FakeClock
from workshop.errors import DamagedFileError, NotFoundError, StoreError, ValidationError
from workshop.lock import SessionLockedError
from workshop.model import Group
from workshop.session import open_session
from workshop.store import (
    SESSION_FILE,
    SUMMARY_FILE,
    SessionStore,
    valid_session_id,
)
from workshop.text import clean_line


def test_each_session_has_its_own_folder_and_file(store: SessionStore, clock: FakeClock) -> None:
    ids = [filled_session(store, clock, title=f"Sessie {n}") for n in range(3)]
    for session_id in ids:
        folder = store.sessions_dir / session_id
        assert (folder / SESSION_FILE).is_file()
        assert (folder / SUMMARY_FILE).is_file()
        assert session_id in (folder / SESSION_FILE).read_text()
        others = set(ids) - {session_id}
        assert not any(other in (folder / SESSION_FILE).read_text() for other in others)
    assert sorted(p.name for p in store.sessions_dir.iterdir()) == sorted(ids)


def test_saving_a_contribution_writes_only_that_sessions_journal_once(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = filled_session(store, clock, title="Andere sessie")
    other_before = tree_snapshot(store.sessions_dir / other)
    live = new_session(store, clock)
    writes = DurableWrites(monkeypatch, store.sessions_dir)
    journal = f"{live.session.id}/journal-000001.jsonl"
    live.add_contribution("Ouders willen vaker een foto van de dag.", Group.OUDERPANEL)
    assert writes.names() == [journal]  # one durable write, no more
    writes.clear()
    live.vote(live.contributions[0].id, 1)
    assert writes.names() == [journal]
    live.close()
    assert tree_snapshot(store.sessions_dir / other) == other_before


def test_listing_reads_only_summaries(store: SessionStore, clock: FakeClock) -> None:
    ids = [filled_session(store, clock, title=f"Sessie {n}") for n in range(3)]
    for session_id in ids:  # make every session file unusable: listing must not notice
        path = store.sessions_dir / session_id / SESSION_FILE
        path.write_text("dit is geen json")
        path.chmod(0)
    opened: list[str] = []
    listening = True

    def audit(event: str, args: tuple[object, ...]) -> None:
        if listening and event == "open":
            opened.append(str(args[0]))

    sys.addaudithook(audit)  # cannot be removed: it stops recording at the end of the test
    try:
        summaries, problems = store.scan()
    finally:
        listening = False
        for session_id in ids:
            (store.sessions_dir / session_id / SESSION_FILE).chmod(0o600)
    assert sorted(s.id for s in summaries) == sorted(ids)
    assert problems == []
    assert not [p for p in opened if p.endswith(SESSION_FILE)]
    assert len([p for p in opened if p.endswith(SUMMARY_FILE)]) == 3


def test_listing_is_newest_first_and_shows_progress(store: SessionStore, clock: FakeClock) -> None:
    first = new_session(store, clock, title="Eerste")
    clock.advance(86400)
    second = new_session(store, clock, title="Tweede")
    second.go_to(2)
    first.close()
    second.close()
    summaries = store.list_sessions()
    assert [s.title for s in summaries] == ["Tweede", "Eerste"]
    assert summaries[0].progress_label == "fase 3 van 6"


def test_find_by_code_and_by_unambiguous_title_prefix(
    store: SessionStore, clock: FakeClock
) -> None:
    a = filled_session(store, clock, title="Ouderavond Zonnebloem")
    b = filled_session(store, clock, title="Ouderpanel Regenboog")
    c = filled_session(store, clock, title="Teamoverleg")
    assert store.find(a).id == a
    assert store.find("ouderavond").id == a
    assert store.find("  OUDERPANEL").id == b
    assert store.find("Team").id == c
    with pytest.raises(NotFoundError) as caught:
        store.find("Ouder")
    message = str(caught.value)
    assert "past bij meer sessies" in message and a in message and b in message
    with pytest.raises(NotFoundError, match="Geen sessie gevonden"):
        store.find("Kerst")
    with pytest.raises(NotFoundError):
        store.find("")


def test_find_by_code_still_works_when_the_summary_is_damaged(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, title="Sessie met kapot overzicht")
    (store.sessions_dir / session_id / SUMMARY_FILE).write_text("{")
    assert store.find(session_id).title == "Sessie met kapot overzicht"


def test_scan_reports_damaged_summaries_and_keeps_listing_the_rest(
    store: SessionStore, clock: FakeClock
) -> None:
    good = filled_session(store, clock, title="Goed")
    broken = filled_session(store, clock, title="Kapot overzicht")
    missing = filled_session(store, clock, title="Geen overzicht")
    no_file = filled_session(store, clock, title="Geen sessiebestand")
    wrong_id = filled_session(store, clock, title="Verkeerde code")
    (store.sessions_dir / broken / SUMMARY_FILE).write_text("[")
    (store.sessions_dir / missing / SUMMARY_FILE).unlink()
    (store.sessions_dir / no_file / SESSION_FILE).unlink()
    summary = json.loads((store.sessions_dir / wrong_id / SUMMARY_FILE).read_text())
    summary["id"] = "iets-anders"
    (store.sessions_dir / wrong_id / SUMMARY_FILE).write_text(json.dumps(summary))

    summaries, problems = store.scan()
    assert [s.id for s in summaries] == [good]
    by_folder = {p.path.parent.name: p.message for p in problems}
    assert set(by_folder) == {broken, missing, no_file, wrong_id}
    assert all("workshop doctor" in m for m in by_folder.values())
    assert "ontbreekt" in by_folder[missing] and "ontbreekt" in by_folder[no_file]
    assert "beschadigd" in by_folder[broken]


def test_create_refuses_an_existing_session(store: SessionStore, clock: FakeClock) -> None:
    live = new_session(store, clock)
    live.close()
    before = digest(live.file.path)
    with pytest.raises(StoreError, match="bestaat al"):
        store.create(live.stored(), clock.now())
    assert digest(live.file.path) == before


def test_load_does_not_lock_and_open_does(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    live = open_session(store, session_id, clock)
    assert len(store.load(session_id).contributions) == 3  # export works while it is open
    with pytest.raises(SessionLockedError):
        store.open(session_id)
    live.close()
    store.open(session_id).close()


def test_delete_removes_everything_including_backups(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    keep = filled_session(store, clock, title="Blijft")
    open_session(store, session_id, clock).close()  # makes a backup
    assert (store.sessions_dir / session_id / "backups").is_dir()
    store.delete(session_id)
    assert not (store.sessions_dir / session_id).exists()
    assert [p.name for p in store.sessions_dir.iterdir()] == [keep]
    assert [s.id for s in store.list_sessions()] == [keep]
    with pytest.raises(NotFoundError):
        store.delete(session_id)


def test_delete_is_refused_while_the_session_is_open(store: SessionStore, clock: FakeClock) -> None:
    session_id = filled_session(store, clock)
    live = open_session(store, session_id, clock)
    with pytest.raises(SessionLockedError):
        store.delete(session_id)
    assert store.exists(session_id)
    live.close()
    store.delete(session_id)
    assert not store.exists(session_id)


def test_an_interrupted_delete_is_finished_later(store: SessionStore, clock: FakeClock) -> None:
    rest = store.sessions_dir / ".verwijderd-abc-1234"
    (rest / "backups").mkdir(parents=True)
    (rest / "session.json").write_text("{}")
    assert store.list_sessions() == [] and store.scan()[1] == []
    store.delete(filled_session(store, clock))
    assert list(store.sessions_dir.iterdir()) == []


def test_open_refuses_a_damaged_session_file_and_leaves_it(
    store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock)
    path = store.sessions_dir / session_id / SESSION_FILE
    path.write_bytes(path.read_bytes()[:-40])
    before = path.read_bytes()
    with pytest.raises(DamagedFileError) as caught:
        open_session(store, session_id, clock)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert not (store.sessions_dir / session_id / "lock.json").exists()  # lock given back
    with pytest.raises(DamagedFileError):
        store.load(session_id)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("abc", True), ("a1-b2", True), ("ab", False), ("../x", False), ("ABC", False), ("", False)],
)
def test_session_ids_are_safe_folder_names(value: str, ok: bool) -> None:
    assert valid_session_id(value) is ok


def test_folder_refuses_unsafe_ids(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="geen geldige sessiecode"):
        SessionStore(tmp_path).folder("../../etc")


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=4),
    title=st.text(max_size=120),
    owner=st.text(max_size=80),
)
def test_any_unicode_survives_the_store_exactly_as_cleaned(
    texts: list[str], title: str, owner: str
) -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp))
        try:
            live = new_session(store, clock, title=title)
        except ValidationError:
            assert not clean_line(title)
            return
        try:
            saved = []
            for text in texts:
                try:
                    saved.append(live.add_contribution(text, Group.OUDERPANEL, author=owner))
                except ValidationError:
                    assert not clean_line(text)
            with contextlib.suppress(ValidationError):
                live.add_agreement(texts[0], owner, with_whom=title[:200])
        finally:
            live.close()
        stored = store.load(live.session.id)
        assert stored.session.title == clean_line(title)
        assert [c.to_dict() for c in stored.contributions] == [c.to_dict() for c in saved]
        assert [c.text for c in stored.contributions] == [clean_line(c.text) for c in saved]
        assert [a.to_dict() for a in stored.agreements] == [a.to_dict() for a in live.agreements]
        assert store.find(live.session.id).title == clean_line(title)


def _edit_session_row(store: SessionStore, session_id: str, change: object) -> Path:
    path = store.sessions_dir / session_id / SESSION_FILE
    data = json.loads(path.read_text())
    change(next(iter(data["session"].values())))  # type: ignore[operator]
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("field", "change"),
    [
        # Loaded before (and 'doctor' said "in orde"): a template no version of the app writes.
        (
            "session.template.phases[0].steps[0].kind",
            lambda row: row["template"]["phases"][0]["steps"][0].update(kind="scan-onbekend"),
        ),
        (
            "session.template.phases[1].number",
            lambda row: row["template"]["phases"][1].update(number=1),
        ),
    ],
    ids=["unknown-step-kind", "phases-out-of-order"],
)
def test_a_stored_template_the_app_cannot_follow_is_damage_named_by_its_field(
    store: SessionStore, clock: FakeClock, field: str, change: object
) -> None:
    session_id = filled_session(store, clock)
    path = _edit_session_row(store, session_id, change)
    before = path.read_bytes()
    with pytest.raises(DamagedFileError) as caught:
        store.load(session_id)
    assert f"'{field}'" in str(caught.value)
    assert path.read_bytes() == before
