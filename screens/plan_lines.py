"""The plan (Markdown) as terminal lines, made off the UI thread, the top of the plan first.

Textual's ``Markdown`` widget makes a widget per block: a plan of 10,000 remarks took over a
minute to show, and as long to take down, all on the UI thread. Here Rich renders the Markdown to
lines of a fixed width in a worker thread, and a line-by-line view (``screens.widgets.plan_view``)
draws only the lines in sight.

The plan is cut into parts that each render exactly as they do inside the whole document, so the
first screenful can be shown while the rest is still being rendered. A part ends only where a
block ends (a blank line between blocks: the renderer puts one blank line there) or between two
items of a bullet list (no line between them). ``tests/test_ui_plan_lines.py`` checks that the
parts together give the same lines as the whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass

from rich.color import ColorParseError
from rich.console import Console
from rich.errors import StyleSyntaxError
from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme
from textual.strip import Strip

FIRST_PART_LINES = 40  # Markdown lines in the first part: a screenful and more, rendered fast
PART_LINES = 400  # in each later part
DRAFT_ROWS = 10  # rows of a long table in the first part's draft: a screenful, wrapped as they are


@dataclass(frozen=True)
class Part:
    """Some blocks of the plan; ``gap``: a blank line goes between this part and the one before."""

    text: str
    gap: bool


def _item(line: str) -> bool:
    return line.startswith(("- ", "* ", "+ "))


def plan_parts(
    markdown: str, first: int = FIRST_PART_LINES, size: int = PART_LINES
) -> Iterator[Part]:
    """``markdown`` cut into parts of about ``first`` lines, then about ``size`` lines each."""
    lines = markdown.split("\n")
    current: list[str] = []
    gap = False
    limit = first
    fenced = False  # inside a ``` block nothing is cut
    for index, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        if len(current) >= limit and not fenced:
            if not line.strip():  # a block ends here: the blank line is the renderer's
                yield Part("\n".join(current), gap)
                current, gap, limit = [], True, size
                continue
            previous = lines[index - 1] if index else ""
            if _item(line) and _item(previous):  # between two items of one list
                yield Part("\n".join(current), gap)
                current, gap, limit = [], False, size
        if current or line.strip():  # a part never starts with blank lines
            current.append(line)
    if any(line.strip() for line in current):
        yield Part("\n".join(current), gap)


def _table_row(line: str) -> bool:
    return line.startswith("|")


def draft_of(part: Part, rows: int = DRAFT_ROWS) -> Part | None:
    """The first part up to ``rows`` rows into its first table, when that table is longer.

    A table is never cut into parts (its columns are as wide as its widest cells), so the first
    part holds the whole agreements table: 100 agreements take Rich 60 ms and more. The draft,
    with the top of that table, is shown first and replaced by the real first part as soon as
    that is rendered; its columns may then shift a little. None: no long table, no draft."""
    lines = part.text.split("\n")
    start = next((i for i, line in enumerate(lines) if _table_row(line)), None)
    if start is None:
        return None
    end = start
    while end < len(lines) and _table_row(lines[end]):
        end += 1
    head = 2  # the header row and the line under it
    if end - start - head <= rows:
        return None
    return Part("\n".join(lines[: start + head + rows]), part.gap)


def plan_theme(heading_colour: str = "") -> Theme:
    """Rich's Markdown styles without colours of their own (they must read on a light and a dark
    theme); headings in the app's main colour, as Textual's Markdown widget shows them."""
    heading = "bold"
    with suppress(StyleSyntaxError, ColorParseError):
        heading = str(Style.parse(f"bold {heading_colour}"))
    styles = {
        "markdown.h1": heading,
        "markdown.h2": heading,
        "markdown.h3": "bold",
        "markdown.h4": "bold italic",
        "markdown.h5": "italic",
        "markdown.h6": "italic",
        "markdown.list": "none",
        "markdown.item.bullet": "bold",
        "markdown.item.number": "none",
        "markdown.block_quote": "italic",
        "markdown.code": "bold",
        "markdown.code_block": "none",
        "markdown.hr": "none",
        "markdown.link": "underline",
        "markdown.link_url": "underline",
        "markdown.table.border": "none",
        "markdown.table.header": "bold",
    }
    return Theme(styles)


# One line of the plan, kept small: its text, and where each style ends in it, as (end, style
# number) pairs in turn. Strips of Rich segments and styles are about a dozen objects a line
# that the garbage collector must walk: a plan of 10,000 remarks made 130,000 of them, and
# dropping them when the preview closed took 100 ms on the UI thread. A tuple of a string and
# small ints is not even tracked.
Line = tuple[str, tuple[int, ...]]


def blank_line(width: int) -> Line:
    return (" " * width, (width, 0))


def to_strip(line: Line, styles: list[Style | None], width: int) -> Strip:
    """The line as Textual draws it."""
    text, spans = line
    segments = []
    start = 0
    for index in range(0, len(spans), 2):
        end = spans[index]
        segments.append(Segment(text[start:end], styles[spans[index + 1]]))
        start = end
    return Strip(segments, width)


class PlanRenderer:
    """Renders parts of one plan at one width; one per worker thread (a Console is not shared).

    ``styles`` holds the styles its lines refer to by number; it only grows, so the numbers in
    lines handed out earlier stay valid."""

    def __init__(self, width: int, theme: Theme) -> None:
        self.width = max(width, 1)
        self.console = Console(
            width=self.width,
            file=io.StringIO(),
            color_system="truecolor",
            force_terminal=True,
            legacy_windows=False,
            theme=theme,
        )
        self.styles: list[Style | None] = [None]
        self._numbers: dict[Style | None, int] = {None: 0}

    def lines(self, part: Part, *, first: bool = False) -> list[Line]:
        """The part's lines, each exactly ``width`` cells wide.

        Rich writes a line break before a block when the block before it asked for one; within
        a part that happens as in the whole, but a part's first block has no block before it, and
        a list asks anyway. So a later part loses such a break at its start, and gets one (a
        blank line) when it has a gap.
        """
        options = self.console.options.update_width(self.width)
        segments = list(self.console.render(Markdown(part.text, hyperlinks=False), options))
        if not first and segments and segments[0] == Segment.line():
            del segments[0]
        rendered = Segment.split_and_crop_lines(
            segments, self.width, include_new_lines=False, pad=True
        )
        lines = [self._compact(line) for line in rendered]
        if part.gap and not first:
            lines.insert(0, blank_line(self.width))
        return lines

    def _compact(self, segments: list[Segment]) -> Line:
        texts: list[str] = []
        spans: list[int] = []
        end = 0
        for text, style, _control in segments:
            if not text:
                continue
            number = self._numbers.get(style)
            if number is None:
                number = self._numbers[style] = len(self.styles)
                self.styles.append(style)
            end += len(text)
            if spans and spans[-1] == number:  # the same style goes on
                spans[-2] = end
            else:
                spans += (end, number)
            texts.append(text)
        return ("".join(texts), tuple(spans))
