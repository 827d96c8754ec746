"""The journal: each change to a session as one checksummed line, appended and fsynced.

    <session folder>/journal-000001.jsonl   one JSON line per change, oldest first
    <session folder>/journal-000002.jsonl   the next segment, started when compaction began

A line is one JSON object: a sequence number, the change, and the CRC32 of the line up to the
checksum field (so the line is still plain JSON):

    {"seq":12,"op":"put","table":"contributions","id":"ab12","doc":{...},"crc":123456789}
    {"seq":13,"op":"del","table":"contributions","id":"ab12","crc":...}
    {"seq":14,"op":"batch","changes":[{"op":"put",...},{"op":"del",...}],"crc":...}
    {"seq":15,"op":"patch","table":"session","id":"cd34","set":{"position":{...}},"crc":...}

The snapshot (session.json) records the last sequence number it holds; replaying applies the
records after it, in order (workshop.snapshot, workshop.session_tables).

Damage: a bad LAST line of a segment is a write that was cut off by a crash before it was
acknowledged, and is dropped silently. A bad line with good lines after it, an unreadable
segment, or a gap in the sequence numbers is damage: what comes before it is used, and the
damaged segments are set aside under a new name (never deleted) for ``workshop doctor`` to report.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import zlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from workshop import journal_patch
from workshop.backup import DAMAGED_MARK
from workshop.journal_patch import Patch
from workshop.os_reasons import OwnOSError, os_reason
from workshop.storage import FILE_MODE, fsync_dir

SEGMENT_PREFIX = "journal-"
SEGMENT_SUFFIX = ".jsonl"
MAX_SEQ = 2**62

_SEGMENT = re.compile(r"^journal-(\d{6,})\.jsonl$")
_CHECKSUM = re.compile(rb',"crc":(\d{1,10})\}\s*$')
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# One change to one row: (table, row id, the new document, or None when the row is removed, or
# a Patch of only the fields that changed: workshop.journal_patch). The document may already be
# encoded as JSON (bytes), so that it is encoded only once.
Change = tuple[str, str, "dict[str, Any] | bytes | Patch | None"]


def encode_document(value: object) -> bytes:
    """Compact JSON in UTF-8, as TinyDB files and journal lines hold it."""
    return _ENCODE(value).encode("utf-8")


def _encode_change(change: Change) -> bytes:
    table, row_id, document = change
    head = b'"table":' + encode_document(table) + b',"id":' + encode_document(row_id)
    if document is None:
        return b'{"op":"del",' + head + b"}"
    if isinstance(document, Patch):
        body = journal_patch.encode_body(document, encode_document)
        return b'{"op":"patch",' + head + b"," + body + b"}"
    if isinstance(document, dict):
        document = encode_document(document)
    return b'{"op":"put",' + head + b',"doc":' + document + b"}"


def encode_record(seq: int, changes: Sequence[Change]) -> bytes:
    """One journal line (with its newline) for ``changes``, applied together or not at all."""
    if len(changes) == 1:
        body = _encode_change(changes[0])[1:-1]
    else:
        body = b'"op":"batch","changes":[' + b",".join(map(_encode_change, changes)) + b"]"
    record = b'{"seq":%d,' % seq + body + b"}"
    return record[:-1] + b',"crc":%d}\n' % zlib.crc32(record)


def decode_record(line: bytes) -> tuple[int, list[Change]] | None:
    """The sequence number and changes of a journal line; None when it is not a good record."""
    match = _CHECKSUM.search(line)
    if match is None:
        return None
    record = line[: match.start()] + b"}"
    if zlib.crc32(record) != int(match.group(1)):
        return None
    try:
        data = json.loads(record.decode("utf-8"))
    except (ValueError, RecursionError):  # also UnicodeDecodeError and overlong integers
        return None
    if not isinstance(data, dict):
        return None
    seq = data.get("seq")
    if type(seq) is not int or not 0 < seq < MAX_SEQ:
        return None
    parts = data.get("changes") if data.get("op") == "batch" else [data]
    if not isinstance(parts, list) or not parts:
        return None
    changes = [_decode_change(part) for part in parts]
    if any(change is None for change in changes):
        return None
    return seq, changes  # type: ignore[return-value]


def _decode_change(part: object) -> Change | None:
    if not isinstance(part, dict):
        return None
    table, row_id, op = part.get("table"), part.get("id"), part.get("op")
    if not (isinstance(table, str) and table and not table.startswith("_")):
        return None
    if not isinstance(row_id, str):
        return None
    if op == "del":
        return table, row_id, None
    if op == "patch":
        patch = journal_patch.decode(part)
        return None if patch is None else (table, row_id, patch)
    document = part.get("doc")
    if op == "put" and isinstance(document, dict) and document.get("id") == row_id:
        return table, row_id, document
    return None


# -- segments on disk -----------------------------------------------------------------------------


def segment_path(folder: Path, number: int) -> Path:
    return folder / f"{SEGMENT_PREFIX}{number:06d}{SEGMENT_SUFFIX}"


def segment_number(path: Path) -> int | None:
    match = _SEGMENT.match(path.name)
    return int(match.group(1)) if match else None


def segments(folder: Path) -> list[Path]:
    """The journal segments of a session folder, oldest first."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    numbered = [(n, p) for p in entries if (n := segment_number(p)) is not None]
    return [p for _, p in sorted(numbered)]


def _read_segment(path: Path) -> bytes:
    """The bytes of a segment. Never follows a link and never waits on a pipe: OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OwnOSError(0, "het is geen gewoon bestand")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@dataclass
class Segment:
    """What one segment holds: its good records, and where it is damaged."""

    path: Path
    records: list[tuple[int, list[Change]]] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)  # line numbers, a cut-off last line aside
    last_good_line: int = 0
    error: str | None = None  # it could not be read at all

    @property
    def damaged(self) -> bool:
        return bool(self.bad_lines) or self.error is not None


def parse_segment(path: Path) -> Segment:
    segment = Segment(path)
    try:
        data = _read_segment(path)
    except FileNotFoundError:  # removed by a compaction since it was listed: in the snapshot
        return segment
    except OSError as error:
        segment.error = os_reason(error)
        return segment
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, 1):
        record = decode_record(line)
        if record is not None:
            segment.records.append(record)
            segment.last_good_line = number
        elif number < len(lines):  # the last line may have been cut off: never acknowledged
            segment.bad_lines.append(number)
    return segment


@dataclass
class Replay:
    """The records to apply after a snapshot, and what was found damaged on the way."""

    records: list[tuple[int, list[Change]]]
    last_seq: int
    segments: list[Path]  # every segment that was read
    damaged: list[Path]  # to set aside: damaged, or holding records that cannot be applied
    problem: str | None  # the first damage, in Dutch


def parse_segments(folder: Path) -> list[Segment]:
    """Every segment of a folder, read. Read them BEFORE the snapshot when a compaction may run
    meanwhile (another process): a snapshot read later covers every segment removed since."""
    return [parse_segment(path) for path in segments(folder)]


def read_journal(folder: Path, after: int) -> Replay:
    return replay_segments(parse_segments(folder), after)


def replay_segments(found: list[Segment], after: int) -> Replay:
    """Keep the records after sequence number ``after``, in order.

    Records must follow each other without a gap: a record whose number skips one means that
    something before it is missing, and it is left out (and its segment set aside). When one
    number occurs twice, the later record counts: the earlier one is an append that failed and
    could not be taken back, so it was never acknowledged and its number was used again.
    """
    latest: dict[int, tuple[int, list[Change]]] = {}  # seq: (index of its segment, changes)
    for index, segment in enumerate(found):
        for seq, changes in segment.records:
            if seq > after:
                latest[seq] = (index, changes)
    records = []
    expected = after + 1
    while expected in latest:
        records.append((expected, latest.pop(expected)[1]))
        expected += 1
    damaged = [s for s in found if s.damaged]
    problem = _describe(damaged[0]) if damaged else None
    if latest:  # records that cannot be applied: something before them is missing
        unusable = {index for index, _ in latest.values()}
        gap = found[min(unusable)].path.name
        problem = problem or f"in {gap} ontbreken wijzigingen (na nummer {expected - 1})."
        damaged += [found[i] for i in sorted(unusable) if not found[i].damaged]
    elif damaged and not _anything_after_damage(found):
        problem = f"{problem} Misschien ontbreekt er iets."
    elif damaged:
        problem = f"{problem} Er ontbreekt niets: de wijzigingen daarna sluiten aan."
    paths = [s.path for s in found]
    return Replay(records, expected - 1, paths, [s.path for s in damaged], problem)


def _anything_after_damage(found: list[Segment]) -> bool:
    """Whether good records follow the last damage, so that their numbers prove nothing is lost."""
    last = max(i for i, s in enumerate(found) if s.damaged)
    segment = found[last]
    if segment.bad_lines and segment.last_good_line > segment.bad_lines[-1]:
        return True
    return any(s.records for s in found[last + 1 :])


def _describe(segment: Segment) -> str:
    if segment.error is not None:
        return f"{segment.path.name} kan niet worden gelezen ({segment.error})."
    lines = ", ".join(map(str, segment.bad_lines[:5]))
    return f"regel {lines} van {segment.path.name} is beschadigd."


def highest_seq(found: Iterable[Segment]) -> int:
    return max((seq for s in found for seq, _ in s.records), default=0)


def set_aside(paths: Iterable[Path], moment: datetime) -> list[Path]:
    """Rename damaged segments so that they are kept but never replayed again. Raises OSError."""
    kept = []
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    for path in paths:
        target = path.with_name(f"{path.name}{DAMAGED_MARK}-{stamp}")
        number = 1
        while target.exists():
            number += 1
            target = path.with_name(f"{path.name}{DAMAGED_MARK}-{stamp}-{number}")
        os.rename(path, target)
        kept.append(target)
    if kept:
        fsync_dir(kept[0].parent)
    return kept


def remove_segments(folder: Path, below: int, *, keep: Collection[Path] = ()) -> None:
    """Delete the segments numbered below ``below`` (except ``keep``): a durable snapshot holds
    all they held. A segment that cannot be deleted does no harm: replaying skips its records.
    """
    removed = False
    for path in segments(folder):
        number = segment_number(path)
        if number is not None and number < below and path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed = True
    if removed:
        with contextlib.suppress(OSError):
            fsync_dir(folder)


# -- appending ------------------------------------------------------------------------------------


class JournalWriter:
    """Appends records to the current segment; each append is durable before it returns.

    A segment file is created at its first append (and the folder fsynced, so that the new file
    itself survives a crash). ``rotate`` makes the next append start a new segment.
    """

    def __init__(self, folder: Path, segment: int) -> None:
        self.folder = folder
        self.segment = segment
        self.size = 0  # bytes in the current segment
        self._fd: int | None = None

    def append(self, line: bytes) -> None:
        """Write ``line`` and fsync it. On OSError the segment is as it was before."""
        created = self._fd is None
        if created:
            self._fd = os.open(
                segment_path(self.folder, self.segment),
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_BINARY", 0),
                FILE_MODE,
            )
        start = self.size
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view) :]  # type: ignore[arg-type]
            os.fsync(self._fd)  # type: ignore[arg-type]
            if created:
                fsync_dir(self.folder)
        except OSError:
            self.take_back(start, created=created)
            raise
        self.size += len(line)

    def take_back(self, size: int, *, created: bool = False) -> None:
        """Cut the segment back to ``size`` bytes: undo an append that was not acknowledged.

        When that fails too, the next append goes to a new segment; whatever stays behind is a
        cut-off last line there, which replaying drops.
        """
        fd = self._fd
        if fd is None:
            return
        try:
            if created:
                self.close()
                segment_path(self.folder, self.segment).unlink()
                return
            os.ftruncate(fd, size)
            os.fsync(fd)
            self.size = size
        except OSError:
            self.rotate()

    def rotate(self) -> int:
        """Start a new segment at the next append; returns its number (older ones are complete)."""
        self.close()
        self.segment += 1
        self.size = 0
        return self.segment

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
