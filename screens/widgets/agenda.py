"""A slim agenda: every phase with its planned time, done / now / to come, and the schedule.

One widget that draws its own lines (not a widget per row): every key typed in the capture line
makes Textual lay out the whole screen again, so fewer widgets keep typing quick.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from workshop.phase_progress import PhaseProgress as Progress

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

TITLE = "Agenda (minuten)"
SKIPPED_TEXT = "overgeslagen"  # in words, not in colour alone: a projector washes colours out

MARKS = {Progress.DONE: "✓", Progress.SKIPPED: "–", Progress.CURRENT: "▶", Progress.TO_COME: "·"}
ROW_STYLES = {
    Progress.DONE: "dim",
    Progress.SKIPPED: "dim",
    Progress.CURRENT: "bold $background on $primary",
    Progress.TO_COME: "",
}


@dataclass(frozen=True)
class AgendaRow:
    number: int
    name: str
    planned_minutes: int
    actual_minutes: int | None  # None: the phase has not run yet
    progress: Progress

    @property
    def minutes_text(self) -> str:
        """Done phases show actual/planned, skipped ones say so, the others their planned
        minutes."""
        if self.progress is Progress.SKIPPED:
            return SKIPPED_TEXT
        if self.progress is Progress.DONE and self.actual_minutes is not None:
            return f"{self.actual_minutes}/{self.planned_minutes}"
        return str(self.planned_minutes)


def schedule_words(delta_seconds: float) -> tuple[str, str]:
    """The schedule in words, and the style it is shown in."""
    minutes = round(delta_seconds / 60)
    if minutes >= 1:
        return f"{minutes} min achter op schema", "bold $timer-overtime"
    if minutes <= -1:
        return f"{-minutes} min voor op schema", "bold $timer-normal"
    return "Op schema", "bold"


def row_line(row: AgendaRow, width: int) -> Content:
    """One phase on one line: mark, number and name (cut off with … if needed), then minutes."""
    minutes = row.minutes_text
    name = Content(f"{MARKS[row.progress]} {row.number} {row.name}")
    name = name.truncate(max(width - len(minutes) - 1, 1), ellipsis=True, pad=True)
    line = Content.assemble(name, " ", minutes)
    style = ROW_STYLES[row.progress]
    return line.stylize(style) if style else line


class Agenda(Widget):
    """Redrawn only when its rows or the schedule change, not on every tick."""

    DEFAULT_CSS = """
    Agenda {
        height: auto;
        margin-top: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[AgendaRow] = []
        self._schedule = ("", "")

    def show(self, rows: list[AgendaRow], delta_seconds: float) -> None:
        schedule = schedule_words(delta_seconds)
        if rows == self._rows and schedule == self._schedule:
            return
        resized = len(rows) != len(self._rows)
        self._rows = list(rows)
        self._schedule = schedule
        self.refresh(layout=resized)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._rows) + 3  # title, rows, a blank line, the schedule

    def render(self) -> Content:
        width = max(self.content_size.width, 10)
        lines = [Content.styled(TITLE, "bold")]
        lines.extend(row_line(row, width) for row in self._rows)
        words, style = self._schedule
        lines.extend([Content(""), Content.styled(words, style)])
        return Content("\n").join(lines)


def agenda_rows(live: LiveSession) -> list[AgendaRow]:
    """One row per phase of the open session: planned and actual minutes, and whether it is
    done, skipped, now or to come."""
    rows = []
    progress_of = live.phase_progress()
    for index, phase in enumerate(live.template.phases):
        progress = progress_of[index]
        actual = live.actual_seconds(index)
        rows.append(
            AgendaRow(
                number=phase.number,
                name=phase.name,
                planned_minutes=round(live.planned_seconds(index) / 60),
                actual_minutes=round(actual / 60) if actual > 0 else None,
                progress=progress,
            )
        )
    return rows
