"""The ``workshop`` console script: the core CLI, with the Textual app as its launcher."""

from __future__ import annotations

import sys

from workshop.cli import LaunchRequest
from workshop.cli import main as cli_main


def launch_app(request: LaunchRequest) -> int:
    # Imported here so that commands like `workshop --version` start without loading Textual.
    from screens.app import WorkshopApp
    from workshop.app.workspace import Workspace

    app = WorkshopApp(Workspace(request.store), open_session_id=request.session_id)
    app.run()
    return app.return_code or 0


def main() -> None:
    sys.exit(cli_main(launch=launch_app))
