"""The join panel when participation cannot start: the reason in plain Dutch, never the
system's English ("[Errno 24] Too many open files")."""

from __future__ import annotations

import asyncio
import errno

from helpers_phone import phone_options
from textual.widgets import Static

from screens.join_panel import JoinPanelScreen
from workshop.session import create_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def _no_sockets_left() -> str | None:
    raise OSError(errno.EMFILE, "Too many open files")


async def _an_os_error_on_starting_is_said_in_dutch(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    live = create_session(
        store, clock, title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    session_id = live.session.id
    live.close()
    app = make_app(session_id)
    app.phone_options = phone_options(find_address=_no_sockets_left)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, JoinPanelScreen)
        said = str(panel.query_one("#join-code-text", Static).render())
        assert "te veel bestanden tegelijk open" in said
        assert "Errno" not in said and "Too many" not in said


def test_an_os_error_on_starting_is_said_in_dutch(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_an_os_error_on_starting_is_said_in_dutch(make_app, store, clock))
