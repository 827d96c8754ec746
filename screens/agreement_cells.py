"""How one agreement looks in the agreements table: its cells as plain (never markup) text."""

from __future__ import annotations

from rich.text import Text
from textual.theme import Theme

from screens.literal import literal
from workshop.model import Agreement, Status


def plain(text: str, style: str = "") -> Text:
    """User text for a table cell: literal (never markup), one line, wrapped by the table."""
    return Text(literal(text).plain, style=style)


def wrapped_lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes wrapped at ``width`` (at least the true count's
    lower bound: every line break, and every ``width`` characters)."""
    return sum(max(1, -(-len(line) // max(width, 1))) for line in text.split("\n"))


def what_cell(agreement: Agreement) -> Text:
    """The agreement, with its instrument and partnership form on a second line."""
    cell = plain(agreement.what)
    details = []
    if agreement.instrument:
        details.append(("Instrument: ", literal(agreement.instrument).plain))
    if agreement.form:
        details.append(("", f"{agreement.form.value} partnerschap"))
    for index, (label, value) in enumerate(details):
        cell.append("\n" if index == 0 else " · ")
        cell.append(label, style="dim")
        cell.append(value, style="italic")
    return cell


def status_cell(status: Status, theme: Theme) -> Text:
    styles = {
        Status.OPEN: "bold",
        Status.BEZIG: f"bold {theme.warning}",
        Status.KLAAR: f"bold {theme.success}",
        Status.VERVALLEN: "strike",
    }
    return Text(status.value, style=styles[status])
