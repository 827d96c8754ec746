"""Bullet lists with a hanging indent: a wrapped line starts under the text, not under the dot.

Textual wraps a Static's text back to its left edge, so each bullet is a row of two widgets: the
dot in a narrow column and the text beside it, which wraps within its own width.
"""

from __future__ import annotations

from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Static


class Bullet(HorizontalGroup):
    """One item of a list: ``•`` and its text, wrapped lines indented under the text."""

    DEFAULT_CSS = """
    Bullet {
        height: auto;
    }
    Bullet > .bullet-dot {
        width: 2;
    }
    Bullet > .bullet-text {
        width: 1fr;
    }
    """

    def __init__(self, text: str | Content, *, classes: str = "") -> None:
        super().__init__(
            Static("•", classes="bullet-dot"),
            Static(text if isinstance(text, Content) else Content(text), classes="bullet-text"),
            classes=classes,
        )
