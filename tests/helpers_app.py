"""The app running on one stored session, for screen tests that open the session themselves."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from workshop.clock import FakeClock
from workshop.session import LiveSession, open_session
from workshop.store import SessionStore

SIZE = (120, 36)


@asynccontextmanager
async def session_in_app(
    make_app: Callable[[], App[object]],
    store: SessionStore,
    clock: FakeClock,
    session_id: str,
    *,
    show: Callable[[LiveSession], Screen[object]] | None = None,
    read_only: bool = False,
) -> AsyncIterator[tuple[App[object], Pilot, LiveSession]]:
    """The app running at SIZE with the session opened, and ``show(live)`` on top if given. The
    session is closed after the scenario, while the app still runs; a failing scenario leaves
    it open."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        live = open_session(store, session_id, clock, read_only=read_only)
        if show is not None:
            app.push_screen(show(live))
            await pilot.pause()
        yield app, pilot, live
        live.close()
