"""Running the CLI as a user starts it (a child process), shared by the CLI tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, env_data: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a child process, as a user would start it."""
    import os

    env = dict(os.environ)
    env.pop("WORKSHOP_DATA", None)
    if env_data:
        env["WORKSHOP_DATA"] = str(env_data)
    code = "import sys; from screens.entry import main; sys.argv[0] = 'workshop'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=60
    )
