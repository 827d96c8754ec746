"""The operating system's reasons, said in Dutch (issue 11, item 20): "Permission denied" and its
kind never reach a user in English."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.journal import parse_segment
from workshop.os_reasons import OwnOSError, os_reason
from workshop.store import SessionStore

ENGLISH = ("denied", "No such", "Not a directory", "space left", "Read-only", "Is a directory")


@pytest.mark.parametrize(
    ("number", "dutch"),
    [
        (errno.EACCES, "geen toestemming"),
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EROFS, "de schijf is alleen te lezen"),
        (errno.ENOTDIR, "het is geen map"),
    ],
)
def test_known_reasons_are_dutch(number: int, dutch: str) -> None:
    assert os_reason(OSError(number, "English text")) == dutch


def test_an_unknown_reason_keeps_its_number_and_other_errors_their_text() -> None:
    assert os_reason(OSError(errno.ENOEXEC, "Exec format error")) == "fout 8 van het systeem"
    assert os_reason(ValueError("zelf gezegd")) == "zelf gezegd"


def test_importing_from_under_a_file_says_why_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that goes through a file: Python says "Not a directory"; the user reads Dutch."""
    a_file = tmp_path / "gewoon-een-bestand"
    a_file.write_text("x", encoding="utf-8")
    SessionStore(tmp_path / "data").ensure()

    code = main(["--data", str(tmp_path / "data"), "import", str(a_file / "sessie.json")])

    said = capsys.readouterr().err
    assert code != 0
    assert "kan niet worden gelezen (het is geen map)" in said, said
    assert not any(word in said for word in ENGLISH), said


def test_a_reason_this_program_gives_itself_is_kept() -> None:
    refused = OwnOSError(errno.ENOTDIR, "de map backups is geen gewone map", "backups")
    assert os_reason(refused) == "de map backups is geen gewone map"  # not "het is geen map"


def test_a_journal_segment_that_is_a_pipe_or_a_link_says_what_it_is(tmp_path: Path) -> None:
    """Segments are opened without following links and without waiting on a pipe."""
    pipe = tmp_path / "journal-000001.jsonl"
    os.mkfifo(pipe)
    assert parse_segment(pipe).error == "het is geen gewoon bestand"
    link = tmp_path / "journal-000002.jsonl"
    link.symlink_to(tmp_path / "elders.jsonl")
    (tmp_path / "elders.jsonl").write_text("")
    assert parse_segment(link).error == "het is een koppeling (link), geen gewoon bestand"
