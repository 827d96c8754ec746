"""The planned minutes of the steps the app adds to a session (``data/added_steps.toml``).

A look back (terugblik) at the agreements brought along, and each chosen self-scan, add a step to
the session's first phase; the minutes read here are what such a step adds to its phase's planned
time (``workshop.template.Step.minutes``). The file says why each default is what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workshop.errors import TemplateError
from workshop.limits import STEP_MINUTES
from workshop.resources import content_dir
from workshop.toml_file import read_toml

FILE_NAME = "added_steps.toml"


@dataclass(frozen=True)
class AddedStepMinutes:
    review: int  # a look back at the agreements brought along
    scan: int  # one self-scan


def added_steps_file() -> Path:
    return content_dir() / FILE_NAME


@cache
def added_step_minutes() -> AddedStepMinutes:
    return load_added_step_minutes(added_steps_file())


def load_added_step_minutes(path: Path) -> AddedStepMinutes:
    """Read and check the file. Raises TemplateError naming the file and the field."""
    raw, _ = read_toml(path)
    if unknown := sorted(set(raw) - {"terugblik", "zelfscan"}):
        raise TemplateError(path, None, unknown[0], "dit veld is onbekend.")

    def minutes(key: str) -> int:
        value = raw.get(key)
        if value is None:
            raise TemplateError(path, None, key, "dit veld ontbreekt.")
        if type(value) is not int or value not in STEP_MINUTES:
            raise TemplateError(path, None, key, f"kies een heel getal {STEP_MINUTES.text}.")
        return value

    return AddedStepMinutes(review=minutes("terugblik"), scan=minutes("zelfscan"))
