"""A session's rows in memory, made durable by the journal and compacted into the snapshot.

Every change is one journal record, appended and fsynced before it is applied in memory
(workshop.journal): a save costs the same however large the session is. Now and then the rows
are written as a new snapshot (workshop.snapshot) in a background thread, from a copy taken at
that moment, while appends go on in a new journal segment; afterwards the older segments go.

When compaction happens, so that the bytes written per change stay bounded (about five times a
journal line, whatever the size of the session):
- when the journal since the last compaction reaches a quarter of the snapshot's size;
- at a step change (a quiet moment) once it reaches a sixteenth;
- on opening for writing and on closing, only once it reaches that same quiet threshold (or, on
  opening, when part of it is damaged and must be set aside). A smaller journal stays as it is
  and counts towards the next compaction: opening a large session, adding a few remarks and
  closing it again does not rewrite the whole snapshot. The snapshot (and a backup made from it)
  is always a complete, good file; the last few changes may live only in the journal, which
  every read replays. ``fold`` compacts now, for those that rewrite the files anyway.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop import journal, journal_patch
from workshop.errors import StoreError, WorkshopError
from workshop.journal import Change, JournalWriter, Replay, encode_document, encode_record
from workshop.journal_patch import Patch
from workshop.snapshot import (
    JOURNAL_TABLE,
    Compaction,
    Rows,
    SnapshotStorage,
    rows_from_tables,
    snapshot_seq,
    snapshot_tables,
)
from workshop.storage import SCHEMA_TABLE, ReadOnlyError, Tables, save_error


class SessionTables:
    """The rows of one session file. One thread makes the changes; compaction runs beside it."""

    COMPACT_RATIO = 4
    QUIET_RATIO = 16
    COMPACT_MIN_BYTES = 32 * 1024
    QUIET_MIN_BYTES = 8 * 1024

    def __init__(self, folder: Path, path: Path, names: tuple[str, ...], *, writable: bool) -> None:
        self.folder = folder
        self.names = names  # the tables holding rows; other tables are kept as they are
        self.writable = writable
        self.problem: str | None = None  # damage found in the journal, in Dutch
        self.kept: list[Path] = []  # damaged journal segments this process set aside
        self.warnings: list[str] = []
        self._snapshot = SnapshotStorage(path)
        self._rows: Rows = {name: {} for name in names}
        self._extra: Tables = {}
        self._seq = 0  # the last record appended or replayed
        self.compacted_seq = 0  # the last record the snapshot on disk holds (as far as known)
        self.after_compaction: Callable[[], None] | None = None  # called once one is done
        self._loaded = False
        self._replay: Replay | None = None
        self._writer: JournalWriter | None = None
        self._appended: tuple[list[Change], int, int] | None = None  # changes, line size, mark
        self._pending = 0  # journal bytes since the last compaction started
        self._retry_at = 0  # after a failed compaction: wait until the journal is this big
        self._snapshot_size = 0
        self._compaction: Compaction | None = None

    # -- reading ----------------------------------------------------------------------------------

    def read(self, read_snapshot: Callable[[Path], Tables]) -> Rows:
        """The rows of the snapshot with the journal replayed on top. Writes nothing.

        The journal is read first: a compaction in another process may replace the snapshot and
        remove segments meanwhile, and a snapshot read afterwards holds all those segments held.
        """
        found = journal.parse_segments(self.folder)
        path = self._snapshot.path
        tables = read_snapshot(path)
        rows = rows_from_tables(tables, self.names)
        self.compacted_seq = snapshot_seq(path, tables)
        replay = journal.replay_segments(found, self.compacted_seq)
        for _, changes in replay.records:
            _apply(rows, changes)
        self._rows, self._seq, self._replay, self._loaded = rows, replay.last_seq, replay, True
        self._extra = {
            name: table
            for name, table in tables.items()
            if name not in self.names and name not in (SCHEMA_TABLE, JOURNAL_TABLE)
        }
        self.problem = replay.problem
        try:
            self._snapshot_size = path.stat().st_size
        except OSError:
            self._snapshot_size = 0
        return rows

    def settle(self, moment: datetime) -> None:
        """After a good ``read`` for writing: fold the journal into the snapshot when it has
        reached the quiet threshold or part of it is damaged; else leave it for later.

        Damaged segments are set aside once the snapshot holds their good part. A failed
        compaction is only a warning, as the journal still holds every change.
        """
        replay = self._replay
        assert replay is not None and self.writable
        self._writer = JournalWriter(self.folder, _next_segment(replay.segments))
        if not replay.segments:
            return
        if not replay.damaged:
            leftover = sum(_size(path) for path in replay.segments)
            if leftover < self._quiet_bytes():  # small: folded at the next compaction
                self._pending += leftover
                return
        try:
            self._compact_now(keep=replay.damaged)
        except StoreError as error:
            if replay.damaged:
                raise  # the damaged part must go aside before anything is appended after it
            self.warnings.append(str(error))
            return
        self._set_aside(replay.damaged, moment)
        if self.kept:
            self.warnings.append(
                f"Een deel van de opgeslagen wijzigingen was beschadigd: {self.problem} Het goede "
                f"deel is gebruikt; het beschadigde deel is bewaard als "
                f"{', '.join(p.name for p in self.kept)}. 'workshop doctor' laat het zien."
            )

    @property
    def seq(self) -> int:
        """The last record appended (and applied) or replayed."""
        return self._seq

    def row(self, name: str, row_id: str) -> dict[str, Any] | bytes | None:
        """One row as it is now, or None."""
        return self._rows.get(name, {}).get(row_id)

    def rows(self, name: str) -> list[dict[str, Any] | bytes]:
        """The rows of one table as they are now (documents, or documents encoded as JSON)."""
        return list(self._rows.get(name, {}).values())

    # -- changing ---------------------------------------------------------------------------------

    def change(self, changes: list[Change], *, quiet_moment: bool = False) -> None:
        """Append ``changes`` as one durable record, then apply them. StoreError when it fails."""
        self.append(changes)
        self.commit(quiet_moment=quiet_moment)

    def append(self, changes: list[Change]) -> None:
        """The first half of ``change``: on disk, not yet applied. Then ``commit`` it, or
        ``take_back`` it when something else that belongs to the same change failed."""
        if not self.writable:
            raise ReadOnlyError()
        assert self._loaded and self._writer is not None, "load the session first"
        encoded: list[Change] = [
            (table, row_id, None if doc is None else _encoded(doc))
            for table, row_id, doc in changes
        ]
        line = encode_record(self._seq + 1, encoded)
        mark = self._writer.size
        try:
            self._writer.append(line)
        except OSError as error:
            raise save_error(error) from None
        self._appended = encoded, len(line), mark

    def commit(self, *, quiet_moment: bool = False) -> None:
        assert self._appended is not None
        encoded, size, _ = self._appended
        self._appended = None
        _apply(self._rows, encoded)
        self._seq += 1
        self._pending += size
        self._maybe_compact(quiet_moment)

    def take_back(self) -> None:
        """Undo the last ``append``: it was never acknowledged. When the journal cannot be cut
        back, the record stays, but the next one gets the same number and replaces it."""
        assert self._appended is not None and self._writer is not None
        self._writer.take_back(self._appended[2])
        self._appended = None

    def replace(self, tables: Tables, moment: datetime) -> None:
        """Make ``tables`` the whole session: a new snapshot, then an empty journal."""
        if not self.writable:
            raise ReadOnlyError()
        self.wait()
        found = [journal.parse_segment(p) for p in journal.segments(self.folder)]
        old_seq = self._seq if self._loaded else self._old_snapshot_seq()
        # Numbers only go up, so that no record of an older journal fits the new snapshot.
        seq = max(old_seq, journal.highest_seq(found))
        rows = rows_from_tables(tables, self.names)
        self._snapshot.write(snapshot_tables(rows, seq, {}))
        # What a replay would set aside (damaged, or after a gap) is kept; the rest goes.
        self._set_aside(journal.replay_segments(found, old_seq).damaged, moment)
        if self._writer is not None:
            self._writer.close()
        self._writer = JournalWriter(self.folder, _next_segment([s.path for s in found]))
        journal.remove_segments(self.folder, self._writer.segment)
        self._rows, self._extra, self._seq, self._loaded = rows, {}, seq, True
        self.compacted_seq = seq
        self._pending = 0
        self._snapshot_size = self._snapshot.path.stat().st_size

    def _old_snapshot_seq(self) -> int:
        if self._loaded:
            return 0
        try:
            tables = self._snapshot.read()
            return snapshot_seq(self._snapshot.path, tables) if tables else 0
        except WorkshopError:
            return 0  # damaged: it is being replaced

    def _set_aside(self, paths: list[Path], moment: datetime) -> None:
        try:
            self.kept += journal.set_aside(paths, moment)
        except OSError as error:
            raise save_error(error, "Het beschadigde journaal apart zetten") from None

    # -- compaction -------------------------------------------------------------------------------

    def _maybe_compact(self, quiet_moment: bool) -> None:
        if self._compaction is not None:
            if self._compaction.running:
                return
            self._finish(self._compaction)
        size = self._snapshot_size
        due = max(self.COMPACT_MIN_BYTES, size // self.COMPACT_RATIO, self._retry_at)
        if self._pending >= due or (quiet_moment and self._pending >= self._quiet_bytes()):
            self._start_compaction().start()

    def _quiet_bytes(self) -> int:
        """Journal bytes worth a compaction at a quiet moment (a step change, open, close)."""
        size = self._snapshot_size
        return max(self.QUIET_MIN_BYTES, size // self.QUIET_RATIO, self._retry_at)

    def _start_compaction(self, keep: list[Path] | None = None) -> Compaction:
        """Rotate the journal and hand a copy of the rows to a new compaction.

        A shallow copy is enough: a stored document is replaced, never changed in place.
        """
        assert self._writer is not None
        rows = {name: dict(table) for name, table in self._rows.items()}
        below = self._writer.rotate()
        self._compaction = Compaction(
            self._snapshot,
            rows,
            self._seq,
            dict(self._extra),
            below,
            keep=keep or [],
            pending=self._pending,
        )
        self._pending = 0
        return self._compaction

    def _finish(self, compaction: Compaction) -> None:
        self._compaction = None
        if compaction.error is None:
            self._snapshot_size, self._retry_at = compaction.size, 0
            self.compacted_seq = compaction.seq
            if self.after_compaction is not None:
                self.after_compaction()
        else:  # the journal still holds it all: try again once it has grown as much again
            self._pending += compaction.pending
            self._retry_at = 2 * self._pending

    def _compact_now(self, keep: list[Path] | None = None) -> None:
        self.wait()
        compaction = self._start_compaction(keep)
        compaction.run()
        self._finish(compaction)
        if isinstance(compaction.error, WorkshopError):
            raise compaction.error
        if compaction.error is not None:
            raise StoreError(f"Opslaan is mislukt ({compaction.error}).")

    def wait(self) -> None:
        """Wait until a background compaction has finished."""
        if self._compaction is not None:
            self._compaction.wait()
            self._finish(self._compaction)

    def fold(self) -> bool:
        """After ``settle``: compact now when the journal holds anything. StoreError when it
        fails (the journal still holds every change). True when a snapshot was written."""
        if not self.writable:
            raise ReadOnlyError()
        assert self._writer is not None, "load the session first"
        self.wait()
        if not journal.segments(self.folder):
            return False
        self._compact_now()
        return True

    def close(self) -> None:
        """Wait for compaction; compact a journal that has reached the quiet threshold (a
        smaller one stays, and the next open replays it); close the journal."""
        self.wait()
        if (
            self.writable
            and self._writer is not None
            and self._pending >= self._quiet_bytes()
            and journal.segments(self.folder)
        ):
            with contextlib.suppress(WorkshopError):  # nothing lost: the next open replays it
                self._compact_now()
        if self._writer is not None:
            self._writer.close()


def _encoded(document: dict[str, Any] | bytes | Patch) -> bytes | Patch:
    if isinstance(document, bytes | Patch):
        return document
    return encode_document(document)


def _apply(rows: Rows, changes: list[Change]) -> None:
    for table, row_id, document in changes:
        target = rows.setdefault(table, {})
        if document is None:
            target.pop(row_id, None)
        elif isinstance(document, Patch):
            patched = journal_patch.apply(target.get(row_id), document)
            if patched is not None:  # else nothing to patch: the checks say the row is missing
                target[row_id] = patched
        else:
            target[row_id] = document


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _next_segment(paths: list[Path]) -> int:
    return max((journal.segment_number(p) or 0 for p in paths), default=0) + 1
