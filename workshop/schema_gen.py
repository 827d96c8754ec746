"""``data/session.schema.json``, made from the session's types: ``python -m workshop.schema_gen``.

The JSON Schema describes an interchange document exactly as ``workshop import`` reads it
(``workshop.schema``, ``STRICT``), because both come from the same types. What it cannot say
(``workshop.session_checks``) is listed in its description and in docs/session-format.md. A test
fails when the committed file differs from what the types make: run this module to update it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from workshop.resources import content_dir
from workshop.schema import STRICT, wire_type

SCHEMA_FILE = "session.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Workshop-sessie, versie 1"
DESCRIPTION = (
    "Eén sessie van workshop: de sessie zelf met haar sjabloon, de inbreng, de doelen, de "
    "afspraken en de scores van de zelfscans. Gemaakt uit de typen van workshop "
    "(python -m workshop.schema_gen); zie docs/session-format.md. Wat dit schema niet kan "
    "uitdrukken (verwijzingen, unieke id's, fasen en stappen die in het sjabloon moeten bestaan, "
    "de volgorde van tijden) controleert workshop bij het inlezen."
)


def session_schema() -> dict[str, Any]:
    """The JSON Schema of a session document, as plain data."""
    from workshop.interchange import SessionDocument

    (root,), definitions = msgspec.json.schema_components(
        [wire_type(SessionDocument, STRICT)], ref_template="#/$defs/{name}"
    )
    for definition in definitions.values():
        definition.pop("description", None)  # a class's docstring: for programmers, in English
    return {
        "$schema": DIALECT,
        "$id": "https://workshop.invalid/session.schema.json",
        "title": TITLE,
        "description": DESCRIPTION,
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    """The file's contents: stable, readable, ASCII escapes for the invisible characters."""
    return json.dumps(session_schema(), indent=2, ensure_ascii=True) + "\n"


def schema_path() -> Path:
    return content_dir() / SCHEMA_FILE


def main() -> int:
    path = Path(__file__).resolve().parents[1] / "data" / SCHEMA_FILE
    path.write_text(schema_text(), encoding="utf-8")
    print(f"{path} is bijgewerkt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
