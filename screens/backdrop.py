"""A dialog's see-through backdrop, tinted once per style rather than once per piece of text.

A dialog (``WorkshopModal``) has a translucent background: Textual draws the screen beneath it
and tints every segment of it (``BackgroundScreen``), making two new styles per segment and
hashing them. Over the runner with its lists that was most of the time to open the agreement
form (about 100 ms of CPU on a busy machine). The screen beneath uses only a few dozen styles,
so each is tinted once and the result reused: the same colours, far less work.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

_MAX_CACHED = 4096  # tinted styles kept (a screen uses far fewer; a theme change makes new ones)
_tinted: dict[tuple[Style, Color], Style] = {}


def tint(style: Style | None, color: Color) -> Style:
    """``style`` without links and meta, tinted with ``color``, as BackgroundScreen does it."""
    if style is None:
        return Style()
    key = (style, color)
    cached = _tinted.get(key)
    if cached is not None:
        return cached
    plain = style.clear_meta_and_links()
    if color.a:
        plain += Style.from_color(
            (Color.from_rich_color(plain.color) + color).rich_color
            if plain.color is not None
            else None,
            (Color.from_rich_color(plain.bgcolor) + color).rich_color
            if plain.bgcolor is not None
            else None,
        )
    if len(_tinted) >= _MAX_CACHED:
        _tinted.clear()
    _tinted[key] = plain
    return plain


class TintedBackdrop(BackgroundScreen):
    """BackgroundScreen with each style tinted once (see the module)."""

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        for segment in segments:
            text, style, control = segment
            yield segment if control else Segment(text, tint(style, color), control)
