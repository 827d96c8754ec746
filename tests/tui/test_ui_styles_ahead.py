"""The screens opened from the runner do not make Textual parse all CSS again (issue 9).

A screen whose style file Textual has not seen yet makes it parse every style of the app again
and restyle every widget: that made the first F10, F12 or ``a`` of a session 60 ms slower than
the next. The runner brings those style files along, so opening the session pays it once.
"""

from __future__ import annotations

import asyncio
from typing import Any

from screens.agreement_form import AgreementFormScreen
from screens.agreements import AgreementsScreen
from screens.export_preview import ExportPreviewScreen
from screens.runner import RunnerScreen
from workshop.model import Group
from workshop.session import create_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def session_with_a_remark(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = create_session(
        store, clock, title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.add_contribution("De nieuwsbrief is te lang.", Group.OUDERPANEL)
    live.add_agreement("Een korte nieuwsbrief", "Joost de Vries")
    live.close()
    return live.session.id


def test_screens_opened_from_the_runner_bring_no_new_style_files(make_app, store, clock) -> None:
    session_id = session_with_a_remark(store, clock)
    reparsed: list[int] = []
    shown: list[type] = []

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # open the session from the home screen, as people do
            for _ in range(10):
                await pilot.pause()
                if isinstance(app.screen, RunnerScreen):
                    break
            assert isinstance(app.screen, RunnerScreen)
            assert app.screen.live.session.id == session_id

            original = app.stylesheet.reparse

            def reparse(*args: Any, **kwargs: Any) -> None:
                reparsed.append(len(app.stylesheet.source))
                original(*args, **kwargs)

            app.stylesheet.reparse = reparse  # type: ignore[method-assign]
            for key, expected in (
                ("f10", AgreementsScreen),
                ("f12", ExportPreviewScreen),
            ):
                await pilot.press(key)
                await pilot.pause()
                shown.append(type(app.screen))
                assert isinstance(app.screen, expected)
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("escape")  # from the capture line to the list of remarks
            await pilot.press("a")
            await pilot.pause()
            shown.append(type(app.screen))
            assert shown == [AgreementsScreen, ExportPreviewScreen, AgreementFormScreen]
            assert reparsed == []

    asyncio.run(scenario())


def test_a_screen_is_styled_once_before_its_first_frame(make_app, store, clock) -> None:
    """The agreement form's widgets are styled as they are mounted; its first resume does not
    style them all again (only the focused field and what holds it, for their :focus styles)."""

    session_id = session_with_a_remark(store, clock)
    batches: list[int] = []
    widgets: list[int] = []

    async def scenario() -> None:
        app = make_app(session_id)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(10):
                await pilot.pause()
                if isinstance(app.screen, RunnerScreen):
                    break
            await pilot.press("escape")  # from the capture line to the list of remarks
            await pilot.pause()
            update_nodes = app.stylesheet.update_nodes

            def counted(nodes: Any, animate: bool = False) -> None:
                nodes = list(nodes)
                if isinstance(app.screen, AgreementFormScreen):
                    batches.append(len(nodes))
                update_nodes(nodes, animate=animate)

            app.stylesheet.update_nodes = counted  # type: ignore[method-assign]
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, AgreementFormScreen)
            widgets.append(len(list(app.screen.walk_children(with_self=True))))

    asyncio.run(scenario())
    assert widgets and widgets[0] > 20
    assert batches and max(batches) < widgets[0] // 2, (batches, widgets)


def test_every_screen_opened_from_the_runner_has_its_style_file_in_the_runners() -> None:
    """The runner lists those style files by hand: a screen opened from it with a file that is
    not in that list brings back the full reparse on its first opening."""
    from screens.balance import BalanceScreen
    from screens.contribution_edit import ContributionEditScreen
    from screens.contribution_move import ContributionMoveScreen
    from screens.goal_form import EvaluateGoalScreen, GoalFormScreen
    from screens.goals import GoalsScreen, LinkAgreementScreen
    from screens.help import HelpScreen
    from screens.review import ReviewScreen
    from screens.scan import ScanScreen

    opened_from_the_runner = (
        AgreementsScreen,
        AgreementFormScreen,
        ExportPreviewScreen,
        ContributionEditScreen,
        ContributionMoveScreen,
        ReviewScreen,
        GoalsScreen,
        LinkAgreementScreen,
        GoalFormScreen,
        EvaluateGoalScreen,
        BalanceScreen,
        ScanScreen,
        HelpScreen,
    )
    runner_styles = set(RunnerScreen.CSS_PATH)
    for screen in opened_from_the_runner:
        paths = screen.CSS_PATH if isinstance(screen.CSS_PATH, list) else [screen.CSS_PATH]
        assert set(paths) <= runner_styles, screen.__name__
