"""The application layer on its own: the workspace (what the CLI and the app share across
sessions) and the undo of an open session."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from helpers_sessions import filled_session
from helpers_trajectory import DAYS, LOCATION, first_session, second_session

from workshop.app.live import LiveSession
from workshop.app.opening import OpenRefused
from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.errors import StoreError
from workshop.export.followup import CHANGE_COLUMN
from workshop.model import Group, SessionSummary
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


@pytest.fixture
def workspace(store: SessionStore, clock: FakeClock, exports_dir: Path) -> Workspace:
    return Workspace(store, clock, exports_dir)


def test_open_refused_says_who_has_it_open_and_it_can_still_be_looked_at(
    workspace: Workspace, store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, count=2)
    first = workspace.open(session_id)
    try:
        with pytest.raises(OpenRefused) as refused:
            workspace.open(session_id)
        assert refused.value.holder is not None and refused.value.holder.pid == os.getpid()
        assert f"proces {os.getpid()}" in refused.value.reason
        assert "alleen-lezen" in str(refused.value)
        look = workspace.open_read_only(session_id)
        assert look.read_only and len(look.contributions) == 2
        look.close()
    finally:
        first.close()


def test_open_refused_when_the_disk_cannot_be_written(
    workspace: Workspace, store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = filled_session(store, clock, count=1)

    def disk_full(*args: object) -> bool:
        raise OSError(errno.ENOSPC, "simulated")

    monkeypatch.setattr("workshop.lock._publish", disk_full)
    with pytest.raises(OpenRefused) as refused:
        workspace.open(session_id)
    assert refused.value.holder is None
    assert refused.value.reason == "Deze sessie kan nu niet worden opgeslagen: de schijf is vol."


def test_a_new_session_brings_along_what_its_trajectory_left_open(
    workspace: Workspace, store: SessionStore, clock: FakeClock
) -> None:
    _, first = first_session(store, clock)
    draft = SessionSummary(
        id="",
        title="",
        location=LOCATION,
        day=DAYS[1],
        phase=0,
        phase_count=0,
        updated=clock.now(),
        created=clock.now(),
    )
    carried = workspace.carry_over(draft)
    assert {a.origin for a in carried.agreements} == {
        first[name] for name in ("brieven", "koffie", "startgesprek", "tolk")
    }
    live = workspace.create(
        title="Ouderavond april",
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=LOCATION,
        day=DAYS[1],
    )
    try:
        assert len(live.carried_agreements()) == len(carried.agreements)
        assert live.step.kind == "terugblik"  # a review first, as agreements came along
    finally:
        live.close()


def test_the_preview_and_the_export_compare_with_the_earlier_scan(
    workspace: Workspace, store: SessionStore, clock: FakeClock, exports_dir: Path
) -> None:
    _, first = first_session(store, clock)
    second_id, _ = second_session(store, clock, first)
    stored = workspace.load(second_id)
    assert CHANGE_COLUMN in workspace.preview(stored)
    path = workspace.export(stored, "md")
    assert path.parent == exports_dir
    assert path.read_text(encoding="utf-8").startswith(workspace.preview(stored))
    assert CHANGE_COLUMN in path.read_text(encoding="utf-8")
    first_id = workspace.find("Ouderavond maart").id
    assert CHANGE_COLUMN not in workspace.preview(workspace.load(first_id))  # nothing before it


def test_without_names_the_preview_holds_no_participant_name(
    workspace: Workspace, store: SessionStore, clock: FakeClock
) -> None:
    live = workspace.create(title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.add_participant(Group.OUDERPANEL, "Sevda")
    live.add_contribution("Sevda wil meedoen", Group.OUDERPANEL, author="Sevda")
    stored = live.stored()
    live.close()
    assert "Sevda" in workspace.preview(stored)
    assert "Sevda" not in workspace.preview(stored, without_names=True)


def test_without_names_the_plan_top_hides_a_name_known_only_as_an_author(
    workspace: Workspace,
) -> None:
    """The preview's top is made without the contributions; their authors' names are still
    names in its agreements (they were shown on the wall)."""
    live = workspace.create(title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.add_contribution("Ik bel de school", Group.OUDERPANEL, author="Zoltan Kowalczyk")
    live.add_agreement("Zoltan belt de school", "de leiding")
    stored = live.stored()
    live.close()
    assert "Zoltan" in workspace.preview_head(stored)
    head = workspace.preview_head(stored, without_names=True)
    assert "Zoltan" not in head and "belt de school" in head
    assert workspace.preview(stored, without_names=True).startswith(head)


def test_the_demo_is_stored_closed_and_listed(workspace: Workspace) -> None:
    session_id = workspace.create_demo()
    summaries, problems = workspace.list_sessions()
    assert [s.id for s in summaries] == [session_id] and problems == []
    workspace.open(session_id).close()  # its lock was given back


def test_the_demo_opens_on_a_step_full_of_remarks_from_both_groups(workspace: Workspace) -> None:
    live = workspace.open(workspace.create_demo())
    try:
        here = live.session.position
        shown = [
            c for c in live.contributions if (c.phase, c.step) == (here.phase, here.step)
        ]
        assert len(shown) >= 5
        assert {c.group for c in shown} == {Group.TEAM, Group.OUDERPANEL}
    finally:
        live.close()


def test_deleting_names_the_session_and_a_damaged_one_by_its_folder(
    workspace: Workspace, store: SessionStore, clock: FakeClock
) -> None:
    session_id = filled_session(store, clock, count=1, title="Ouderavond")
    assert workspace.deletion_target("Ouder") == (session_id, f"'Ouderavond' (code {session_id})")
    (store.sessions_dir / session_id / "summary.json").write_text("kapot", encoding="utf-8")
    (store.sessions_dir / session_id / "session.json").write_text("kapot", encoding="utf-8")
    assert workspace.deletion_target(session_id) == (session_id, f"met code {session_id}")
    workspace.delete(session_id)
    assert workspace.list_sessions() == ([], [])


def test_an_unexpected_error_is_logged_privately(workspace: Workspace) -> None:
    path = workspace.log_error("Traceback: wat er getypt werd\n")
    assert path is not None and path.parent == workspace.root
    assert "wat er getypt werd" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_log_where_the_data_folder_cannot_be_made(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    workspace = Workspace(SessionStore(blocker / "data"), clock, tmp_path / "exports")
    assert workspace.log_error("details") is None


# -- one open session ------------------------------------------------------------------------------


def test_undo_puts_back_the_latest_delete_first(store: SessionStore, clock: FakeClock) -> None:
    live = open_session_for_work(store, clock)
    said = []
    for n in range(3):
        clock.advance(10)
        said.append(live.add_contribution(f"Inbreng {n}", Group.TEAM))
    assert live.undo_delete() is None  # nothing deleted yet
    live.delete_contribution(said[0].id)
    live.delete_contribution(said[2].id)
    assert live.undo_delete() == said[2]
    assert live.undo_delete() == said[0]
    assert live.undo_delete() is None
    assert [c.text for c in live.contributions] == ["Inbreng 0", "Inbreng 1", "Inbreng 2"]
    live.close()


def test_an_undo_that_could_not_be_saved_can_be_tried_again(
    store: SessionStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = open_session_for_work(store, clock)
    said = live.add_contribution("Bewaar mij", Group.OUDERPANEL)
    live.delete_contribution(said.id)

    def disk_full(*args: object) -> None:
        raise StoreError("De schijf is vol.")

    with monkeypatch.context() as patch:
        patch.setattr(live.file, "save_contribution", disk_full)
        with pytest.raises(StoreError):
            live.undo_delete()
    assert live.contributions == [] and live.deleted == [said]
    assert live.undo_delete() == said
    live.close()
    assert [c.text for c in store.load(live.session.id).contributions] == ["Bewaar mij"]


def open_session_for_work(store: SessionStore, clock: FakeClock) -> LiveSession:
    return Workspace(store, clock).create(title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
