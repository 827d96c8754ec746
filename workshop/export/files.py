"""Writing an export to a file, safely.

File names. Without ``--out`` the file goes to the exports folder as ``<date>-<slug>.<ext>``: the
session's date (ISO) and a slug made from the title (lower-case letters a-z, digits and dashes;
accents dropped; at most 60 characters; "sessie" when nothing is left). A title such as
``../../etc/x`` is just a title: it becomes ``etc-x``.

``--out``. A folder that exists: the default name goes inside it. Anything else is a file name.
Its folder must exist (we do not create folders on a guess), and a name without an extension gets
one (``plan`` becomes ``plan.md``).

Never overwrite. When the name is taken, ``-2``, ``-3``, ... is added before the extension
(``plan.md``, ``plan-2.md``). The name is claimed with an exclusive create before the content is
written atomically, so two exports at once cannot take the same name either.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from datetime import date
from pathlib import Path

from workshop.anonymize import without_names as anonymized
from workshop.errors import WorkshopError
from workshop.export.markdown import render_markdown
from workshop.os_reasons import os_reason
from workshop.scan import ScanScore
from workshop.storage import FILE_MODE, make_private_dir, write_atomically
from workshop.store import StoredSession

# format -> file extension; "ics" holds the session's dated agreements (workshop.calendar)
FORMATS = {"md": "md", "html": "html", "pdf": "pdf", "json": "json", "ics": "ics"}
WITHOUT_NAMES_SUFFIX = "-zonder-namen"  # so that nobody shares the file with names by mistake
SLUG_MAX = 60
FALLBACK_SLUG = "sessie"
MAX_NUMBERED = 999


class ExportError(WorkshopError):
    """An export that cannot be written where it was asked to go."""


class ExportFolderError(ExportError):
    """The exports folder (in the current folder) cannot be made or written to."""

    cli_hint = " Kies met --out een map waarin je wel mag opslaan, bijvoorbeeld: --out ~"


def slugify(title: str) -> str:
    """A safe piece of a file name: a-z, 0-9 and single dashes, never empty."""
    decomposed = unicodedata.normalize("NFKD", title)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode(
        "ascii", "ignore"
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.decode("ascii").lower()).strip("-")
    slug = slug[:SLUG_MAX].rstrip("-")
    return slug or FALLBACK_SLUG


def default_name(stored: StoredSession, fmt: str, *, without_names: bool = False) -> str:
    return dated_name(stored.session.day, stored.session.title, fmt, without_names=without_names)


def dated_name(day: date, title: str, fmt: str, *, without_names: bool = False) -> str:
    """``<date>-<slug>.<ext>``, or ``<date>-<slug>-zonder-namen.<ext>``: an export's name."""
    suffix = WITHOUT_NAMES_SUFFIX if without_names else ""
    return f"{day.isoformat()}-{slugify(title)}{suffix}.{FORMATS[fmt]}"


def render(
    stored: StoredSession,
    fmt: str,
    today: date,
    *,
    previous_scans: dict[str, list[ScanScore]] | None = None,
    notes: bool = False,
) -> str | bytes:
    # Each format's renderer is loaded when it is asked for: typst (PDF), markdown-it (HTML) and
    # icalendar take 60 ms and more to load, which the app's plan preview never needs.
    if fmt == "pdf":
        from workshop.export.pdf import render_pdf

        return render_pdf(stored, exported_on=today, previous_scans=previous_scans)
    if fmt == "md":
        return render_markdown(stored, exported_on=today, previous_scans=previous_scans)
    if fmt == "html":
        from workshop.export.html import render_html

        return render_html(stored, exported_on=today, previous_scans=previous_scans)
    if fmt == "ics":
        from workshop.calendar import agreements_calendar

        session = stored.session
        return agreements_calendar(
            stored.agreements, session_title=session.title, location=session.location
        ).decode("utf-8")
    from workshop.interchange import dumps_session

    return dumps_session(stored, notes=notes)


def export_session(
    stored: StoredSession,
    fmt: str,
    out: Path | str | None,
    exports_dir: Path,
    *,
    without_names: bool = False,
    today: date | None = None,
    previous_scans: dict[str, list[ScanScore]] | None = None,
    notes: bool = False,
) -> Path:
    """Write the session as ``fmt`` (md, html, pdf, json or ics); the path it was written to.

    ``out`` may be given as typed (a string): then ``plan/`` with its slash is known to mean a
    folder, and is refused when that folder does not exist. ``today`` is the date the document
    says it was made on (default: today). ``previous_scans``: see ``render_markdown``.
    ``without_names``: every name replaced by a role, and ``-zonder-namen`` in the file name.
    ``notes``: the facilitator's private notes go into a JSON export too (only when asked).
    """
    if fmt not in FORMATS:
        raise ExportError(f"Het formaat '{fmt}' ken ik niet. Kies uit: {', '.join(FORMATS)}.")
    if without_names:
        stored = anonymized(stored)
    content = render(stored, fmt, today or date.today(), previous_scans=previous_scans, notes=notes)
    name = default_name(stored, fmt, without_names=without_names)
    return write_export(content, name, fmt, out, exports_dir)


def write_export(
    content: str | bytes, name: str, fmt: str, out: Path | str | None, exports_dir: Path
) -> Path:
    """Write ``content`` as a new file: ``name`` in the exports folder, or where ``out`` says."""
    target = _target(name, fmt, out, exports_dir)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        return _write_new(target, data)
    except ExportError as error:
        if out is None:
            raise ExportFolderError(str(error)) from None
        raise


def _names_a_folder(out: str) -> bool:
    """``plan/``, ``plan/.`` or ``..``: typed as a folder, whatever ``Path`` makes of it."""
    last = re.split(r"[/\\]", out)[-1]
    return last in ("", ".", "..")


def _target(name: str, fmt: str, out: Path | str | None, exports_dir: Path) -> Path:
    if out is None:
        try:
            make_private_dir(exports_dir)  # 0700, parents too, whatever the umask
        except OSError as error:
            raise ExportFolderError(
                f"De map {exports_dir} kan niet worden gemaakt ({os_reason(error)})."
            ) from None
        return exports_dir / name
    typed = str(out)
    if not typed.strip():  # Path("") is the current folder: never a guess
        raise ExportError(
            f"Er is geen plek gegeven. Geef een map die bestaat, of een naam zoals "
            f"plan.{FORMATS[fmt]}."
        )
    out = Path(out).expanduser()
    if out.is_dir():
        return out / name
    if out.name in ("", ".", "..") or _names_a_folder(typed):
        raise ExportError(
            f"'{typed}' is geen bestaande map en geen bestandsnaam. "
            f"Geef een map die bestaat, of een naam zoals plan.{FORMATS[fmt]}."
        )
    if not out.parent.is_dir():
        raise ExportError(
            f"De map {out.parent} bestaat niet. Maak de map eerst, of kies een andere plek."
        )
    if not out.suffix:
        out = out.with_name(f"{out.name}.{FORMATS[fmt]}")
    return out


def _numbered(path: Path, number: int) -> Path:
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def _write_new(target: Path, content: bytes) -> Path:
    """Write ``content`` under ``target``'s name or the first free numbered name after it."""
    for number in range(1, MAX_NUMBERED + 1):
        path = _numbered(target, number)
        try:
            # Claim the name first: this fails if anything, even a dangling link, has it.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            raise ExportError(f"Opslaan in {path} is niet gelukt ({os_reason(error)}).") from None
        os.close(fd)
        try:
            write_atomically(path, content)
        except OSError as error:
            with contextlib.suppress(OSError):
                path.unlink()
            raise ExportError(f"Opslaan in {path} is niet gelukt ({os_reason(error)}).") from None
        return path
    raise ExportError(
        f"Er staan al {MAX_NUMBERED} bestanden met de naam {target.name}. Kies een andere naam."
    )
