"""The plan of approach as an A4 PDF, typeset by Typst (the ``typst`` package, no system libraries).

The PDF holds the same document as the Markdown plan: that Markdown is parsed by markdown-it-py
(as for the HTML page) and each block is written as Typst markup. User text never becomes Typst
markup: every piece of text is written as a Typst string literal (``#"..."``), so nothing typed can
change the layout or run code.

The pages: A4, the title in the header of every page and "Pagina 2 van 5" at the foot. Tables
break across pages between rows, a row is never split, and the header row comes back on each page.
Headings stay with what follows them. Fonts come from ``data/fonts`` only (``data/fonts/README.md``:
Latin, Turkish and Arabic from DejaVu Sans, emoji from Symbola), never from the computer, so every
machine makes the same PDF.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from markdown_it.token import Token

from workshop.export.html import markdown_parser
from workshop.export.markdown import plan_title, render_markdown
from workshop.resources import content_dir
from workshop.scan import ScanScore
from workshop.store import StoredSession

FONTS = ("DejaVu Sans", "Symbola")

PAGE_SETUP = """
#set document(title: {title}, date: {made})
#set page(
  paper: "a4",
  margin: (x: 2cm, top: 2.4cm, bottom: 2.2cm),
  header: context [
    #set text(size: 8pt, fill: luma(90))
    #{title}
    #line(length: 100%, stroke: 0.4pt + luma(160))
  ],
  footer: context [
    #set text(size: 8pt, fill: luma(90))
    #h(1fr)
    Pagina #counter(page).display() van #counter(page).final().first()
    #h(1fr)
  ],
)
#set text(font: ({fonts}), size: 10pt, lang: "nl")
#set par(justify: false, leading: 0.6em)
#set heading(numbering: none)
#show heading: set block(above: 1.3em, below: 0.7em)
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11pt)
#set table(stroke: 0.5pt + luma(140), inset: 4pt)
#show table: set text(size: 8.5pt, hyphenate: true)
#show table: set par(leading: 0.5em)
#show table.cell.where(y: 0): set text(weight: "bold")
#show table.cell: set par(justify: false)
#set list(indent: 0.4em, body-indent: 0.5em)
"""


# Column widths by column name (the names are ours); any other column gets 1fr.
_WIDTHS = {
    "Afspraak": "2.6fr",
    "Wanneer": "1.6fr",
    "Instrument": "1.7fr",
    "Partnerschap": "1.7fr",
    "Status": "auto",
    "Code": "auto",
    "Uitspraak": "4fr",
    "Team": "1.2fr",
    "Ouders": "1.2fr",
    "Verschil": "auto",
    "Sinds vorige scan": "1.3fr",
}


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal: only a backslash and a quote need escaping; line
    breaks and other control characters (which the Markdown never holds) become a space."""
    cleaned = "".join(" " if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 else ch for ch in text)
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline(token: Token) -> str:
    """An inline token's text and emphasis as Typst markup, the text as string literals."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(f"#{typst_string(child.content)}")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "strong_open":
            parts.append("#strong[")
        elif child.type == "em_open":
            parts.append("#emph[")
        elif child.type in ("strong_close", "em_close"):
            parts.append("]")
        # anything else (we write no links, images or HTML) adds no text
    return "".join(parts)


def _blocks(tokens: list[Token]) -> Iterator[str]:
    """The document's blocks as Typst; ``tokens`` is the parsed Markdown plan."""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            yield f"#heading(level: {level})[{_inline(tokens[i + 1])}]"
            i += 3
        elif token.type == "paragraph_open":
            yield _inline(tokens[i + 1])
            i += 3
        elif token.type == "bullet_list_open":
            end = _closing(tokens, i)
            yield _list(tokens[i + 1 : end])
            i = end + 1
        elif token.type == "table_open":
            end = _closing(tokens, i)
            yield _table(tokens[i + 1 : end])
            i = end + 1
        else:
            i += 1


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token that closes the block opened at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _list(tokens: list[Token]) -> str:
    """A bullet list (we write them one level deep): one item per inline token."""
    items = [f"[{_inline(t)}]" for t in tokens if t.type == "inline"]
    return f"#list({', '.join(items)})"


def _table(tokens: list[Token]) -> str:
    """A table whose header row repeats on every page and whose rows are never split."""
    header: list[str] = []
    names: list[str] = []  # the column names, for their widths
    rows: list[list[str]] = []
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and not in_head:
            rows.append([])
        elif token.type == "inline":
            cell = f"table.cell(breakable: false)[{_inline(token)}]"
            (header if in_head else rows[-1]).append(cell)
            if in_head:
                names.append(token.content)
    widths = ", ".join(_WIDTHS.get(name, "1fr") for name in names)
    head = f"table.header(repeat: true, {', '.join(header)})"
    return f"#table(columns: ({widths},), {', '.join([head, *(c for row in rows for c in row)])})"


def _typst_date(day: date | None) -> str:
    """The PDF's date: the day it says it was made on, never the clock (same plan, same bytes)."""
    if day is None:
        return "none"
    return f"datetime(year: {day.year}, month: {day.month}, day: {day.day})"


def typst_source(
    stored: StoredSession,
    *,
    now: datetime | None = None,
    exported_on: date | None = None,
    previous_scans: dict[str, list[ScanScore]] | None = None,
) -> str:
    """The plan as a Typst document (what ``render_pdf`` typesets)."""
    markdown = render_markdown(
        stored, now=now, exported_on=exported_on, previous_scans=previous_scans
    )
    tokens = markdown_parser().parse(markdown)
    setup = PAGE_SETUP.format(
        title=typst_string(plan_title(stored.session.title)),
        fonts=", ".join(typst_string(font) for font in FONTS),
        made=_typst_date(exported_on),
    )
    return setup + "\n\n".join(_blocks(tokens)) + "\n"


def render_pdf(
    stored: StoredSession,
    *,
    now: datetime | None = None,
    exported_on: date | None = None,
    previous_scans: dict[str, list[ScanScore]] | None = None,
) -> bytes:
    """The plan as an A4 PDF (same content as ``render_markdown``)."""
    import typst  # imported here: a CLI command that makes no PDF does not load it

    source = typst_source(stored, now=now, exported_on=exported_on, previous_scans=previous_scans)
    fonts = str(content_dir() / "fonts")
    return typst.compile(source.encode("utf-8"), font_paths=[fonts], ignore_system_fonts=True)
