"""The home screen's SessionList measures its options once per width (issue 9, item 6)."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from screens.session_list import SessionList

LONG = "woord " * 30  # 180 cells: wraps, and wraps differently at another width


class CountingList(SessionList):
    """Counts how often every option is measured from scratch."""

    passes = 0

    def _update_lines(self) -> None:
        from_scratch = not self._line_cache.lines
        super()._update_lines()
        if from_scratch and self._line_cache.lines:
            self.passes += 1


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CountingList(*[f"{number} {LONG}" for number in range(20)])


def test_options_are_measured_again_only_for_a_new_width() -> None:
    async def scenario() -> None:
        app = ListApp()
        async with app.run_test(size=(100, 30)) as pilot:
            options = app.query_one(CountingList)
            await pilot.pause()
            assert options.passes == 1  # Textual's OptionList measures twice on start-up
            wide = len(options._lines)
            await pilot.resize_terminal(100, 20)  # only the height changes
            await pilot.pause()
            assert options.passes == 1
            await pilot.resize_terminal(60, 20)  # narrower: every option needs more lines
            await pilot.pause()
            assert options.passes == 2 and len(options._lines) > wide
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            assert options.passes == 3 and len(options._lines) == wide

    asyncio.run(scenario())
