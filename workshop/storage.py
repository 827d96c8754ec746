"""A TinyDB storage that never leaves a half-written file behind.

The stock JSONStorage rewrites its file in place: a crash in the middle of a write can leave it
unreadable. This storage writes the whole database to a temporary file in the same folder, fsyncs
it, atomically replaces the old file with it, and then fsyncs the folder, so that after a crash the
file holds either the old or the new contents, never a mix. Every file carries a schema version.

A crash can leave a temporary file (``.<name>.<random>.tmp``) behind. It is never read as data;
``remove_leftovers`` clears it when the session is next opened for writing.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workshop.errors import DamagedFileError, StoreError
from workshop.json_file import parse_json as parse_json  # moved; still importable from here
from workshop.json_file import read_json
from workshop.os_reasons import os_reason
from workshop.safe_files import is_real_dir, kind

SCHEMA_TABLE = "_schema"
SCHEMA_FORMAT = "workshop-session"
SCHEMA_VERSION = 1

FILE_MODE = 0o600  # data files: readable by the user only (AVG)
DIR_MODE = 0o700
TMP_SUFFIX = ".tmp"

Tables = dict[str, dict[str, Any]]


class ReadOnlyError(StoreError):
    """A write to a session that was opened to look at only."""

    def __init__(self) -> None:
        super().__init__(
            "Deze sessie is alleen-lezen geopend: je kunt kijken, maar niets veranderen. "
            "Er is niets opgeslagen."
        )


def write_problem(error: OSError) -> tuple[str, str]:
    """Why a write failed and what to do about it, in Dutch ("de schijf is vol", advice)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason, advice = "de schijf is vol", "Maak ruimte vrij op de schijf"
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason, advice = (
            "er is geen toestemming om te schrijven",
            "Controleer de rechten van de map",
        )
    elif error.errno == errno.EROFS:
        reason, advice = "de schijf is alleen-lezen", "Kies een andere map voor je gegevens"
    elif error.errno == errno.EIO:
        reason, advice = "de schijf meldt een fout", "Controleer de schijf of USB-stick"
    else:
        reason = f"er ging iets mis bij het schrijven ({os_reason(error)})"
        advice = "Wacht even"
    return reason, advice


def save_error(error: OSError, what: str = "Opslaan") -> StoreError:
    """A Dutch message for a failed write. The caller guarantees the old file is unchanged."""
    reason, advice = write_problem(error)
    return StoreError(
        f"{what} is mislukt: {reason}. Er is niets verloren: het vorige bestand is niet "
        f"veranderd. {advice} en probeer het opnieuw."
    )


def make_private_dir(path: Path) -> None:
    """Create a folder readable by the user only (also under an unusual umask).

    Missing parent folders are made private too; folders that already exist are left as they are.
    """
    if path.is_dir():
        return
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if folder.is_dir():
                continue
            raise
        os.chmod(folder, DIR_MODE)  # mkdir's mode is reduced by the umask, never widened


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    if os.name == "nt":  # Windows cannot open a folder; NTFS journals renames itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomically(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` in one step, durably. On failure the old file is intact.

    Order: write the temporary file, fsync it, rename it over ``path``, fsync the folder.
    Raises OSError; the temporary file is removed again when something fails.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        try:
            if hasattr(os, "fchmod"):  # mkstemp already uses 0600; this is belt and braces
                os.fchmod(fd, FILE_MODE)
            _write_all(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def is_leftover(name: str) -> bool:
    """A temporary file from an interrupted write (never data)."""
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


def find_leftovers(folder: Path) -> list[Path]:
    if not is_real_dir(folder):  # never clear files in a folder a link points to
        return []
    return sorted(p for p in folder.iterdir() if is_leftover(p.name) and kind(p) == "file")


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete temporary files left by a crash. Only call this while holding the session's lock."""
    removed = []
    for path in find_leftovers(folder):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def check_schema(path: Path, data: Any) -> None:
    """Refuse files that are not ours or have a schema version this program does not know."""
    if not isinstance(data, dict):
        raise DamagedFileError(path, "de inhoud is geen tabel met gegevens.")
    marker = (
        data.get(SCHEMA_TABLE, {}).get("1") if isinstance(data.get(SCHEMA_TABLE), dict) else None
    )
    if not isinstance(marker, dict) or marker.get("format") != SCHEMA_FORMAT:
        raise DamagedFileError(path, "dit is geen sessiebestand van workshop.")
    version = marker.get("version")
    if version != SCHEMA_VERSION:
        raise DamagedFileError(
            path,
            f"schemaversie {version!r} is onbekend; deze versie van workshop kent versie "
            f"{SCHEMA_VERSION}.",
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise DamagedFileError(path, f"de tabel '{name}' is geen lijst met gegevens.")


def encode_tables(data: Tables) -> bytes:
    """The file contents for ``data``, with the schema marker."""
    data = dict(data)
    data[SCHEMA_TABLE] = {"1": {"format": SCHEMA_FORMAT, "version": SCHEMA_VERSION}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _copy(data: Tables) -> Tables:
    # TinyDB changes the tables and documents it reads in place before writing them; a copy two
    # levels deep keeps the cache equal to the file when that write then fails.
    return {name: {key: dict(doc) for key, doc in table.items()} for name, table in data.items()}


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class AtomicJSONStorage(Storage):
    """TinyDB storage: whole-file atomic replace on every write, schema version checked on read.

    TinyDB reads the whole file before every change. The last contents read or written are kept
    and reused while the file on disk is unchanged (same inode, time and size), so a save costs one
    write, not a parse of the file as well.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: Tables | None = None
        self._cache_signature: tuple[int, int, int] | None = None

    def read(self) -> Tables | None:
        try:
            signature = _signature(os.lstat(self.path))  # a link is damage: never follow it
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreError(
                f"Het bestand {self.path} kan niet worden gelezen: {os_reason(error)}."
            ) from None
        if self._cache is None or signature != self._cache_signature:
            data = read_json(self.path)
            check_schema(self.path, data)
            self._cache, self._cache_signature = data, signature
        return _copy(self._cache)

    def write(self, data: Tables) -> None:
        if self.read_only:
            raise ReadOnlyError()
        content = encode_tables(data)
        self._cache = self._cache_signature = None
        try:
            write_atomically(self.path, content)
        except OSError as error:
            raise save_error(error) from None
        data = dict(data)
        data[SCHEMA_TABLE] = {"1": {"format": SCHEMA_FORMAT, "version": SCHEMA_VERSION}}
        with contextlib.suppress(OSError):
            self._cache, self._cache_signature = _copy(data), _signature(os.stat(self.path))

    def close(self) -> None:
        self._cache = self._cache_signature = None
