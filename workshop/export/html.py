"""The plan of approach as one self-contained, printable HTML page.

The page is the Markdown plan rendered by markdown-it-py with raw HTML switched off, so user text
reaches the page only as escaped text: twice safe, since the Markdown already escapes it. Block
elements get ``dir="auto"``, so a line in Arabic or Hebrew is shown right to left.
"""

from __future__ import annotations

import html
from datetime import date, datetime

from markdown_it import MarkdownIt
from markdown_it.token import Token

from workshop.export.markdown import render_markdown
from workshop.scan import ScanScore
from workshop.store import StoredSession

_BIDI_BLOCKS = {"paragraph_open", "heading_open", "list_item_open", "th_open", "td_open"}

STYLE = """
:root { color-scheme: light; }
body {
  font-family: "Segoe UI", system-ui, -apple-system, "Noto Sans", Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: #1d1d1f; background: #fff;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem;
}
h1 { font-size: 1.9rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; border-bottom: 2px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
ul { padding-left: 1.4rem; }
li { margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #8c959f; padding: .35rem .5rem; text-align: start; vertical-align: top; }
th { background: #eef1f4; }
tbody tr:nth-child(even) { background: #f7f8fa; }
@media print {
  @page { size: A4; margin: 1.6cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th, tbody tr:nth-child(even) { background: none; }
}
""".strip()


def markdown_parser() -> MarkdownIt:
    """The parser used for the page (and by the tests): CommonMark plus tables, no raw HTML."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _mark_direction(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in _BIDI_BLOCKS:
            token.attrSet("dir", "auto")


def render_html(
    stored: StoredSession,
    *,
    now: datetime | None = None,
    exported_on: date | None = None,
    previous_scans: dict[str, list[ScanScore]] | None = None,
) -> str:
    """The plan as a complete HTML page (same content as ``render_markdown``)."""
    parser = markdown_parser()
    env: dict[str, object] = {}
    markdown = render_markdown(
        stored, now=now, exported_on=exported_on, previous_scans=previous_scans
    )
    tokens = parser.parse(markdown, env)
    _mark_direction(tokens)
    body = parser.renderer.render(tokens, parser.options, env)
    title = html.escape(f"Plan van aanpak: {stored.session.title}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )
