"""The ``workshop`` console script: the core CLI, with the Textual app as its launcher."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING

from screens import collector
from workshop.cli import LaunchRequest
from workshop.cli import main as cli_main

if TYPE_CHECKING:
    from screens.app import WorkshopApp


# Frames per second at most. Textual draws a change at its next frame tick: at its default of 60
# a key's effect waited up to 17 ms for that tick, at 120 up to 8. Only a screen that changed is
# drawn, so a calm screen costs nothing more.
FRAMES_PER_SECOND = 120


def use_frame_rate(environ: MutableMapping[str, str] = os.environ) -> None:
    """Ask Textual for ``FRAMES_PER_SECOND`` (read when Textual is imported; someone's own
    TEXTUAL_FPS stays)."""
    environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


def launch_app(request: LaunchRequest, make_app: Callable[..., WorkshopApp] | None = None) -> int:
    """Open the app. ``make_app`` (the app class by default) lets a benchmark start it the same
    way with a subclass that stops itself."""
    collector.pause(whole_process=True)  # the app resumes it after its first frame
    use_frame_rate()  # before Textual is imported
    # Imported here so that commands like `workshop --version` start without loading Textual.
    from screens.app import WorkshopApp
    from workshop.app.workspace import Workspace

    app = (make_app or WorkshopApp)(Workspace(request.store), open_session_id=request.session_id)
    app.run()
    return app.return_code or 0


def main() -> None:
    sys.exit(cli_main(launch=launch_app))
