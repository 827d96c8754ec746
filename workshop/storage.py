"""A TinyDB storage that never leaves a half-written file behind.

The stock JSONStorage rewrites its file in place: a crash in the middle of a write can leave it
unreadable. This storage writes the whole database to a temporary file in the same folder, fsyncs
it, atomically replaces the old file with it, and then fsyncs the folder, so that after a crash the
file holds either the old or the new contents, never a mix. Every file carries a schema version.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workshop.errors import DamagedFileError, StoreError

SCHEMA_TABLE = "_schema"
SCHEMA_FORMAT = "workshop-session"
SCHEMA_VERSION = 1

FILE_MODE = 0o600  # data files: readable by the user only (AVG)
DIR_MODE = 0o700


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` in one step, durably. On failure the old file is intact."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), FILE_MODE)
            tmp.write(content)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def read_json(path: Path) -> Any:
    """Parse a JSON file; a file that is not valid JSON raises DamagedFileError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreError(f"Het bestand {path} kan niet worden gelezen: {error.strerror}.") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DamagedFileError(path, f"geen geldige JSON ({error}).") from None


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


class AtomicJSONStorage(Storage):
    """TinyDB storage: whole-file atomic replace on every write, schema version checked on read."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self.path.exists():
            return None
        data = read_json(self.path)
        check_schema(self.path, data)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        data = dict(data)
        data[SCHEMA_TABLE] = {"1": {"format": SCHEMA_FORMAT, "version": SCHEMA_VERSION}}
        content = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            write_atomically(self.path, content)
        except OSError as error:
            raise StoreError(
                f"Opslaan is mislukt ({error.strerror or error}). Het vorige bestand is niet "
                "veranderd; probeer het opnieuw."
            ) from None

    def close(self) -> None:
        pass
