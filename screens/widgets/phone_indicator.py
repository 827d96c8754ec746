"""One line in the runner while phones take part: how many phones, how many remarks wait.

The wall shows only the number of remarks waiting, never their text: the facilitator reads them
in the queue first (Ctrl+N). Hidden while participation is off and nothing waits.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def indicator_content(running: bool, phones: int, waiting: int) -> Content:
    parts: list[str | tuple[str, str]] = []
    if running:
        parts.append(("Telefoons: ", "bold"))
        parts.append(f"{phones} doen mee" if phones != 1 else "1 doet mee")
        parts.append("  (Ctrl+Y)")
    if waiting:
        if parts:
            parts.append("\n")
        word = "opmerking wacht" if waiting == 1 else "opmerkingen wachten"
        parts.append((f"{waiting} {word}", "bold"))
        parts.append("  (Ctrl+N)")
    return Content.assemble(*parts)


class PhoneIndicator(Static):
    DEFAULT_CSS = """
    PhoneIndicator {
        height: auto;
        margin-top: 1;
        display: none;
    }
    PhoneIndicator.-on {
        display: block;
    }
    """

    def show(self, running: bool, phones: int, waiting: int) -> None:
        self.set_class(running or waiting > 0, "-on")
        self.update(indicator_content(running, phones, waiting))
