"""The session list, read from the small summary files only.

Listing sessions (``workshop list``, the home screen) needs no session contents, so this module
loads neither TinyDB nor the session model, templates, scans or locks: it keeps start-up fast.
The store builds on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from workshop.errors import DamagedFileError, WorkshopError
from workshop.folders import (
    SESSION_FILE,
    FolderMismatchError,
    Problem,
    check_folder_id,
    is_session_folder,
    stray_entries,
)
from workshop.json_file import read_json
from workshop.summary import SessionSummary
from workshop.summary_plain import plain_summary

__all__ = [
    "SESSION_FILE",
    "SUMMARY_FILE",
    "Problem",
    "read_summary",
    "scan_sessions",
    "summary_from_data",
]

SESSIONS_DIR = "sessions"
SUMMARY_FILE = "summary.json"


def sessions_dir(root: Path) -> Path:
    """Where the session folders are, under a data folder."""
    return root / SESSIONS_DIR


def session_folders(folder: Path) -> Iterator[Path]:
    """Every session folder under ``folder`` (a sessions dir), also damaged ones (links are not
    followed)."""
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir()):
        if is_session_folder(entry):
            yield entry


def summary_from_data(path: Path, data: object) -> SessionSummary:
    """The summary in a summary.json file. DamagedFileError when it cannot be used. (Whether it
    belongs to its folder is for the store to say: workshop.folders.check_folder_id.)"""
    # A summary as we write it is read without the schema library (workshop.summary_plain);
    # the schema (msgspec) is loaded only for any other, and says what is wrong with it.
    summary = plain_summary(data)
    if summary is not None:
        return summary
    from workshop.schema import STORED, decode

    try:
        summary: SessionSummary = decode(data, SessionSummary, STORED)
    except ValueError as error:
        # schema_errors (Invalid) is loaded only once a summary is refused
        from workshop.schema_errors import Invalid

        if not isinstance(error, Invalid):
            raise
        raise DamagedFileError(path, "het overzicht van de sessie is onleesbaar.") from None
    if summary.updated.tzinfo is None:
        raise DamagedFileError(path, "het overzicht van de sessie klopt niet.")
    return summary


def read_summary(folder: Path) -> SessionSummary:
    """A folder's summary, checked. DamagedFileError when it cannot be used, FolderMismatchError
    when it belongs to another session code (a copied or renamed folder)."""
    path = folder / SUMMARY_FILE
    summary = summary_from_data(path, read_json(path))
    check_folder_id(folder, summary.id)
    return summary


def scan_sessions(folder: Path) -> tuple[list[SessionSummary], list[Problem]]:
    """All sessions under ``folder`` (a sessions dir), newest first, plus what could not be read.

    Only the small summary files are read (and the session files' existence checked), so
    listing stays fast however many sessions there are. Damage inside a session file is
    found when it is opened, and by ``workshop doctor``.
    """
    summaries: list[SessionSummary] = []
    problems: list[Problem] = stray_entries(folder)
    for session_folder in session_folders(folder):
        path = session_folder / SUMMARY_FILE
        has_session = os.path.lexists(session_folder / SESSION_FILE)
        if not os.path.lexists(path):
            what = "Het overzicht van sessie" if has_session else "Sessiemap"
            problems.append(
                Problem(
                    path,
                    f"{what} {session_folder.name} is onvolledig ({path} ontbreekt). "
                    "'workshop doctor' vertelt wat je kunt doen.",
                )
            )
            continue
        try:
            summary = read_summary(session_folder)
        except FolderMismatchError as error:
            problems.append(Problem(path, str(error)))  # says itself what to do
            continue
        except WorkshopError as error:
            problems.append(Problem(path, f"{error} 'workshop doctor' vertelt wat je kunt doen."))
            continue
        if not has_session:
            problems.append(
                Problem(
                    session_folder / SESSION_FILE,
                    f"Het sessiebestand van '{summary.title}' ({session_folder.name}) ontbreekt. "
                    "'workshop doctor' vertelt wat je kunt doen.",
                )
            )
            continue
        summaries.append(summary)
    summaries.sort(key=lambda s: (s.day, s.updated), reverse=True)
    return summaries, problems
