"""The app tells the collector about quiet moments with the time of the last key (issue 9: no
collection of the whole open session in the middle of a key; screens.collector)."""

from __future__ import annotations

import asyncio
import time

import pytest

from screens import collector


def test_the_app_hands_the_collector_the_time_of_the_last_key(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[float, float]] = []
    monkeypatch.setattr(collector, "quiet_moment", lambda last, now: asked.append((last, now)))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            before = time.monotonic()
            await pilot.press("down")
            await pilot.pause()
            assert before <= app.last_key_at <= time.monotonic()
            app.quiet_moment()  # as its interval timer calls it
            assert asked[-1][0] == app.last_key_at
            assert asked[-1][1] >= app.last_key_at

    asyncio.run(scenario())
