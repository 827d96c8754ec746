"""The command line's output: made safe for a terminal in one place.

The commands print titles, names, template names, host names and field names that come from
files, and error messages that quote them. Rather than cleaning each of them where it is printed,
``visible_output`` wraps stdout and stderr while a command runs: a control character is shown
(``␛``, see ``workshop.visible``) instead of obeyed, and a line longer than ``LINE_MAX`` is cut
with '…' (a 5 MB field name in a file gives one readable line, not 5 MB).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from workshop.visible import ELLIPSIS, show_char

# Longer than any line a command prints from good data (an agreement of 2000 characters with its
# owner and session), far shorter than what a hostile file can hold.
LINE_MAX = 4000
SIGPIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for a program whose reader went away


class VisibleStream:
    """A text stream that shows control characters and cuts overlong lines."""

    def __init__(self, stream: TextIO, line_max: int = LINE_MAX) -> None:
        self.stream = stream
        self.line_max = line_max
        self._column = 0  # characters written on the current line
        self._cut = False  # the current line was cut: drop the rest of it

    def write(self, text: str) -> int:
        pieces = []
        for number, part in enumerate(text.split("\n")):
            if number:
                pieces.append("\n")
                self._column, self._cut = 0, False
            if self._cut or not part:
                continue
            room = self.line_max - self._column
            if len(part) > room:
                part, self._cut = part[:room], True
            self._column += len(part)
            if not part.isprintable():  # see visible(): nothing to show differently
                part = "".join(map(show_char, part))
            pieces.append(part + (ELLIPSIS if self._cut else ""))
        self.stream.write("".join(pieces))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding, ...
        return getattr(self.stream, name)


@contextlib.contextmanager
def visible_output() -> Iterator[None]:
    """While it lasts, everything printed to stdout and stderr goes through VisibleStream."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


@contextlib.contextmanager
def plain_output() -> Iterator[None]:
    """The real streams back, for the app: it draws the screen with escape sequences itself."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = getattr(out, "stream", out)
    sys.stderr = getattr(err, "stream", err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def quiet_after_broken_pipe() -> int:
    """The reader of our output went away (``workshop doctor | head``): stop without a word.

    What is still buffered for stdout goes to /dev/null, so Python's flush at exit does not
    complain either. Returns the exit code other tools give in this case.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return SIGPIPE_EXIT
