"""The journal's record format and its replay (workshop.journal), on files made by hand.

Each record is one JSON line with a CRC32; a cut-off last line is a write that never finished
and is dropped silently; a bad line with good lines after it, an unreadable segment, or a gap in
the sequence numbers is damage: the good part before it is used and the damage is named.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from workshop.journal import (
    JournalWriter,
    decode_record,
    encode_record,
    read_journal,
    remove_segments,
    segment_path,
    segments,
    set_aside,
)

C = "contributions"


def doc(row_id: str, text: str = "tekst") -> dict[str, object]:
    return {"id": row_id, "text": text}


def write_segment(folder: Path, number: int, *records: tuple[int, list]) -> Path:  # type: ignore[type-arg]
    path = segment_path(folder, number)
    path.write_bytes(b"".join(encode_record(seq, changes) for seq, changes in records))
    return path


def applied(folder: Path, after: int = 0) -> list[int]:
    return [seq for seq, _ in read_journal(folder, after).records]


def test_a_record_is_one_json_line_with_a_checksum_and_reads_back() -> None:
    line = encode_record(7, [(C, "a1", doc("a1", "Ouders — “graag” 😀"))])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    data = json.loads(line)  # plain JSON, readable by any tool
    assert data["seq"] == 7 and data["op"] == "put" and isinstance(data["crc"], int)
    assert decode_record(line) == (7, [(C, "a1", doc("a1", "Ouders — “graag” 😀"))])
    assert decode_record(encode_record(8, [(C, "a1", None)])) == (8, [(C, "a1", None)])
    batch = [("agreements", "b", doc("b")), ("goals", "g", None)]
    assert decode_record(encode_record(9, batch)) == (9, batch)
    assert json.loads(encode_record(9, batch))["op"] == "batch"


def test_an_already_encoded_document_is_written_as_it_is() -> None:
    encoded = json.dumps(doc("a1"), separators=(",", ":")).encode()
    assert encode_record(3, [(C, "a1", encoded)]) == encode_record(3, [(C, "a1", doc("a1"))])


@pytest.mark.parametrize(
    "spoil",
    [
        lambda line: line.replace(b"tekst", b"tekst!"),  # still JSON: only the checksum shows it
        lambda line: line.replace(b'"seq":5', b'"seq":6'),
        lambda line: line[: len(line) // 2],  # cut off
        lambda line: line.replace(b'"crc":', b'"crc": '),
        lambda line: b"",
        lambda line: bytes(range(256)),
    ],
)
def test_any_change_to_a_record_is_caught(spoil) -> None:  # type: ignore[no-untyped-def]
    line = encode_record(5, [(C, "a1", doc("a1"))])
    assert decode_record(line.rstrip(b"\n")) is not None
    assert decode_record(spoil(line)) is None


def test_a_record_with_a_good_checksum_but_a_wrong_shape_is_refused() -> None:
    # Records made by hand with a correct CRC: a document whose id differs, a private table.
    assert decode_record(encode_record(1, [(C, "a1", doc("zz"))])) is None
    assert decode_record(encode_record(1, [("_schema", "a1", doc("a1"))])) is None
    assert decode_record(encode_record(0, [(C, "a1", doc("a1"))])) is None


def test_replay_takes_the_records_after_the_snapshot_in_order(tmp_path: Path) -> None:
    write_segment(tmp_path, 1, *[(n, [(C, f"r{n}", doc(f"r{n}"))]) for n in range(1, 6)])
    write_segment(tmp_path, 2, *[(n, [(C, f"r{n}", doc(f"r{n}"))]) for n in range(6, 9)])
    assert applied(tmp_path) == [1, 2, 3, 4, 5, 6, 7, 8]
    # A snapshot holding up to 6 (a crash came before the old segment was deleted): skipped.
    replay = read_journal(tmp_path, 6)
    assert [seq for seq, _ in replay.records] == [7, 8]
    assert replay.last_seq == 8 and replay.problem is None and replay.damaged == []
    assert read_journal(tmp_path, 8).records == [] and read_journal(tmp_path, 8).last_seq == 8


def test_a_cut_off_last_record_is_dropped_silently(tmp_path: Path) -> None:
    path = write_segment(tmp_path, 1, (1, [(C, "a", doc("a"))]), (2, [(C, "b", doc("b"))]))
    half = encode_record(3, [(C, "c", doc("c"))])
    path.write_bytes(path.read_bytes() + half[: len(half) - 9])
    replay = read_journal(tmp_path, 0)
    assert [seq for seq, _ in replay.records] == [1, 2]
    assert replay.problem is None and replay.damaged == []


def test_a_bad_record_in_the_middle_is_damage_and_the_good_part_before_it_is_used(
    tmp_path: Path,
) -> None:
    lines = [encode_record(n, [(C, f"r{n}", doc(f"r{n}"))]) for n in range(1, 6)]
    lines[2] = lines[2].replace(b"tekst", b"tekxt")
    path = segment_path(tmp_path, 1)
    path.write_bytes(b"".join(lines))
    replay = read_journal(tmp_path, 0)
    assert [seq for seq, _ in replay.records] == [1, 2]  # 4 and 5 cannot follow without 3
    assert replay.damaged == [path]
    assert replay.problem is not None and "regel 3" in replay.problem


def test_a_bad_line_that_hides_nothing_is_damage_but_loses_nothing(tmp_path: Path) -> None:
    path = write_segment(tmp_path, 1, (1, [(C, "a", doc("a"))]), (2, [(C, "b", doc("b"))]))
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + b"rommel\n" + lines[1])
    replay = read_journal(tmp_path, 0)
    assert [seq for seq, _ in replay.records] == [1, 2]
    assert replay.damaged == [path] and "Er ontbreekt niets" in str(replay.problem)


def test_a_missing_segment_is_a_gap(tmp_path: Path) -> None:
    write_segment(tmp_path, 1, (1, [(C, "a", doc("a"))]))
    write_segment(tmp_path, 3, (3, [(C, "c", doc("c"))]))
    replay = read_journal(tmp_path, 0)
    assert [seq for seq, _ in replay.records] == [1]
    assert replay.damaged == [segment_path(tmp_path, 3)]
    assert "ontbreken wijzigingen" in str(replay.problem)


def test_a_number_used_again_after_a_failed_append_counts_once_the_later(tmp_path: Path) -> None:
    # Record 2 was written but its append failed and could not be cut back: never acknowledged,
    # the writer moved to a new segment and gave the next change the same number.
    write_segment(tmp_path, 1, (1, [(C, "a", doc("a"))]), (2, [(C, "x", doc("x"))]))
    write_segment(tmp_path, 2, (2, [(C, "b", doc("b"))]), (3, [(C, "c", doc("c"))]))
    replay = read_journal(tmp_path, 0)
    assert [changes[0][1] for _, changes in replay.records] == ["a", "b", "c"]
    assert replay.problem is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_segment_that_is_no_regular_file_is_damage_and_never_blocks(tmp_path: Path) -> None:
    write_segment(tmp_path, 1, (1, [(C, "a", doc("a"))]))
    os.mkfifo(segment_path(tmp_path, 2))
    (tmp_path / "elders.jsonl").write_bytes(encode_record(2, [(C, "b", doc("b"))]))
    segment_path(tmp_path, 3).symlink_to(tmp_path / "elders.jsonl")
    replay = read_journal(tmp_path, 0)
    assert [seq for seq, _ in replay.records] == [1]
    assert segment_path(tmp_path, 2) in replay.damaged
    assert "kan niet worden gelezen" in str(replay.problem)


def test_set_aside_keeps_the_bytes_under_a_name_that_is_never_replayed(tmp_path: Path) -> None:
    from datetime import datetime

    path = write_segment(tmp_path, 1, (1, [(C, "a", doc("a"))]))
    content = path.read_bytes()
    moment = datetime(2026, 3, 10, 9, 0)
    (kept,) = set_aside([path], moment)
    (again,) = set_aside([write_segment(tmp_path, 1, (1, [(C, "b", doc("b"))]))], moment)
    assert kept.read_bytes() == content and kept != again
    assert kept.name.startswith("journal-000001.jsonl.beschadigd-20260310-090000")
    assert segments(tmp_path) == [] and read_journal(tmp_path, 0).records == []


def test_remove_segments_deletes_only_older_ones_and_never_those_kept(tmp_path: Path) -> None:
    paths = [write_segment(tmp_path, n, (n, [(C, "a", doc("a"))])) for n in (1, 2, 3)]
    remove_segments(tmp_path, 3, keep=[paths[0]])
    assert segments(tmp_path) == [paths[0], paths[2]]


def test_the_writer_creates_private_segments_and_makes_the_new_file_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr("workshop.journal.fsync_dir", synced.append)
    old_umask = os.umask(0)
    try:
        writer = JournalWriter(tmp_path, 4)
        writer.append(encode_record(1, [(C, "a", doc("a"))]))
        writer.append(encode_record(2, [(C, "b", doc("b"))]))
    finally:
        os.umask(old_umask)
    path = segment_path(tmp_path, 4)
    assert path.stat().st_mode & 0o777 == 0o600
    assert synced == [tmp_path]  # once, when the file was created
    assert applied(tmp_path) == [1, 2]
    assert writer.rotate() == 5
    writer.append(encode_record(3, [(C, "c", doc("c"))]))
    assert segments(tmp_path) == [path, segment_path(tmp_path, 5)]
    writer.close()


def test_a_failed_append_is_cut_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = JournalWriter(tmp_path, 1)
    writer.append(encode_record(1, [(C, "a", doc("a"))]))
    before = segment_path(tmp_path, 1).read_bytes()
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError):
        writer.append(encode_record(2, [(C, "b", doc("b"))]))
    monkeypatch.undo()
    assert segment_path(tmp_path, 1).read_bytes() == before
    writer.append(encode_record(2, [(C, "b", doc("b"))]))
    assert applied(tmp_path) == [1, 2]
    writer.close()
