"""Wrapped text outside the runner (issue 11, item 8): the link-agreement dialog's items wrap
with a hanging indent, and the self-scan summary shows whole statements while there is room."""

from __future__ import annotations

import asyncio
import re

from helpers_review import SCAN, SCORES, fill_scores, screen_text, start_session

from screens.goals import GoalsScreen, LinkAgreementScreen
from screens.scan import ScanScreen
from workshop.scan import builtin_scans
from workshop.session import create_session, open_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (100, 30)
LONG = (
    "Elke maandagochtend een inloopkwartier in de ouderkamer, met koffie en thee, waar ouders "
    "zonder afspraak vragen kunnen stellen over de thema's van de groep en over thuis"
)


def rows_with(text: str, words: list[str]) -> list[str]:
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if words[0] in line)
    return lines[first : first + 4]


def test_a_long_agreement_in_the_link_dialog_wraps_under_its_own_text(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start_session(store, clock, "Plan opstellen", "2026-03-10")
    live.add_goal("Meer ouders in de ouderkamer", "Half van de ouders komt eens", "50", "")
    live.add_agreement(LONG, "Anouk Bakker")
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, live_id, clock)
            app.push_screen(GoalsScreen(live))
            await pilot.pause()
            await pilot.press("k")
            await pilot.pause()
            assert isinstance(app.screen, LinkAgreementScreen)
            await pilot.press("enter")  # linked: the mark "✓ gekoppeld" stands before it
            await pilot.pause()
            first, second, *_ = rows_with(screen_text(pilot), ["Elke maandagochtend"])
            column = first.index("Elke maandagochtend")
            assert "✓ gekoppeld" in first[:column]
            continued = second[column:]
            assert second[:column].strip(" ▊▌│┃▐█") == "", second  # nothing under the mark
            assert continued[:1].strip(), second  # the next words start right under the text
            assert continued.split()[0] in LONG
            live.close()

    live_id = live.session.id
    asyncio.run(scenario())


def test_the_self_scan_summary_shows_whole_statements(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    live = create_session(
        store,
        clock,
        title="Zelfscan",
        template=get_template(DEFAULT_TEMPLATE_ID),
        location="De Regenboog",
        scans=(SCAN,),
    )
    fill_scores(live, SCORES)
    live.close()
    statements = {
        s.code: s.text for s in next(s for s in builtin_scans() if s.id == SCAN).statements
    }

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            opened = open_session(store, live.session.id, clock)
            app.push_screen(ScanScreen(opened, SCAN))
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            # wrapped lines read as one text, without the border left of the summary and the
            # scroll bar on the right
            shown = " ".join(
                " ".join(re.sub(r"[▁▂▃▄▅▆▇█▔]+\s*$", "", re.sub(r"^\s*█", "", line)).split())
                for line in screen_text(pilot).splitlines()
            )
            assert "…" not in shown
            for code in ("I1", "I4", "I6"):  # the three biggest differences
                words = " ".join(statements[code].split())
                assert words in shown, (code, words)
            opened.close()

    asyncio.run(scenario())
