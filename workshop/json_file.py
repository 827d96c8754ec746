"""Reading one JSON file, with a Dutch DamagedFileError when it cannot be used.

Kept apart from ``workshop.storage`` (which needs TinyDB) so that listing sessions can read the
small summary files without loading TinyDB.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workshop.errors import DamagedFileError
from workshop.safe_files import read_regular


def read_json(path: Path) -> Any:
    """Parse a JSON file; a file that is not valid JSON (or no regular file) is DamagedFileError.

    Only a regular file is read, never through a link (workshop.safe_files)."""
    return parse_json(path, read_regular(path))


def parse_json(path: Path, raw: bytes) -> Any:
    if not raw.strip():
        raise DamagedFileError(path, "het bestand is leeg.")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedFileError(path, "er staan tekens in die geen UTF-8 zijn.") from None
    except json.JSONDecodeError as error:
        raise DamagedFileError(
            path,
            f"het is geen geldige JSON (fout op regel {error.lineno}, kolom {error.colno}). "
            "Misschien is het bestand afgebroken of met de hand veranderd.",
        ) from None
    except RecursionError:
        raise DamagedFileError(path, "de gegevens zijn te diep genest.") from None
    except ValueError:  # e.g. a number of more than 4300 digits
        raise DamagedFileError(path, "er staat een getal in dat te groot is.") from None
