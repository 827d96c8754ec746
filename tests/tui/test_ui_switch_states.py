"""Switches whose on and off states differ in shape, not only in colour (issue 11, item 3):
a projector washes colour out, so a facilitator must see which self-scans are on."""

from __future__ import annotations

import asyncio

from helpers_preview import plan_shown
from textual.pilot import Pilot
from textual.widgets import Checkbox

from screens.export_preview import ExportPreviewScreen
from screens.new_session import NewSessionScreen
from workshop.demo import create_demo_session
from workshop.session import open_session

SIZE = (120, 36)


def drawn_row(pilot: Pilot, box: Checkbox) -> str:
    """The characters on screen in the box's row, as the terminal shows them (no colour)."""
    strips = pilot.app.screen._compositor.render_strips()
    region = box.region
    row = "".join(segment.text for segment in strips[region.y])
    return row[region.x : region.right]


async def flip(pilot: Pilot, box: Checkbox) -> tuple[str, str]:
    """What the box looks like before and after it is switched with the space bar."""
    box.focus()
    await pilot.pause()
    before = drawn_row(pilot, box)
    await pilot.press("space")
    await pilot.pause()
    return before, drawn_row(pilot, box)


def test_self_scan_choices_show_on_and_off_in_text(make_app) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            form = pilot.app.screen
            assert isinstance(form, NewSessionScreen)
            boxes = list(form.query(".scan-choice").results(Checkbox))
            assert boxes, "the form offers self-scans"
            off, on = await flip(pilot, boxes[0])
            assert boxes[0].value is True
            assert off != on
            assert "[ ]" in off and "[✓]" in on
            back, _ = await flip(pilot, boxes[0])
            assert back == on and boxes[0].value is False
            assert drawn_row(pilot, boxes[0]) == off

    asyncio.run(scenario())


def test_without_names_switch_shows_on_and_off_in_text(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    demo = create_demo_session(store, clock)
    demo.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(ExportPreviewScreen(open_session(store, demo.session.id, clock)))
            await pilot.pause()
            await plan_shown(pilot)
            assert isinstance(app.screen, ExportPreviewScreen)
            box = app.screen.query_one("#export-without-names", Checkbox)
            off, on = await flip(pilot, box)
            await plan_shown(pilot)
            assert box.value is True
            assert off.startswith("[ ]") and on.startswith("[✓]")

    asyncio.run(scenario())
