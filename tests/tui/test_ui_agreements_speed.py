"""F10 and the agreement form open fast: only what is visible is built before the first frame,
and nothing is done twice (issue 9: key to frame at most 50 ms in a session of 500 remarks)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable

from screens.agreement_form import AgreementFormScreen, WhatArea
from screens.agreements import AgreementsScreen
from screens.backdrop import TintedBackdrop
from workshop.model import Group, PartnershipForm
from workshop.session import create_session, open_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
LONG = "Ouders willen vaker horen wat hun kind op de groep heeft gedaan, liefst met een foto."


def session_with_agreements(store, clock, count: int) -> str:  # type: ignore[no-untyped-def]
    live = create_session(
        store, clock, title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.add_contribution("De nieuwsbrief is te lang.", Group.OUDERPANEL)
    for n in range(count):
        live.add_agreement(f"{n}: {LONG}", "Joost de Vries", form=PartnershipForm.FORMEEL)
    live.close()
    return live.session.id


def test_f10_builds_only_the_rows_on_screen_before_its_first_frame(make_app, store, clock) -> None:
    session_id = session_with_agreements(store, clock, 60)
    built_at_first_frame: list[int] = []

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            original = app._display

            def display(screen: Any, renderable: Any) -> None:
                if isinstance(screen, AgreementsScreen) and not built_at_first_frame:
                    built_at_first_frame.append(screen.query_one(DataTable).row_count)
                original(screen, renderable)

            app._display = display  # type: ignore[method-assign]
            live = open_session(store, session_id, clock)
            app.push_screen(AgreementsScreen(live))
            for _ in range(20):  # the rest comes in parts, after the first frame
                await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert table.row_count == 60  # all of them, in the order made
            assert table.get_row_at(59)[1].plain.startswith("59: ")
            room = table.scrollable_content_region.height
            tops, top = [], 0
            for row in table.ordered_rows:
                tops.append(top)
                top += row.height
            on_screen = sum(1 for t in tops if t < room)
            assert 0 < on_screen < 60
            # The first frame waited for the rows it shows (one more at most), not for all.
            assert built_at_first_frame and on_screen <= built_at_first_frame[0] <= on_screen + 1

    asyncio.run(scenario())


def test_the_agreement_form_focuses_its_first_field_straight_away(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the scrolling dialog first: its focus and blur would restyle every field."""
    session_id = session_with_agreements(store, clock, 1)
    focused: list[Widget | None] = []
    set_focus = AgreementFormScreen.set_focus

    def recorded(self: AgreementFormScreen, widget: Widget | None, *args: Any, **kw: Any) -> Any:
        focused.append(widget)
        return set_focus(self, widget, *args, **kw)

    monkeypatch.setattr(AgreementFormScreen, "set_focus", recorded)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            app.push_screen(AgreementFormScreen(live, source=live.contributions[0]))
            await pilot.pause()
            assert isinstance(app.focused, WhatArea)
            assert focused and all(isinstance(w, WhatArea) for w in focused)
            assert not any(isinstance(w, VerticalScroll) for w in focused)

    asyncio.run(scenario())


def test_a_dialog_tints_the_screen_beneath_it_through_the_per_style_backdrop(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = session_with_agreements(store, clock, 1)
    tinted: list[int] = []
    process = TintedBackdrop.process_segments.__func__  # type: ignore[attr-defined]

    def counted(cls: type[TintedBackdrop], segments: Any, color: Any) -> Any:
        tinted.append(1)
        return process(cls, segments, color)

    monkeypatch.setattr(TintedBackdrop, "process_segments", classmethod(counted))

    async def scenario() -> None:
        app = make_app(open_session_id=session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            live = app.screen.live  # type: ignore[attr-defined]
            app.push_screen(AgreementFormScreen(live, source=live.contributions[0]))
            await pilot.pause()
            assert tinted  # the runner beneath was drawn through TintedBackdrop

    asyncio.run(scenario())
