"""Where the shipped content lives.

In an installed package the ``data/`` folder is packaged as ``workshop/_data`` (see pyproject.toml);
in a source checkout it is the ``data/`` folder beside this package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def content_dir() -> Path:
    packaged = _PACKAGE_DIR / "_data"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "data"


def templates_dir() -> Path:
    return content_dir() / "templates"
