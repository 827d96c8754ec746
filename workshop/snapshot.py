"""The snapshot: a session's whole TinyDB file, rewritten atomically when the journal is compacted.

``session.json`` stays an ordinary TinyDB file (stock TinyDB opens it): one table per kind of row,
rows numbered from 1, plus the ``_schema`` marker and a ``_journal`` table that records the last
journal sequence number the file holds. Replaying the journal skips every record up to it.

The file is written through a TinyDB Storage (``SnapshotStorage``): the whole file to a temporary
file, fsynced, renamed over the old one, folder fsynced (workshop.storage.write_atomically). Rows
are encoded one at a time, so a compaction in a background thread lets other threads run between
rows, and a row that is already JSON (as appended to the journal) is not encoded again.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path
from typing import Any

from workshop import storage
from workshop.errors import DamagedFileError
from workshop.journal import encode_document, remove_segments
from workshop.storage import (
    SCHEMA_FORMAT,
    SCHEMA_TABLE,
    SCHEMA_VERSION,
    AtomicJSONStorage,
    Tables,
    save_error,
)

JOURNAL_TABLE = "_journal"  # {"1": {"seq": <last journal record the snapshot holds>}}

# Rows by table, then by row id, in the order they were first saved. A row is its document, or
# that document already encoded as JSON.
Rows = dict[str, dict[str, "dict[str, Any] | bytes"]]


def snapshot_seq(path: Path, tables: Tables) -> int:
    """The last journal sequence number a snapshot holds (0 for files from before the journal)."""
    table = tables.get(JOURNAL_TABLE)
    if table is None:
        return 0
    row = table.get("1")
    seq = row.get("seq") if isinstance(row, dict) else None
    if type(seq) is not int or seq < 0:
        raise DamagedFileError(path, "het volgnummer van het journaal klopt niet.")
    return seq


def rows_from_tables(tables: Tables, names: tuple[str, ...]) -> Rows:
    """The rows of ``names`` keyed by their own id, in file order.

    A row without a usable id, or with the id of an earlier row, keeps a key of its own, so the
    session checks (workshop.store) still see it and name the problem.
    """
    rows: Rows = {}
    for name in names:
        table: dict[str, dict[str, Any] | bytes] = {}
        for number, document in enumerate(tables.get(name, {}).values()):
            key = document.get("id")
            if not isinstance(key, str) or key in table:
                key = f"\0{number}"  # never a real id
            table[key] = document
        rows[name] = table
    return rows


class SnapshotStorage(AtomicJSONStorage):
    """TinyDB storage for the snapshot: read as AtomicJSONStorage does; written row by row.

    ``write`` takes tables whose documents are dicts or JSON bytes, and raises StoreError (with
    the usual Dutch message) when the file cannot be written; the old file is then intact.
    """

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise storage.ReadOnlyError()
        data = dict(data)
        data[SCHEMA_TABLE] = {"1": {"format": SCHEMA_FORMAT, "version": SCHEMA_VERSION}}
        self._cache = self._cache_signature = None
        try:
            storage.write_atomically(self.path, encode_snapshot(data))
        except OSError as error:
            raise save_error(error) from None


def encode_snapshot(data: dict[str, dict[str, Any]]) -> bytes:
    """The same bytes as ``json.dumps(data, ensure_ascii=False, separators=(",", ":"))``."""
    parts = [b"{"]
    for table_number, (name, table) in enumerate(data.items()):
        parts.append(b"," if table_number else b"")
        parts.append(encode_document(name) + b":{")
        for row_number, (key, document) in enumerate(table.items()):
            parts.append(b"," if row_number else b"")
            parts.append(encode_document(key))
            parts.append(b":")
            parts.append(document if isinstance(document, bytes) else encode_document(document))
        parts.append(b"}")
    parts.append(b"}")
    return b"".join(parts)


def snapshot_tables(rows: Rows, seq: int, extra: Tables) -> dict[str, dict[str, Any]]:
    """What the snapshot file holds: rows numbered from 1, the tables we do not know, the seq."""
    tables: dict[str, dict[str, Any]] = {
        name: {str(number): row for number, row in enumerate(table.values(), 1)}
        for name, table in rows.items()
    }
    tables.update(extra)
    tables[JOURNAL_TABLE] = {"1": {"seq": seq}}
    return tables


class Compaction:
    """One snapshot write, then removal of the journal segments it makes unneeded.

    ``rows`` must be a copy nobody changes while the snapshot is written (a shallow copy does:
    stored documents are never changed in place). Runs in a background thread when started
    with ``start``, or in the caller's thread with ``run``.
    """

    def __init__(
        self,
        snapshot: SnapshotStorage,
        rows: Rows,
        seq: int,
        extra: Tables,
        below: int,
        *,
        keep: Collection[Path] = (),
        pending: int = 0,
    ) -> None:
        self.snapshot = snapshot
        self.rows = rows
        self.seq = seq
        self.extra = extra
        self.below = below  # journal segments numbered below this are in the snapshot
        self.keep = keep  # damaged segments: never deleted, set aside by the owner afterwards
        self.pending = pending  # journal bytes this compaction makes unneeded
        self.error: BaseException | None = None
        self.size = 0  # of the snapshot written
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        try:
            self.snapshot.write(snapshot_tables(self.rows, self.seq, self.extra))
            self.size = self.snapshot.path.stat().st_size
            remove_segments(self.snapshot.path.parent, self.below, keep=self.keep)
        except BaseException as error:  # reported to the owner, who keeps the journal
            self.error = error

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="workshop-compaction", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
