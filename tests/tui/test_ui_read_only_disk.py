"""A session on a disk that cannot be written is offered read-only (issue 8, smaller items).

On a read-only mount, a full disk or a folder without write permission, the lock cannot be
written, so the session cannot be opened for work. The app then offers the read-only view, the
same way as when another window has the session open, instead of refusing to open it at all.

The tests run as root, and root ignores permission bits (a chmod-ed folder stays writable), so
the failing disk is simulated at the store's seam: writing the lock raises the OSError the
operating system gives (EROFS, ENOSPC, EACCES).
"""

from __future__ import annotations

import asyncio
import errno

import pytest
from helpers_sessions import digest, filled_session

from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.runner import RunnerScreen
from workshop.lock import LOCK_FILE
from workshop.store import SESSION_FILE

SIZE = (120, 36)
REASONS = {
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EACCES: "er is geen toestemming om te schrijven",
}


@pytest.mark.parametrize("code", sorted(REASONS), ids=errno.errorcode.get)
def test_a_session_that_cannot_be_written_is_offered_read_only(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:  # type: ignore[no-untyped-def]
    session_id = filled_session(store, clock, count=2)
    path = store.sessions_dir / session_id / SESSION_FILE
    before = digest(path)

    def disk_refuses(*args: object) -> bool:
        raise OSError(code, "simulated")

    monkeypatch.setattr("workshop.lock._publish", disk_refuses)

    async def scenario() -> None:
        app = make_app(open_session_id=session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert REASONS[code] in app.screen.question
            await pilot.press("j")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RunnerScreen) and screen.read_only
            assert REASONS[code] in screen.read_only_reason
            assert [c.text for c in screen.live.contributions] == [
                "Inbreng nummer 0",
                "Inbreng nummer 1",
            ]
            screen.live.close()

    asyncio.run(scenario())
    assert digest(path) == before
    assert not (store.sessions_dir / session_id / LOCK_FILE).exists()


def test_saying_no_to_the_read_only_view_goes_back_home(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    session_id = filled_session(store, clock)

    def disk_refuses(*args: object) -> bool:
        raise OSError(errno.EROFS, "simulated")

    monkeypatch.setattr("workshop.lock._publish", disk_refuses)

    async def scenario() -> None:
        app = make_app(open_session_id=session_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

    asyncio.run(scenario())
