"""A plan exported from the app and one exported with ``workshop export`` are the same bytes.

Both go through one operation of the application layer (``Workspace.export``): the plan compares
each self-scan with the trajectory's earlier scan (the column *Sinds vorige scan*), and lists
contributions in the order they were said, also after an undone delete.
"""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import pytest
from helpers_preview import plan_shown, saves_done
from helpers_trajectory import first_session, second_session
from textual.pilot import Pilot

from screens.export_preview import ExportPreviewScreen
from screens.runner import RunnerScreen
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.export.followup import CHANGE_COLUMN
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SessionStore

pytestmark = pytest.mark.slow  # a system test: runs the whole program or the whole repo

SIZE = (120, 36)


def session_with_a_history(store: SessionStore, clock: FakeClock) -> str:
    """The second session of a trajectory (its scan has an earlier one), with an undone delete."""
    _, first = first_session(store, clock)
    second_id, _ = second_session(store, clock, first)
    live = open_session(store, second_id, clock)
    said_first = live.add_contribution("Eerst gezegd", Group.TEAM)
    clock.advance(60)
    live.add_contribution("Daarna gezegd", Group.TEAM)
    live.restore_contribution(live.delete_contribution(said_first.id))  # stored at the end now
    live.close()
    return second_id


async def save_from_the_app(pilot: Pilot) -> tuple[str, list[Path]]:
    """F12 in the runner, then m (Markdown) and h (HTML) in the preview."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunnerScreen)
    await pilot.press("f12")
    await pilot.pause()
    preview = await plan_shown(pilot)
    assert isinstance(preview, ExportPreviewScreen)
    for key in ("m", "h"):
        await pilot.press(key)
        await saves_done(pilot, preview)
    return preview.document(), list(preview.saved)


def test_the_app_and_the_cli_export_the_same_plan(
    make_app, store, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = session_with_a_history(store, clock)
    app = make_app(session_id)

    async def scenario() -> tuple[str, list[Path]]:
        async with app.run_test(size=SIZE) as pilot:
            return await save_from_the_app(pilot)

    shown, (app_md, app_html) = asyncio.run(scenario())
    assert CHANGE_COLUMN in shown  # the preview shows the plan as it is saved

    monkeypatch.setattr("workshop.cli.SystemClock", lambda: clock)  # the same "made on" date
    for fmt, from_app in (("md", app_md), ("html", app_html)):
        out = tmp_path / f"cli.{fmt}"
        command = ["--data", str(store.root), "export", session_id, "--format", fmt]
        assert main([*command, "--out", str(out)]) == 0
        assert from_app.read_bytes() == out.read_bytes(), fmt
        text = out.read_text(encoding="utf-8")
        assert CHANGE_COLUMN in text
        assert text.index("Eerst gezegd") < text.index("Daarna gezegd")


def test_p_in_the_preview_saves_the_same_pdf_as_the_cli(
    make_app, store, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11: the preview offers PDF too (key p), written in a worker like m and h."""
    session_id = session_with_a_history(store, clock)
    app = make_app(session_id)

    async def scenario() -> tuple[list[Path], str]:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f12")
            await pilot.pause()
            preview = await plan_shown(pilot)
            await pilot.press("p")
            await saves_done(pilot, preview)
            saved = str(preview.query_one("#export-saved").render())
            return list(preview.saved), saved

    (from_app,), said = asyncio.run(scenario())
    assert from_app.suffix == ".pdf" and from_app.read_bytes().startswith(b"%PDF-")
    assert "Opgeslagen als PDF" in said
    assert stat.S_IMODE(from_app.stat().st_mode) == 0o600

    monkeypatch.setattr("workshop.cli.SystemClock", lambda: clock)  # the same "made on" date
    out = tmp_path / "cli.pdf"
    command = ["--data", str(store.root), "export", session_id, "--format", "pdf"]
    assert main([*command, "--out", str(out)]) == 0
    assert from_app.read_bytes() == out.read_bytes()
