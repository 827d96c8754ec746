"""Reading and touching files in the data folder without ever leaving it.

Everything under the data folder is ours, but anyone (a file manager, a sync tool, an attacker)
can put something else there: a symbolic link to a file elsewhere, a named pipe (FIFO) that blocks
whoever opens it, a device, a folder with a file's name. The store only reads *regular files*, and
never through a link: ``lstat`` first, then ``open`` with O_NOFOLLOW|O_NONBLOCK and a second check
on the open file (the name may have been swapped in between). Anything else is damage
(DamagedFileError), which the callers already name, keep and skip.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from workshop.errors import DamagedFileError, NotFoundError, StoreError
from workshop.os_reasons import OwnOSError, os_reason

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows

LINK_REASON = (
    "het is een snelkoppeling (link) naar een ander bestand. Workshop volgt zo'n link niet, "
    "zodat er niets buiten je gegevensmap verandert."
)
NOT_A_FILE_REASON = "het is geen gewoon bestand (maar bijvoorbeeld een map of een pijp)."


def kind(path: Path) -> str | None:
    """'file', 'dir', 'link' or 'other' for what is at ``path`` itself; None when nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    return "other"


def is_real_dir(path: Path) -> bool:
    """A folder, and not a link to one."""
    try:
        return kind(path) == "dir"
    except OSError:
        return False


def damage_reason(found: str | None) -> str | None:
    """Why what :func:`kind` found cannot be read as a file; None for a regular file."""
    if found == "link":
        return LINK_REASON
    if found in ("dir", "other"):
        return NOT_A_FILE_REASON
    return None


def open_regular(path: Path, flags: int = os.O_RDONLY) -> int:
    """A file descriptor for the regular file at ``path``, never through a link, never blocking.

    DamagedFileError for a link or anything that is not a regular file, NotFoundError when it is
    missing, StoreError when it cannot be opened.
    """
    try:
        reason = damage_reason(kind(path))
    except OSError as error:
        raise _unreadable(path, error) from None
    if reason:
        raise DamagedFileError(path, reason)
    try:
        fd = os.open(path, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
    except FileNotFoundError:
        raise NotFoundError(f"Het bestand {path} bestaat niet.") from None
    except OSError as error:
        if error.errno == errno.ELOOP:  # swapped for a link since the lstat
            raise DamagedFileError(path, LINK_REASON) from None
        raise _unreadable(path, error) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DamagedFileError(path, NOT_A_FILE_REASON)
        if _NONBLOCK and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file never blocks; undo it for plain reads
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (see :func:`open_regular` for what it refuses)."""
    fd = open_regular(path)
    try:
        return read_open(fd)
    except OSError as error:
        raise _unreadable(path, error) from None
    finally:
        os.close(fd)


def read_open(fd: int) -> bytes:
    """The whole file open as ``fd``, from its start. Raises OSError."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def read_if_regular(path: Path) -> bytes:
    """Like :func:`read_regular`, but b"" for anything that is not a readable regular file."""
    try:
        return read_regular(path)
    except StoreError:
        return b""


def chmod_regular(path: Path, mode: int) -> None:
    """Set ``mode`` on a regular file that has no other name: never on a link's target, never
    on a file that is also linked from somewhere else (it may not be ours)."""
    try:
        fd = open_regular(path)
    except StoreError:
        return
    try:
        if hasattr(os, "fchmod") and os.fstat(fd).st_nlink == 1:
            os.fchmod(fd, mode)
    finally:
        os.close(fd)


def append_private(path: Path, text: str) -> None:
    """Append ``text`` to a file only the user can read (0600), creating it if needed.

    Never writes through a link. Raises OSError when that fails.
    """
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY
    fd = os.open(path, flags, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OwnOSError(errno.EINVAL, "het is geen gewoon bestand", str(path))
        if hasattr(os, "fchmod") and stat.S_IMODE(info.st_mode) != 0o600 and info.st_nlink == 1:
            os.fchmod(fd, 0o600)  # also a log an older version made under a careless umask
        view = memoryview(text.encode("utf-8"))
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _unreadable(path: Path, error: OSError) -> StoreError:
    return StoreError(f"Het bestand {path} kan niet worden gelezen: {os_reason(error)}.")
