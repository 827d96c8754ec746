"""The application layer's export and the facilitator's private notes: a JSON backup keeps them
only when asked, and reading that backup back restores them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.errors import WorkshopError
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

NOTES = ("Vader van Noor tolkt voor twee moeders", "Na de pauze fase 5 kort houden")


@pytest.fixture
def workspace(store: SessionStore, clock: FakeClock, exports_dir: Path) -> Workspace:
    return Workspace(store, clock, exports_dir)


@pytest.fixture
def session_id(workspace: Workspace) -> str:
    live = workspace.create(title="Ouderpanel maart", template=get_template(DEFAULT_TEMPLATE_ID))
    for text in NOTES:
        live.add_note(text)
    live.close()
    return live.session.id


def test_a_json_export_has_no_notes_by_default(workspace: Workspace, session_id: str) -> None:
    path = workspace.export(workspace.load(session_id), "json")
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["session"]["notes"] == []
    assert not any(note in text for note in NOTES)


def test_asked_for_the_notes_travel_with_the_backup_and_come_back(
    workspace: Workspace, session_id: str, tmp_path: Path, clock: FakeClock
) -> None:
    path = workspace.export(workspace.load(session_id), "json", notes=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [note["text"] for note in document["session"]["notes"]] == list(NOTES)

    elsewhere = Workspace(SessionStore(tmp_path / "elders"), clock, tmp_path / "exports-elders")
    imported = elsewhere.import_file(path)
    assert not imported.is_copy
    restored = elsewhere.load(session_id).session.notes
    assert restored == workspace.load(session_id).session.notes  # ids, phases and times too


@pytest.mark.parametrize(("fmt", "without_names"), [("md", False), ("html", False), ("json", True)])
def test_notes_are_refused_where_they_do_not_belong(
    workspace: Workspace, session_id: str, exports_dir: Path, fmt: str, without_names: bool
) -> None:
    with pytest.raises(WorkshopError, match="Notities kunnen"):
        workspace.export(workspace.load(session_id), fmt, notes=True, without_names=without_names)
    assert not exports_dir.exists() or list(exports_dir.iterdir()) == []
