"""What listing agreements needs, kept beside the summary: ``agreements.json`` in a session folder.

    {"format": "workshop-agreements", "version": 1, "id": "<session id>",
     "seq": S, "snapshot_seq": T, "snapshot": [inode, size, mtime_ns, ctime_ns],
     "agreements": [{...}, ...]}

It holds the session's agreements as they were after journal record S, written by the store
(``workshop.store.SessionFile``) whenever the agreements change, after each compaction and on
opening, so that ``workshop afspraken`` reads this small file instead of every remark of every
session. It is only a copy: the session file and its journal stay the truth.

It is used only when it provably still matches the session (``fresh_rows``); else the caller
loads that one session, as before:
- the snapshot (session.json) is the very file it was written beside (inode, size and times),
  and the last journal number that snapshot holds is still T;
- record S is in the journal, or is the snapshot itself (S == T);
- the journal is undamaged, and no record after S touches the agreements.
A crash between a journal append and this file's write, a compaction or restore that replaced the
snapshot, a damaged journal or a hand-edited file all fail one of these.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop import journal
from workshop.errors import WorkshopError
from workshop.folders import SESSION_FILE
from workshop.json_file import read_json
from workshop.schema import STORED, decode

if TYPE_CHECKING:
    from workshop.session_tables import SessionTables

INDEX_FILE = "agreements.json"
INDEX_FORMAT = "workshop-agreements"
INDEX_VERSION = 1
AGREEMENTS = "agreements"  # workshop.stored_session.AGREEMENTS_TABLE

# The snapshot ends with its journal number and schema marker (workshop.snapshot writes them
# last). Read from the file's tail only to REFUSE this index when it differs, never to accept data.
_TAIL = 512
_SNAPSHOT_END = re.compile(
    rb'[{,]"_journal":\{"1":\{"seq":(\d{1,19})\}\},'
    rb'"_schema":\{"1":\{"format":"workshop-session","version":\d{1,9}\}\}\}\s*\Z'
)

Identity = list[int]


def snapshot_identity(path: Path) -> Identity | None:
    """What tells this snapshot file from any file that replaces it; None when it is no file."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


def snapshot_tail_seq(path: Path) -> int | None:
    """The last journal number the snapshot holds, read from its last bytes; None if unsure."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        tail = os.pread(fd, _TAIL, max(size - _TAIL, 0))
    except OSError:
        return None
    finally:
        os.close(fd)
    match = _SNAPSHOT_END.search(tail)
    return int(match.group(1)) if match else None


def encode_index(
    session_id: str,
    seq: int,
    snapshot_seq: int,
    identity: Identity,
    rows: Iterable[dict[str, Any] | bytes],
) -> bytes:
    """The file's bytes; ``rows`` are agreement documents, or those already encoded as JSON."""
    encode = journal.encode_document
    head = {
        "format": INDEX_FORMAT,
        "version": INDEX_VERSION,
        "id": session_id,
        "seq": seq,
        "snapshot_seq": snapshot_seq,
        "snapshot": identity,
    }
    documents = b",".join(row if isinstance(row, bytes) else encode(row) for row in rows)
    return encode(head)[:-1] + b',"agreements":[' + documents + b"]}"


def write_index(folder: Path, content: bytes) -> None:
    """Write the file durably (atomic rename). Raises OSError."""
    from workshop.storage import write_atomically  # loads TinyDB: not needed for reading

    write_atomically(folder / INDEX_FILE, content)


def write_current(
    folder: Path, tables: SessionTables, *, expected: Identity | None = None
) -> bool:
    """Write the index for the session's rows as ``tables`` hold them now (a writer's, or a
    reader's that has just loaded; then the snapshot must still be ``expected``). The index is
    only a copy: a failure is no error, since an old file that no longer matches the journal or
    the snapshot is never used. True when written."""
    identity = snapshot_identity(folder / SESSION_FILE)
    if identity is None or (expected is not None and identity != expected):
        return False
    rows = tables.rows(AGREEMENTS)
    content = encode_index(folder.name, tables.seq, tables.compacted_seq, identity, rows)
    try:
        write_index(folder, content)
    except OSError:
        return False
    return True


def remove_index(folder: Path) -> None:
    """Remove the file (before the snapshot is replaced wholesale). Raises OSError."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / INDEX_FILE)


def fresh_rows(folder: Path) -> list[Any] | None:
    """The agreement documents of the index when it provably matches the session; else None.

    Reads the index, then the journal, then checks the snapshot: a compaction that runs
    meanwhile replaces the snapshot before it removes journal segments, so it is always seen.
    """
    try:
        data = read_json(folder / INDEX_FILE)
    except (WorkshopError, OSError):
        return None
    if not _well_formed(data, folder.name):
        return None
    seq, snapshot_seq = data["seq"], data["snapshot_seq"]
    found = journal.parse_segments(folder)
    if any(segment.damaged for segment in found):
        return None
    replay = journal.replay_segments(found, seq)
    if replay.problem is not None or replay.damaged:
        return None  # something after S is missing
    if not all(_checked(change) for _, changes in replay.records for change in changes):
        return None
    in_journal = any(number == seq for segment in found for number, _ in segment.records)
    if not (in_journal or seq == snapshot_seq):
        return None
    path = folder / SESSION_FILE
    if snapshot_identity(path) != data["snapshot"] or snapshot_tail_seq(path) != snapshot_seq:
        return None
    return data["agreements"]  # type: ignore[no-any-return]


def _checked(change: journal.Change) -> bool:
    """A change after the index that leaves the agreements alone and that loading would accept
    on its own (the loaded path names a damaged session; so must this one)."""
    from workshop.stored_session import row_type  # only when the journal has changes after it

    table, _, document = change
    hint = row_type(table)
    if table == AGREEMENTS or hint is None or isinstance(document, journal.Patch):
        return False  # a patch can only be checked on its row: load the session
    if document is None:
        return True
    try:
        decode(document, hint, STORED)
    except (ValueError, RecursionError):
        return False
    return True


def _well_formed(data: object, session_id: str) -> bool:
    def number(value: object) -> bool:
        return type(value) is int and 0 <= value < journal.MAX_SEQ

    if not isinstance(data, dict):
        return False
    identity = data.get("snapshot")
    return (
        data.get("format") == INDEX_FORMAT
        and data.get("version") == INDEX_VERSION
        and data.get("id") == session_id
        and number(data.get("seq"))
        and number(data.get("snapshot_seq"))
        and data["snapshot_seq"] <= data["seq"]
        and isinstance(identity, list)
        and len(identity) == 4
        and all(type(part) is int for part in identity)
        and isinstance(data.get("agreements"), list)
        and all(isinstance(row, dict) for row in data["agreements"])
    )
