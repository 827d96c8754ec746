"""Keeping damage aside: a damaged entry gets a new name beside where it was; nothing is deleted.

What is kept is the entry itself: the real bytes of a regular file, or the link, pipe or folder
that stood in a file's place. A link is moved, never read through, and nothing it points to is
changed (no chmod, no copy of its target).
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop.backup import DAMAGED_MARK
from workshop.clock import Clock
from workshop.safe_files import chmod_regular, kind, read_regular

FILE_MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def aside_name(folder: Path, name: str, clock: Clock) -> Path:
    """A free name ``<name>.beschadigd-<time>`` in ``folder``."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{name}{DAMAGED_MARK}-{stamp}"
    number = 1
    while kind(candidate) is not None:
        number += 1
        candidate = folder / f"{name}{DAMAGED_MARK}-{stamp}-{number}"
    return candidate


def keep_copy(path: Path, aside: Path) -> None:
    """Keep what is at ``path`` under ``aside`` while ``path`` itself stays until it is replaced.

    A regular file's bytes are copied into a new private file (0600), so no mode of a file that
    may have other names elsewhere is changed; anything else (a link, a pipe) is moved as it is.
    """
    if kind(path) != "file":
        os.rename(path, aside)  # a link is moved as a link: its target is not touched
        return
    content = read_regular(path)
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # O_CREAT's mode is reduced by the umask, never widened
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def move_aside(path: Path, aside: Path) -> None:
    """Move what is at ``path`` to ``aside``; a regular file only named here is made private."""
    os.rename(path, aside)
    chmod_regular(aside, FILE_MODE)
