"""The phase clock in big block digits, for a wide screen or a projector.

Terminals cannot change their font size, so on a wide screen the clock is drawn larger: a 3x5
pixel font, each pixel two columns wide and one and a half rows high (drawn with half blocks),
eight rows in all, against the three rows of Textual's ``Digits``. The shapes are plain blocks,
legible from the back of a room; the colour only adds to the words under the clock.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

# Each glyph: five rows of pixels, "#" on, "." off.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("...", "...", "...", "...", "..."),
}
PIXEL_ROWS = 5
HALF_ROWS_PER_PIXEL = 3  # 15 half rows: eight rows of text
HEIGHT = (PIXEL_ROWS * HALF_ROWS_PER_PIXEL + 1) // 2
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def bitmap(text: str, *, pixel_width: int, gap: int) -> list[str]:
    """The pixel rows of ``text``: each pixel ``pixel_width`` columns, ``gap`` between glyphs."""
    rows = [""] * PIXEL_ROWS
    for index, char in enumerate(text):
        glyph = GLYPHS.get(char, GLYPHS[" "])
        for row, pixels in enumerate(glyph):
            spacer = "." * gap if index else ""
            rows[row] += spacer + "".join(pixel * pixel_width for pixel in pixels)
    return rows


def big_lines(text: str, width: int) -> list[str]:
    """``text`` in block digits, ``HEIGHT`` lines: wide pixels if they fit in ``width``."""
    rows = bitmap(text, pixel_width=2, gap=2)
    if rows and len(rows[0]) > width:
        rows = bitmap(text, pixel_width=1, gap=1)  # a long overtime still fits
    half_rows = [row for row in rows for _ in range(HALF_ROWS_PER_PIXEL)]
    if len(half_rows) % 2:
        half_rows.append("." * len(half_rows[0]))
    lines = []
    for top, bottom in zip(half_rows[::2], half_rows[1::2], strict=True):
        lines.append(
            "".join(HALF_BLOCKS[(a == "#", b == "#")] for a, b in zip(top, bottom, strict=True))
        )
    return lines


class BigDigits(Widget):
    """Like ``Digits`` (``update`` with the text), drawn ``HEIGHT`` rows high."""

    DEFAULT_CSS = """
    BigDigits {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return HEIGHT

    def render(self) -> Content:
        return Content("\n".join(big_lines(self._text, self.content_size.width)))
