"""Suggestions from a fixed list that Enter can take at once, not only once they are drawn.

Textual computes an Input's grey suggestion in a task of its own, so whether it is there when
Enter is handled depended on timing: a fast typist got "Anouk", a slower one "Anouk Bakker".
``ChoiceSuggester.complete`` gives the same answer synchronously, so Enter always takes the
suggestion that the input shows or is about to show.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester


class ChoiceSuggester(Suggester):
    """Suggests the first choice that starts with what was typed, ignoring upper/lower case."""

    def __init__(self, choices: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.choices = list(choices)
        self._folded = [choice.casefold() for choice in self.choices]

    def complete(self, value: str) -> str | None:
        """The choice that completes ``value``, or None. ``value`` may be in any case."""
        wanted = value.casefold()
        for folded, choice in zip(self._folded, self.choices, strict=True):
            if folded.startswith(wanted):
                return choice
        return None

    async def get_suggestion(self, value: str) -> str | None:
        return self.complete(value)


def take_suggestion(field: object) -> None:
    """Complete an Input's value with its suggestion, when its cursor is at the end."""
    from textual.widgets import Input

    if not isinstance(field, Input) or not field.value or not field.cursor_at_end:
        return
    suggester = field.suggester
    if not isinstance(suggester, ChoiceSuggester):
        field.action_cursor_right()  # another suggester: take its grey text, if it is shown
        return
    completion = suggester.complete(field.value)
    if completion:
        field.value = completion
        field.cursor_position = len(completion)
