"""Text from a file, made safe to print in a terminal: controls shown, not obeyed; long values cut.

A title, a template name, a host name or a field name in a file may hold an escape sequence
(clear the screen, change the window title, colours) or invisible characters that turn the
reading direction around, so that one session seems to be another. Printed as they are, the
terminal would obey them. ``visible`` shows them instead: ``ESC`` as ``␛``, other C0 controls as
their symbol (``␍``, ``␇``), C1 controls as ``\\x9b``, and the invisible ones as ``<U+202E>``.

This module imports nothing of the app, so every other module (errors included) can use it.
"""

from __future__ import annotations

import unicodedata

DEFAULT_LIMIT = 80
ELLIPSIS = "…"

# Invisible characters that change how the text around them is shown or compared: the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the deprecated format
# characters (U+206A-U+206F), zero-width space (U+200B), word joiner (U+2060) and the byte order
# mark / zero-width no-break space (U+FEFF). Zero-width joiner and non-joiner (U+200C, U+200D)
# are not here: emoji sequences and Persian or Arabic words need them.
INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u200b\u2060\ufeff"
)


def show_char(ch: str) -> str:
    """One character as it may be printed: itself, or a visible stand-in for a control."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F:
        return f"\\x{code:02x}"
    if ch in INVISIBLE:
        return f"<U+{code:04X}>"
    category = unicodedata.category(ch)
    if category == "Cs":  # a lone surrogate cannot even be encoded
        return f"\\u{code:04x}"
    if category in ("Zl", "Zp"):
        return f"<U+{code:04X}>"
    return ch


def visible(value: object, limit: int | None = DEFAULT_LIMIT) -> str:
    """``value`` as text to print: every control made visible, cut after ``limit`` with '…'."""
    try:
        text = str(value)
    except ValueError:  # an int too long to write out
        return "(een heel groot getal)"
    if limit is not None:
        text = text[: limit + 1]  # what is cut off anyway need not be looked at
    # Everything show_char changes (Cc, Cf, Cs, Zl, Zp) is unprintable to str.isprintable, so
    # printable text (the usual case) need not be looked at character by character.
    shown = text if text.isprintable() else "".join(map(show_char, text))
    if limit is not None and len(shown) > limit:
        return shown[:limit] + ELLIPSIS
    return shown
