"""A form's style file shapes that form only. Textual reads a style file once for the whole app,
so a rule on a shared class (``.field-label``) in one form's file reached every other form. Since
the runner reads the style files of all screens opened from it (issue 9), the agreement form
over the runner had each label a line below its field (``margin-top`` from the remark editor's
file) and, after the new-session form, padded labels (from that form's file) and runner columns cut
off (its ``#columns``). tests/tui/test_style_scopes.py checks every style file for such rules."""

from __future__ import annotations

import asyncio

from helpers_keys import SIZE, new_session, settle
from textual.geometry import Spacing
from textual.widgets import Input, TextArea

from screens.agreement_form import AgreementFormScreen
from screens.new_session import NewSessionScreen
from screens.runner import RunnerScreen
from workshop.model import Group
from workshop.session import open_session


def test_agreement_form_labels_stand_beside_their_fields_whatever_was_opened_before(
    make_app, store, clock
) -> None:
    session_id = new_session(store, clock)
    live = open_session(store, session_id, clock)
    live.add_contribution("Ouders willen vaker een kort gesprek", Group.OUDERPANEL)
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")  # the new-session form brings its style file
            await settle(pilot)
            assert isinstance(app.screen, NewSessionScreen)
            await pilot.press("escape")
            await settle(pilot)
            app.open_runner(session_id)  # the runner brings the style files of its screens
            await settle(pilot)
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            # The new-session form's "#columns" is its own: the runner's columns still take the
            # height the screen has for them, down to the capture line.
            assert runner.columns.region.bottom == runner.capture.region.y
            await pilot.press("escape", "a")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, AgreementFormScreen)

            fields = [field for field in form.query(".field") if field.display]
            assert len(fields) == 6  # a new agreement: no status field
            for field in fields:
                label = field.query_one(".field-label")
                field_input = field.query_one(".form-input", Input | TextArea)
                assert label.region.y == field_input.region.y == field.region.y, field.id
                assert label.region.x == field.region.x, field.id  # not padded
                assert label.styles.margin == Spacing(0, 0, 0, 0), field.id
                assert label.styles.padding == Spacing(0, 0, 0, 0), field.id

    asyncio.run(scenario())
