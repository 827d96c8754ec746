"""The atomic TinyDB storage: write order, schema version, refusal of foreign files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from workshop.errors import DamagedFileError
from workshop.storage import (
    SCHEMA_FORMAT,
    SCHEMA_VERSION,
    AtomicJSONStorage,
    ReadOnlyError,
    find_leftovers,
    is_leftover,
    read_json,
    remove_leftovers,
    write_atomically,
)


def test_write_order_is_tmp_fsync_replace_then_folder_fsync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "session.json"
    target.write_bytes(b"old")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            events.append(("fsync-folder", ""))
        else:
            # At fsync time the temporary file already holds everything, the target still the old.
            events.append(("fsync-file", f"{os.pread(fd, 100, 0)!r} {target.read_bytes()!r}"))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(("replace", f"{Path(src).name} -> {Path(dst).name}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomically(target, b"new contents")

    assert [e[0] for e in events] == ["fsync-file", "replace", "fsync-folder"]
    assert events[0][1] == "b'new contents' b'old'"
    tmp_name = events[1][1].split(" -> ")[0]
    assert is_leftover(tmp_name) and tmp_name.startswith(".session.json.")
    assert events[1][1].endswith("-> session.json")
    assert target.read_bytes() == b"new contents"
    assert find_leftovers(tmp_path) == []


def test_every_file_carries_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("contributions").insert({"id": "a", "text": "hallo"})
    data = json.loads(path.read_text())
    assert data["_schema"] == {"1": {"format": SCHEMA_FORMAT, "version": SCHEMA_VERSION}}
    assert data["contributions"] == {"1": {"id": "a", "text": "hallo"}}
    assert TinyDB(path, storage=AtomicJSONStorage).table("contributions").all() == [
        {"id": "a", "text": "hallo"}
    ]


def _good_file(path: Path) -> None:
    TinyDB(path, storage=AtomicJSONStorage).table("session").insert({"id": "x"})


BAD_FILES = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "not json": lambda good: b"Dit is geen JSON\n",
    "not utf-8": lambda good: b"\xff\xfe{}",
    "a list": lambda good: b"[1, 2, 3]",
    "no schema": lambda good: b'{"session": {"1": {"id": "x"}}}',
    "other format": lambda good: good.replace(SCHEMA_FORMAT.encode(), b"iets-anders"),
    "newer version": lambda good: good.replace(b'"version":1', b'"version":2'),
    "version as text": lambda good: good.replace(b'"version":1', b'"version":"1"'),
    "table not a table": lambda good: json.dumps(
        {**json.loads(good), "session": [{"id": "x"}]}
    ).encode(),
    "row not a row": lambda good: json.dumps({**json.loads(good), "session": {"1": 5}}).encode(),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_foreign_or_damaged_files_are_refused_and_left_alone(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "session.json"
    _good_file(path)
    bad = BAD_FILES[kind](path.read_bytes())
    path.write_bytes(bad)
    storage = AtomicJSONStorage(path)
    with pytest.raises(DamagedFileError) as caught:
        storage.read()
    assert str(path) in str(caught.value)
    assert "beschadigd of onbekend" in str(caught.value)
    if kind.endswith("not a table") or kind.endswith("not a row"):
        assert "geen lijst met gegevens" in str(caught.value)
    assert path.read_bytes() == bad


def test_unknown_version_message_names_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    _good_file(path)
    path.write_bytes(path.read_bytes().replace(b'"version":1', b'"version":7'))
    with pytest.raises(DamagedFileError, match=r"schemaversie 7 is onbekend.*versie 1"):
        AtomicJSONStorage(path).read()


def test_stock_tinydb_file_is_not_taken_for_ours(tmp_path: Path) -> None:
    path = tmp_path / "stock.json"
    TinyDB(path, storage=JSONStorage).insert({"a": 1})
    with pytest.raises(DamagedFileError, match="geen sessiebestand van workshop"):
        AtomicJSONStorage(path).read()


def test_read_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "summary.json"
    path.write_text("{kapot")
    with pytest.raises(DamagedFileError, match=r"summary\.json"):
        read_json(path)


def test_cache_notices_a_file_replaced_by_someone_else(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    first = AtomicJSONStorage(path)
    first.write({"t": {"1": {"v": 1}}})
    assert first.read()["t"] == {"1": {"v": 1}}  # type: ignore[index]
    AtomicJSONStorage(path).write({"t": {"1": {"v": 2}}})
    assert first.read()["t"] == {"1": {"v": 2}}  # type: ignore[index]


def test_cache_is_not_changed_by_what_the_caller_does_with_a_read(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"v": 1}}})
    data = storage.read()
    data["t"]["1"]["v"] = 99  # type: ignore[index]
    data["t"]["2"] = {"v": 2}  # type: ignore[index]
    assert storage.read()["t"] == {"1": {"v": 1}}  # type: ignore[index]


def test_read_only_storage_refuses_to_write(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    AtomicJSONStorage(path).write({"t": {}})
    before = path.read_bytes()
    with pytest.raises(ReadOnlyError, match="alleen-lezen"):
        AtomicJSONStorage(path, read_only=True).write({"t": {"1": {}}})
    assert path.read_bytes() == before


def test_leftovers_are_recognised_and_removed_but_nothing_else(tmp_path: Path) -> None:
    for name in (".session.json.abc123.tmp", ".summary.json.x.tmp", "session.json", "notes.tmp"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_leftovers(tmp_path)] == [
        ".session.json.abc123.tmp",
        ".summary.json.x.tmp",
    ]
    remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.tmp", "session.json"]
