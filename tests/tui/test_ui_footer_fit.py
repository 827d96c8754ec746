"""The runner's footer fits (issue 11, item 5): at 100 and 120 columns, while typing and in the
list, every key it shows is whole and on screen, and the menu key (Ctrl+P) is shown once."""

from __future__ import annotations

import asyncio

import pytest
from helpers_keys import new_session, runner_of, settle
from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from screens.runner import RunnerScreen
from workshop.demo import create_demo_session


def footer_problems(screen: RunnerScreen) -> list[str]:
    """Keys (and group labels) of the footer that are cut off or beyond the screen's edge."""
    footer = screen.query_one(Footer)
    right = footer.region.right
    palette = [key for key in footer.query(FooterKey) if key.has_class("-command-palette")]
    if palette:
        right = palette[0].region.x  # nothing may run under the menu key on the right
    problems = []
    for widget in [*footer.query(FooterKey), *footer.query(FooterLabel)]:
        if not widget.display:
            continue
        text = widget.render()
        needed = cell_len(str(text))
        region = widget.region
        edge = footer.region.right if widget in palette else right
        if region.width < needed or region.right > edge or region.width == 0:
            problems.append(f"{str(text).strip()!r}: {region} needs {needed}, edge {edge}")
    return problems


def shown_keys(screen: RunnerScreen) -> list[str]:
    return [key.key for key in screen.query(FooterKey) if key.display and key.region.width]


@pytest.mark.parametrize("size", [(100, 30), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", ["typing", "list"])
def test_every_footer_key_is_whole(make_app, store, clock, size, mode) -> None:
    live = create_demo_session(store, clock)
    live.go_to(3, 0)
    session_id = live.session.id
    live.close()

    async def scenario() -> None:
        app = make_app(session_id)
        async with app.run_test(size=size) as pilot:
            screen = await runner_of(pilot)
            if mode == "list":
                await pilot.press("escape")
            await settle(pilot)
            await pilot.pause()
            keys = shown_keys(screen)
            assert footer_problems(screen) == []
            assert keys.count("ctrl+p") == 1, keys  # the menu once, not twice
            for essential in ("f1", "f5", "ctrl+q"):
                assert essential in keys, keys
            if mode == "list":
                assert "e" in keys and "a" in keys, keys

    asyncio.run(scenario())


def test_a_wider_window_shows_more_keys(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        app = make_app(session_id)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await runner_of(pilot)
            narrow = shown_keys(screen)
            await pilot.resize_terminal(200, 55)
            await settle(pilot)
            await pilot.pause()
            wide = shown_keys(screen)
            assert footer_problems(screen) == []
            assert set(narrow) < set(wide), (narrow, wide)
            assert "f12" in wide

    asyncio.run(scenario())
