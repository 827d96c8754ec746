"""`workshop export --met-notities`: the facilitator's private notes go into the JSON backup only
when asked, and an import of that file restores them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.clock import FakeClock
from workshop.session import create_session
from workshop.session_store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

NOTE = "Moeder van Aziz wil niet op de foto"


def _session_with_a_note(data: Path) -> str:
    store = SessionStore(data)
    live = create_session(
        store, FakeClock(), title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.add_note(NOTE)
    session_id = live.session.id
    live.close()
    return session_id


def _export(data: Path, session: str, target: Path, *flags: str) -> int:
    command = ["--data", str(data), "export", session, "--format", "json", "--out", str(target)]
    return main([*command, *flags])


def test_the_json_export_leaves_notes_out_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    session = _session_with_a_note(data)
    assert _export(data, session, tmp_path / "gewoon.json") == 0
    plain = (tmp_path / "gewoon.json").read_text(encoding="utf-8")
    assert NOTE not in plain and json.loads(plain)["session"]["notes"] == []

    assert _export(data, session, tmp_path / "backup.json", "--met-notities") == 0
    backup = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert [note["text"] for note in backup["session"]["notes"]] == [NOTE]

    other = tmp_path / "andere-laptop"
    capsys.readouterr()
    assert main(["--data", str(other), "import", str(tmp_path / "backup.json")]) == 0
    assert f"(code {session})" in capsys.readouterr().out
    restored = SessionStore(other).load(session)
    assert [note.text for note in restored.session.notes] == [NOTE]


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--format", "md"], "alleen mee in een JSON-bestand"),
        (["--format", "json", "--zonder-namen"], "zonder namen"),
    ],
)
def test_notes_go_nowhere_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], says: str
) -> None:
    data = tmp_path / "data"
    session = _session_with_a_note(data)
    out = tmp_path / "uit"
    out.mkdir()
    command = ["--data", str(data), "export", session, "--out", f"{out}/", "--met-notities"]
    assert main([*command, *flags]) == 1
    error = capsys.readouterr().err
    assert error.startswith("workshop: ") and says in error and error.count("\n") == 1
    assert list(out.iterdir()) == []  # nothing written


def test_the_help_names_the_flag_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = capsys.readouterr().out
    assert "--met-notities" in help_text and "reservekopie" in help_text
