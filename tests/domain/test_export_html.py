"""The printable HTML page: self-contained, Dutch, and never passing on HTML from user text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from helpers_export import (
    demo_stored,
    expected_table_rows,
    hostile_session,
    stored_sessions,
)
from hypothesis import HealthCheck, given, settings

from workshop.export.html import render_html
from workshop.store import StoredSession


class TagCounter(HTMLParser):
    """Counts start tags and collects the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {}
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> TagCounter:
    counter = TagCounter()
    counter.feed(page)
    counter.close()
    return counter


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "strong",
    "em",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def assert_safe_page(stored: StoredSession, page: str) -> None:
    counter = parse(page)
    assert set(counter.tags) <= ALLOWED_TAGS
    tables = expected_table_rows(stored)  # one of them the agreements
    assert counter.tags["table"] == len(tables)
    assert counter.tags.get("tr", 0) == sum(tables) + len(tables)  # with a header row each
    assert counter.tags["h1"] == 1
    assert {name for name, _ in counter.attributes} <= {"lang", "charset", "name", "content", "dir"}
    assert "<script" not in page.lower()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> StoredSession:
    return demo_stored(tmp_path_factory.mktemp("demo"))


def test_page_is_self_contained_dutch_and_printable(demo: StoredSession) -> None:
    page = render_html(demo)
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert '<meta charset="utf-8">' in page
    assert "@media print" in page
    assert "<link" not in page and "src=" not in page and "http" not in page
    assert "<title>Plan van aanpak: Ouders en team samen" in page


def test_demo_page_has_one_table_with_a_row_per_agreement(demo: StoredSession) -> None:
    assert_safe_page(demo, render_html(demo))
    assert parse(render_html(demo)).tags["h2"] == 9  # 4 phases, goals, 2 x agreements, balance


def test_hostile_text_is_shown_as_text_not_run() -> None:
    stored = hostile_session()
    page = render_html(stored)
    assert_safe_page(stored, page)
    visible = "".join(parse(page).text)
    assert "<script>alert(1)</script>" in visible
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[link](http://x)" in visible
    assert "<a " not in page and "<img" not in page and "<code" not in page


def test_title_with_markup_is_escaped_in_the_head() -> None:
    stored = hostile_session()
    stored.session.title = "</title><script>x</script>"
    page = render_html(stored)
    assert "<title>Plan van aanpak: &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>" in page
    assert "<script" not in page


def test_blocks_pick_their_own_direction_for_arabic_and_hebrew() -> None:
    page = render_html(hostile_session())
    assert '<td dir="auto">مرحبا بالأهل</td>' in page


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=stored_sessions())
def test_any_text_gives_a_safe_page(stored: StoredSession) -> None:
    assert_safe_page(stored, render_html(stored))
