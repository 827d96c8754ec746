"""The escaping of user text: whatever is typed reads back as itself and makes no structure."""

from __future__ import annotations

import pytest
from helpers_export import HOSTILE, Outline, inline_text
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.export.escape import EMPTY_CELL, escape_inline, table_cell
from workshop.export.html import markdown_parser
from workshop.text import clean_line

# Where user text lands in the plan: alone as a paragraph, after a list marker, in a heading,
# and in a table cell.
PLACES = {
    "paragraph": "{}",
    "list item": "- {}",
    "heading": "## {}",
    "table cell": "| kop | kop2 |\n| --- | --- |\n| {} | x |",
}
EXPECTED_SHAPE = {
    "paragraph": ["paragraph_open", "inline", "paragraph_close"],
    "list item": [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ],
    "heading": ["heading_open", "inline", "heading_close"],
}


def read_back(place: str, text: str) -> tuple[list[str], str]:
    """Token types of the document, and the text of the user's part of it."""
    tokens = markdown_parser().parse(PLACES[place].format(escape_inline(text)))
    if place == "table cell":
        outline = Outline(tokens)
        assert outline.count("table_open") == 1
        assert outline.header_cells() == ["kop", "kop2"]
        [row] = outline.body_rows()
        assert row[1] == "x"
        return ["table"], row[0]
    inline = next(t for t in tokens if t.type == "inline")
    assert {c.type for c in inline.children or []} <= {"text"}
    return [t.type for t in tokens], inline_text(inline)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back_as_itself(place: str, text: str) -> None:
    shape, seen = read_back(place, clean_line(text))
    assert shape == EXPECTED_SHAPE.get(place, ["table"])
    assert seen == clean_line(text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# x", "\\# x"),
        ("a | b", "a \\| b"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("=== ", "\\===&#x20;"),
        ("<script>", "\\<script\\>"),
        ("&amp;", "\\&amp;"),
        ("a\\", "a\\\\"),
        ("`x`", "\\`x\\`"),
        ("Fase 1. Start", "Fase 1. Start"),  # a number inside a line is no list
        ("a - b + c = d", "a - b + c = d"),
        ("Doel: 60 % (ongeveer)!", "Doel: 60 % (ongeveer)!"),  # ordinary punctuation stays
    ],
)
def test_escapes_only_what_has_meaning(text: str, escaped: str) -> None:
    assert escape_inline(text) == escaped


def test_newlines_tabs_and_controls_never_reach_the_document() -> None:
    assert escape_inline("een\ntwee\r\ndrie\tvier\u2028vijf") == "een twee  drie vier vijf"
    assert escape_inline("bel\x07 en \x1b[31mrood") == "bel en \\[31mrood"
    assert escape_inline("los \ud800 teken") == "los \ufffd teken"


@pytest.mark.parametrize("place", ["paragraph", "list item", "heading", "table cell"])
def test_spaces_at_the_ends_survive_and_start_no_code_block(place: str) -> None:
    shape, seen = read_back(place, "     vier spaties ervoor  ")
    assert seen == "     vier spaties ervoor  "
    assert "code_block" not in shape


def test_empty_table_cell_gets_a_dash() -> None:
    assert table_cell("") == EMPTY_CELL
    assert table_cell("   ") == EMPTY_CELL
    assert table_cell("|") == "\\|"


_TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(list("#|`*_[]<>&\\-+=.)(!~:123 \n\t")),
    ),
    max_size=40,
).map(clean_line)


@settings(max_examples=100, deadline=None)
@given(text=_TEXT.filter(bool), place=st.sampled_from(sorted(PLACES)))
def test_any_text_reads_back_as_itself(text: str, place: str) -> None:
    shape, seen = read_back(place, text)
    assert shape == EXPECTED_SHAPE.get(place, ["table"])
    assert seen == text


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_uncleaned_text_never_breaks_a_paragraph(text: str) -> None:
    """Even text the core did not clean stays one paragraph (line breaks become spaces)."""
    tokens = markdown_parser().parse("- " + escape_inline(text))
    assert [t.type for t in tokens if t.type.endswith("_open")] in (
        ["bullet_list_open", "list_item_open", "paragraph_open"],
        ["bullet_list_open", "list_item_open"],  # text with nothing visible left in it
    )
