"""Privacy (AVG): ``workshop vergeet NAAM`` takes a person's name out of everything stored.

How the name is found and what replaces it: workshop.forget_session. In this order:

1. Rests of a deletion that was interrupted (``.verwijderd-*`` folders) are removed: the user
   already asked for those sessions to go.
2. Every session folder in which a file mentions the name is locked and cleaned: the session file
   with its journal (folded into a new snapshot, so no older record keeps the name; its summary
   follows), every backup (rewritten with the store's atomic write, so it stays a good
   backup) and temporary files of an interrupted save (never data). A backup never keeps what
   the live file no longer has: a part of the name ("Fatima" of "Fatima El Amrani") that
   the session file no longer holds is taken out of its backups as well.
3. Damaged bytes are never deleted: a backup that cannot be read but holds the name is set aside
   as ``workshop doctor --herstel`` does (``<name>.beschadigd``) and reported, like a damaged
   session file and a damaged part of the journal (set aside while folding it).
4. Finally every file under the data folder is searched once more; whatever still holds the
   name is reported with the reason.

A folder that cannot be changed (open elsewhere, read-only, damaged) never stops the others: the
report lists, one line each, what could not be changed and why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from functools import cached_property
from pathlib import Path
from typing import Any

from workshop import agreement_index, journal, storage
from workshop.backup import BACKUP_DIR, DAMAGED_MARK, backup_dir, list_backups
from workshop.clock import Clock
from workshop.errors import DamagedFileError, NotFoundError, WorkshopError
from workshop.forget_report import ForgetReport, remaining_lines, report_lines
from workshop.forget_session import forget_in, name_parts, places, replacer_for, role_of
from workshop.lock import SessionLock, SessionLockedError
from workshop.name_search import Hit, NameSearch, NotSearched, hits_under, set_aside
from workshop.os_reasons import os_reason
from workshop.storage import encode_tables, fsync_dir, remove_leftovers, write_problem
from workshop.store import (
    SESSION_FILE,
    SUMMARY_FILE,
    SessionFile,
    SessionStore,
    StoredSession,
    read_session,
    read_stored,
    read_summary,
    tables_from_stored,
)
from workshop.text import NAME_MAX, clean_line, required_line

__all__ = ["ForgetReport", "forget_person", "remaining_lines", "report_lines"]

# What can go wrong when a stored file is read: damage (also a number too big to read, or data
# nested too deep), or the disk.
LOAD_ERRORS = (WorkshopError, OSError, ValueError, RecursionError)


def forget_person(store: SessionStore, name: str, clock: Clock) -> ForgetReport:
    """Take ``name`` out of every session, backup and other file under the data folder."""
    name = " ".join(required_line(name, NAME_MAX, "naam", "De naam").split())
    report = ForgetReport(name, name_parts(name))
    search = NameSearch([name])
    _finish_deletions(store, search, report)
    try:
        folders = list(store.folders())
    except OSError as error:
        folders = []
        report.left(
            store.sessions_dir,
            f"De map met sessies {store.sessions_dir} kan niet worden gelezen "
            f"({os_reason(error)}).",
        )
    for folder in folders:
        work = _Folder(folder, report, clock)
        try:
            work.forget()
        except Exception as error:  # one folder never stops the others
            report.left(
                folder,
                f"{work.label}: er ging iets mis dat we niet hadden verwacht "
                f"({type(error).__name__}); de naam kan er nog in staan.",
            )
    for hit in hits_under(store.root, search) if store.root.is_dir() else []:
        if not report.covers(hit.path):
            report.left(hit.path, _leftover_line(hit))
    return report


def _finish_deletions(store: SessionStore, search: NameSearch, report: ForgetReport) -> None:
    try:
        rests = store.trash()
    except OSError:
        return  # the sessions folder cannot be read: the search at the end says what is left
    for rest in rests:
        if rest.is_symlink() or not rest.is_dir():
            continue  # not a folder we made
        try:
            shutil.rmtree(rest, onerror=_gone_is_fine)
        except OSError as error:
            if any(hits_under(rest, search)):
                report.left(
                    rest,
                    f"Een sessie die eerder werd verwijderd, is nog niet helemaal weg: {rest} "
                    f"({_reason(error)}). Verwijder die map zelf.",
                )
            continue
        report.deletions += 1
    if report.deletions:
        with contextlib.suppress(OSError):
            fsync_dir(store.sessions_dir)


def _gone_is_fine(function: Any, path: str, info: Any) -> None:
    """rmtree: a file that vanished meanwhile (another deletion finishing) is no error."""
    if not issubclass(info[0], FileNotFoundError):
        raise info[1]


def _reason(error: BaseException) -> str:
    """Why something could not be changed, in a few Dutch words."""
    if isinstance(error, SessionLockedError):
        holder = error.holder
        way_out = "sluit haar eerst"
        if error.foreign and error.session_id:
            way_out += f" of geef het slot vrij met 'workshop ontgrendel {error.session_id}'"
        return (
            f"de sessie is al open op {clean_line(holder.host)[:60]} (proces {holder.pid}, "
            f"sinds {holder.since_label}); {way_out}"
        )
    # The store turns an OSError into a Dutch sentence for a whole save; here the few words
    # of its reason are enough.
    cause = error if isinstance(error, OSError) else error.__context__
    if isinstance(cause, OSError) and not isinstance(error, (NotFoundError, DamagedFileError)):
        return write_problem(cause)[0]
    return str(error).rstrip(".")


def _is_regular(path: Path) -> bool:
    """A regular file, not a symlink, pipe or device: only those are read as session data."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _may_hold(path: Path, search: NameSearch) -> bool:
    try:
        return search.in_file(path)
    except NotSearched:
        return True


def _leftover_line(hit: Hit) -> str:
    path = hit.path
    if hit.reason:
        return (
            f"{path}: hierin kon niet worden gezocht ({hit.reason}). De naam kan er nog in staan."
        )
    if hit.in_name:
        return f"{path}: de naam staat in de naam van deze map of dit bestand. Pas die zelf aan."
    if DAMAGED_MARK in path.name:
        what = "een beschadigd bestand dat eerder opzij is gezet"
    elif path.name == SESSION_FILE or path.parent.name == BACKUP_DIR:
        what = "een sessiebestand of reservekopie met de naam in een code of vast veld"
    elif path.name.endswith(storage.TMP_SUFFIX):
        what = "een tijdelijk bestand van een opslag die werd onderbroken"
    else:
        what = "een bestand dat workshop niet zelf kan aanpassen"
    return f"{path}: {what}. Hierin staat de naam nog; bekijk of verwijder het zelf."


class _Folder:
    """Forgetting the name in one session folder."""

    def __init__(self, folder: Path, report: ForgetReport, clock: Clock) -> None:
        self.folder = folder
        self.report = report
        self.clock = clock
        self.name = report.name
        self.search = NameSearch([report.name])
        self.failed: dict[str, list[str]] = {}  # reason -> what could not be changed for it

    @cached_property
    def label(self) -> str:
        return _label(self.folder, self.name)

    def forget(self) -> None:
        has_name = any(hits_under(self.folder, self.search))
        has_part = bool(self.report.parts) and any(
            hits_under(self.folder, NameSearch(self.report.parts))
        )
        if not (has_name or has_part):
            return  # nothing to do: nothing is touched, not even locked
        try:
            lock = SessionLock.acquire(self.folder, self.clock)
        except (WorkshopError, OSError) as error:
            if has_name:
                self.report.left(
                    self.folder, f"{self.label}: niet aangepast, want {_reason(error)}."
                )
            else:
                self.report.to_check.append(f"{self.label}: niet bekeken, want {_reason(error)}.")
            return
        try:
            for directory in (self.folder, backup_dir(self.folder)):
                with contextlib.suppress(OSError):  # what stays is found by the search at the end
                    remove_leftovers(directory)
            live, role = self._forget_in_session_file()
            # Parts of the name the session file no longer has may not stay in its backups.
            gone = [p for p in self.report.parts if live is not None and not places(live, [p])]
            for backup in list_backups(self.folder):
                self._forget_in_backup(backup, [self.name, *gone], role)
        finally:
            with contextlib.suppress(WorkshopError, OSError):
                lock.release()
            self._report_failures()

    def _fail(self, path: Path, what: str, error: BaseException) -> None:
        self.failed.setdefault(_reason(error), []).append(what)
        self.report.covered.append(path)

    def _report_failures(self) -> None:
        for reason, things in self.failed.items():
            listed = things[0] if len(things) == 1 else f"{', '.join(things[:-1])} en {things[-1]}"
            self.report.remaining.append(f"{self.label}: {listed} niet aangepast, want {reason}.")

    def _forget_in_session_file(self) -> tuple[StoredSession | None, str | None]:
        """Clean the session file and its journal; returns the session as it is now (None when
        unknown) and the role."""
        path = self.folder / SESSION_FILE
        index = self.folder / agreement_index.INDEX_FILE
        if os.path.lexists(index) and _may_hold(index, self.search):
            # Only a copy of the agreements (written again from the cleaned session below, or
            # when it is next needed); the search at the end says when it could not go.
            with contextlib.suppress(OSError):
                agreement_index.remove_index(self.folder)
        if not os.path.lexists(path):
            return None, None
        try:
            if not _is_regular(path):
                raise NotSearched("geen gewoon bestand")
            stored, _ = read_session(self.folder)  # the journal holds the newest changes
        except (NotSearched, *LOAD_ERRORS):
            if self._session_holds_name():
                self.report.left(
                    path,
                    f"{self.label}: het sessiebestand is beschadigd, dus de naam kon er niet uit. "
                    f"Zet eerst een goede reservekopie terug met 'workshop doctor --herstel "
                    f"{self.folder.name}' en doe daarna 'workshop vergeet' opnieuw.",
                )
                self.report.covered += journal.segments(self.folder)
            return None, None
        role = role_of(stored, self.name)
        # An older journal record, or the snapshot under a journal that took the name out since,
        # may hold the name even when the session itself no longer does: folding the journal
        # into a new snapshot rewrites the one and removes the other.
        in_files = self._session_holds_name()
        file = SessionFile(self.folder)  # we hold the lock
        try:
            if forget_in(stored, [self.name]) or in_files:
                try:
                    file.replace_all(stored, self.clock.now())
                except (WorkshopError, OSError) as error:
                    if self._session_holds_name():
                        self._fail(path, "het sessiebestand", error)
                        self.report.covered += journal.segments(self.folder)
                        return None, role
                    if _may_hold(self.folder / SUMMARY_FILE, self.search):  # written after it
                        self._fail(self.folder / SUMMARY_FILE, "het overzicht", error)
                self._report_kept_journal(file.journal_kept)
                self.report.sessions += 1
            elif _may_hold(self.folder / SUMMARY_FILE, self.search):
                try:  # an old title in the summary
                    file.refresh_summary(stored.session, self.clock.now())
                except (WorkshopError, OSError) as error:
                    self._fail(self.folder / SUMMARY_FILE, "het overzicht", error)
            if self._part_only_in_snapshot():
                # The session lost a part of the name in changes the journal still holds: fold
                # them in, so the file no longer has it either (backups follow the session).
                with contextlib.suppress(WorkshopError, OSError):  # the search at the end tells
                    file.load()
                    file.fold_journal()
        finally:
            file.close()
        for place in places(stored, self.report.parts):
            self.report.to_check.append(f"{self.label}, {place.label}: \u201c{place.excerpt}\u201d")
        return stored, role

    def _part_only_in_snapshot(self) -> bool:
        """Whether the snapshot under a journal (may) hold a part of the name: the journal may
        have taken it out of the session since (workshop.session_tables leaves small ones)."""
        return (
            bool(self.report.parts)
            and bool(journal.segments(self.folder))
            and _may_hold(self.folder / SESSION_FILE, NameSearch(self.report.parts))
        )

    def _session_holds_name(self) -> bool:
        """Whether the session file or one of its journal's files (may) still hold the name."""
        files = [self.folder / SESSION_FILE, *journal.segments(self.folder)]
        return any(_may_hold(path, self.search) for path in files)

    def _report_kept_journal(self, kept: list[Path]) -> None:
        """Damaged parts of the journal were set aside while folding it: kept, never deleted.
        One that holds the name is reported as a damaged backup is."""
        for aside in kept:
            if _may_hold(aside, self.search):
                original = aside.name.split(DAMAGED_MARK)[0]
                self.report.left(
                    aside,
                    f"{self.label}: een deel van het journaal ({original}) is beschadigd, dus de "
                    f"naam kon er niet uit. Het is bewaard als {aside}. Daarin staat de naam nog: "
                    "bekijk of verwijder dat bestand zelf.",
                )

    def _forget_in_backup(self, backup: Path, names: list[str], role: str | None) -> None:
        try:
            if not _is_regular(backup):
                raise NotSearched("geen gewoon bestand")
            stored = read_stored(backup)
        except (NotSearched, *LOAD_ERRORS):
            if _may_hold(backup, self.search):
                self._set_aside(backup)
            return
        if not forget_in(stored, names, role):
            return
        try:
            storage.write_atomically(backup, encode_tables(tables_from_stored(stored)))
        except OSError as error:
            self._fail(backup, f"reservekopie {backup.name}", error)
            return
        self.report.backups += 1

    def _set_aside(self, backup: Path) -> None:
        """A damaged backup that holds the name: kept, never deleted, and reported."""
        try:
            aside = set_aside(backup)
        except OSError as error:
            self.report.left(
                backup,
                f"{self.label}: de reservekopie {backup} is beschadigd en de naam staat er nog "
                f"in; opzij zetten lukte niet ({_reason(error)}). Bekijk of verwijder hem zelf.",
            )
            return
        self.report.left(
            aside,
            f"{self.label}: de reservekopie {backup.name} is beschadigd, dus de naam kon er niet "
            f"uit. Ze is bewaard als {aside}. Daarin staat de naam nog: bekijk of verwijder dat "
            "bestand zelf.",
        )


def _label(folder: Path, name: str) -> str:
    """How a session is named in the report: its title (without the name) and its code."""
    try:
        if not _is_regular(folder / SUMMARY_FILE):
            raise NotSearched("geen gewoon bestand")
        title = read_summary(folder).title
    except (NotSearched, *LOAD_ERRORS):
        return f"sessie {folder.name}"
    shown = clean_line(replacer_for([name], "…").in_text(title))
    return f"'{shown[:80]}' ({folder.name})"
