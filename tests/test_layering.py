"""The core (workshop/) never imports Textual or the UI package: checked two ways."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import workshop

CORE = Path(workshop.__file__).resolve().parent
FORBIDDEN = ("textual", "rich", "screens")


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_core_source_has_no_ui_imports() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 5, "the core package was not found"
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in files
        for name in _imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_ui() -> None:
    modules = sorted(
        "workshop." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    offender = tmp_path / "bad.py"
    offender.write_text("from textual.app import App\nimport os\n", encoding="utf-8")
    assert "textual.app" in _imported_modules(offender)
