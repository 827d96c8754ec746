"""A QR code drawn with half-block characters: two rows of modules per line of text.

Always dark on light (black on white, whatever the theme), with the quiet zone the matrix brings,
so that a phone camera reads it from a projected screen as well as from the laptop.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

QR_STYLE = "#000000 on #ffffff"  # fixed: a scanner needs dark modules on a light ground
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(matrix: list[list[bool]]) -> list[str]:
    """The matrix (True: dark) as text: each character is one module wide and two high."""
    if not matrix:
        return []
    rows = [*matrix, [False] * len(matrix[0])] if len(matrix) % 2 else matrix
    return [
        "".join(_HALVES[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def qr_content(matrix: list[list[bool]]) -> Content:
    return Content.styled("\n".join(qr_lines(matrix)), QR_STYLE)


class QrCode(Static):
    """A QR code; ``show(matrix)`` draws another one (an empty matrix: nothing)."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
    }
    """

    def show(self, matrix: list[list[bool]]) -> None:
        self.update(qr_content(matrix))
