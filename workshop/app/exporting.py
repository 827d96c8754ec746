"""Exporting a session: one way for the command line and the app, so both write the same bytes.

A plan compares each self-scan with the trajectory's earlier scan (the column *Sinds vorige scan*),
so an export needs the other sessions of the trajectory, not only the session itself. And it lists
contributions in the order they were said, as an open session holds them: an undone delete is
stored at the end of the session's file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from workshop.anonymize import names_in
from workshop.anonymize import without_names as anonymized
from workshop.export.files import ExportError, export_session
from workshop.export.markdown import render_markdown, render_markdown_head
from workshop.scan import ScanScore
from workshop.store import SessionStore, StoredSession
from workshop.trajectory import previous_scan_scores

# The plan's formats, as the app's export preview can offer them (``export(..., fmt)``).
PLAN_FORMATS = ("md", "html", "pdf")
# Formats whose document compares a scan with the previous one.
COMPARING_FORMATS = frozenset(PLAN_FORMATS)


def in_said_order(stored: StoredSession) -> StoredSession:
    """The session with its contributions in the order they were said."""
    return replace(stored, contributions=sorted(stored.contributions, key=lambda c: c.created))


def previous_scans(store: SessionStore, stored: StoredSession) -> dict[str, list[ScanScore]]:
    """Per scan this session has scores for, the scores of the trajectory's earlier scan."""
    previous: dict[str, list[ScanScore]] = {}
    for scan_id in dict.fromkeys(score.scan for score in stored.scan_scores):
        scores = previous_scan_scores(store, stored.session, scan_id)
        if scores is not None:
            previous[scan_id] = scores
    return previous


def preview(store: SessionStore, stored: StoredSession, *, without_names: bool = False) -> str:
    """The plan as Markdown, as an export writes it (without the line saying when it was made)."""
    shown = in_said_order(anonymized(stored) if without_names else stored)
    return render_markdown(shown, previous_scans=previous_scans(store, stored))


def preview_head(stored: StoredSession, *, without_names: bool = False) -> str:
    """The top of ``preview``'s plan (title, facts, agreements), made without the contributions
    and phone rows it does not show (so quick enough for the UI thread), to show while the whole
    plan is made. Without names, every name the whole session knows is replaced."""
    head = replace(stored, contributions=[], remarks=[], phone_votes=[], scan_answers=[])
    return render_markdown_head(anonymized(head, names_in(stored)) if without_names else head)


def export(
    store: SessionStore,
    stored: StoredSession,
    fmt: str,
    out: str | None,
    exports_dir: Path,
    *,
    today: date,
    without_names: bool = False,
    notes: bool = False,
) -> Path:
    """Write the session as ``fmt`` (md, html, pdf, json or ics); the path it was written to.

    ``out`` is the place as typed (``plan/`` with its slash means a folder); None: the exports
    folder. ``today`` is the date the document says it was made on. With ``without_names`` the
    file name ends in ``-zonder-namen``. A PDF holds the same plan as md and html.
    ``notes``: a JSON backup that keeps the facilitator's private notes (left out unless asked).
    """
    if notes:
        check_notes_export(fmt, without_names=without_names)
    earlier = previous_scans(store, stored) if fmt in COMPARING_FORMATS else None
    return export_session(
        in_said_order(stored),
        fmt,
        out,
        exports_dir,
        without_names=without_names,
        today=today,
        previous_scans=earlier,
        notes=notes,
    )


def check_notes_export(fmt: str, *, without_names: bool) -> None:
    """Private notes go only into a JSON backup, and never into one meant for outside the team:
    the notes are free text, so a name in them would not be replaced."""
    if fmt != "json":
        raise ExportError("Notities kunnen alleen mee in een JSON-bestand (formaat json).")
    if without_names:
        raise ExportError(
            "Notities kunnen niet mee in een export zonder namen: er kunnen namen in staan."
        )
