"""F12 shows the top of a plan fast, also when it starts with a long agreements table (issue 9).

A table is rendered whole (its columns fit its widest cells), so the preview's first part held all
agreements: 100 of them took Rich 60 ms and more before anything showed. Now a draft with the top
of the table comes first and the real first part replaces it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App, ComposeResult

from screens.plan_lines import DRAFT_ROWS, Part, PlanRenderer, draft_of, plan_parts, plan_theme
from screens.widgets.plan_view import PlanView

ROWS = 60


def plan(rows: int = ROWS) -> str:
    table = "\n".join(f"| Afspraak rij {n} | Sevda | deze week |" for n in range(rows))
    return (
        "# Plan van aanpak: Ouderavond\n\n- **Datum:** 10 maart 2026\n\n## Afspraken\n\n"
        "| Afspraak | Eigenaar | Wanneer |\n| --- | --- | --- |\n"
        f"{table}\n\n## Doelen\n\n- een doel\n"
    )


def test_the_draft_holds_the_top_of_a_long_table() -> None:
    first = next(iter(plan_parts(plan())))
    draft = draft_of(first)
    assert draft is not None
    assert draft.text.startswith("# Plan van aanpak: Ouderavond")
    assert f"Afspraak rij {DRAFT_ROWS - 1} |" in draft.text
    assert f"Afspraak rij {DRAFT_ROWS} |" not in draft.text
    assert "## Doelen" not in draft.text


def test_no_draft_without_a_long_table() -> None:
    assert draft_of(Part(plan(DRAFT_ROWS), False)) is None
    assert draft_of(Part("# Titel\n\n- een\n- twee", False)) is None


class PlanApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlanView(id="plan")


def test_the_view_shows_the_draft_first_and_then_the_plan_as_rendered_whole() -> None:
    text = plan()
    added: list[tuple[bool, list[str]]] = []

    async def scenario() -> PlanView:
        app = PlanApp()
        async with app.run_test(size=(100, 30)) as pilot:
            view = app.query_one(PlanView)
            original = view._add

            def add(*args: Any, **kwargs: Any) -> None:
                original(*args, **kwargs)
                added.append((view.draft, [line for line, _ in view.lines]))

            view._add = add  # type: ignore[method-assign]
            width = view.scrollable_content_region.width
            view.make_and_show(lambda: text, width, head=lambda: text)
            for _ in range(50):
                await pilot.pause()
                if view.complete:
                    break
            return view

    view = asyncio.run(scenario())
    assert view.complete and not view.draft
    first_draft, first_lines = added[0]
    assert first_draft
    shown = "\n".join(first_lines)
    assert "Plan van aanpak: Ouderavond" in shown
    assert f"Afspraak rij {DRAFT_ROWS - 1}" in shown and f"Afspraak rij {DRAFT_ROWS}" not in shown
    renderer = PlanRenderer(view._width, plan_theme())
    whole = [line for line, _ in renderer.lines(Part(text, False), first=True)]
    assert [line for line, _ in view.lines] == whole  # the draft left nothing behind
