"""An error the app reports reaches the user in Dutch, also one from the operating system."""

from __future__ import annotations

import asyncio
import errno

SIZE = (120, 36)


def test_os_error_is_reported_in_dutch(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            app.report(PermissionError(errno.EACCES, "Permission denied", "/tmp/x"))
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert messages == ["geen toestemming"], messages

    asyncio.run(scenario())
