"""Automatic backups: the last few good versions of each session file.

Each time a session is opened for writing and its file loaded without problems, a copy goes to
``<session folder>/backups/`` (only when it differs from the newest copy there). The newest
``KEEP`` copies are kept. Names carry a sequence number, so their order does not depend on the
clock, and a time stamp for people: ``session-000012-20260310-091500.json``.

A backup is the snapshot (workshop.snapshot) as it was: always a complete, good session file,
but the last few changes may be only in the journal, which stays small and is folded into the
snapshot later (workshop.session_tables); so a backup may lack those.

A new backup is a hard link to the snapshot where that is safe: a second name for the same file,
so making it writes no bytes (a copy of a large session costs megabytes at every open after a
compaction). The program never changes the snapshot in place: every write of ``session.json``
replaces it with a new file (workshop.storage.write_atomically: the storages of
workshop.storage and workshop.snapshot, ``doctor`` putting a backup back, ``forget`` rewriting
the snapshot and each backup), so the backup keeps the old file and the snapshot gets a new one.
Backups themselves are only replaced the same way (``forget``), renamed (``doctor`` setting a
damaged one aside, without a chmod of a file with more than one name: workshop.safe_files) or
unlinked (rotation), and dropping one name never changes the other's contents. (Checked for
issue 9: nothing in the program opens ``session.json`` or a backup to write in place.)

Others may: a hand-edit, ``cp`` over the file, a file manager or editor (several write in place
on purpose when a file has more than one name, to keep the link). That changes the snapshot and
a backup that is a link to it alike. So the first backup of a session is always a copy, and a
link is made only while an older backup is a file of its own: only the newest backup can share
the snapshot's file (until the next compaction replaces the snapshot), and ``doctor`` can then
still put back the one before it.

Where a folder cannot hold hard links (a FAT USB stick: EPERM, ENOTSUP, EXDEV, EMLINK...) the
backup is a copy, as before. Both are private (0600): the snapshot is, and a snapshot with any
other mode is copied rather than linked.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import datetime
from pathlib import Path

from workshop.os_reasons import OwnOSError
from workshop.safe_files import is_real_dir, kind, open_regular, read_if_regular, read_open
from workshop.storage import FILE_MODE, fsync_dir, make_private_dir, write_atomically

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
    """Keep ``source`` in the backups when it differs from the newest one; rotate.

    The new backup is a hard link to ``source`` when an older backup is a file of its own and the
    folder allows links; else a copy (see the module).
    Returns the new backup, or None when the newest backup already is ``source``'s file or holds
    the same contents. Raises OSError when the backup cannot be made, WorkshopError when
    ``source`` is unreadable (a link, a pipe: see workshop.safe_files).
    """
    fd = open_regular(source)
    try:
        info = os.fstat(fd)
        backups = list_backups(folder)
        if backups and _unchanged(backups[0], info, fd):
            return None
        directory = backup_dir(folder)
        if kind(directory) not in (None, "dir"):
            raise OwnOSError(errno.ENOTDIR, "de map backups is geen gewone map", str(directory))
        make_private_dir(directory)
        number = int(_NAME.match(backups[0].name).group(1)) + 1 if backups else 1  # type: ignore[union-attr]
        target = directory / f"session-{number:06d}-{moment:%Y%m%d-%H%M%S}.json"
        kept = backups[: KEEP - 1]  # the ones rotation leaves beside the new backup
        if not (_has_own_file(kept, info) and _link(source, target, info)):
            write_atomically(target, read_open(fd))
    finally:
        os.close(fd)
    for old in list_backups(folder)[KEEP:]:
        old.unlink(missing_ok=True)  # a link: only this name goes
    return target


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _unchanged(newest: Path, info: os.stat_result, fd: int) -> bool:
    """Whether the newest backup already holds the source (open as ``fd``, ``info``): the same
    file (a link) costs nothing to tell; a copy is compared byte for byte when its size matches."""
    try:
        found = os.lstat(newest)
    except OSError:
        return False
    if not stat.S_ISREG(found.st_mode):
        return False
    if _same_file(found, info):
        return True
    if found.st_size != info.st_size:
        return False
    return read_if_regular(newest) == read_open(fd)


def _has_own_file(backups: list[Path], info: os.stat_result) -> bool:
    """Whether one of ``backups`` is a regular file that is not the file ``info`` describes."""
    for backup in backups:
        try:
            found = os.lstat(backup)
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode) and not _same_file(found, info):
            return True
    return False


def _link(source: Path, target: Path, info: os.stat_result) -> bool:
    """Make ``target`` a second name for the private file ``source`` (as ``info``). False when
    that cannot be done, or the name now holds another file; then nothing is left at ``target``."""
    if stat.S_IMODE(info.st_mode) != FILE_MODE:
        return False  # a link shares the mode: copy a file that is not private instead
    follow = {} if os.link not in os.supports_follow_symlinks else {"follow_symlinks": False}
    try:
        os.link(source, target, **follow)
    except (OSError, NotImplementedError):
        return False
    try:
        if not _same_file(os.lstat(target), info):  # ``source`` was swapped meanwhile
            target.unlink()
            return False
        fsync_dir(target.parent)
    except OSError:
        target.unlink(missing_ok=True)
        return False
    return True


def kept_damaged(folder: Path) -> list[Path]:
    """Damaged files set aside by an earlier repair: the session file's, journal's, backups'."""
    found = list(folder.glob(f"*{DAMAGED_MARK}-*"))
    if is_real_dir(backup_dir(folder)):
        found += backup_dir(folder).glob(f"*{DAMAGED_MARK}")
    return sorted(found)
