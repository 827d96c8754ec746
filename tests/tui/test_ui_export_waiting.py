"""F12 opens the export preview at once, whatever the size of the plan (issue 9; issue 11, 19).

The plan is made and saved in worker threads. These tests hold those threads (``Held``) and check
what the facilitator sees and what their keys do meanwhile: the preview is there with "Plan wordt
klaargezet…", keys act on the preview and never on the runner below it, Escape goes back at once,
and keys typed while a file is written wait for it. Each test fails on the code that made the
whole plan as one Markdown widget on the UI thread (the held call then blocks the app).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from helpers_keys import burst, capture_value, runner_of
from helpers_preview import Held, plan_shown, saves_done, thread_event, until
from textual.pilot import Pilot
from textual.widgets import Checkbox

from screens.export_preview import ExportPreviewScreen
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.model import Contribution, Group, PhaseTimer, Position, Session
from workshop.store import SessionStore, StoredSession
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
WAITING = "Plan wordt klaargezet…"
TITLE = "Ouders en team samen: kinderdagverblijf De Zonnebloem"
NAMES = ("Fatima", "El Amrani", "Joost", "de Vries", "Marieke", "Jansen", "Sevda")


def demo_session(store: SessionStore, clock: FakeClock) -> str:
    live = create_demo_session(store, clock)
    live.close()
    return live.session.id


def screen_text(pilot: Pilot) -> str:  # type: ignore[type-arg]
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def test_the_preview_opens_at_once_and_waits_calmly_while_the_plan_is_made(
    make_app, store, clock
) -> None:
    session_id = demo_session(store, clock)
    app = make_app(session_id)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await runner_of(pilot)
            held = Held(app.workspace, "preview")
            await pilot.press("f12")
            await pilot.pause()
            assert isinstance(app.screen, ExportPreviewScreen)
            await thread_event(held.started)
            # The plan's top is drawn with the screen; the rest is still being made.
            shown = screen_text(pilot)
            assert "Plan bekijken en opslaan" in shown and TITLE in shown
            assert "Sevda en 2 anonieme ouders" in shown and "Nog bezig" in shown
            assert not held.finished.is_set() and not app.screen.view.complete

            held.release()
            await plan_shown(pilot)
            shown = screen_text(pilot)
            assert TITLE in shown and "Sevda en 2 anonieme ouders" in shown
            assert WAITING not in shown
            app.screen.live.close()

    asyncio.run(scenario())


def test_keys_typed_while_the_plan_is_made_act_on_the_preview_and_save_the_cli_bytes(
    make_app, store, clock, exports_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = demo_session(store, clock)
    app = make_app(session_id)

    async def scenario() -> Path:
        async with app.run_test(size=SIZE) as pilot:
            runner = await runner_of(pilot)
            held = Held(app.workspace, "preview")
            burst(app, ["f12", "z", "m"])  # a fast typist: without names, then save
            await pilot.pause()
            await until(pilot, lambda: not app.keys_waiting, "save")
            preview = app.screen
            assert isinstance(preview, ExportPreviewScreen)
            await saves_done(pilot, preview)
            assert not held.finished.is_set()  # the plan is still being made
            assert capture_value(runner) == ""  # nothing landed in the runner
            assert preview.query_one(Checkbox).value is True
            (saved,) = preview.saved
            assert not preview.view.complete and "Nog bezig" in screen_text(pilot)

            held.release()
            await plan_shown(pilot)
            shown = screen_text(pilot)
            assert "3 anonieme teamleden" in shown
            assert [name for name in NAMES if name in shown] == []
            preview.live.close()
            return saved

    saved = asyncio.run(scenario())
    assert saved.parent == exports_dir
    monkeypatch.setattr("workshop.cli.SystemClock", lambda: clock)  # the same "made on" date
    out = tmp_path / "cli.md"
    command = ["--data", str(store.root), "export", session_id, "--zonder-namen"]
    assert main([*command, "--out", str(out)]) == 0
    assert saved.read_bytes() == out.read_bytes()


def test_escape_while_the_plan_is_made_goes_back_at_once(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)
    app = make_app(session_id)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            runner = await runner_of(pilot)
            held = Held(app.workspace, "preview")
            burst(app, ["f12"])
            await thread_event(held.started)  # the preview was opened and began the plan
            burst(app, ["escape", "k"])  # (in one burst with F12, Escape could come first)
            await pilot.pause()
            await until(pilot, lambda: not app.keys_waiting, "save")
            assert app.screen is runner
            assert not held.finished.is_set()  # back before the plan was made
            held.release()
            await thread_event(held.finished)
            await pilot.pause()
            assert app.screen is runner
            assert capture_value(runner) == "k"  # the key after Escape is the runner's

    asyncio.run(scenario())


def test_keys_typed_while_a_file_is_written_wait_for_it(
    make_app, store, clock, exports_dir: Path
) -> None:
    session_id = demo_session(store, clock)
    app = make_app(session_id)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            runner = await runner_of(pilot)
            await pilot.press("f12")
            preview = await plan_shown(pilot)
            held = Held(app.workspace, "export")
            burst(app, ["m", "escape", "x"])
            await pilot.pause()
            await thread_event(held.started)
            await pilot.pause()
            assert app.screen is preview  # Escape waits for the file
            assert "Wordt opgeslagen…" in screen_text(pilot)
            assert capture_value(runner) == ""

            held.release()
            await until(pilot, lambda: not app.keys_waiting, "save")
            assert app.screen is runner
            assert capture_value(runner) == "x"
            (saved,) = exports_dir.glob("*.md")
            assert preview.saved == [saved]
            messages = [str(n.message) for n in app._notifications]
            assert any(str(saved) in m for m in messages), messages

    asyncio.run(scenario())


def big_session(store: SessionStore, clock: FakeClock, remarks: int) -> str:
    """A session with ``remarks`` remarks, stored at once (not typed)."""
    template = get_template(DEFAULT_TEMPLATE_ID)
    start = clock.now()
    session = Session(
        title="Een lange middag",
        location="Kinderdagverblijf De Zonnebloem",
        day=start.date(),
        facilitator="Marieke Jansen",
        template=template.to_dict(),
        timers=[PhaseTimer.fresh(phase.minutes) for phase in template.phases],
        position=Position(0, 0),
        created=start,
    )
    contributions = [
        Contribution(
            text=f"Opmerking {n}: de brieven zijn lang en gebruiken moeilijke woorden.",
            group=Group.TEAM if n % 2 else Group.OUDERPANEL,
            phase=n % len(template.phases),
            step=0,
            created=start + timedelta(seconds=n),
        )
        for n in range(remarks)
    ]
    store.create(StoredSession(session, contributions, []), start, clock=clock).close()
    return session.id


def test_a_big_plan_is_lines_not_widgets(make_app, store, clock) -> None:
    """The preview held a widget per block of the plan (thousands), built on the UI thread and
    taken down there again after Escape; now it holds the plan's lines."""
    app = make_app(big_session(store, clock, 600))

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            runner = await runner_of(pilot)
            await pilot.press("f12")
            preview = await plan_shown(pilot)
            assert "Plan van aanpak" in screen_text(pilot)
            widgets = list(preview.walk_children())
            assert len(widgets) < 60, len(widgets)
            await pilot.press("end")
            await pilot.pause()
            assert "Opmerking 599" in screen_text(pilot) or "Verslag" in screen_text(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is runner
            preview.live.close()

    asyncio.run(scenario())


def test_the_plan_follows_a_resized_terminal_and_keeps_the_place(make_app, store, clock) -> None:
    session_id = demo_session(store, clock)
    app = make_app(session_id)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await runner_of(pilot)
            await pilot.press("f12")
            preview = await plan_shown(pilot)
            view = preview.view
            wide = len(view.lines[0][0])  # a line: its text and its styles
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            place = view.scroll_y / len(view.lines)
            assert place > 0

            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            width = view.scrollable_content_region.width
            await until(pilot, lambda: view.complete and len(view.lines[0][0]) == width)
            assert width < wide
            assert {len(text) for text, _ in view.lines} == {width}
            assert abs(view.scroll_y / len(view.lines) - place) < 0.05
            shown = screen_text(pilot)
            assert "Plan bekijken en opslaan" in shown
            await pilot.press("home")
            await pilot.pause()
            assert TITLE in screen_text(pilot)
            preview.live.close()

    asyncio.run(scenario())


def test_the_top_shown_while_the_plan_is_made_has_no_names_when_asked(
    make_app, store, clock
) -> None:
    """The draft of the plan's top is made without names too: no name shows, not even for
    the moment the rest of the plan takes."""
    session_id = demo_session(store, clock)
    app = make_app(session_id)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await runner_of(pilot)
            await pilot.press("f12")
            preview = await plan_shown(pilot)
            held = Held(app.workspace, "preview")
            await pilot.press("z")
            await thread_event(held.started)
            await until(pilot, lambda: TITLE in screen_text(pilot))
            shown = screen_text(pilot)
            assert not preview.view.complete  # the draft: the rest is still being made
            assert "3 anonieme teamleden" in shown
            assert [name for name in NAMES if name in shown] == []
            held.release()
            await plan_shown(pilot)
            preview.live.close()

    asyncio.run(scenario())
