"""The session list, read from the small summary files only.

Listing sessions (``workshop list``, the home screen) needs no session contents, so this module
loads neither TinyDB nor the session model, templates, scans or locks: it keeps start-up fast.
The store builds on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workshop.errors import DamagedFileError, WorkshopError
from workshop.json_file import read_json
from workshop.summary import SessionSummary

SESSIONS_DIR = "sessions"
SESSION_FILE = "session.json"
SUMMARY_FILE = "summary.json"

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


def valid_session_id(session_id: str) -> bool:
    """Session ids become folder names: only lower-case letters, digits and dashes."""
    return bool(_ID_PATTERN.match(session_id))


@dataclass
class Problem:
    """A session folder that could not be read; the listing goes on without it."""

    path: Path
    message: str


def sessions_dir(root: Path) -> Path:
    """Where the session folders are, under a data folder."""
    return root / SESSIONS_DIR


def session_folders(folder: Path) -> Iterator[Path]:
    """Every session folder under ``folder`` (a sessions dir), also damaged ones."""
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and valid_session_id(entry.name):
            yield entry


def read_summary(folder: Path) -> SessionSummary:
    """A folder's summary, checked. DamagedFileError when it cannot be used."""
    path = folder / SUMMARY_FILE
    data = read_json(path)
    try:
        summary = SessionSummary.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DamagedFileError(path, "het overzicht van de sessie is onleesbaar.") from None
    good = (
        summary.id == folder.name
        and all(isinstance(v, str) for v in (summary.title, summary.location, summary.series))
        and type(summary.phase) is int
        and type(summary.phase_count) is int
        and summary.updated.tzinfo is not None
    )
    if not good:
        raise DamagedFileError(path, "het overzicht van de sessie klopt niet.")
    return summary


def scan_sessions(folder: Path) -> tuple[list[SessionSummary], list[Problem]]:
    """All sessions under ``folder`` (a sessions dir), newest first, plus what could not be read.

    Only the small summary files are read (and the session files' existence checked), so
    listing stays fast however many sessions there are. Damage inside a session file is
    found when it is opened, and by ``workshop doctor``.
    """
    summaries: list[SessionSummary] = []
    problems: list[Problem] = []
    for session_folder in session_folders(folder):
        path = session_folder / SUMMARY_FILE
        has_session = (session_folder / SESSION_FILE).exists()
        if not path.exists():
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
