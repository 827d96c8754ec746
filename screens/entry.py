"""The ``workshop`` console script: the core CLI, with the Textual app as its launcher."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from screens import collector
from workshop.cli import LaunchRequest
from workshop.cli import main as cli_main

if TYPE_CHECKING:
    from screens.app import WorkshopApp


def launch_app(request: LaunchRequest, make_app: Callable[..., WorkshopApp] | None = None) -> int:
    """Open the app. ``make_app`` (the app class by default) lets a benchmark start it the same
    way with a subclass that stops itself."""
    collector.pause(whole_process=True)  # the app resumes it after its first frame
    # Imported here so that commands like `workshop --version` start without loading Textual.
    from screens.app import WorkshopApp
    from workshop.app.workspace import Workspace

    app = (make_app or WorkshopApp)(Workspace(request.store), open_session_id=request.session_id)
    app.run()
    return app.return_code or 0


def main() -> None:
    sys.exit(cli_main(launch=launch_app))
