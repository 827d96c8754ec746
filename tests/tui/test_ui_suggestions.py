"""Enter in a form takes the suggestion for what was typed: at once for our own list suggester,
and, for any other suggester, the grey text Textual shows."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input

from screens.suggestions import ChoiceSuggester, take_suggestion


class OneInput(App[None]):
    def __init__(self, suggester: object) -> None:
        super().__init__()
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        yield Input(suggester=self.suggester)  # type: ignore[arg-type]


def test_our_suggester_completes_before_its_grey_text_is_drawn() -> None:
    async def scenario() -> None:
        app = OneInput(ChoiceSuggester(["Anouk Bakker", "Sevda"]))
        async with app.run_test():
            field = app.query_one(Input)
            field.value = "anouk"  # no pause: Textual has not computed its suggestion yet
            field.cursor_position = len(field.value)
            take_suggestion(field)
            assert field.value == "Anouk Bakker"
            assert field.cursor_position == len("Anouk Bakker")

    asyncio.run(scenario())


def test_another_suggester_still_gives_its_shown_suggestion() -> None:
    async def scenario() -> None:
        app = OneInput(SuggestFromList(["deels", "niet"], case_sensitive=False))
        async with app.run_test() as pilot:
            field = app.query_one(Input)
            field.focus()
            await pilot.press("d", "e")
            await pilot.pause()
            take_suggestion(field)
            assert field.value == "deels"

    asyncio.run(scenario())


def test_nothing_changes_without_a_match_or_with_the_cursor_inside() -> None:
    async def scenario() -> None:
        app = OneInput(ChoiceSuggester(["deels"]))
        async with app.run_test():
            field = app.query_one(Input)
            field.value = "x"
            field.cursor_position = 1
            take_suggestion(field)
            assert field.value == "x"
            field.value = "de"
            field.cursor_position = 0
            take_suggestion(field)
            assert field.value == "de"

    asyncio.run(scenario())
