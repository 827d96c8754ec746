"""F12 makes and renders the plan in one worker, at the width the view will get, before the view
is laid out (issue 9: the plan's top on screen within 50 ms); a plan that cannot be made is said
calmly."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from helpers_keys import runner_of
from helpers_preview import plan_shown, until

from screens.export_preview import NOT_MADE, ExportPreviewScreen
from screens.widgets.plan_view import PlanView
from workshop.demo import create_demo_session


@pytest.mark.parametrize("size", [(100, 30), (120, 36), (200, 55)])
def test_the_plan_is_rendered_once_at_the_width_it_is_shown_at(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    live = create_demo_session(store, clock)
    live.close()
    rendered_again: list[int] = []
    original = PlanView._render

    def render(view: PlanView) -> None:
        rendered_again.append(view.scrollable_content_region.width)
        original(view)

    monkeypatch.setattr(PlanView, "_render", render)

    async def scenario() -> None:
        app = make_app(live.session.id)
        async with app.run_test(size=size) as pilot:
            await runner_of(pilot)
            await pilot.press("f12")
            preview = await plan_shown(pilot)
            assert preview.view._width == preview.view.scrollable_content_region.width
            assert any("Plan van aanpak" in text for text, _ in preview.view.lines)
            preview.live.close()

    asyncio.run(scenario())
    assert rendered_again == []  # the width foreseen was the width it got


def test_a_plan_that_cannot_be_made_is_said_calmly(make_app, store, clock) -> None:
    live = create_demo_session(store, clock)
    live.close()

    async def scenario() -> None:
        app = make_app(live.session.id)

        def fails(*args: Any, **kwargs: Any) -> str:
            raise PermissionError(13, "Permission denied")

        app.workspace.preview = fails
        reported: list[BaseException] = []
        app.report = reported.append
        async with app.run_test(size=(120, 36)) as pilot:
            await runner_of(pilot)
            await pilot.press("f12")
            screen = app.screen
            assert isinstance(screen, ExportPreviewScreen)
            await until(pilot, lambda: bool(reported))
            assert isinstance(reported[0], PermissionError)
            assert screen.view.message == NOT_MADE and not screen.view.lines
            assert app.screen is screen  # still the preview; Escape goes back
            screen.live.close()

    asyncio.run(scenario())


def test_the_first_frame_of_the_preview_shows_the_top_of_the_plan(make_app, store, clock) -> None:
    """The plan's top (title, facts, the first agreements) is drawn with the screen, also before
    a long agreements table is rendered: no frame with only the waiting line."""
    from workshop.session import create_session
    from workshop.template import DEFAULT_TEMPLATE_ID, get_template

    live = create_session(
        store, clock, title="Veel afspraken", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    for number in range(60):
        live.add_agreement(f"Afspraak nummer {number} over de nieuwsbrief", "Joost")
    live.close()
    first_frames: list[str] = []

    async def scenario() -> None:
        app = make_app(live.session.id)
        async with app.run_test(size=(120, 36)) as pilot:
            await runner_of(pilot)
            display = app._display

            def recorded(screen, renderable):  # type: ignore[no-untyped-def]
                shown = renderable is not None and isinstance(screen, ExportPreviewScreen)
                if shown and not first_frames:
                    strips = screen._compositor.render_strips()
                    first_frames.append("\n".join(s.text for s in strips))
                display(screen, renderable)

            app._display = recorded  # type: ignore[method-assign]
            await pilot.press("f12")
            preview = await plan_shown(pilot)
            preview.live.close()

    asyncio.run(scenario())
    (first,) = first_frames
    assert "Plan van aanpak: Veel afspraken" in first and "Afspraak nummer 0 " in first


def test_the_whole_plan_is_made_after_the_top_is_on_the_screen(make_app, store, clock) -> None:
    """The worker that makes the whole plan starts once the top is drawn: started at once, it
    took the UI thread's turns at the interpreter while that frame was drawn."""
    live = create_demo_session(store, clock)
    live.close()
    made_before_first_frame: list[bool] = []

    async def scenario() -> None:
        app = make_app(live.session.id)
        made: list[int] = []
        preview = app.workspace.preview

        def counted(*args: Any, **kwargs: Any) -> str:
            made.append(1)
            return preview(*args, **kwargs)

        app.workspace.preview = counted
        async with app.run_test(size=(120, 36)) as pilot:
            await runner_of(pilot)
            display = app._display

            def recorded(screen, renderable):  # type: ignore[no-untyped-def]
                shown = renderable is not None and isinstance(screen, ExportPreviewScreen)
                if shown and not made_before_first_frame:
                    made_before_first_frame.append(bool(made))
                display(screen, renderable)

            app._display = recorded  # type: ignore[method-assign]
            await pilot.press("f12")
            shown = await plan_shown(pilot)
            assert made == [1]
            shown.live.close()

    asyncio.run(scenario())
    assert made_before_first_frame == [False]
