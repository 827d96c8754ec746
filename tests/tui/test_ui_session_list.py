"""The home screen's SessionList measures its options once per width (issue 9, item 6), and a
session's prompt is counted without wrapping when its lines fit, with the height Content gives."""

from __future__ import annotations

import asyncio
import unicodedata
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content

from screens.home import session_prompt
from screens.literal import literal
from screens.session_list import SessionList, SessionPrompt
from workshop.summary import SessionSummary

LONG = "woord " * 30  # 180 cells: wraps, and wraps differently at another width


class CountingList(SessionList):
    """Counts how often every option is measured from scratch."""

    passes = 0

    def _update_lines(self) -> None:
        from_scratch = not self._line_cache.lines
        super()._update_lines()
        if from_scratch and self._line_cache.lines:
            self.passes += 1


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CountingList(*[f"{number} {LONG}" for number in range(20)])


def test_options_are_measured_again_only_for_a_new_width() -> None:
    async def scenario() -> None:
        app = ListApp()
        async with app.run_test(size=(100, 30)) as pilot:
            options = app.query_one(CountingList)
            await pilot.pause()
            assert options.passes == 1  # Textual's OptionList measures twice on start-up
            wide = len(options._lines)
            await pilot.resize_terminal(100, 20)  # only the height changes
            await pilot.pause()
            assert options.passes == 1
            await pilot.resize_terminal(60, 20)  # narrower: every option needs more lines
            await pilot.pause()
            assert options.passes == 2 and len(options._lines) > wide
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            assert options.passes == 3 and len(options._lines) == wide

    asyncio.run(scenario())


# -- a session's prompt is measured without wrapping when its lines fit ------------------------


# Letters, spaces, a wide character (two cells), an accent, a tab and line breaks.
TEXTS = st.text(alphabet=st.sampled_from("ab é\u4e00\t\n"), max_size=40)


@settings(max_examples=400, deadline=None)
@given(
    text=TEXTS,
    width=st.integers(min_value=1, max_value=30),
    line_pad=st.integers(min_value=0, max_value=2),
    wrap=st.sampled_from(["wrap", "nowrap"]),
    overflow=st.sampled_from(["fold", "ellipsis", "clip"]),
)
def test_a_prompt_has_the_height_content_would_give_it(
    text: str, width: int, line_pad: int, wrap: str, overflow: str
) -> None:
    rules = {"line_pad": line_pad, "text_wrap": wrap, "text_overflow": overflow}
    try:
        expected: int | type[ValueError] = Content(text).get_height(rules, width)  # type: ignore[arg-type]
    except ValueError:  # no room left at all: Content refuses, and so does a prompt
        expected = ValueError
    try:
        height: int | type[ValueError] = SessionPrompt(text).get_height(rules, width)  # type: ignore[arg-type]
    except ValueError:
        height = ValueError
    assert height == expected


def summary_of(title: str, location: str) -> SessionSummary:
    """A stored session's summary as the home screen lists it."""
    return SessionSummary(
        id="abc123",
        title=title,
        location=location,
        series="",
        day=date(2026, 3, 4),
        phase=1,
        phase_count=4,
        updated=datetime(2026, 3, 4, tzinfo=UTC),
        created=None,
    )


def test_the_home_screen_lists_sessions_with_prompts_measured_the_fast_way() -> None:
    summary = summary_of("Avond met ouders", "De Bolster")
    prompt = session_prompt(summary)
    assert isinstance(prompt, SessionPrompt)
    assert prompt.get_height({}, 80) == 2  # type: ignore[arg-type]
    assert prompt.get_height({}, 10) == Content(prompt.plain).get_height({}, 10)  # type: ignore[arg-type]


@given(
    title=st.text(max_size=60),
    location=st.text(max_size=40),
)
def test_a_session_prompt_shows_title_and_place_as_typed_and_only_the_title_bold(
    title: str, location: str
) -> None:
    """Cleaned like every typed text (``screens.literal``): never markup, no control character."""
    summary = summary_of(title, location)
    prompt = session_prompt(summary)
    details = "   ·   ".join(d for d in [location, "04-03-2026", summary.progress_label] if d)
    assert prompt.plain == literal(title).plain + "\n" + literal(details).plain
    assert not any(unicodedata.category(ch) == "Cc" for ch in prompt.plain.replace("\n", ""))
    spans = [(span.start, span.end, span.style) for span in prompt.spans]
    assert spans == [(0, len(literal(title).plain), "bold")]
