"""Property tests of the UI's rendering path: typed text reaches the screen exactly as typed.

Whatever a user types (any script, emoji, combining marks, Textual markup, terminal escape
sequences) is shown literally: markup is never interpreted and control characters never reach
the terminal.
"""

from __future__ import annotations

import asyncio
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from screens.app import WorkshopApp
from screens.literal import literal
from screens.runner import RunnerScreen
from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template
from workshop.text import clean_line

# Surrogates cannot be encoded at all; everything else is fair game.
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=120)
HOSTILE = [
    "\x1b[31mrood\x1b[0m en \x1b]0;titel\x07",
    "[b]vet[/b] [link=http://x]klik[/link] [@click=app.quit]stop[/]",
    "\u202eomgekeerd\u202c مرحبا שלום 👩‍👩‍👧 e\u0301",
    "$var \\[niet\\] #kop | pijp `code`",
]


def has_terminal_control(text: str) -> bool:
    """A control character other than the line breaks an SVG is made of."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text)


@example("[b]x[/b]")
@example("\x1b[2J\x1b[H")
@given(any_text)
def test_literal_shows_the_cleaned_text_and_nothing_else(text: str) -> None:
    content = literal(text)
    assert content.plain == clean_line(text)
    assert not has_terminal_control(content.plain)
    assert list(content.spans) == []  # no style came out of the text itself


def shown_texts(runner: RunnerScreen, group: Group) -> list[str]:
    option_list = runner.column(group).list
    return [
        option_list.get_option_at_index(i).prompt.plain.split("\n")[0]  # type: ignore[union-attr]
        for i in range(option_list.option_count)
    ]


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@example(HOSTILE)
@given(st.lists(any_text.filter(lambda t: clean_line(t) != ""), min_size=1, max_size=6))
def test_the_runner_shows_every_remark_as_typed(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = SessionStore(Path(folder))
        clock = FakeClock()
        live = create_session(
            store, clock, title=texts[0], template=get_template(DEFAULT_TEMPLATE_ID)
        )
        for index, text in enumerate(texts):
            group = Group.TEAM if index % 2 == 0 else Group.OUDERPANEL
            live.add_contribution(text, group, author=text[:80])
        session_id = live.session.id
        live.close()

        async def scenario() -> None:
            app = WorkshopApp(Workspace(store, clock), open_session_id=session_id)
            async with app.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                runner = app.screen
                assert isinstance(runner, RunnerScreen)
                for group in Group:
                    expected = [
                        clean_line(t)
                        for i, t in enumerate(texts)
                        if i % 2 == (group is Group.OUDERPANEL)
                    ]
                    assert shown_texts(runner, group) == expected
                assert not has_terminal_control(app.export_screenshot())

        asyncio.run(scenario())
