"""Builders and checks shared by the tests of `workshop vergeet` (issue 8)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from helpers_sessions import close_folded, fold

from workshop.cli import main
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SessionStore


def as_word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word, in any case and with any spacing: how a person would look."""
    spaced = r"\s+".join(re.escape(part) for part in name.split())
    return re.compile(rf"(?<!\w){spaced}(?!\w)", re.IGNORECASE)


def files_naming(root: Path, name: str) -> list[str]:
    """Every file under ``root`` that holds ``name`` (any case, any spacing) as a word."""
    pattern = as_word(name)
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file()
        and not p.is_symlink()  # pipes and links are not data files; nothing is read from them
        and pattern.search(p.read_bytes().decode("utf-8", "replace"))
    )


def with_backups(store: SessionStore, clock: FakeClock, live_id: str, count: int = 3) -> None:
    """Open and close a session ``count`` times: each opening backs up the file as it was.
    The journal is folded into the file each time, so that every backup holds all before it."""
    fold(store, live_id)
    for n in range(count):
        clock.advance(60)
        again = open_session(store, live_id, clock)
        again.add_contribution(f"Nog iets {n}", Group.TEAM)
        close_folded(store, again)


def cli(store: SessionStore, *args: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return main(["--data", str(store.root), *args])
