"""Wrapped bullets hang under their text (issue 11, item 8, runner part): in the step's questions
and in the F4 tips, a second line starts under the first word, not under the dot."""

from __future__ import annotations

import asyncio

from helpers_keys import new_session, runner_of, settle
from textual.widget import Widget

from screens.widgets import HintsPanel, StepView
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def wrapped_rows(container: Widget) -> list[tuple[Widget, Widget]]:
    """(dot, text) of each bullet whose text takes more than one line."""
    rows = []
    for bullet in container.query("Bullet"):
        dot, text = bullet.query_one(".bullet-dot"), bullet.query_one(".bullet-text")
        if text.region.height > 1:
            rows.append((dot, text))
    return rows


def test_wrapped_questions_and_tips_hang_under_their_text(make_app, store, clock) -> None:
    session_id = new_session(store, clock)
    phases = get_template(DEFAULT_TEMPLATE_ID).phases
    longest = max(len(q) for q in phases[0].steps[0].questions)
    assert longest > 60  # wraps at 100 columns beside the clock

    async def scenario() -> None:
        async with make_app(session_id).run_test(size=(100, 30)) as pilot:
            screen = await runner_of(pilot)
            await pilot.press("f4")
            await settle(pilot)
            for container in (screen.query_one(StepView), screen.query_one(HintsPanel)):
                rows = wrapped_rows(container)
                assert rows, container
                for dot, text in rows:
                    assert str(dot.render()).strip() == "•"
                    assert dot.region.height == 1  # the dot on the first line only
                    # Every line of the text, the wrapped ones too, starts two columns right.
                    assert text.region.x == dot.region.x + 2
                    assert text.region.y == dot.region.y
                    second = text.render_line(1).text
                    assert second and not second.startswith(" "), second

    asyncio.run(scenario())
