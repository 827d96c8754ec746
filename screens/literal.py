"""Show user text exactly as typed: never as markup, never with control characters."""

from __future__ import annotations

from textual.content import Content

from workshop.text import clean_line


def literal(text: str) -> Content:
    """User text as a Content that Textual will not interpret: '[b]' stays '[b]'."""
    return Content(clean_line(text))
