"""A screen's style file shapes that screen only.

Textual reads every style file into one stylesheet for the whole app, and the runner reads the
files of all screens it opens. A rule that starts with a name other screens use too reaches them:
the remark editor's ``.field-label`` put the agreement form's labels a line below their fields,
and the new-session form's ``#columns`` cut off the runner's columns. So every rule of a screen's
style file (all but ``app.tcss``, which is for the whole app on purpose) must start with an id, a
class or a widget type that only one module of ``screens/`` uses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

SCREENS = Path(__file__).resolve().parents[2] / "screens"
SHARED_STYLE = "app.tcss"


def names_used() -> dict[str, set[str]]:
    """``#id``, ``.class`` and widget type names, with the modules that use or define them."""
    used: dict[str, set[str]] = defaultdict(set)
    for module in SCREENS.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        name = str(module.relative_to(SCREENS))
        for found in re.findall(r'\bid=f?"([\w-]+)"', text):
            used[f"#{found}"].add(name)
        for classes in re.findall(r'\bclasses=f?"([^"{]+)"', text):
            for css_class in classes.split():
                used[f".{css_class}"].add(name)
        for widget_type, bases in re.findall(r"^class (\w+)\(([^)]*)\)", text, re.MULTILINE):
            if "Protocol" not in bases:  # a type hint that looks like a screen, not a widget
                used[widget_type].add(name)
    return used


def leading_names(style_file: Path) -> list[tuple[str, str]]:
    """Each rule's selector, with the name it starts with (``#id``, ``.class`` or a type)."""
    text = re.sub(r"/\*.*?\*/", "", style_file.read_text(encoding="utf-8"), flags=re.DOTALL)
    found = []
    for selectors in re.findall(r"([^{}]+)\{", text):
        for selector in selectors.split(","):
            selector = selector.strip()
            first = re.match(r"[#.]?[\w-]+", selector)
            assert first is not None, f"{style_file.name}: cannot read {selector!r}"
            found.append((selector, first.group(0)))
    return found


def test_every_rule_of_a_screen_style_file_starts_with_a_name_of_one_module() -> None:
    used = names_used()
    style_files = [f for f in sorted((SCREENS / "styles").glob("*.tcss")) if f.name != SHARED_STYLE]
    assert len(style_files) >= 10  # the check reads the real files
    reaching_further = [
        f"{style_file.name}: {selector} ({name} in {sorted(used.get(name, ())) or 'no module'})"
        for style_file in style_files
        for selector, name in leading_names(style_file)
        if len(used.get(name, ())) != 1
    ]
    assert reaching_further == []


def test_the_check_sees_a_shared_name() -> None:
    """The check itself: a rule on a class two modules use is found."""
    used = names_used()
    assert len(used[".field-label"]) > 1  # several forms label their fields this way
    assert len(used["#columns"]) == 2  # the new-session form and the runner
