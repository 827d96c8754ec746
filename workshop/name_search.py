"""Looking for a name in the bytes of files: damaged files, and everything under the data folder.

Used by ``workshop vergeet`` to find every copy of a name it could not take out itself, so it
never says a name is gone while a file still holds it. Only regular files are read: a symlink is
not followed (its target is not in the data folder), and a pipe or device is never opened for
long (reading a pipe would wait forever).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workshop.backup import DAMAGED_MARK
from workshop.forget_session import replacer_for
from workshop.os_reasons import os_reason
from workshop.storage import fsync_dir

MAX_SEARCH_BYTES = 64 * 1024 * 1024  # a bigger file is reported as not searched, not read

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_SPACE_ESCAPES = frozenset("nrtbf")


class NotSearched(Exception):
    """A file whose contents could not be searched. ``reason`` says why, in Dutch."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file; None for anything else (symlink, pipe, device, folder).

    Raises NotSearched when the file cannot be read or is too big to search.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None  # not even opened: opening a device can have effects of its own
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            return None  # a symlink, a folder, a socket
        raise NotSearched(f"het kan niet worden gelezen ({os_reason(error)})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > MAX_SEARCH_BYTES:
            raise NotSearched("het is te groot om te doorzoeken")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise NotSearched(f"het kan niet worden gelezen ({os_reason(error)})") from None
    finally:
        os.close(fd)


def _unescaped(text: str) -> str:
    """JSON text with its escapes undone ("Sev\\u0064a" is "Sevda"; "\\n" is a space)."""

    def undo(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] == "u" and len(code) == 5:
            return chr(int(code[1:], 16))
        return " " if code in _SPACE_ESCAPES else code

    return _ESCAPE.sub(undo, text)


class NameSearch:
    """Finds names, as whole words in any case and spacing, in raw file contents."""

    def __init__(self, names: list[str]) -> None:
        self._replacer = replacer_for(names)

    def in_text(self, text: str) -> bool:
        return self._replacer.search(text) is not None

    def in_bytes(self, raw: bytes) -> bool:
        text = raw.decode("utf-8", "replace")
        return self.in_text(text) or ("\\" in text and self.in_text(_unescaped(text)))

    def in_file(self, path: Path) -> bool:
        """True when the file holds a name. Raises NotSearched when it cannot tell."""
        raw = read_regular(path)
        return raw is not None and self.in_bytes(raw)


@dataclass(frozen=True)
class Hit:
    """A place under a folder where a name is, or may be (``reason`` then says why not known)."""

    path: Path
    reason: str = ""
    in_name: bool = False  # the name is in the name of the file or folder itself


def hits_under(folder: Path, search: NameSearch) -> Iterator[Hit]:
    """Every file or folder under ``folder`` whose name or contents hold a name.

    Symlinks are not followed; a folder that cannot be listed is a hit with a reason.
    """
    trouble: list[OSError] = []
    for top, folders, files in os.walk(folder, onerror=trouble.append):
        while trouble:
            error = trouble.pop()
            path = Path(error.filename or top)
            yield Hit(path, f"de map kan niet worden bekeken ({os_reason(error)})")
        base = Path(top)
        for entry in folders:
            if search.in_text(entry):
                yield Hit(base / entry, in_name=True)
        for entry in files:
            path = base / entry
            try:
                if search.in_text(entry):
                    yield Hit(path, in_name=True)
                elif search.in_file(path):
                    yield Hit(path)
            except NotSearched as problem:
                yield Hit(path, problem.reason)
    for error in trouble:
        yield Hit(
            Path(error.filename or folder), f"de map kan niet worden bekeken ({os_reason(error)})"
        )


def set_aside(path: Path) -> Path:
    """Keep a damaged backup under the name ``workshop doctor --herstel`` gives it.

    Renamed, never copied or changed: the bytes stay as they were. Raises OSError.
    """
    target = path.with_name(path.name + DAMAGED_MARK)
    number = 1
    while os.path.lexists(target):
        number += 1
        target = path.with_name(f"{path.name}.{number}{DAMAGED_MARK}")
    os.rename(path, target)
    fsync_dir(path.parent)
    return target
