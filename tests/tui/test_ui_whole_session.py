"""A whole workshop, driven as a facilitator would, then checked in the store and the export.

Create a session, capture team and parent-panel remarks, run the timer into overtime on a fake
clock, make an agreement (refused first without an owner), close the app, open a new app on the
same data, resume exactly where it was, and export the plan.
"""

from __future__ import annotations

import asyncio

from helpers_preview import saves_done
from markdown_it import MarkdownIt

from screens.agreement_form import AgreementFormScreen
from screens.export_preview import ExportPreviewScreen
from screens.home import HomeScreen
from screens.new_session import NewSessionScreen
from screens.runner import RunnerScreen
from workshop.model import Group, Status
from workshop.timer import TimerState

SIZE = (120, 36)


async def type_into(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    await pilot.press(*text)


def test_a_whole_session(make_app, store, clock, exports_dir) -> None:
    async def first_meeting() -> str:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, NewSessionScreen)
            await type_into(pilot, "#title", "Ouderavond anders")
            await type_into(pilot, "#location", "Kindcentrum De Linde")
            await type_into(pilot, "#facilitator", "Mira")
            await type_into(pilot, "#team", "Mira, Tom")
            await pilot.press("ctrl+s")
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            live = runner.live

            # Capture: two team remarks, then Tab to the parent panel for one with prefixes.
            await pilot.press(*"Weinig ouders op de ouderavond", "enter")
            await pilot.press(*"@Tom koffie bij het brengen werkt", "enter")
            await pilot.press("tab")
            await pilot.press(*"#wens Meer uitleg over thuis voorlezen", "enter")
            await pilot.pause()
            assert runner.capture.input.value == ""
            assert runner.capture.input.has_focus

            # The timer: start, 15 minutes, pause, +1 minute, then on into overtime.
            planned = live.timer_reading().planned
            await pilot.press("f5")
            clock.advance(15 * 60)
            runner.tick()
            await pilot.press("f5")
            await pilot.press("f6")
            reading = live.timer_reading()
            assert not reading.running
            assert reading.remaining == planned - 15 * 60 + 60
            await pilot.press("f5")
            clock.advance(reading.remaining + 90)
            runner.tick()
            assert live.timer_reading().state is TimerState.OVERTIME
            assert live.timer_reading().label == "+01:30"

            # An agreement from the parents' remark: refused without an owner, then saved.
            await pilot.press("escape")  # to the columns
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, AgreementFormScreen)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form, "an agreement without an owner must be refused"
            assert "eigenaar" in str(form.query_one("#error-eigenaar").render()).lower()
            await type_into(pilot, "#input-eigenaar", "Tom")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, RunnerScreen)
            assert [a.owner for a in live.agreements] == ["Tom"]
            position = live.session.position
            remaining = live.timer_reading().remaining
            session_id = live.session.id
        # The app is closed here, with the timer still running: closing pauses it (issue 11).
        assert (position.phase, position.step) == (0, 0)
        assert remaining == -90
        return session_id

    session_id = asyncio.run(first_meeting())

    clock.advance(30)  # half a minute passes while the app is closed: it does not count

    async def resume_and_export() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("enter")
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            live = runner.live
            assert live.session.id == session_id
            assert (live.session.position.phase, live.session.position.step) == (0, 0)
            reading = live.timer_reading()
            assert not reading.running and reading.label == "+01:30"

            await pilot.press("f12")
            await pilot.pause()
            assert isinstance(app.screen, ExportPreviewScreen)
            await pilot.press("m")
            await saves_done(pilot, app.screen)
            (saved,) = exports_dir.glob("*.md")
            assert saved.name == "2026-03-10-ouderavond-anders.md"
            tokens = MarkdownIt("commonmark").enable("table").parse(saved.read_text("utf-8"))
            headings = [
                (t.tag, tokens[i + 1].content)
                for i, t in enumerate(tokens)
                if t.type == "heading_open"
            ]
            assert headings[0] == ("h1", "Plan van aanpak: Ouderavond anders")  # issue 11, 21
            assert ("h2", "Afspraken") in headings and ("h2", "Verslag") in headings
            text = saved.read_text("utf-8")
            assert "Meer uitleg over thuis voorlezen" in text and "Tom" in text

    asyncio.run(resume_and_export())

    stored = store.load(session_id)
    texts = {(c.group, c.text) for c in stored.contributions}
    assert texts == {
        (Group.TEAM, "Weinig ouders op de ouderavond"),
        (Group.TEAM, "koffie bij het brengen werkt"),
        (Group.OUDERPANEL, "Meer uitleg over thuis voorlezen"),
    }
    assert next(c for c in stored.contributions if c.text.startswith("koffie")).author == "Tom"
    (agreement,) = stored.agreements
    assert agreement.owner == "Tom" and agreement.status is Status.OPEN
    parents_remark = next(c for c in stored.contributions if c.group is Group.OUDERPANEL)
    assert agreement.source == parents_remark.id
    assert agreement.what == parents_remark.text
    assert [p.name for p in stored.session.participants if p.group is Group.TEAM] == ["Mira", "Tom"]
    assert not stored.session.timers[0].running
    assert stored.session.timing_log[-1].stopped is not None
