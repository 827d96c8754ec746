"""The plan as a PDF (issue 11, item 22): A4, the title and "Pagina i van n" on every page, tables
that break between rows with their header repeated, text in any script readable. The text is read
back out of the PDF with pypdf (pure Python, no system libraries)."""

from __future__ import annotations

import io
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers_export import MOMENT, demo_stored
from pypdf import PdfReader

from workshop.app.workspace import Workspace
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.export.pdf import render_pdf
from workshop.model import Agreement, Contribution, Group, Kind
from workshop.store import SessionStore, StoredSession

ARABIC_REMARK = "نريد رسائل أقصر بالعربية"  # "we want shorter letters, in Arabic"
TURKISH_REMARK = "Çocuğum için ışıklı günler, öğretmene teşekkürler"
EMOJI_REMARK = "Koffieochtend 👍 🎉 ☕ 😀"
A4 = (595.3, 841.9)  # points


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text on one line: line breaks and hyphenation (a soft hyphen at a break) undone."""
    return " ".join(text.replace("\xad\n", "").split())


def with_remarks(stored: StoredSession) -> StoredSession:
    for n, text in enumerate((ARABIC_REMARK, TURKISH_REMARK, EMOJI_REMARK)):
        stored.contributions.append(
            Contribution(
                text, Group.OUDERPANEL, 0, 0, MOMENT + timedelta(minutes=n), kind=Kind.WENS
            )
        )
    return stored


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[StoredSession, bytes]:
    stored = with_remarks(demo_stored(tmp_path_factory.mktemp("demo")))
    return stored, render_pdf(stored, exported_on=date(2026, 3, 11))


def test_every_page_is_a4_with_the_title_and_its_number(
    demo_pdf: tuple[StoredSession, bytes],
) -> None:
    stored, pdf = demo_pdf
    reader = PdfReader(io.BytesIO(pdf))
    title = f"Plan van aanpak: {stored.session.title}"
    count = len(reader.pages)
    assert count >= 2
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == A4
        text = page.extract_text()
        assert text.startswith(title), f"page {number} has no title at the top"
        assert text.rstrip().endswith(f"Pagina {number} van {count}")
    assert reader.metadata.title == title


def test_the_pdf_holds_the_plan_in_the_readers_order(demo_pdf: tuple[StoredSession, bytes]) -> None:
    _, pdf = demo_pdf
    text = "\n".join(pages_of(pdf))
    order = ["Afspraken", "Doelen", "Afspraken per eigenaar", "Balans", "Fase 1:", "Verslag"]
    positions = [text.index(f"\n{heading}") for heading in order]
    assert positions == sorted(positions)
    assert "volgende maand (uiterlijk 10" in text  # a horizon with its date, in the table
    assert "Gemaakt op 11 maart 2026." in text


def test_arabic_turkish_and_emoji_read_back(demo_pdf: tuple[StoredSession, bytes]) -> None:
    """Every character was drawn with a real glyph: none falls back to 'no glyph' (U+0000)."""
    _, pdf = demo_pdf
    text = "\n".join(pages_of(pdf))
    assert "\x00" not in text
    assert TURKISH_REMARK in text
    assert EMOJI_REMARK in text
    # Right-to-left text comes back in visual order; each Arabic word is there whole.
    for word in ARABIC_REMARK.split():
        assert word in text, word


def test_a_long_table_breaks_between_rows_with_its_header_on_every_page(
    tmp_path: Path,
) -> None:
    stored = demo_stored(tmp_path)
    stored.agreements = [
        Agreement(f"Afspraak nummer {n:03d} met een wat langere omschrijving", "Sevda", MOMENT)
        for n in range(120)
    ]
    pages = pages_of(render_pdf(stored))
    row_end = "Sevda – – – – open"  # the empty cells and the status of a row in the table
    with_rows = [page for page in pages if row_end in flat(page)]
    assert len(with_rows) >= 3
    for page in with_rows:  # the header row comes back before the first row on the page
        line = flat(page)
        assert line.index("Afspraak Eigenaar Met wie Wanneer") < line.index("Afspraak nummer")
    for n in range(120):  # each row whole on exactly one page: never split
        row = f"Afspraak nummer {n:03d} met een wat langere omschrijving {row_end}"
        assert sum(row in flat(page) for page in pages) == 1, row


def test_typst_markup_in_user_text_stays_text(tmp_path: Path) -> None:
    stored = demo_stored(tmp_path)
    hostile = '#set page(paper: "a6") ] ) } \\ " = kop *vet* _schuin_ $x$ <label> @ref // niet'
    stored.contributions.append(Contribution(hostile, Group.TEAM, 0, 0, MOMENT))
    reader = PdfReader(io.BytesIO(render_pdf(stored)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert " ".join(hostile.split()) in text
    assert all(round(float(p.mediabox.width), 1) == A4[0] for p in reader.pages)


def test_cli_and_app_write_the_same_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    session_id = demo_stored(data).session.id
    exports = tmp_path / "exports"
    today = FakeClock().now()
    monkeypatch.setattr("workshop.cli.default_exports_dir", lambda: exports)
    monkeypatch.setattr("workshop.cli.SystemClock", lambda: FakeClock(today))
    monkeypatch.chdir(tmp_path)
    assert main(["--data", str(data), "export", session_id, "--format", "pdf"]) == 0
    (from_cli,) = exports.iterdir()
    assert from_cli.suffix == ".pdf"
    assert stat.S_IMODE(from_cli.stat().st_mode) == 0o600
    workspace = Workspace(SessionStore(data), FakeClock(today), tmp_path / "app")
    from_app = workspace.export(workspace.load(session_id), "pdf")
    assert from_app.read_bytes() == from_cli.read_bytes()
    assert from_cli.read_bytes().startswith(b"%PDF-")
