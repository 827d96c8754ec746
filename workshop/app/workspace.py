"""The workspace: every operation that spans sessions, for the command line and the app alike.

List, open (for writing, or read-only when someone else has it open), create with what the
trajectory brings along, import, export, delete, forget a person, doctor, unlock, the agreements
across sessions, the templates. The operations on one open session are on
``workshop.app.live.LiveSession``, which ``open`` and ``create`` return.

Holding a workspace is cheap (the app's start and ``workshop list`` need no more): each operation
imports what it needs when it is called.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.clock import Clock, SystemClock
from workshop.errors import WorkshopError
from workshop.folders import Problem  # light; the front ends show it
from workshop.paths import default_exports_dir

if TYPE_CHECKING:
    from workshop.app.live import LiveSession
    from workshop.doctor import Finding, FolderReport
    from workshop.forget_report import ForgetReport
    from workshop.interchange import ImportedSession
    from workshop.model import Participant, Session, SessionSummary
    from workshop.scan import ScanScore
    from workshop.store import SessionStore, StoredSession
    from workshop.template import Template
    from workshop.template_library import TemplateShelf
    from workshop.trajectory import AgreementRow, CarryOver, SessionLike

__all__ = ["Confirm", "Problem", "Workspace"]

# Asked before something that cannot be undone: (question, assume_yes) -> go on?
Confirm = Callable[[str, bool], bool]
ERROR_LOG = "fout.log"


class Workspace:
    """All sessions under one data folder, with the clock and the exports folder to use."""

    def __init__(
        self, store: SessionStore, clock: Clock | None = None, exports_dir: Path | None = None
    ) -> None:
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.exports_dir = exports_dir or default_exports_dir()

    @property
    def root(self) -> Path:
        """The data folder."""
        return self.store.root

    # -- listing and finding --------------------------------------------------------------------

    def list_sessions(self) -> tuple[list[SessionSummary], list[Problem]]:
        """All sessions, newest first, from their summaries; and what could not be read."""
        return self.store.scan()

    def summaries_by_id(self) -> dict[str, SessionSummary]:
        return {summary.id: summary for summary in self.store.list_sessions()}

    def find(self, query: str) -> SessionSummary:
        """A session by its code, or by the start of its title when only one title matches."""
        return self.store.find(query)

    def load(self, query: str) -> StoredSession:
        """A session by code or title, read without its lock: it may be open elsewhere."""
        return self.store.load(self.store.find(query).id)

    # -- opening --------------------------------------------------------------------------------

    def open(self, session_id: str) -> LiveSession:
        """Open a session for work, taking its lock.

        Raises ``workshop.app.opening.OpenRefused`` (it says who has it open) when the session
        can only be looked at now: offer ``open_read_only`` then.
        """
        from workshop.app.opening import open_for_writing

        return open_for_writing(self.store, session_id, self.clock)

    def open_read_only(self, session_id: str) -> LiveSession:
        """Open a session only to look at it: it takes no lock and writes nothing."""
        from workshop.app.live import open_session

        return open_session(self.store, session_id, self.clock, read_only=True)

    # -- creating -------------------------------------------------------------------------------

    def carry_over(self, draft: SessionLike) -> CarryOver:
        """What a new session like ``draft`` brings along from the earlier sessions."""
        from workshop.trajectory import open_items_before

        return open_items_before(self.store, draft)

    def create(
        self,
        *,
        title: str,
        template: Template,
        location: str = "",
        series: str = "",
        day: date | None = None,
        facilitator: str = "",
        participants: list[Participant] | None = None,
        review: bool | None = None,
        scans: tuple[str, ...] = (),
    ) -> LiveSession:
        """Store a new session, with what its trajectory brings along, and open it."""
        from workshop.app.live import create_session

        return create_session(
            self.store,
            self.clock,
            title=title,
            template=template,
            location=location,
            series=series,
            day=day,
            facilitator=facilitator,
            participants=participants,
            review=review,
            scans=scans,
        )

    def create_demo(self) -> str:
        """Store a filled example session; its code."""
        from workshop.app.demo import create_demo_session

        live = create_demo_session(self.store, self.clock)
        live.close()
        return live.session.id

    def import_file(self, path: Path) -> ImportedSession:
        """Read a session from a JSON file (from an export); a copy when its code is taken."""
        from workshop.interchange import import_file

        return import_file(self.store, path, self.clock)

    def templates(self) -> TemplateShelf:
        """The built-in templates and the user's own, and the files that could not be used."""
        from workshop.template_library import find_templates

        return find_templates(self.root)

    def templates_for_form(self) -> tuple[list[Template], WorkshopError | None]:
        """What the new-session form offers, and a line about what was left out (or None)."""
        from workshop.template_library import templates_for_form

        return templates_for_form(self.root)

    def template_dirs(self) -> tuple[Path, Path]:
        """Where the user's own templates go, and where the built-in ones are."""
        from workshop.resources import templates_dir
        from workshop.template_library import user_templates_dir

        return user_templates_dir(self.root), templates_dir()

    # -- exporting ------------------------------------------------------------------------------

    def preview(self, stored: StoredSession, *, without_names: bool = False) -> str:
        """The plan as Markdown, as ``export`` writes it."""
        from workshop.app.exporting import preview

        return preview(self.store, stored, without_names=without_names)

    def preview_head(self, stored: StoredSession, *, without_names: bool = False) -> str:
        """The top of the plan (title, facts, agreements), to show while ``preview`` makes it."""
        from workshop.app.exporting import preview_head

        return preview_head(stored, without_names=without_names)

    def export(
        self,
        stored: StoredSession,
        fmt: str,
        out: str | None = None,
        *,
        without_names: bool = False,
        notes: bool = False,
    ) -> Path:
        """Write a session as md, html, pdf, json or ics; the path it was written to.

        ``out`` is the place as typed, None for the exports folder. A plan compares its scans
        with the trajectory's earlier ones. ``notes``: a JSON file keeps the facilitator's
        private notes (only when asked; never with ``without_names``).
        """
        from workshop.app.exporting import export

        return export(
            self.store,
            stored,
            fmt,
            out,
            self.exports_dir,
            today=self.clock.now().date(),
            without_names=without_names,
            notes=notes,
        )

    def previous_scan_scores(self, session: Session, scan_id: str) -> list[ScanScore] | None:
        """The scores of this scan in the latest earlier session of the trajectory with any."""
        from workshop.trajectory import previous_scan_scores

        return previous_scan_scores(self.store, session, scan_id)

    # -- agreements across sessions -------------------------------------------------------------

    def agreements(
        self,
        *,
        open_only: bool = False,
        owner: str | None = None,
        location: str | None = None,
        skipped: list[str] | None = None,
    ) -> list[AgreementRow]:
        """The latest version of every agreement; unreadable sessions are said in ``skipped``."""
        from workshop.trajectory import all_agreements

        return all_agreements(
            self.store, open_only=open_only, owner=owner, location=location, skipped=skipped
        )

    def save_agreement_list(
        self,
        rows: list[AgreementRow],
        out: str,
        *,
        owner: str | None = None,
        open_only: bool = False,
        location: str | None = None,
    ) -> Path:
        """Write the agreements as a Markdown list per owner; the path it was written to."""
        from workshop.export.files import dated_name, write_export
        from workshop.export.todo import render_agreement_list

        today = self.clock.now().date()
        content = render_agreement_list(
            rows, today=today, owner=owner, open_only=open_only, location=location
        )
        name = dated_name(today, f"afspraken {owner or ''}", "md")
        return write_export(content, name, "md", out, self.exports_dir)

    # -- looking after the data -----------------------------------------------------------------

    def deletion_target(self, query: str) -> tuple[str, str]:
        """The folder ``query`` names, to delete, and how to name it in the question.

        A session whose files are damaged can still be deleted by its exact code: the folder of
        that name, also when it was copied and its files name another session.
        """
        from workshop.folders import FolderMismatchError, valid_session_id

        try:
            summary = self.store.find(query)
        except WorkshopError as error:
            if not (valid_session_id(query) and (self.store.sessions_dir / query).is_dir()):
                raise
            if isinstance(error, FolderMismatchError):
                copy = f"een kopie van {error.inner_id}; alleen deze map gaat weg"
                return query, f"in map {query} ({copy})"
            return query, f"met code {query}"
        return summary.id, f"'{summary.title}' (code {summary.id})"

    def delete(self, session_id: str) -> None:
        """Remove a session completely, backups included; refused while it is open elsewhere."""
        self.store.delete(session_id)

    def forget(self, name: str) -> ForgetReport:
        """Take a person's name out of every session and backup (AVG)."""
        from workshop.privacy import forget_person

        return forget_person(self.store, name, self.clock)

    def examine(self) -> tuple[list[FolderReport], list[Finding]]:
        """Look for problems in every session folder; nothing changes."""
        from workshop.doctor import examine

        return examine(self.store)

    def repair(self, query: str) -> list[str]:
        """Mend one session (its exact folder name, or a code or title); what was done."""
        from workshop.doctor import repair
        from workshop.folders import valid_session_id

        found = valid_session_id(query) and (self.store.sessions_dir / query).is_dir()
        session_id = query if found else self.store.find(query).id
        return repair(self.store, session_id, self.clock)

    def unlock(self, query: str, assume_yes: bool, confirm: Confirm) -> list[str]:
        """Release the lock of a session nobody uses any more; what happened (empty: not done)."""
        from workshop.unlock import unlock

        return unlock(self.store, query, assume_yes, confirm)

    def log_error(self, details: str) -> Path | None:
        """Keep the details of an unexpected error in the data folder (0600); where, or None."""
        from workshop.safe_files import append_private

        path = self.root / ERROR_LOG
        try:
            self.store.ensure()
            append_private(path, details)  # private: it may quote what was typed
        except (OSError, WorkshopError):
            return None
        return path
