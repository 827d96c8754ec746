"""Reading a content file (template, scan) written in TOML, with errors a facilitator can act on."""

from __future__ import annotations

import re
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import TemplateError
from workshop.os_reasons import os_reason

if TYPE_CHECKING:
    from workshop.schema_errors import Invalid

MAX_BYTES = 1024 * 1024  # a template or scan is a few kB
# The lists of [[...]] blocks in a template or scan, and how each block starts.
BLOCKS = {"phases": "[[phases]]", "steps": "[[phases.steps]]", "statements": "[[statements]]"}


def block_reason(problem: Invalid) -> str:
    """The schema's reason, in the words of TOML where it is about a list of [[...]] blocks."""
    from workshop.schema_errors import MISSING, NOT_A_LIST, NOT_AN_OBJECT
    steps = problem.steps
    key = steps[-2] if len(steps) > 1 and isinstance(steps[-1], int) else steps[-1] if steps else ""
    block = BLOCKS.get(str(key))
    if block is None or (key != steps[-1] and problem.reason != NOT_AN_OBJECT):
        return problem.reason
    if problem.kind == MISSING:
        return f"dit veld ontbreekt. Voeg minstens één {block} toe."
    if problem.reason in (NOT_A_LIST, NOT_AN_OBJECT):
        return f"dit moet een lijst van {block}-blokken zijn."
    return problem.reason


def read_toml(
    path: Path, field_at: Callable[[str, int], str] | None = None
) -> tuple[dict[str, Any], str]:
    """The parsed file and its text. Raises TemplateError naming the file and the line.

    ``field_at(text, line)`` may name the field at a syntax error's line; otherwise "-".
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a pipe or a device could wait forever
            raise TemplateError(path, None, "-", "dit is geen gewoon bestand.")
        if info.st_size > MAX_BYTES:
            raise TemplateError(path, None, "-", "dit bestand is te groot (meer dan 1 MB).")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError(path, None, "-", "dit bestand bestaat niet.") from None
    except UnicodeDecodeError:
        raise TemplateError(path, None, "-", "dit bestand is geen gewone tekst (UTF-8).") from None
    except OSError as error:
        reason = f"dit bestand kan niet worden gelezen ({os_reason(error)})."
        raise TemplateError(path, None, "-", reason) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = getattr(error, "lineno", None)  # Python 3.14+; older versions only say it in text
        if line is None and (match := re.search(r"at line (\d+)", message)):
            line = int(match.group(1))
        field = field_at(text, line) if (field_at and line) else "-"
        detail = re.sub(r"\s*\(at [^)]*\)", "", message)
        reason = (
            "de opmaak klopt hier niet. Kijk goed naar aanhalingstekens, haakjes en '='. "
            f"(Technisch: {detail})"
        )
        raise TemplateError(path, line, field, reason) from None
    except RecursionError:
        raise TemplateError(path, None, "-", "dit bestand is te diep genest om te lezen.") from None
    except ValueError:  # an integer of thousands of digits: no template or scan needs one
        reason = "er staat een getal in dat veel te lang is."
        raise TemplateError(path, None, "-", reason) from None
