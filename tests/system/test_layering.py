"""The layers: the core (workshop/) never imports Textual or the UI package (checked two ways),
and the import-linter contracts in pyproject.toml hold, and would catch an offender."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_paths import REPO

import workshop

pytestmark = pytest.mark.slow  # a system test: runs the whole program or the whole repo

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


# -- the layers of pyproject.toml ([tool.importlinter]), as CI checks them with lint-imports -------

ROOT = REPO
LINT = (
    "import sys; from importlinter.cli import lint_imports_command; "
    "sys.exit(lint_imports_command())"
)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the packages under root
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


OFFENDERS = {
    "the UI reads the store itself": ("screens/home.py", "from workshop.store import SessionStore"),
    "the UI writes an export itself": ("screens/runner.py", "import workshop.export.files"),
    "the core imports the UI": ("workshop/model.py", "import screens.literal"),
    "storage imports the application layer": ("workshop/store.py", "import workshop.app.live"),
    "the domain imports storage": ("workshop/goals.py", "import workshop.journal"),
    "the CLI writes files itself": ("workshop/cli.py", "import workshop.storage"),
    "a screen imports the app (a cycle)": ("screens/home.py", "import screens.app"),
    "a widget imports a screen": ("screens/widgets/agenda.py", "import screens.runner"),
    "a module placed in no layer": ("workshop/unplaced.py", "import workshop.model"),
}


@pytest.mark.parametrize("offence", sorted(OFFENDERS))
def test_the_contracts_catch(offence: str, tmp_path: Path) -> None:
    for package in ("screens", "workshop"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert lint_imports(tmp_path).returncode == 0  # the copy is as good as the original
    module, line = OFFENDERS[offence]
    path = tmp_path / module
    path.write_text(
        (path.read_text(encoding="utf-8") if path.exists() else "") + f"\n{line}\n",
        encoding="utf-8",
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0, offence
    assert "BROKEN" in result.stdout


def test_every_screen_knows_the_app_through_the_base_class() -> None:
    """A typed ``app`` and one way to run an operation: no screen is a bare Textual screen."""
    from textual.screen import Screen

    import screens
    from screens.base import WorkshopScreen

    found = []
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, Screen):
                found.append(cls)
                assert issubclass(cls, WorkshopScreen), cls.__qualname__
    assert len(found) > 15
