"""LiveSession for issue 4: reviewing agreements, goals, scan scores and the balance; each change
on disk in one durable write before it returns; read-only refused; older files still load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers_sessions import DurableWrites, close_folded, new_session

from workshop.clock import FakeClock
from workshop.errors import DamagedFileError, NotFoundError, ValidationError
from workshop.goals import Judgement
from workshop.model import Aim, Due, Group, Horizon, PartnershipForm, Status
from workshop.scan import ScanScore
from workshop.session import LiveSession, open_session
from workshop.storage import ReadOnlyError, encode_tables
from workshop.store import (
    GOALS_TABLE,
    SCAN_SCORES_TABLE,
    SESSION_FILE,
    SUMMARY_FILE,
    SessionStore,
    read_stored,
    tables_from_stored,
)

T, P = Group.TEAM, Group.OUDERPANEL


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> Iterator[LiveSession]:
    session = new_session(store, clock)
    yield session
    session.close()


JOURNAL = "journal-000001.jsonl"  # a new session's first journal segment


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch, store: SessionStore) -> DurableWrites:
    """The durable writes (fsyncs of files), by file name."""
    return DurableWrites(monkeypatch, store.sessions_dir)


def reopen(live: LiveSession, store: SessionStore, clock: FakeClock) -> LiveSession:
    live.close()
    return open_session(store, live.session.id, clock)


# ---------------------------------------------------------------- reviewing


def test_review_sets_status_note_owner_and_due_in_one_write(
    live: LiveSession, store: SessionStore, clock: FakeClock, writes: DurableWrites
) -> None:
    made = live.add_agreement("Brieven korter", "Joost", due=Due(horizon=Horizon.VOLGENDE_WEEK))
    writes.clear()
    reviewed = live.review_agreement(
        made.id,
        status=Status.BEZIG,
        note="  half\naf ",
        owner="Sevda",
        due=Due(on=date(2026, 5, 1)),
    )
    # One journal record holds the change; then the copy of the agreements beside the summary.
    assert writes.basenames() == [JOURNAL, "agreements.json"]
    assert (reviewed.status, reviewed.note, reviewed.owner) == (Status.BEZIG, "half af", "Sevda")
    assert reviewed.due == Due(on=date(2026, 5, 1)) and reviewed.reviewed
    again = live.review_agreement(made.id)  # Enter without changes: discussed, nothing else
    assert (again.status, again.note, again.owner) == (Status.BEZIG, "half af", "Sevda")
    live = reopen(live, store, clock)
    assert live.agreement(made.id) == again
    live.close()


def test_review_refuses_an_empty_owner_and_a_long_note(live: LiveSession) -> None:
    made = live.add_agreement("Bellen", "Joost")
    with pytest.raises(ValidationError, match="eigenaar nodig") as caught:
        live.review_agreement(made.id, owner="  ")
    assert caught.value.field == "eigenaar"
    with pytest.raises(ValidationError, match="maximum is 200"):
        live.review_agreement(made.id, note="x" * 201)
    assert live.agreement(made.id) == made  # nothing changed
    with pytest.raises(NotFoundError):
        live.review_agreement("weg")


def test_carried_agreements_are_those_brought_along(live: LiveSession) -> None:
    live.add_agreement("Hier gemaakt", "Joost")
    assert live.carried_agreements() == []


# ---------------------------------------------------------------- goals


def test_goal_lifecycle_is_saved(
    live: LiveSession, store: SessionStore, clock: FakeClock, writes: DurableWrites
) -> None:
    goal = live.add_goal("Meer ouders bij het startgesprek", "60 % komt", "60 %", "01-10-2026")
    assert writes.basenames() == [JOURNAL]
    assert (goal.target_percent, goal.by) == (60, date(2026, 10, 1))
    changed = live.update_goal(goal.id, criterion="70 % komt", target_percent="70")
    assert (changed.description, changed.criterion, changed.target_percent) == (
        "Meer ouders bij het startgesprek",
        "70 % komt",
        70,
    )
    assert changed.by == date(2026, 10, 1)  # left as it was
    cleared = live.update_goal(goal.id, target_percent=None, by="")
    assert (cleared.target_percent, cleared.by) == (None, None)
    judged = live.evaluate_goal(goal.id, "65 % kwam", "deels")
    assert (judged.result, judged.judgement) == ("65 % kwam", Judgement.DEELS)
    live = reopen(live, store, clock)
    assert live.goals == [judged]
    live.close()


def test_goal_input_is_checked(live: LiveSession) -> None:
    with pytest.raises(ValidationError) as caught:
        live.add_goal("Doel", "Criterium", "honderd")
    assert caught.value.field == "percentage"
    goal = live.add_goal("Doel", "Criterium")
    with pytest.raises(ValidationError):
        live.update_goal(goal.id, description=" ")
    with pytest.raises(ValidationError) as caught:
        live.evaluate_goal(goal.id, "", "misschien")
    assert caught.value.field == "oordeel"
    assert live.goals == [goal]
    with pytest.raises(NotFoundError):
        live.update_goal("weg", description="x")


def test_agreements_link_to_goals_and_lose_the_link_when_the_goal_goes(
    live: LiveSession, store: SessionStore, clock: FakeClock, writes: DurableWrites
) -> None:
    goal = live.add_goal("Doel", "Criterium")
    other = live.add_goal("Ander doel", "Criterium")
    linked = live.add_agreement("Bellen", "Joost", goal=goal.id)
    later = live.add_agreement("Mailen", "Sevda")
    live.update_agreement(later.id, goal=goal.id)
    live.add_agreement("Los", "Sevda")
    assert [a.what for a in live.agreements_for_goal(goal.id)] == ["Bellen", "Mailen"]
    assert live.update_agreement(later.id, what="Mailen!").goal == goal.id  # kept
    with pytest.raises(ValidationError, match="doel bestaat niet") as caught:
        live.update_agreement(linked.id, goal="bestaat-niet")
    assert caught.value.field == "doel"
    writes.clear()
    removed = live.delete_goal(goal.id)
    # goal and both links in one journal record; then the copy of the agreements
    assert writes.basenames() == [JOURNAL, "agreements.json"]
    assert removed == goal and live.goals == [other]
    assert [a.goal for a in live.agreements] == [None, None, None]
    assert live.update_agreement(linked.id, goal=other.id).goal == other.id
    live = reopen(live, store, clock)
    assert [a.goal for a in live.agreements] == [other.id, None, None]
    assert [g.id for g in live.goals] == [other.id]
    assert live.update_agreement(linked.id, goal=None).goal is None
    live.close()


def test_new_row_after_a_goal_was_deleted_gets_its_own_place(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    first = live.add_goal("Een", "c")
    live.delete_goal(first.id)
    second = live.add_goal("Twee", "c")
    third = live.add_goal("Drie", "c")
    live.delete_goal(second.id)
    live = reopen(live, store, clock)
    assert live.goals == [third]
    live.close()


# ---------------------------------------------------------------- scans and balance


def test_scan_scores_are_set_and_replaced(
    live: LiveSession, store: SessionStore, clock: FakeClock, writes: DurableWrites
) -> None:
    live.set_scan_score("indicatoren", "I1", T, 3)
    live.set_scan_score("indicatoren", "I1", P, None)  # "weet niet"
    live.set_scan_score("criteria", "C1", T, 2)
    writes.clear()
    replaced = live.set_scan_score("indicatoren", "I1", T, 4)
    assert writes.basenames() == [JOURNAL]
    assert replaced == ScanScore("indicatoren", "I1", T, 4)
    assert live.scan_scores("indicatoren") == [replaced, ScanScore("indicatoren", "I1", P, None)]
    live = reopen(live, store, clock)
    assert live.scan_scores("indicatoren") == [replaced, ScanScore("indicatoren", "I1", P, None)]
    assert live.scan_scores("criteria") == [ScanScore("criteria", "C1", T, 2)]
    live.close()


@pytest.mark.parametrize(
    ("scan", "code", "score", "error"),
    [
        ("bestaat-niet", "I1", 3, NotFoundError),
        ("indicatoren", "C1", 3, NotFoundError),
        ("indicatoren", "I1", 5, ValidationError),
        ("indicatoren", "I1", 0, ValidationError),
        ("indicatoren", "I1", True, ValidationError),
    ],
)
def test_scan_score_outside_the_scan_or_scale_is_refused(
    live: LiveSession, scan: str, code: str, score: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        live.set_scan_score(scan, code, T, score)  # type: ignore[arg-type]
    assert live.all_scan_scores == []


def test_balance_counts_forms_and_aims(live: LiveSession) -> None:
    live.add_contribution("a", T, form=PartnershipForm.DIDACTISCH, aim=Aim.TOERUSTING)
    said = live.add_contribution("b", P, form=PartnershipForm.DIDACTISCH)
    live.edit_contribution(said.id, aim=Aim.DEMOCRATISCH)
    live.add_agreement("c", "Joost", form=PartnershipForm.FORMEEL)
    counted = live.balance()
    assert counted.forms.contributions[PartnershipForm.DIDACTISCH] == 2
    assert counted.forms.agreements[PartnershipForm.FORMEEL] == 1
    assert counted.forms.without_attention == [
        PartnershipForm.PEDAGOGISCH,
        PartnershipForm.INFORMEEL,
        PartnershipForm.MAATSCHAPPELIJK,
    ]
    assert counted.aims.without_attention == [Aim.PEDAGOGISCH, Aim.ORGANISATORISCH]
    assert live.edit_contribution(said.id, text="b!").aim is Aim.DEMOCRATISCH  # kept
    assert live.edit_contribution(said.id, aim=None).aim is None


# ---------------------------------------------------------------- read-only


def test_read_only_session_refuses_every_new_change(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    goal = live.add_goal("Doel", "Criterium")
    made = live.add_agreement("Bellen", "Joost")
    live.close()
    viewer = open_session(store, live.session.id, clock, read_only=True)
    before = (store.sessions_dir / live.session.id / SESSION_FILE).read_bytes()
    changes = [
        lambda: viewer.add_goal("x", "y"),
        lambda: viewer.update_goal(goal.id, description="x"),
        lambda: viewer.evaluate_goal(goal.id, "", "niet"),
        lambda: viewer.delete_goal(goal.id),
        lambda: viewer.review_agreement(made.id, status=Status.KLAAR),
        lambda: viewer.update_agreement(made.id, goal=goal.id),
        lambda: viewer.set_scan_score("indicatoren", "I1", T, 3),
    ]
    for change in changes:
        with pytest.raises(ReadOnlyError):
            change()
    assert viewer.goals == [goal] and viewer.agreements == [made]
    assert viewer.all_scan_scores == []
    assert (store.sessions_dir / live.session.id / SESSION_FILE).read_bytes() == before
    viewer.close()


# ---------------------------------------------------------------- older and damaged files


def old_file(store: SessionStore, live: LiveSession) -> Path:
    """Rewrite the session's file as it was before issue 4: no new tables, fields or series."""
    tables = tables_from_stored(live.stored())
    del tables[GOALS_TABLE], tables[SCAN_SCORES_TABLE]
    new_agreement_fields = ("goal", "note", "carried_from", "origin", "status_before", "reviewed")
    for row in tables["agreements"].values():
        for key in new_agreement_fields:
            del row[key]
    for row in tables["contributions"].values():
        del row["aim"]
    del tables["session"]["1"]["series"]
    path = live.file.path
    close_folded(store, live)  # no journal left to replay on top of the file below
    path.write_bytes(encode_tables(tables))
    return path


def test_a_file_from_before_goals_and_scans_loads_and_takes_them(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    live.add_contribution("Inbreng", T)
    made = live.add_agreement("Bellen", "Joost", due=Due(horizon=Horizon.VOLGENDE_MAAND))
    path = old_file(store, live)
    assert "goals" not in json.loads(path.read_text())
    stored = read_stored(path)
    assert (stored.goals, stored.scan_scores, stored.session.series) == ([], [], "")
    (agreement,) = stored.agreements
    assert (agreement.goal, agreement.note, agreement.reviewed, agreement.is_carried) == (
        None,
        "",
        False,
        False,
    )
    again = open_session(store, live.session.id, clock)
    try:
        goal = again.add_goal("Doel", "Criterium")
        again.update_agreement(made.id, goal=goal.id)
        again.set_scan_score("indicatoren", "I3", P, 2)
    finally:
        again.close()
    stored = store.load(live.session.id)
    assert stored.goals == [goal] and stored.agreements[0].goal == goal.id
    assert len(stored.scan_scores) == 1


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("goals", "description", 3),
        ("goals", "target_percent", 101),
        ("goals", "judgement", "misschien"),
        ("agreements", "reviewed", "ja"),
        ("agreements", "status_before", "af"),
        ("agreements", "goal", 7),
        ("scan_scores", "score", 9),
        ("scan_scores", "group", "ouders"),
    ],
)
def test_a_hand_edited_goal_score_or_review_field_is_reported_not_overwritten(
    live: LiveSession, store: SessionStore, table: str, field: str, value: object
) -> None:
    live.add_goal("Doel", "Criterium")
    live.add_agreement("Bellen", "Joost")
    live.set_scan_score("indicatoren", "I1", T, 3)
    path = live.file.path
    close_folded(store, live)  # the file holds everything before it is edited by hand
    data = json.loads(path.read_text())
    data[table]["1"][field] = value
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(DamagedFileError):
        store.load(live.session.id)
    assert path.read_bytes() == before


def test_two_goals_with_one_id_are_damage(live: LiveSession, store: SessionStore) -> None:
    goal = live.add_goal("Doel", "Criterium")
    path = live.file.path
    close_folded(store, live)  # the file holds everything before it is edited by hand
    data = json.loads(path.read_text())
    data["goals"]["2"] = goal.to_dict()
    path.write_text(json.dumps(data))
    with pytest.raises(DamagedFileError, match="twee keer dezelfde code bij doel"):
        store.load(live.session.id)


def test_a_summary_from_before_series_and_created_is_fine_and_mended_on_open(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    from workshop.doctor import examine_folder

    folder = live.file.folder
    live.close()
    path = folder / SUMMARY_FILE
    summary = json.loads(path.read_text())
    del summary["created"], summary["series"]
    path.write_text(json.dumps(summary))
    (listed,) = store.list_sessions()
    assert (listed.created, listed.series) == (None, "")
    assert examine_folder(folder).problems == []
    open_session(store, live.session.id, clock).close()
    assert json.loads(path.read_text())["created"] == live.session.created.isoformat()  # type: ignore[union-attr]


def test_export_of_an_agreement_whose_contribution_was_deleted_still_imports(
    live: LiveSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    from workshop.interchange import dump_session, import_file

    said = live.add_contribution("Brieven zijn te lang", P)
    made = live.add_agreement("Brieven korter", "Joost", source=said.id)
    live.delete_contribution(said.id)
    assert live.agreement(made.id).source == said.id  # kept, so undo can restore it
    path = tmp_path / "sessie.json"
    path.write_text(json.dumps(dump_session(live.stored())), encoding="utf-8")
    other = SessionStore(tmp_path / "ander")
    imported = import_file(other, path, clock)
    assert imported.agreements[0].source is None
