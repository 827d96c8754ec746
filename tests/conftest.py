"""Shared fixtures: a store in a temp folder, a clock that only moves when told, the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from workshop.clock import FakeClock
from workshop.store import SessionStore

START = datetime.fromisoformat("2026-03-10T09:00:00+01:00")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    store = SessionStore(tmp_path / "data")
    store.ensure()
    return store


@pytest.fixture
def exports_dir(tmp_path: Path) -> Path:
    return tmp_path / "exports"


@pytest.fixture
def make_app(store: SessionStore, clock: FakeClock, exports_dir: Path) -> Callable[..., object]:
    """Build the real app on the temp store and fake clock; UI tests only."""

    def build(open_session_id: str | None = None):  # type: ignore[no-untyped-def]
        from screens.app import WorkshopApp
        from workshop.app.workspace import Workspace

        workspace = Workspace(store, clock, exports_dir)
        return WorkshopApp(workspace, open_session_id=open_session_id)

    return build
