"""Escaping user text for Markdown, so nothing typed can change a document's structure.

``escape_inline`` returns text that CommonMark (and GFM tables) read back as exactly the text that
went in, wherever it is placed on a line: in a paragraph, a heading, a list item or a table cell,
also at the very start of a block. It works in three layers:

1. Characters that never belong in a document are normalised: line breaks and tabs become a space
   (a newline would end the block), other control characters are dropped, and lone surrogates
   (which cannot be written as UTF-8) become U+FFFD.
2. Characters with inline meaning are backslash-escaped everywhere: ``\\ ` * _ [ ] < > # | & ~``.
   That covers emphasis, code, links, raw HTML, entities, headings, table pipes, block quotes and
   strikethrough (GFM).
3. What only has meaning at the start of a block is escaped there: ``-``, ``+`` and ``=`` (lists,
   thematic breaks, setext underlines) and a number followed by ``.`` or ``)`` (ordered lists).
   Whitespace at either end is written as a numeric character reference, because parsers trim
   it (and leading spaces could start an indented code block).
"""

from __future__ import annotations

import re

EMPTY_CELL = "–"  # shown in a table cell with nothing in it

_ALWAYS_ESCAPED = "\\`*_[]<>#|&~"
_LINE_BREAKS = "\n\r\t\v\f\x85\u2028\u2029"
_CONTROLS = [chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]]


def _replacements() -> dict[str, str]:
    table = {ch: "" for ch in _CONTROLS}  # control characters: dropped
    table.update({ch: " " for ch in _LINE_BREAKS})
    table.update({ch: "\\" + ch for ch in _ALWAYS_ESCAPED})
    return table


_REPLACEMENTS = _replacements()
# One scan finds every character that needs work; most text has few, so this beats translate().
_NEEDS_WORK = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "\ud800-\udfff]")
_BLOCK_START = re.compile(r"^(?:([-+=])|([0-9]{1,9})([.)]))")
_EDGE_SPACE = re.compile(r"^\s+|\s+$")


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENTS.get(match.group(), "\ufffd")  # what is not in the table: a surrogate


def _char_reference(match: re.Match[str]) -> str:
    return "".join(f"&#x{ord(ch):X};" for ch in match.group(0))


def _escape_block_start(match: re.Match[str]) -> str:
    marker, number, delimiter = match.groups()
    return "\\" + marker if marker else f"{number}\\{delimiter}"


def escape_inline(text: str) -> str:
    """``text`` as Markdown that reads back as ``text`` and has no structure of its own."""
    text = _NEEDS_WORK.sub(_replace, text)
    first = text[:1]
    if first in ("-", "+", "=") or first.isdigit():
        text = _BLOCK_START.sub(_escape_block_start, text, count=1)
    if first.isspace() or text[-1:].isspace():
        text = _EDGE_SPACE.sub(_char_reference, text)
    return text


def table_cell(text: str) -> str:
    """A GFM table cell: escaped like inline text (pipes included), never empty."""
    return escape_inline(text) if text.strip() else EMPTY_CELL
