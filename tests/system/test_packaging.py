"""A normal (non-editable) install into a fresh virtual environment works: content ships inside."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from helpers_paths import REPO

pytestmark = pytest.mark.slow  # a system test: runs the whole program or the whole repo

REPO = REPO


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(REPO)]
    )
    assert built.returncode == 0, built.stderr
    wheels = list(work.glob("workshop-*.whl"))
    assert len(wheels) == 1
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = env_dir / "bin" / "pip"
    installed = _run([str(pip), "install", "-q", str(wheels[0])])
    assert installed.returncode == 0, installed.stderr
    return env_dir


def _workshop(env_dir: Path, *args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKSHOP_DATA": str(data)}
    # Run from an empty folder, so nothing of the source checkout can be picked up.
    return _run([str(env_dir / "bin" / "workshop"), *args], env=env, cwd=data.parent)


def test_version_from_installed_wheel(installed_venv: Path, tmp_path: Path) -> None:
    result = _workshop(installed_venv, "--version", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    from workshop import __version__

    assert result.stdout.strip() == f"workshop {__version__}"


def test_templates_ship_inside_the_package(installed_venv: Path, tmp_path: Path) -> None:
    result = _workshop(installed_venv, "templates", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "stappenplan" in result.stdout
    assert "partnerschapsteam-90" in result.stdout


def test_styles_and_content_are_installed_not_borrowed(
    installed_venv: Path, tmp_path: Path
) -> None:
    code = (
        "import pathlib, screens.app, workshop.resources as r\n"
        "styles = pathlib.Path(screens.app.__file__).parent / 'styles'\n"
        "print(sorted(p.name for p in styles.glob('*.tcss')))\n"
        "print(r.content_dir())\n"
        "from workshop.scan import builtin_scans\n"
        "print(sorted(s.id for s in builtin_scans()))\n"
    )
    result = _run([str(installed_venv / "bin" / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    styles, content, scans = result.stdout.splitlines()
    assert scans == "['criteria', 'indicatoren']"
    assert "app.tcss" in styles
    assert str(installed_venv) in content, "content must come from the installed package"


def test_demo_export_works_from_the_installed_wheel(installed_venv: Path, tmp_path: Path) -> None:
    env = {**os.environ, "WORKSHOP_DATA": str(tmp_path / "data")}
    code = (
        "from pathlib import Path\n"
        "from workshop.clock import SystemClock\n"
        "from workshop.demo import create_demo_session\n"
        "from workshop.store import SessionStore\n"
        f"store = SessionStore(Path({str(tmp_path / 'data')!r}))\n"
        "create_demo_session(store, SystemClock()).close()\n"
    )
    made = _run([str(installed_venv / "bin" / "python"), "-c", code], env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    listed = _workshop(installed_venv, "list", data=tmp_path / "data")
    assert "De Zonnebloem" in listed.stdout


def test_the_phone_pages_speak_arabic_from_the_installed_package(
    installed_venv: Path, tmp_path: Path
) -> None:
    """The gettext catalogues (data/locale/*/LC_MESSAGES/phone.po) ship in the wheel and are
    compiled from there; the default template carries its translations."""
    code = (
        "import workshop.phone.i18n as i18n, workshop.resources as r\n"
        "from workshop.template import get_template\n"
        "print(r.content_dir())\n"
        "print(i18n.translations('ar').gettext('Versturen'))\n"
        "step = get_template('stappenplan').phases[0].steps[0]\n"
        "print(sorted(t.language for t in step.translations))\n"
    )
    result = _run([str(installed_venv / "bin" / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    content, send, languages = result.stdout.splitlines()
    assert str(installed_venv) in content, "the catalogues must come from the installed package"
    assert send == "إرسال"
    assert languages == "['ar', 'en', 'pl', 'tr', 'uk']"
