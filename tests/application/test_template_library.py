"""Issue 8, item 10: one broken template never hides the others; own templates beside the data.

Seen: one user template with ``minutes = -5`` made ``workshop templates`` list none and the
new-session screen say there was no template. A deeply nested TOML file gave a RecursionError
without the file's name. The README pointed at ``data/templates/``, which an installed app does
not read from a place a user should edit.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from pathlib import Path

import pytest
from helpers_paths import REPO
from helpers_templates import BROKEN, VALID, own_templates

from workshop import template as template_module
from workshop.cli import main
from workshop.errors import TemplateError
from workshop.resources import templates_dir
from workshop.template import load_template

BUILTIN_IDS = {"stappenplan", "partnerschapsteam-90"}


def run(data: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data", str(data), *args])
    return code, out.getvalue(), err.getvalue()


# -- files that cannot be read ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "te diep genest"),
        ("x = " + "{y = " * 3000 + "1" + "}" * 3000 + "\n", "te diep genest"),
        ('name = "P"\nminutes = ' + "9" * 5000 + "\n", "getal"),
    ],
    ids=["nested-arrays", "nested-tables", "huge-integer"],
)
def test_a_file_too_deep_or_with_a_huge_number_is_named(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "diep.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert str(path) in str(caught.value)
    assert reason in caught.value.reason


def test_a_pipe_named_like_a_template_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "pijp.toml"
    os.mkfifo(path)
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_template(path)
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert outcome, "reading a pipe waited forever"
    assert isinstance(outcome[0], TemplateError)
    assert "geen gewoon bestand" in str(outcome[0])


# -- the built-in and the own templates together --------------------------------------------------


def test_one_broken_own_template_leaves_the_others_usable(tmp_path: Path) -> None:
    from workshop.template_library import find_templates

    folder = own_templates(tmp_path, {"eigen.toml": VALID, "kapot.toml": BROKEN})
    shelf = find_templates(tmp_path)
    assert {t.id for t in shelf.templates} == BUILTIN_IDS | {"eigen"}
    assert shelf.own == {"eigen"}
    [problem] = shelf.problems
    assert (problem.path, problem.line, problem.field) == (
        folder / "kapot.toml",
        7,
        "phases[1].minutes",
    )
    line = str(shelf.problem())
    assert "kapot.toml" in line and "regel 7" in line and "\n" not in line


def test_an_own_template_takes_the_place_of_a_built_in_one_unless_it_is_broken(
    tmp_path: Path,
) -> None:
    from workshop.template_library import find_templates

    own_templates(tmp_path, {"stappenplan.toml": VALID, "partnerschapsteam-90.toml": BROKEN})
    shelf = find_templates(tmp_path)
    by_id = {t.id: t for t in shelf.templates}
    assert by_id["stappenplan"].name == "Proef"  # the own version
    assert by_id["partnerschapsteam-90"].minutes == 90  # the built-in one, as the own one broke
    assert shelf.own == {"stappenplan"}
    assert [p.path.name for p in shelf.problems] == ["partnerschapsteam-90.toml"]


def test_cli_templates_lists_the_good_ones_and_names_the_broken_one(tmp_path: Path) -> None:
    folder = own_templates(tmp_path, {"eigen.toml": VALID, "kapot.toml": BROKEN})
    code, out, err = run(tmp_path, "templates")
    assert code == 0
    assert "stappenplan " in out and "partnerschapsteam-90 " in out
    assert any(
        line.startswith("eigen  Proef") and "eigen sjabloon" in line for line in out.split("\n")
    )
    [line] = err.strip().splitlines()
    assert f"{folder / 'kapot.toml'}, regel 7, veld 'phases[1].minutes'" in line


def test_a_broken_file_among_the_built_in_ones_hides_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case as seen: a file added to the templates folder the app reads itself."""
    shipped = tmp_path / "templates"
    shipped.mkdir()
    for path in templates_dir().glob("*.toml"):
        (shipped / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (shipped / "kapot.toml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setattr(template_module, "templates_dir", lambda: shipped)
    monkeypatch.setattr("workshop.template_library.templates_dir", lambda: shipped, raising=False)
    code, out, err = run(tmp_path / "data", "templates")
    assert code == 0
    assert "stappenplan " in out and "partnerschapsteam-90 " in out
    assert "kapot.toml, regel 7" in err


def test_info_says_where_own_templates_go(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path / "data", "info")
    assert code == 0
    assert f"Eigen sjablonen: {tmp_path / 'data' / 'sjablonen'}" in out.splitlines()


def test_the_readme_points_to_the_own_templates_folder() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Sjablonen")[1].split("\n## ")[0]
    assert "`sjablonen`" in section and "workshop info" in section
    assert "Een sjabloon is een TOML-bestand in `data/templates/`" not in section
