"""Which templates there are: the built-in ones and the facilitator's own.

The built-in templates ship with the app (``data/templates``; an installed app has its own copy
inside the package, which an update overwrites). A facilitator's own templates are TOML files in
``<data>/sjablonen/``, beside the sessions; ``workshop info`` shows where that is. An own template
with the same file name as a built-in one takes its place.

One broken file never hides the others: it is left out, and reported with its file, line and
field, while the good templates stay available.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workshop.errors import TemplateError, WorkshopError
from workshop.resources import templates_dir
from workshop.template import Template, load_template
from workshop.visible import visible

USER_TEMPLATES = "sjablonen"


def user_templates_dir(data_dir: Path) -> Path:
    """Where a facilitator puts their own templates."""
    return data_dir / USER_TEMPLATES


@dataclass
class TemplateShelf:
    """The templates that loaded, in order, and the files that could not be used."""

    templates: list[Template] = field(default_factory=list)
    problems: list[TemplateError] = field(default_factory=list)
    own: set[str] = field(default_factory=set)  # ids of the templates from the user's folder

    def listing(self) -> list[str]:
        """One line per template, as ``workshop templates`` shows them."""
        if not self.templates:
            return ["Er zijn geen sjablonen gevonden."]
        lines = []
        for template in self.templates:
            phases = ", ".join(str(p.number) for p in template.phases)
            own = " (eigen sjabloon)" if template.id in self.own else ""
            lines.append(
                f"{visible(template.id)}  {visible(template.name)}  "
                f"({template.minutes} minuten, fasen {phases}){own}"
            )
        return lines

    def problem(self) -> WorkshopError | None:
        """One short line for a screen: which file was left out and why; None when all loaded."""
        if not self.problems:
            return None
        first = self.problems[0]
        name = Path(str(first.path)).name
        where = f" (regel {first.line}, veld '{first.field}')" if first.line else ""
        more = len(self.problems) - 1
        rest = f" Er zijn nog {more} kapotte sjablonen; zie 'workshop templates'." if more else ""
        return WorkshopError(f"Sjabloon {name} is overgeslagen{where}: {first.reason}{rest}")


def _files(folder: Path) -> dict[str, Path]:
    """The template files in a folder by id; a missing or unreadable folder has none."""
    try:
        return {path.stem: path for path in sorted(folder.glob("*.toml"))}
    except OSError:
        return {}


def find_templates(data_dir: Path | None) -> TemplateShelf:
    """The built-in templates and the ones in the user's folder of ``data_dir``."""
    files = _files(templates_dir())
    own = _files(user_templates_dir(data_dir)) if data_dir is not None else {}
    shelf = TemplateShelf()
    for template_id, path in (files | own).items():
        try:
            shelf.templates.append(load_template(path))
            if template_id in own:
                shelf.own.add(template_id)
        except TemplateError as error:
            shelf.problems.append(error)
            if template_id in own and template_id in files:  # the built-in one still works
                try:
                    shelf.templates.append(load_template(files[template_id]))
                except TemplateError as builtin_error:
                    shelf.problems.append(builtin_error)
    return shelf


def templates_for_form(data_dir: Path) -> tuple[list[Template], WorkshopError | None]:
    """What the new-session form offers, and a line about what was left out (or None)."""
    shelf = find_templates(data_dir)
    return shelf.templates, shelf.problem()
