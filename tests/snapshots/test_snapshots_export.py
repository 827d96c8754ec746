"""Snapshots of the export preview (demo session, the top of the plan), at two sizes."""

from __future__ import annotations

import pytest
from helpers_preview import plan_shown
from textual.pilot import Pilot

from screens.export_preview import ExportPreviewScreen
from workshop.demo import create_demo_session
from workshop.session import open_session

SIZES = [(120, 36), (100, 30)]


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "100x30"])
def test_export_preview(snap_compare, make_app, store, clock, size) -> None:  # type: ignore[no-untyped-def]
    demo = create_demo_session(store, clock)
    demo.close()
    app = make_app()

    async def show(pilot: Pilot) -> None:
        app.push_screen(ExportPreviewScreen(open_session(store, demo.session.id, clock)))
        await pilot.pause()
        await plan_shown(pilot)  # made and rendered in worker threads

    assert snap_compare(app, terminal_size=size, run_before=show)
