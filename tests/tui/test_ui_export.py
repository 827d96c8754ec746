"""The export preview: read the plan in the app, save it as Markdown or HTML, names or not."""

from __future__ import annotations

import asyncio
from pathlib import Path

from helpers_preview import plan_shown, saves_done
from markdown_it import MarkdownIt
from textual.pilot import Pilot
from textual.widgets import Checkbox, Static

from screens.export_preview import ExportPreviewScreen
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SessionStore

SIZE = (120, 36)
NAMES = ("Fatima", "El Amrani", "Joost", "de Vries", "Marieke", "Jansen", "Sevda")


def demo_session(store: SessionStore, clock: FakeClock) -> str:
    live = create_demo_session(store, clock)
    live.close()
    return live.session.id


def screen_text(pilot: Pilot) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def saved_lines(pilot: Pilot) -> list[str]:
    return str(pilot.app.screen.query_one("#export-saved", Static).render()).splitlines()


async def open_preview(pilot: Pilot, store: SessionStore, session_id: str, clock: FakeClock):  # type: ignore[no-untyped-def]
    live = open_session(store, session_id, clock)
    pilot.app.push_screen(ExportPreviewScreen(live))
    await pilot.pause()
    await plan_shown(pilot)
    return live


def headings(tokens: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [
        (token.tag, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def table_rows(tokens: list, section: str) -> list[list[str]]:  # type: ignore[type-arg]
    """The rows of the tables under the H2 named ``section``."""
    rows: list[list[str]] = []
    current = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            current = tokens[i + 1].content
        if current != section:
            continue
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(tokens[i + 1].content)
    return rows


def test_preview_then_save_markdown_and_html(make_app, store, clock, exports_dir) -> None:
    session_id = demo_session(store, clock)
    title = "Ouders en team samen: kinderdagverblijf De Zonnebloem"

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = await open_preview(pilot, store, session_id, clock)
            shown = screen_text(pilot)
            assert title in shown
            assert "Sevda en 2 anonieme ouders" in shown

            await pilot.press("m")
            await saves_done(pilot, app.screen)
            (md_path,) = exports_dir.glob("*.md")
            assert saved_lines(pilot) == [
                "Opgeslagen als Markdown",
                f"Bestand: {md_path.name}",
                f"Map: {exports_dir}",
            ]
            shown = screen_text(pilot)
            assert f"Bestand: {md_path.name}" in shown and f"Map: {exports_dir}" in shown

            await pilot.press("h")
            await saves_done(pilot, app.screen)
            (html_path,) = exports_dir.glob("*.html")
            assert saved_lines(pilot) == [
                "Opgeslagen als webpagina (HTML)",
                f"Bestand: {html_path.name}",
                f"Map: {exports_dir}",
            ]
            assert app.screen.saved == [md_path, html_path]
            live.close()

        assert md_path.name == "2026-03-10-ouders-en-team-samen-kinderdagverblijf-de-zonnebloem.md"
        tokens = MarkdownIt("commonmark").enable("table").parse(md_path.read_text("utf-8"))
        found = headings(tokens)
        # the document's title says what it is (issue 11, item 21)
        assert found[0] == ("h1", f"Plan van aanpak: {title}")
        assert [t for t in found if t[0] == "h1"] == [("h1", f"Plan van aanpak: {title}")]
        assert ("h2", "Afspraken") in found
        rows = table_rows(tokens, "Afspraken")
        assert rows[0] == [
            "Afspraak",
            "Eigenaar",
            "Met wie",
            "Wanneer",
            "Instrument",
            "Partnerschap",
            "Status",
        ]
        assert [row[1] for row in rows[1:]] == [
            "Joost de Vries",
            "Fatima El Amrani",
            "Sevda",
            "Marieke Jansen",
        ]
        page = html_path.read_text("utf-8")
        assert "<h1" in page and "De Zonnebloem" in page and "<table" in page

    asyncio.run(scenario())


def test_without_names_export_holds_no_participant_name(
    make_app, store, clock, exports_dir
) -> None:
    session_id = demo_session(store, clock)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = await open_preview(pilot, store, session_id, clock)
            await pilot.press("z")
            await plan_shown(pilot)
            assert app.screen.query_one(Checkbox).value is True
            shown = screen_text(pilot)
            assert "3 anonieme teamleden" in shown
            assert not [name for name in NAMES if name in shown]

            await pilot.press("ctrl+s")
            await pilot.press("h")
            await saves_done(pilot, app.screen)
            assert saved_lines(pilot)[0] == "Opgeslagen als webpagina (HTML), zonder namen"
            live.close()

        files = sorted(exports_dir.iterdir())
        assert [f.suffix for f in files] == [".html", ".md"]
        for path in files:
            text = path.read_text("utf-8")
            assert "Zonnebloem" in text  # the location stays: it names no person
            assert [name for name in NAMES if name in text] == []

    asyncio.run(scenario())


def test_hostile_text_shows_literally_in_the_preview(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)
    live = open_session(store, session_id, clock)
    live.go_to(0, 0)
    live.add_contribution("# kop", Group.TEAM)
    live.add_contribution("[b]x[/b] en *ster* en <script>", Group.OUDERPANEL)
    live.add_agreement("| pijp | in [i]tabel[/i]", "Sevda")
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(200, 200)) as pilot:
            live = await open_preview(pilot, store, session_id, clock)
            shown = screen_text(pilot)
            assert "Observatie: # kop" in shown
            assert "[b]x[/b] en *ster* en <script>" in shown
            assert "| pijp | in [i]tabel[/i]" in shown
            live.close()

    asyncio.run(scenario())


def test_a_folder_that_cannot_be_written_gives_a_calm_message(
    make_app, store, clock, exports_dir: Path
) -> None:
    session_id = demo_session(store, clock)
    exports_dir.parent.mkdir(parents=True, exist_ok=True)
    exports_dir.write_text("ik ben een bestand, geen map")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = await open_preview(pilot, store, session_id, clock)
            await pilot.press("m")
            await saves_done(pilot, app.screen)
            assert isinstance(app.screen, ExportPreviewScreen)
            messages = [str(n.message) for n in app._notifications]
            assert any(str(exports_dir) in m and "kan niet" in m for m in messages), messages
            assert not app.screen.query_one("#export-saved", Static).display
            assert app.screen.saved == []
            live.close()

    asyncio.run(scenario())
