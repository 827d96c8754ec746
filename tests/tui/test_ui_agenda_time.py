"""The runner's agenda is honest about time (issue 11): a skipped phase looks skipped, in shape
and words, and the schedule leaves it out. Time only moves through FakeClock.
"""

from __future__ import annotations

import asyncio

from screens.runner import RunnerScreen
from screens.widgets.agenda import AgendaRow, row_line
from workshop.phase_progress import PhaseProgress
from workshop.session import create_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def agenda_lines(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen)
    runner.tick()
    return str(runner.query_one("#agenda").render()).splitlines()


def test_a_skipped_phase_is_shown_skipped_and_not_counted(make_app, store, clock) -> None:
    live = create_session(
        store, clock, title="Teamoverleg", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.start_timer()
    clock.advance(15 * 60)
    live.go_to(1)
    live.start_timer()  # started by mistake on the way through
    clock.advance(20)
    live.go_to(2)
    session_id = live.session.id
    live.close()

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await pilot.pause()
            lines = agenda_lines(pilot)
            assert lines[1].startswith("✓ 1 Behoefte en") and lines[1].endswith("15/20")
            assert lines[2].startswith("– 2 Visie") and lines[2].endswith("overgeslagen")
            assert lines[3].startswith("▶ 3 Plan opstellen")
            assert lines[-1] == "5 min voor op schema"  # not 25: phase 2 did not run

    asyncio.run(scenario())


def test_a_skipped_row_reads_in_full_where_there_is_room() -> None:
    row = AgendaRow(2, "Visie ontwikkelen", 20, None, PhaseProgress.SKIPPED)
    assert row_line(row, 40).plain == "– 2 Visie ontwikkelen" + " " * 6 + " overgeslagen"


def test_the_agenda_shows_the_time_added_steps_bring(make_app, store, clock) -> None:
    live = create_session(
        store,
        clock,
        title="Tweede sessie",
        template=get_template(DEFAULT_TEMPLATE_ID),
        review=True,
        scans=("indicatoren", "criteria"),
    )
    session_id = live.session.id
    live.close()

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=SIZE) as pilot:
            await pilot.pause()
            lines = agenda_lines(pilot)
            # A look back (10) and two self-scans (15 each) on top of phase 1's own 20 minutes.
            assert lines[1].startswith("▶ 1 Behoefte") and lines[1].endswith(" 60")
            assert lines[6].startswith("· 6 Evaluatie") and lines[6].endswith(" 20")
            assert pilot.app.screen.query_one("#timer-digits").value == "60:00"

    asyncio.run(scenario())
