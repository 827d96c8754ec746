"""Export files: safe names, never overwriting, --out handled with care, and the CLI."""

from __future__ import annotations

import json
import re
import stat
from datetime import date
from pathlib import Path

import pytest
from helpers_export import demo_stored, hostile_session
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.export.files import ExportError, default_name, export_session, slugify
from workshop.export.markdown import render_markdown
from workshop.interchange import parse_session
from workshop.store import StoredSession

TODAY = date(2026, 3, 12)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> StoredSession:
    return demo_stored(tmp_path_factory.mktemp("demo"))


def titled(stored: StoredSession, title: str) -> StoredSession:
    copy = StoredSession(stored.session, stored.contributions, stored.agreements)
    copy.session = type(stored.session).from_dict({**stored.session.to_dict(), "title": title})
    return copy


# ---------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ouders en team samen: De Zonnebloem", "ouders-en-team-samen-de-zonnebloem"),
        ("../../etc/x", "etc-x"),
        ("..\\..\\Windows\\system32", "windows-system32"),
        ("a/b\\c", "a-b-c"),
        ("", "sessie"),
        ("...", "sessie"),
        (".verborgen", "verborgen"),
        ("مرحبا", "sessie"),
        ("👩‍👩‍👧", "sessie"),
        ("Crème brûlée, Çafé Ørsted", "creme-brulee-cafe-rsted"),
        ("con", "con"),
        ("  --  ", "sessie"),
    ],
)
def test_slug_is_safe(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_title_gives_a_bounded_slug() -> None:
    slug = slugify("Ouderbetrokkenheid " * 20)
    assert len(slug) <= 60
    assert SLUG.fullmatch(slug)


@settings(max_examples=100)
@given(title=st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
def test_any_title_gives_a_plain_slug(title: str) -> None:
    slug = slugify(title)
    assert SLUG.fullmatch(slug)
    assert len(slug) <= 60


def test_default_name_starts_with_the_session_date(demo: StoredSession) -> None:
    name = default_name(titled(demo, "con"), "md")
    assert name == f"{demo.session.day.isoformat()}-con.md"  # never just a reserved name


# ---------------------------------------------------------------- where the file goes


def test_default_export_goes_into_the_exports_folder(demo: StoredSession, tmp_path: Path) -> None:
    exports = tmp_path / "nog" / "geen" / "map"
    path = export_session(demo, "md", None, exports, today=TODAY)
    assert (
        path
        == exports
        / f"{demo.session.day.isoformat()}-ouders-en-team-samen-kinderdagverblijf-de-zonnebloem.md"
    )
    assert path.read_text(encoding="utf-8") == render_markdown(demo, exported_on=TODAY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_title_with_path_parts_stays_in_the_exports_folder(
    demo: StoredSession, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    path = export_session(titled(demo, "../../etc/x"), "md", None, exports)
    assert path.parent == exports
    assert path.name.endswith("-etc-x.md")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [path.name]


def test_existing_file_is_never_overwritten(demo: StoredSession, tmp_path: Path) -> None:
    first = export_session(demo, "md", None, tmp_path, today=TODAY)
    first.write_text("mijn eigen aantekeningen", encoding="utf-8")
    second = export_session(demo, "md", None, tmp_path, today=TODAY)
    third = export_session(demo, "md", None, tmp_path, today=TODAY)
    assert first.read_text(encoding="utf-8") == "mijn eigen aantekeningen"
    assert second.name == first.name.replace(".md", "-2.md")
    assert third.name == first.name.replace(".md", "-3.md")


def test_out_folder_gets_the_default_name(demo: StoredSession, tmp_path: Path) -> None:
    path = export_session(demo, "html", tmp_path, tmp_path / "exports")
    assert path.parent == tmp_path
    assert path.name == default_name(demo, "html")
    assert not (tmp_path / "exports").exists()


def test_out_file_is_used_and_not_overwritten(demo: StoredSession, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    assert export_session(demo, "md", target, tmp_path / "exports") == target
    again = export_session(demo, "md", target, tmp_path / "exports")
    assert again == tmp_path / "plan-2.md"


def test_out_without_extension_gets_one(demo: StoredSession, tmp_path: Path) -> None:
    path = export_session(demo, "json", tmp_path / "reservekopie", tmp_path / "exports")
    assert path == tmp_path / "reservekopie.json"


def test_out_in_a_missing_folder_is_refused(demo: StoredSession, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="bestaat niet"):
        export_session(demo, "md", tmp_path / "bestaat-niet" / "plan.md", tmp_path / "exports")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("out", ["bestaat-niet/..", "bestaat-niet/.", "bestaat-niet/", "nieuw\\"])
def test_out_typed_as_a_missing_folder_is_refused(
    demo: StoredSession, tmp_path: Path, out: str
) -> None:
    with pytest.raises(ExportError) as caught:
        export_session(demo, "md", f"{tmp_path}/{out}", tmp_path / "exports")
    assert isinstance(caught.value, WorkshopError)
    assert list(tmp_path.iterdir()) == []


def test_dangling_link_is_not_followed(demo: StoredSession, tmp_path: Path) -> None:
    outside = tmp_path / "buiten.md"
    (tmp_path / "plan.md").symlink_to(outside)
    path = export_session(demo, "md", tmp_path / "plan.md", tmp_path / "exports")
    assert path == tmp_path / "plan-2.md"
    assert not outside.exists()


def test_unknown_format_is_refused(demo: StoredSession, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="docx"):
        export_session(demo, "docx", None, tmp_path)


def test_json_export_reads_back_as_the_same_session(demo: StoredSession, tmp_path: Path) -> None:
    path = export_session(demo, "json", None, tmp_path)
    assert parse_session(json.loads(path.read_text(encoding="utf-8"))) == demo


def test_hostile_session_exports_in_every_format(tmp_path: Path) -> None:
    stored = hostile_session()
    paths = [export_session(stored, fmt, None, tmp_path) for fmt in ("md", "html", "json")]
    assert [p.suffix for p in paths] == [".md", ".html", ".json"]
    assert all(p.parent == tmp_path for p in paths)
    assert parse_session(json.loads(paths[2].read_text(encoding="utf-8"))) == stored


# ---------------------------------------------------------------- the command line


def test_cli_export_writes_the_plan(
    demo: StoredSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    session_id = demo_stored(data).session.id
    out = tmp_path / "uit"
    out.mkdir()
    assert main(["--data", str(data), "export", session_id, "--out", str(out)]) == 0
    [written] = out.iterdir()
    assert written.suffix == ".md"
    assert written.read_text(encoding="utf-8").startswith("# Plan van aanpak: Ouders en team samen")
    assert f"Opgeslagen: {written}" in capsys.readouterr().out


def test_cli_export_by_title_to_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    demo_stored(data)
    monkeypatch.chdir(tmp_path)
    assert main(["--data", str(data), "export", "Ouders en team", "--format", "html"]) == 0
    [written] = (tmp_path / "exports").iterdir()
    assert written.suffix == ".html"
    assert "<table>" in written.read_text(encoding="utf-8")


def test_cli_export_to_missing_folder_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    session_id = demo_stored(data).session.id
    code = main(["--data", str(data), "export", session_id, "--out", str(tmp_path / "x" / "p.md")])
    error = capsys.readouterr().err
    assert code == 1
    assert error.count("\n") == 1 and "bestaat niet" in error
    assert "Traceback" not in error
