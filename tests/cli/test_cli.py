"""The command line: Dutch, one-line errors, exit codes, data folder selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_cli import run_cli

from workshop import __version__
from workshop.cli import LaunchRequest, main
from workshop.paths import resolve_data_dir


def test_version(tmp_path: Path) -> None:
    result = run_cli("--version", env_data=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"workshop {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["export", "--help"],
        ["import", "--help"],
        ["list", "--help"],
        ["demo", "--help"],
    ],
)
def test_help_is_dutch(args: list[str], tmp_path: Path) -> None:
    result = run_cli(*args, env_data=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: workshop")
    assert "opties:" in result.stdout
    assert "show this help" not in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["onzin"], "'onzin' is geen opdracht. Kies uit: demo, list"),
        (["export"], "dit ontbreekt"),
        (["export", "x", "--format", "docx"], "bij --format: 'docx' kan niet. Kies uit: md"),
        (["export", "bestaat-niet"], "Geen sessie gevonden"),
        (["import", "/nergens/sessie.json"], "workshop:"),
    ],
)
def test_errors_are_one_dutch_line_without_traceback(
    args: list[str], expected: str, tmp_path: Path
) -> None:
    result = run_cli(*args, env_data=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]


def test_data_folder_option_beats_environment(tmp_path: Path) -> None:
    assert resolve_data_dir(str(tmp_path / "a"), {"WORKSHOP_DATA": str(tmp_path / "b")}) == (
        tmp_path / "a"
    )
    assert resolve_data_dir(None, {"WORKSHOP_DATA": str(tmp_path / "b")}) == tmp_path / "b"
    default = resolve_data_dir(None, {})
    assert default.name == "workshop"


def test_info_shows_the_data_folder(tmp_path: Path) -> None:
    result = run_cli("info", env_data=tmp_path / "mijn-data")
    assert result.returncode == 0
    assert f"Gegevens: {tmp_path / 'mijn-data'}" in result.stdout
    other = run_cli("--data", str(tmp_path / "anders"), "info", env_data=tmp_path / "mijn-data")
    assert f"Gegevens: {tmp_path / 'anders'}" in other.stdout


def test_templates_lists_both_builtin_templates(tmp_path: Path) -> None:
    result = run_cli("templates", env_data=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("stappenplan ") and "fasen 1, 2, 3, 4, 5, 6" in line for line in lines
    )
    assert any(
        line.startswith("partnerschapsteam-90 ") and "fasen 1, 3, 4" in line for line in lines
    )


def test_list_empty_then_demo_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path), "list"]) == 0
    assert "nog geen sessies" in capsys.readouterr().out

    launched: list[LaunchRequest] = []

    def fake_launch(request: LaunchRequest) -> int:
        launched.append(request)
        return 0

    assert main(["--data", str(tmp_path), "demo"], launch=fake_launch) == 0
    assert len(launched) == 1 and launched[0].session_id is not None
    assert main(["--data", str(tmp_path), "list"]) == 0
    out = capsys.readouterr().out
    assert launched[0].session_id in out
    assert "De Zonnebloem" in out
    assert "fase 4 van 6" in out


def test_plain_workshop_opens_the_home_screen(tmp_path: Path) -> None:
    launched: list[LaunchRequest] = []
    assert main(["--data", str(tmp_path)], launch=lambda r: launched.append(r) or 0) == 0
    assert launched[0].session_id is None
    assert launched[0].store.root == tmp_path


def test_export_without_names_and_import_as_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data", data, "demo"], launch=lambda r: 0) == 0
    out_dir = tmp_path / "uit"
    out_dir.mkdir()
    assert main(["--data", data, "export", "Ouders", "--zonder-namen", "--out", f"{out_dir}/"]) == 0
    (plan,) = out_dir.glob("*.md")
    text = plan.read_text(encoding="utf-8")
    assert "De Zonnebloem" in text
    for name in ("Fatima", "Joost", "Marieke", "Sevda"):
        assert name not in text

    json_path = out_dir / "sessie.json"
    assert (
        main(["--data", data, "export", "Ouders", "--format", "json", "--out", str(json_path)]) == 0
    )
    capsys.readouterr()
    assert main(["--data", data, "import", str(json_path)]) == 0
    said = capsys.readouterr().out
    assert "als kopie ingelezen" in said and "(kopie)" in said
