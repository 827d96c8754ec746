"""clean_line keeps its meaning with its fast path for ordinary text (issue 9, item 6)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from workshop.text import clean_line
from workshop.visible import INVISIBLE

_BREAKS = re.compile(r"[\t\n\r\v\f\u0085\u2028\u2029]+")


def reference(value: str) -> str:
    """The rule, spelled out: breaks become spaces, Cc and Cs and invisible characters go, ends
    trimmed, also of zero-width (non-)joiners."""
    value = _BREAKS.sub(" ", value)
    kept = (
        ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cs") and ch not in INVISIBLE
    )
    value = "".join(kept).strip()
    while value != (trimmed := value.strip("\u200c\u200d").strip()):
        value = trimmed
    return value


def test_every_single_character_is_cleaned_as_the_rule_says() -> None:
    for code in range(0x110000):
        char = chr(code)
        value = f"{char}a{char}b{char}"  # at both ends and inside
        assert clean_line(value) == reference(value), hex(code)


@given(st.text())
def test_any_text_is_cleaned_as_the_rule_says(value: str) -> None:
    assert clean_line(value) == reference(value)
