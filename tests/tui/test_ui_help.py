"""The help (F1): every key's sentence is readable in full, also at 100x30."""

from __future__ import annotations

import asyncio

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable

from screens.help import CAPTURE_HELP, MIN_TEXT_WIDTH, HelpScreen, column_widths
from workshop.capture import parse_capture
from workshop.demo import create_demo_session
from workshop.model import Group

SMALLEST = (100, 30)


def screen_text(pilot: Pilot) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def everything_in_the_help(pilot: Pilot) -> str:
    """The help's text from top to bottom, paging down as a reader would."""
    seen = [screen_text(pilot)]
    for _ in range(4):
        await pilot.press("pagedown")
        await pilot.pause()
        seen.append(screen_text(pilot))
    return "\n".join(seen)


@pytest.mark.parametrize("where", ["overzicht", "nieuwe sessie", "sessie"])
def test_every_sentence_is_shown_whole_at_100x30(make_app, store, clock, where: str) -> None:
    demo = create_demo_session(store, clock)
    demo.close()

    async def scenario() -> None:
        app = make_app(open_session_id=demo.session.id if where == "sessie" else None)
        async with app.run_test(size=SMALLEST) as pilot:
            if where == "nieuwe sessie":
                await pilot.press("n")
            await pilot.press("f1")
            await pilot.pause()
            help_screen = pilot.app.screen
            assert isinstance(help_screen, HelpScreen)
            table = help_screen.query_one("#help-keys", DataTable)
            assert table.virtual_size.width <= table.content_size.width  # nothing off the side
            shown = await everything_in_the_help(pilot)
            sentences = [text for _, text in help_screen.rows]
            assert len(sentences) >= 3
            for sentence in sentences:
                assert sentence in shown, sentence

    asyncio.run(scenario())


def test_a_long_sentence_wraps_within_its_column_instead_of_being_cut(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SMALLEST) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            help_screen = pilot.app.screen
            assert isinstance(help_screen, HelpScreen)
            longest = max(cell_len(text) for _, text in help_screen.rows)
            help_screen.fill_keys(longest // 2)  # as if the box were narrow
            await pilot.pause()
            table = help_screen.query_one("#help-keys", DataTable)
            heights = [row.height for row in table.ordered_rows]
            assert max(heights) >= 2
            assert table.virtual_size.width <= longest // 2

    asyncio.run(scenario())


ROWS = [("Enter", "Ga verder met de gekozen sessie"), ("Delete of v", "Verwijder")]


def test_keys_get_their_longest_width_and_the_sentences_the_rest() -> None:
    key_width, text_width = column_widths(ROWS, room=40, cell_padding=1)
    assert key_width == len("Delete of v")
    assert text_width == 40 - key_width - 4


def test_sentences_do_not_get_more_room_than_the_longest_needs() -> None:
    assert column_widths(ROWS, room=200, cell_padding=1)[1] == len(ROWS[0][1])


def test_sentences_keep_a_readable_width_in_a_tiny_box() -> None:
    assert column_widths(ROWS, room=10, cell_padding=1)[1] == MIN_TEXT_WIDTH


async def help_over_the_new_session_form(pilot: Pilot) -> None:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()


def test_snapshot_of_the_help_at_100x30(snap_compare, make_app) -> None:
    # Over a screen of its own team, so other screens' new keys do not change it.
    app = make_app()
    assert snap_compare(app, terminal_size=SMALLEST, run_before=help_over_the_new_session_form)


# -- issue 11, item 6: the whole help at 120x36, and what the typing markers mean ----------------

MARKERS = ("+did", "+ped", "+inf", "+for", "+maa", "=ped", "=toe", "=org", "=dem", "#obs", "#kn")


def test_the_whole_help_of_the_runner_fits_at_120x36(make_app, store, clock) -> None:
    demo = create_demo_session(store, clock)
    demo.close()

    async def scenario() -> None:
        app = make_app(open_session_id=demo.session.id)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            await pilot.pause()
            help_screen = pilot.app.screen
            assert isinstance(help_screen, HelpScreen)
            box = help_screen.query_one("#help-box")
            assert box.virtual_size.height <= box.content_size.height  # nothing to scroll to
            shown = screen_text(pilot)
            for _, sentence in help_screen.rows:
                assert sentence.split()[-1] in shown, sentence  # the end of each sentence too
            for line in CAPTURE_HELP.splitlines():
                assert line.strip() in shown, line

    asyncio.run(scenario())


def test_the_help_explains_markers_voting_agreements_and_phones() -> None:
    for words in (*MARKERS, "ouder:", "team:", "@Naam", "Stemmen", "afspraak maken"):
        assert words in CAPTURE_HELP, words
    assert "Ctrl+Y" in CAPTURE_HELP and "Ctrl+N" in CAPTURE_HELP
    for marker in MARKERS:  # each one the help names is one the input line understands
        capture = parse_capture(f"{marker} Meer uitjes")
        assert capture.text == "Meer uitjes", marker
    assert parse_capture("ouder: #wens @Sevda Meer uitjes").group is Group.OUDERPANEL
