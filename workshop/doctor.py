"""``workshop doctor``: find every problem in the data folder, and mend one session on request.

Examining changes nothing. Mending (``--herstel``) never deletes data: a damaged session file is
kept beside the session as ``session.json.beschadigd-<time>`` before the newest backup that
loads well is put back; a damaged backup is kept as ``<name>.beschadigd``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from workshop.backup import DAMAGED_MARK, backup_dir, backup_time, kept_damaged, list_backups
from workshop.clock import Clock
from workshop.errors import NotFoundError, StoreError, WorkshopError
from workshop.lock import LOCK_FILE, SessionLock, is_stale, read_holder
from workshop.storage import FILE_MODE, find_leftovers, remove_leftovers, write_atomically
from workshop.store import (
    SESSION_FILE,
    SUMMARY_FILE,
    SessionFile,
    SessionStore,
    StoredSession,
    read_session,
    read_stored,
    read_summary,
    summary_fields,
    summary_of,
)
from workshop.text import format_moment


@dataclass
class Finding:
    message: str
    problem: bool = True  # False: for information only
    notable: bool = False  # information worth showing also for a session that is in order


@dataclass
class FolderReport:
    folder: Path
    title: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def session_id(self) -> str:
        return self.folder.name

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.problem]

    def add(self, message: str, *, problem: bool = True, notable: bool = False) -> None:
        self.findings.append(Finding(message, problem, notable))


def examine(store: SessionStore) -> tuple[list[FolderReport], list[Finding]]:
    """A report per session folder, and findings about the data folder as a whole."""
    general = [
        Finding(f"Er staat nog een rest van een verwijderde sessie: {rest}. Die map mag weg.")
        for rest in store.trash()
    ]
    return [examine_folder(folder) for folder in store.folders()], general


def examine_folder(folder: Path) -> FolderReport:
    report = FolderReport(folder)
    holder = read_holder(folder)
    in_use = holder is not None and not is_stale(holder)
    if holder is not None and in_use:
        report.add(
            f"Nu open op {holder.host} (proces {holder.pid}, sinds {holder.since_label}).",
            problem=False,
            notable=True,
        )
    elif holder is not None:
        report.add(
            f"Er staat nog een slot van proces {holder.pid} (sinds {holder.since_label}), dat niet "
            "meer draait. Het wordt opgeruimd als je de sessie opent."
        )
    leftovers = find_leftovers(folder) + find_leftovers(backup_dir(folder))
    if leftovers and not in_use:  # while the session is open, a temporary file is normal
        report.add(
            f"{len(leftovers)} tijdelijk(e) bestand(en) van een opslag die werd onderbroken. "
            "Daarin staat niets dat als opgeslagen werd getoond; ze worden opgeruimd als je de "
            "sessie opent."
        )

    stored = _examine_session_file(folder, report)
    _examine_summary(folder, stored, report)
    _examine_backups(folder, report)
    for path in kept_damaged(folder):
        report.add(
            f"Bewaard beschadigd bestand: {path}. Verwijder het zelf als je het niet meer nodig "
            "hebt (er kunnen namen in staan).",
            problem=False,
            notable=True,
        )
    return report


def _examine_session_file(folder: Path, report: FolderReport) -> StoredSession | None:
    path = folder / SESSION_FILE
    if not path.exists():
        report.add(f"Het sessiebestand {path} ontbreekt.")
        return None
    try:
        stored, journal_problem = read_session(folder)
    except WorkshopError as error:
        report.add(str(error))
        return None
    report.title = stored.session.title
    if journal_problem:
        report.add(
            f"De wijzigingen na het sessiebestand (het journaal) zijn beschadigd: "
            f"{journal_problem} Het goede deel wordt gebruikt. Met 'workshop doctor --herstel "
            f"{folder.name}' zet je het beschadigde deel apart; er wordt niets weggegooid."
        )
    return stored


def _examine_summary(folder: Path, stored: StoredSession | None, report: FolderReport) -> None:
    path = folder / SUMMARY_FILE
    if not path.exists():
        report.add(f"Het overzicht {path} ontbreekt: de sessie staat daardoor niet in de lijst.")
        return
    try:
        summary = read_summary(folder)
    except WorkshopError as error:
        report.add(f"{error} De sessie staat daardoor niet in de lijst.")
        return
    report.title = report.title or summary.title
    expected = summary_of(stored.session, summary.updated) if stored else summary
    if summary.created is None:  # written before summaries kept it: older, not wrong
        expected.created = None
    if summary_fields(summary) != summary_fields(expected):
        report.add(f"Het overzicht {path} klopt niet meer met de sessie.")


def _examine_backups(folder: Path, report: FolderReport) -> None:
    backups = list_backups(folder)
    good = 0
    for backup in backups:
        try:
            read_stored(backup)
            good += 1
        except WorkshopError as error:
            report.add(f"Reservekopie: {error}")
    if backups:
        newest = backup_time(backups[0])
        when = f"; de nieuwste is van {format_moment(newest)}" if newest else ""
        report.add(f"{good} bruikbare reservekopie(ën){when}.", problem=False)


def repair(store: SessionStore, session_id: str, clock: Clock) -> list[str]:
    """Mend one session as far as possible; returns what was done, in Dutch sentences.

    Raises SessionLockedError when the session is open elsewhere, and StoreError when a damaged
    session file cannot be replaced because no backup loads.
    """
    folder = store.folder(session_id)
    if not folder.is_dir():
        raise NotFoundError(f"Er is geen sessiemap met code {session_id}.")
    done: list[str] = []
    holder = read_holder(folder)
    lock = SessionLock.acquire(folder, clock)
    try:
        if holder is not None:
            done.append(f"Een oud slot van proces {holder.pid} is opgeruimd.")
        removed = remove_leftovers(folder) + remove_leftovers(backup_dir(folder))
        if removed:
            done.append(f"{len(removed)} tijdelijk(e) bestand(en) opgeruimd.")
        done += _set_damaged_backups_aside(folder)
        stored = _restore_if_needed(folder, clock, done)
        if stored is None:
            shutil.rmtree(folder)
            lock.forget()
            return [
                "Deze map bevatte geen gegevens (het maken van de sessie werd onderbroken) en "
                "is opgeruimd."
            ]
        file = SessionFile(folder)  # the lock is held above
        try:
            stored = file.load()  # folds the journal into the file; sets a damaged part aside
            if file.journal_kept:
                names = ", ".join(str(p) for p in file.journal_kept)
                done.append(f"Het beschadigde deel van het journaal is bewaard als {names}.")
            if file.refresh_summary(stored.session, clock.now()):
                done.append("Het overzicht is opnieuw gemaakt.")
        finally:
            file.close()
    finally:
        lock.release()
    return done or ["Er was niets te herstellen: deze sessie is in orde."]


def _set_damaged_backups_aside(folder: Path) -> list[str]:
    done = []
    for backup in list_backups(folder):
        try:
            read_stored(backup)
        except WorkshopError:
            os.rename(backup, backup.with_name(backup.name + DAMAGED_MARK))
            done.append(f"Beschadigde reservekopie {backup.name} is opzij gezet.")
    return done


def _restore_if_needed(folder: Path, clock: Clock, done: list[str]) -> StoredSession | None:
    """The session, after putting back the newest good backup when the file is damaged.

    None when the folder holds no data at all (an interrupted creation).
    """
    path = folder / SESSION_FILE
    try:
        return read_stored(path)
    except NotFoundError:
        problem = "ontbreekt"
    except StoreError:
        problem = "is beschadigd"
    for backup in list_backups(folder):
        try:
            stored = read_stored(backup)
        except WorkshopError:
            continue
        if path.exists():
            aside = _aside_name(folder, clock)
            _keep_copy(path, aside)
            with contextlib.suppress(OSError):
                os.chmod(aside, FILE_MODE)
            done.append(f"Het beschadigde bestand is bewaard als {aside}.")
        write_atomically(path, backup.read_bytes())
        when = backup_time(backup)
        label = format_moment(when) if when else backup.name
        done.append(
            f"Het sessiebestand {problem}: de reservekopie van {label} is teruggezet. Wat na "
            "dat moment is veranderd, ontbreekt."
        )
        return stored
    if not [p for p in folder.iterdir() if p.name != LOCK_FILE]:
        return None
    raise StoreError(
        f"Het sessiebestand {problem} en er is geen bruikbare reservekopie van sessie "
        f"{folder.name}. Er is niets veranderd of verwijderd."
    )


def _keep_copy(path: Path, aside: Path) -> None:
    """Keep the damaged bytes under a new name; ``path`` itself is replaced after this."""
    try:
        os.link(path, aside)
    except OSError:  # no hard links on this file system
        shutil.copy2(path, aside)


def _aside_name(folder: Path, clock: Clock) -> Path:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{SESSION_FILE}{DAMAGED_MARK}-{stamp}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{SESSION_FILE}{DAMAGED_MARK}-{stamp}-{number}"
    return candidate
