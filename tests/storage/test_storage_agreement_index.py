"""The agreements kept beside the summary (workshop.agreement_index): 'workshop afspraken' reads
them instead of every session, with exactly the output of loading every session, and never uses
them when they may no longer match the session (issue 9: afspraken over 1,000 sessions in 0.5 s).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers_sessions import crash
from helpers_trajectory import Trajectory, three_sessions

from workshop import agreement_index, journal
from workshop.agreement_index import INDEX_FILE, fresh_rows
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.doctor import repair
from workshop.model import Group, Status
from workshop.session import LiveSession, open_session
from workshop.storage import write_atomically
from workshop.store import SessionFile, SessionStore

COMMANDS = [
    [],
    ["--open"],
    ["--owner", "sevda"],
    ["--location", "anker"],
    ["--open", "--owner", "Joost de Vries"],
]


def run(store: SessionStore, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple:
    code = main(["--data", str(store.root), "afspraken", *args])
    out, err = capsys.readouterr()
    return code, out, err


def loaded_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """As before the index: every session loaded."""
    monkeypatch.setattr(agreement_index, "fresh_rows", lambda folder: None)


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: SessionFile) -> None:
        raise AssertionError(f"session {self.session_id} was loaded")

    monkeypatch.setattr(SessionFile, "load", refuse)


@pytest.fixture
def trajectory(store: SessionStore, clock: FakeClock) -> Trajectory:
    return three_sessions(store, clock)


def test_afspraken_reads_no_session_and_prints_the_same_bytes_as_loading_them(
    store: SessionStore,
    trajectory: Trajectory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    expected = {}
    with monkeypatch.context() as patch:
        loaded_only(patch)
        for args in COMMANDS:
            expected[tuple(args)] = run(store, args, capsys)
        patch.chdir(tmp_path)
        run(store, ["--md", str(tmp_path / "loaded.md")], capsys)
    with monkeypatch.context() as patch:
        no_loading(patch)  # fails on the code that loaded every session
        for args in COMMANDS:
            assert run(store, args, capsys) == expected[tuple(args)], args
        assert run(store, ["--md", str(tmp_path / "fast.md")], capsys)[0] == 0
    assert (tmp_path / "fast.md").read_bytes() == (tmp_path / "loaded.md").read_bytes()
    assert "Koffieochtend op vrijdag" in expected[()][1]  # it really listed something


def test_an_open_session_with_changes_in_its_journal_is_read_from_the_index(
    store: SessionStore,
    clock: FakeClock,
    trajectory: Trajectory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = open_session(store, trajectory.ids[2], clock)
    first = live.agreements[0]
    live.update_agreement(first.id, status=Status.KLAAR, owner="Anouk")
    live.add_agreement("Ouderkamer schilderen", "Anouk")
    live.add_contribution("Na de afspraken nog iets gezegd", Group.TEAM)  # after the index
    try:
        with monkeypatch.context() as patch:
            loaded_only(patch)
            expected = run(store, [], capsys)
        with monkeypatch.context() as patch:
            no_loading(patch)
            assert run(store, [], capsys) == expected
        assert "Ouderkamer schilderen" in expected[1]
    finally:
        live.close()


def save_without_index(live: LiveSession, change: Callable[[], object]) -> None:
    """A change whose index write did not happen (as a crash right after the journal append)."""
    real = agreement_index.write_index
    agreement_index.write_index = lambda folder, content: None  # type: ignore[assignment]
    try:
        change()
    finally:
        agreement_index.write_index = real


def stale_by_journal(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    save_without_index(live, lambda: live.add_agreement("Nieuw na de kopie", "Anouk"))
    crash(live)


def stale_by_compaction(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    save_without_index(live, lambda: live.add_agreement("Nieuw na de kopie", "Anouk"))
    save_without_index(live, live.close)  # folded into a new snapshot; the journal is gone


def step_change_after_index(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    live.add_agreement("Nieuw", "Anouk")
    live.go_to(3, 0)  # a patch of the session row: checked only on its row, so loaded
    crash(live)


def restored_by_hand(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    live.close()
    before = (live.file.folder / "session.json").read_bytes()
    live = open_session(store, live.session.id, clock)
    live.add_agreement("Alleen in de nieuwe versie", "Anouk")
    live.close()
    write_atomically(live.file.folder / "session.json", before)  # put an older version back


def damaged_journal(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    live.add_contribution("Een", Group.TEAM)
    live.add_contribution("Twee", Group.TEAM)
    crash(live)
    (segment,) = journal.segments(live.file.folder)
    lines = segment.read_bytes().split(b"\n")
    lines[-3] = lines[-3].replace(b"Een", b"Eem")  # checksum no longer fits; a good line after
    segment.write_bytes(b"\n".join(lines))


def hand_edited_index(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    live.close()
    path = live.file.folder / INDEX_FILE
    data = json.loads(path.read_bytes())
    data["agreements"][0]["status"] = "vergeten"  # no such status
    path.write_text(json.dumps(data))


def index_of_another_session(store: SessionStore, clock: FakeClock, live: LiveSession) -> None:
    live.close()
    other = next(f for f in store.folders() if f != live.file.folder)
    (live.file.folder / INDEX_FILE).write_bytes((other / INDEX_FILE).read_bytes())


@pytest.mark.parametrize(
    "make_stale",
    [
        stale_by_journal,
        stale_by_compaction,
        step_change_after_index,
        restored_by_hand,
        damaged_journal,
        hand_edited_index,
        index_of_another_session,
    ],
)
def test_an_index_that_may_not_match_is_never_used_and_is_written_again(
    store: SessionStore,
    clock: FakeClock,
    trajectory: Trajectory,
    make_stale: Callable[[SessionStore, FakeClock, LiveSession], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    session_id = trajectory.ids[2]
    make_stale(store, clock, open_session(store, session_id, clock))
    folder = store.sessions_dir / session_id
    if make_stale is not hand_edited_index:
        assert fresh_rows(folder) is None
    truth = store.load(session_id).agreements
    with monkeypatch.context() as patch:
        loaded_only(patch)
        expected = run(store, [], capsys)
    assert store.agreements(session_id) == truth
    assert run(store, [], capsys) == expected
    if make_stale in (stale_by_journal, damaged_journal, step_change_after_index):
        return  # a crashed writer's lock is still there: only the next writer writes it again
    assert fresh_rows(folder) is not None  # written again from the loaded session
    with monkeypatch.context() as patch:
        no_loading(patch)
        assert store.agreements(session_id) == truth


def test_a_missing_index_is_made_again_by_opening_and_by_doctor_herstel(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    folder = store.sessions_dir / trajectory.ids[0]
    (folder / INDEX_FILE).unlink()
    open_session(store, trajectory.ids[0], clock).close()
    assert fresh_rows(folder) is not None
    (folder / INDEX_FILE).unlink()
    repair(store, trajectory.ids[0], clock)
    assert fresh_rows(folder) is not None


def test_every_change_to_the_agreements_keeps_the_index_up_to_date(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    live = open_session(store, trajectory.ids[1], clock)
    folder = live.file.folder
    try:
        made = live.add_agreement("Nieuw", "Anouk")
        assert fresh_rows(folder) is not None
        live.update_agreement(made.id, status=Status.BEZIG)
        live.delete_agreement(live.agreements[0].id)
        goal = live.add_goal("Doel", "Criterium")
        live.update_agreement(made.id, goal=goal.id)
        live.delete_goal(goal.id)  # unlinks the agreement in the same record
        assert fresh_rows(folder) is not None
        assert store.agreements(live.session.id) == live.agreements
    finally:
        live.close()
    assert fresh_rows(folder) is not None
    assert store.agreements(live.session.id) == store.load(live.session.id).agreements


def test_the_index_file_is_private_and_an_import_writes_it(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    folder = store.sessions_dir / trajectory.ids[0]
    assert (folder / INDEX_FILE).stat().st_mode & 0o077 == 0
    assert len(fresh_rows(folder) or []) == 5
