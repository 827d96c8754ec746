"""The one-line message under the capture line: it says what a key did, then goes away.

A message that lingers reads as news: "Afspraak opgeslagen" still there minutes later, in another
phase, misleads the room. So a message is cleared a few seconds after it was first seen on the
app's clock (``expire`` is called with the clock's time on every tick of the runner, so tests
drive it with the fake clock), or when the screen moves on (``clear``). A sticky message, such as
text that is not saved yet, stays until something replaces it.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

MESSAGE_SECONDS = 6.0


class MessageLine(Static):
    """One line, fixed size: a message is updated without laying out the screen again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.sticky = False
        self._seen_at: datetime | None = None  # first tick after the message was shown
        self.text = ""

    def say(self, message: str, *, error: bool = False, sticky: bool = False) -> None:
        self.text = message
        self.sticky = sticky
        self._seen_at = None
        self.update(Content(message), layout=False)
        self.set_class(error, "-error")

    def clear(self) -> None:
        """The screen moved on: a passing message goes (a sticky one stays)."""
        if self.text and not self.sticky:
            self.say("")

    def expire(self, now: datetime) -> None:
        """Clear a passing message ``MESSAGE_SECONDS`` after it was first seen at a tick."""
        if not self.text or self.sticky:
            return
        if self._seen_at is None:
            self._seen_at = now
        elif (now - self._seen_at).total_seconds() >= MESSAGE_SECONDS:
            self.say("")
