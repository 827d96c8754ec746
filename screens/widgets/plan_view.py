"""A read-only view of the plan that draws only the lines in sight.

The plan's Markdown is rendered to lines in a worker thread (``screens.plan_lines``), the top of
the plan first; this view shows each part as it arrives. It holds lines, not widgets, so showing
a plan of 10,000 remarks costs the UI thread no more than one of 30, and so does closing it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from screens.plan_lines import (
    DRAFT_ROWS,
    Line,
    PlanRenderer,
    draft_of,
    plan_parts,
    plan_theme,
    to_strip,
)

WAITING = "Plan wordt klaargezet…"


class PlanView(ScrollView, can_focus=True):
    """Shows a Markdown plan; ``make_and_show`` makes and renders it off the UI thread, part by
    part, after a draft of its top."""

    DEFAULT_CSS = """
    PlanView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        border-title-align: right;
    }
    """

    class Shown(Message):
        """Every line of the plan is in the view."""

    class NotMade(Message):
        """``make_and_show`` could not make the plan."""

        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def __init__(self, *, heading_colour: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.heading_colour = heading_colour
        self.lines: list[Line] = []
        self.line_styles: list[Style | None] = [None]  # the styles ``lines`` refer to by number
        self.markdown: str | None = None
        self.message = WAITING  # shown while there are no lines
        self.complete = False  # every line of the current plan is in ``lines``
        self._generation = 0  # parts of an earlier render (or plan) are dropped
        self._width = 0  # the width ``lines`` were rendered at
        self._rendering = 0  # the width of the latest render (still going, or done)
        self._pending: list[Line] = []  # a re-render at a new width, until it is complete
        self._progressive = True  # show each part as it comes (nothing shown yet)
        self.draft = False  # ``lines`` are a quick draft of the first part, replaced when it comes

    # -- what to show ---------------------------------------------------------------------------

    def wait(self, message: str = WAITING) -> None:
        """Show ``message`` instead of the plan until ``make_and_show`` gives the next one."""
        self._generation += 1
        self.markdown = None
        self.lines, self._pending = [], []
        self.draft = False
        self.message = message
        self.complete = False
        self.border_title = ""
        self.virtual_size = Size(0, 0)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def make_and_show(
        self,
        make: Callable[[], str],
        width: int,
        head: Callable[[], str] | None = None,
        draft_rows: int = DRAFT_ROWS,
    ) -> None:
        """Make the plan (``make`` runs in the worker thread) and render it at ``width``, all in
        one worker: it can start before the view is laid out, with the width it will get. When
        the view is laid out at another width it is rendered again; when ``make`` fails the
        view posts ``NotMade``. ``draft_rows``: rows of a long table in the draft.

        ``head``: the plan's top (title, facts, agreements), quick to make whatever the size of
        the session: drawn at once as a draft, cut short in a long table (a screenful, some
        10 ms), like any widget draws itself; the plan's first part replaces it. Made in the
        worker as well, a draft came 20-30 ms later: the two threads take turns at the
        interpreter while the screen draws its first frame."""
        self.wait()
        self._rendering = width
        self._progressive = True
        theme = plan_theme(self.heading_colour)
        drafted = head is not None and self._draft_now(head, width, theme, draft_rows)
        work = partial(self._make_and_render, self._generation, make, width, theme)
        start = partial(self.run_worker, work, thread=True, exclusive=True, group="plan-lines")
        if drafted:  # the draft on the screen first: the worker would take the UI thread's turns
            self.call_after_refresh(start)
        else:
            start()

    def _draft_now(self, head: Callable[[], str], width: int, theme: Theme, rows: int) -> bool:
        """Show the draft of ``head`` now; whether there is one."""
        part = next(iter(plan_parts(head())), None)
        if part is None:
            return False
        renderer = PlanRenderer(width, theme)
        lines = renderer.lines(draft_of(part, rows) or part, first=True)
        self._add(self._generation, lines, list(renderer.styles), 0.0, True)
        return True

    def on_resize(self, event: events.Resize) -> None:
        if self.markdown is not None and self._content_width() != self._rendering:
            self._render()  # at the new width; the old lines stay until the new ones are all in

    # -- rendering in a thread ------------------------------------------------------------------

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _render(self) -> None:
        width = self._content_width()
        if self.markdown is None or width <= 0:
            return  # not laid out yet: ``on_resize`` starts it
        self._generation += 1
        self._rendering = width
        self._pending = []
        self._progressive = not self.lines
        self.complete = False
        theme = plan_theme(self.heading_colour)
        work = partial(self._render_parts, self._generation, self.markdown, width, theme)
        self.run_worker(work, thread=True, exclusive=True, group="plan-lines")

    def _make_and_render(
        self, generation: int, make: Callable[[], str], width: int, theme: Theme
    ) -> None:
        """In the worker's thread: make the plan, then render it as ``_render_parts`` does."""
        try:
            markdown = make()
        except Exception as error:  # said (or raised, if it is a bug) on the UI thread
            self.call_later(self._not_made, generation, error)
            return
        self.call_later(self._made, generation, markdown)
        self._render_parts(generation, markdown, width, theme)

    def _made(self, generation: int, markdown: str) -> None:
        if generation != self._generation:
            return
        self.markdown = markdown
        width = self._content_width()
        if width > 0 and width != self._rendering:
            self._render()  # laid out at another width than foreseen

    def _not_made(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.post_message(self.NotMade(error))

    def _render_parts(self, generation: int, markdown: str, width: int, theme: Theme) -> None:
        """In the worker's thread: render part after part and hand each to the UI thread."""
        worker = get_current_worker()
        renderer = PlanRenderer(width, theme)
        parts = list(plan_parts(markdown))
        for index, part in enumerate(parts):
            if worker.is_cancelled:
                return
            lines = renderer.lines(part, first=index == 0)
            done = (index + 1) / len(parts)
            styles = list(renderer.styles)
            self.call_later(self._add, generation, lines, styles, done)  # safe from a thread
        if not parts:
            self.call_later(self._add, generation, [], list(renderer.styles), 1.0)

    def _add(
        self,
        generation: int,
        lines: list[Line],
        styles: list[Style | None],
        done: float,
        draft: bool = False,
    ) -> None:
        if generation != self._generation:
            return  # a later render (another width, another plan) took over
        complete = done >= 1.0
        if self._progressive:
            if draft or self.draft:  # the draft comes, or the real first part replaces it
                self.lines = []
                self.draft = draft
            self.lines.extend(lines)  # the first render: show each part at once
            self.line_styles = styles
            self._width = self._rendering
        else:
            self._pending.extend(lines)  # a re-render: swap when complete, keeping the place
            if complete:
                place = self.scroll_y / max(len(self.lines), 1)
                self.lines, self._pending = self._pending, []
                self.line_styles = styles
                self._width = self._rendering
                self._update_size()
                self.scroll_to(y=round(place * len(self.lines)), animate=False)
        self.complete = complete
        if complete:
            self.message = ""
        self.border_title = "" if complete else f"Nog bezig: {round(done * 100)}%"
        self._update_size()
        self.refresh()
        if complete:
            self.post_message(self.Shown())

    def _update_size(self) -> None:
        self.virtual_size = Size(self._width, len(self.lines))

    # -- drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self._content_width()
        style = self.rich_style
        index = scroll_y + y
        if not self.lines:
            if y == 0 and self.message:
                text = Segment(self.message, style + Style(italic=True))
                return Strip([text]).crop_extend(0, width, style)
            return Strip.blank(width, style)
        if index >= len(self.lines):
            return Strip.blank(width, style)
        strip = to_strip(self.lines[index], self.line_styles, self._width)
        return strip.crop_extend(scroll_x, scroll_x + width, style).apply_style(style)
