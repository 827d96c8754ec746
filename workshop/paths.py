"""Where user data lives: ``--data DIR``, else ``$WORKSHOP_DATA``, else the platform folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "WORKSHOP_DATA"


def resolve_data_dir(option: str | None = None, env: Mapping[str, str] = os.environ) -> Path:
    if option:
        return Path(option).expanduser()
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser()
    import platformdirs  # only here: loading it costs start-up time when a folder is given

    return Path(platformdirs.user_data_dir("workshop", appauthor=False))


def default_exports_dir() -> Path:
    """``exports/`` in the folder the app was started from."""
    return Path.cwd() / "exports"
