"""Which entries under ``<data>/sessions/`` are session folders, and what the others are.

A session's code is the name of its folder, and the folder is what every command acts on. The
same code is also stored inside the folder (``session.json`` and ``summary.json``). When the two
differ, the folder was copied or renamed by hand (a file manager's "copy"): such a folder is
never taken for the session its files name. It is reported, refused for work, and becomes a
session of its own only when the user asks (``workshop doctor --herstel <map>``), or is deleted
by its own name (``workshop verwijder <map>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workshop.errors import StoreError
from workshop.safe_files import is_real_dir, kind

TRASH_PREFIX = ".verwijderd-"  # a session folder being deleted
SESSION_FILE = "session.json"

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


def valid_session_id(session_id: str) -> bool:
    """Session ids become folder names: only lower-case letters, digits and dashes."""
    return bool(_ID_PATTERN.match(session_id))


@dataclass
class Problem:
    """A session folder that could not be read; the listing goes on without it."""

    path: Path
    message: str


class FolderMismatchError(StoreError):
    """A folder whose files belong to another session code: copied or renamed by hand."""

    def __init__(self, folder: Path, inner_id: str) -> None:
        self.folder = folder
        self.inner_id = inner_id
        name = folder.name
        super().__init__(
            f"De map {name} bevat sessie {inner_id}: de map is gekopieerd of hernoemd. Maak er "
            f"een eigen sessie van met 'workshop doctor --herstel {name}', of verwijder de map "
            f"met 'workshop verwijder {name}'."
        )


def check_folder_id(folder: Path, inner_id: object) -> None:
    """FolderMismatchError when the code inside the folder is not the folder's name."""
    if inner_id != folder.name:
        raise FolderMismatchError(folder, str(inner_id))


class LinkedFolderError(StoreError):
    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"De sessiemap {folder} is een snelkoppeling (link) naar een andere plek. Workshop "
            "volgt zo'n link niet, zodat er niets buiten je gegevensmap verandert. Haal de link "
            "zelf weg, of zet de echte map op deze plek."
        )


def check_real_folder(folder: Path) -> None:
    """LinkedFolderError when a session folder is a link: nothing is read or written there."""
    if kind(folder) == "link":
        raise LinkedFolderError(folder)


def is_session_folder(entry: Path) -> bool:
    return valid_session_id(entry.name) and is_real_dir(entry)


def stray_entries(sessions_dir: Path) -> list[Problem]:
    """Entries that look like sessions but are not used: links, and folders with a name that is
    no session code (e.g. ``abc123 (kopie)`` from a file manager) that hold a session file."""
    if not is_real_dir(sessions_dir):
        return []
    found = []
    for entry in sorted(sessions_dir.iterdir()):
        if entry.name.startswith(TRASH_PREFIX) or is_session_folder(entry):
            continue
        if kind(entry) == "link" and valid_session_id(entry.name):
            found.append(Problem(entry, str(LinkedFolderError(entry))))
        elif is_real_dir(entry) and kind(entry / SESSION_FILE) is not None:
            found.append(
                Problem(
                    entry,
                    f"De map '{entry.name}' wordt niet gebruikt: die naam is geen sessiecode "
                    "(alleen kleine letters, cijfers en streepjes). Is het een kopie? Geef de "
                    "map dan een naam als 'sessie-kopie' en typ 'workshop doctor'.",
                )
            )
    return found
