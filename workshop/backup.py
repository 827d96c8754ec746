"""Automatic backups: the last few good versions of each session file.

Each time a session is opened for writing and its file loaded without problems, a copy goes to
``<session folder>/backups/`` (only when it differs from the newest copy there). The newest
``KEEP`` copies are kept. Names carry a sequence number, so their order does not depend on the
clock, and a time stamp for people: ``session-000012-20260310-091500.json``.

A backup is a copy of the snapshot (workshop.snapshot): always a complete, good session file,
but the last few changes may be only in the journal, which stays small and is folded into the
snapshot later (workshop.session_tables); so a backup may lack those.
"""

from __future__ import annotations

import errno
import re
from datetime import datetime
from pathlib import Path

from workshop.safe_files import is_real_dir, kind, read_if_regular, read_regular
from workshop.storage import make_private_dir, write_atomically

BACKUP_DIR = "backups"
KEEP = 5
DAMAGED_MARK = ".beschadigd"  # damaged files set aside by ``workshop doctor --herstel``

_NAME = re.compile(r"^session-(\d{6,})-(\d{8}-\d{6})\.json$")


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def list_backups(folder: Path) -> list[Path]:
    """The backups of one session folder, newest first."""
    directory = backup_dir(folder)
    if not is_real_dir(directory):  # a link to a folder elsewhere is never followed
        return []
    found = [(int(m.group(1)), p) for p in directory.iterdir() if (m := _NAME.match(p.name))]
    return [p for _, p in sorted(found, reverse=True)]


def backup_time(path: Path) -> datetime | None:
    """When a backup was made, from its name."""
    match = _NAME.match(path.name)
    return datetime.strptime(match.group(2), "%Y%m%d-%H%M%S") if match else None


def keep_backup(folder: Path, source: Path, moment: datetime) -> Path | None:
    """Copy ``source`` into the backups when it differs from the newest one; rotate.

    Returns the new backup, or None when the newest backup already holds the same contents.
    Raises OSError when the copy cannot be written, WorkshopError when ``source`` is unreadable.
    """
    content = read_regular(source)
    backups = list_backups(folder)
    if backups and read_if_regular(backups[0]) == content:
        return None
    directory = backup_dir(folder)
    if kind(directory) not in (None, "dir"):
        raise OSError(errno.ENOTDIR, "de map backups is geen gewone map", str(directory))
    make_private_dir(directory)
    number = int(_NAME.match(backups[0].name).group(1)) + 1 if backups else 1  # type: ignore[union-attr]
    target = directory / f"session-{number:06d}-{moment:%Y%m%d-%H%M%S}.json"
    write_atomically(target, content)
    for old in list_backups(folder)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def kept_damaged(folder: Path) -> list[Path]:
    """Damaged files set aside by an earlier repair: the session file's, journal's, backups'."""
    found = list(folder.glob(f"*{DAMAGED_MARK}-*"))
    if is_real_dir(backup_dir(folder)):
        found += backup_dir(folder).glob(f"*{DAMAGED_MARK}")
    return sorted(found)
