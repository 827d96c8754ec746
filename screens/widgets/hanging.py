"""Items with a head (a bullet, a mark) and text beside it that wraps under itself, not under
the head: a hanging indent, so a wrapped bullet still reads as one item (issue 11, item 8)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

Item = tuple[Content | str, Content | str]  # (head, body); an empty head: a plain paragraph


def _content(text: Content | str) -> Content:
    return Content(text) if isinstance(text, str) else text


class HangingList(Visual):
    """Items one under the other; each body wraps in the room right of its own head."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = [(_content(head), _content(body)) for head, body in items]

    def __str__(self) -> str:
        """The plain text, one line per item (unwrapped)."""
        return "\n".join(head.plain + body.plain for head, body in self.items)

    def lines(self, width: int) -> Content:
        """Every item wrapped to ``width`` cells, as one Content of lines."""
        lines: list[Content] = []
        for head, body in self.items:
            indent = head.cell_length
            blank = Content(" " * indent)
            wrapped = body.wrap(max(1, width - indent)) or [Content("")]
            lines += [
                Content.assemble(head if index == 0 else blank, line)
                for index, line in enumerate(wrapped)
            ]
        return Content("\n").join(lines)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.lines(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (
                head.cell_length + body.get_optimal_width(rules, container_width)
                for head, body in self.items
            ),
            default=0,
        )

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max(
            (head.cell_length + body.get_minimal_width(rules) for head, body in self.items),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines(width).get_height(rules, width)


class Hanging(HangingList):
    """One item: ``head`` on the first line, the rest of ``body`` under the body."""

    def __init__(self, head: Content | str, body: Content | str) -> None:
        super().__init__([(head, body)])
