"""A vote changes one option's prompt without making the list wrap every option again."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from textual.app import App, ComposeResult

from screens.themes import VARIABLE_DEFAULTS
from screens.widgets.contribution_column import ContributionColumn
from workshop.model import Contribution, Group

START = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)


def contributions(count: int) -> list[Contribution]:
    return [
        Contribution(
            text=f"opmerking {n}", group=Group.OUDERPANEL, phase=0, step=0,
            created=START + timedelta(seconds=n),
        )
        for n in range(count)
    ]  # fmt: skip


class ColumnApp(App[None]):
    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)  # the column's CSS uses the app's own colours

    def compose(self) -> ComposeResult:
        yield ContributionColumn(Group.OUDERPANEL, id="column")


def test_a_vote_keeps_the_heights_of_the_other_options() -> None:
    asyncio.run(_keeps_heights())


async def _keeps_heights() -> None:
    shown = contributions(300)
    app = ColumnApp()
    async with app.run_test(size=(100, 30)) as pilot:
        column = app.query_one(ContributionColumn)
        column.show(shown, set())
        column.finish()
        await pilot.pause()
        option_list = column.list
        assert len(option_list._lines) > 300  # every option measured once
        heights = option_list._line_cache.heights
        counted = replace(shown[5], votes=1)
        column.update(counted)
        # Not measured again: the old code forgot every height (and wrapped all 300 anew).
        assert len(heights) == 300
        assert "1 stem" in str(option_list.get_option(counted.id).prompt)
        await pilot.pause()
        line = option_list._line_cache.index_to_line[5]
        shown_lines = [option_list.render_line(y).text for y in range(line, line + 2)]
        assert any("1 stem" in text for text in shown_lines)  # drawn anew, not the old lines


def test_a_prompt_that_grows_is_measured_again() -> None:
    asyncio.run(_grows())


async def _grows() -> None:
    shown = contributions(20)
    app = ColumnApp()
    async with app.run_test(size=(60, 30)) as pilot:
        column = app.query_one(ContributionColumn)
        column.show(shown, set())
        await pilot.pause()
        option_list = column.list
        before = len(option_list._lines)
        longer = replace(shown[3], text="een lange opmerking " * 12)
        column.update(longer)
        await pilot.pause()
        assert len(option_list._lines) > before  # the longer text takes more lines
