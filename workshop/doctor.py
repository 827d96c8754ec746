"""``workshop doctor``: find every problem in the data folder, and mend one session on request.

Examining changes nothing. Mending (``--herstel``) never deletes data: a damaged session file is
kept beside the session as ``session.json.beschadigd-<time>`` before the newest backup that
loads well is put back; a damaged backup is kept as ``<name>.beschadigd``. A link, pipe or folder
in a file's place is damage too: it is moved aside as it is, never read through or changed.

A folder whose session has another code than the folder's name was copied or renamed by hand
(workshop.folders). Mending it acts on that folder only: it gets its own last backup back when it
has one, and otherwise becomes a session of its own under the folder's name.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from workshop.backup import DAMAGED_MARK, backup_dir, backup_time, kept_damaged, list_backups
from workshop.clock import Clock
from workshop.errors import NotFoundError, StoreError, WorkshopError
from workshop.folders import FolderMismatchError, is_session_folder, stray_entries
from workshop.lock import (
    LOCK_FILE,
    SessionLock,
    foreign_lock_advice,
    is_stale,
    read_holder,
    this_host,
)
from workshop.os_reasons import os_reason
from workshop.safe_files import kind, read_regular
from workshop.set_aside import aside_name, keep_copy, move_aside
from workshop.storage import find_leftovers, remove_leftovers, write_atomically
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
from workshop.text import TITLE_MAX, format_moment

COPY_SUFFIX = " (kopie)"  # as an imported copy is called (workshop.interchange)


@dataclass
class Finding:
    message: str
    problem: bool = True  # False: for information only
    notable: bool = False  # information worth showing also for a session that is in order
    fix: str | None = None  # the command that solves it, when not 'doctor --herstel'


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

    def add(
        self, message: str, *, problem: bool = True, notable: bool = False, fix: str | None = None
    ) -> None:
        self.findings.append(Finding(message, problem, notable, fix))

    @property
    def fixes(self) -> list[str]:
        """The commands that solve the problems, in the order to type them."""
        found = [f.fix for f in self.problems if f.fix]
        if any(f.fix is None for f in self.problems):
            found.append(f"workshop doctor --herstel {self.session_id}")
        return list(dict.fromkeys(found))


def examine(store: SessionStore) -> tuple[list[FolderReport], list[Finding]]:
    """A report per session folder, and findings about the data folder as a whole.

    One folder that cannot be examined never stops the others: its trouble is its finding.
    """
    general = [
        Finding(f"Er staat nog een rest van een verwijderde sessie: {rest}. Die map mag weg.")
        for rest in store.trash()
    ]
    general += [Finding(problem.message) for problem in stray_entries(store.sessions_dir)]
    return [examine_folder(folder) for folder in store.folders()], general


def examine_folder(folder: Path) -> FolderReport:
    report = FolderReport(folder)
    try:
        _examine_folder(folder, report)
    except (WorkshopError, OSError, ValueError, RecursionError) as error:
        reason = os_reason(error)
        report.add(f"Deze map kon niet helemaal worden nagekeken ({reason}).")
    return report


def _examine_lock(folder: Path, report: FolderReport) -> bool:
    """Report who holds the lock; True when the session is in use (or may be, elsewhere)."""
    holder = read_holder(folder)
    if holder is None:
        return False
    where = f"{holder.host} (proces {holder.pid}, sinds {holder.since_label})"
    if holder.host != this_host():
        # We cannot see processes on another computer: say so, and how to release it.
        report.add(
            f"Op slot door een andere computer: {where}. Misschien werkt daar nu iemand aan. "
            + foreign_lock_advice(folder.name),
            fix=f"workshop ontgrendel {folder.name}",
        )
        return True
    if not is_stale(holder):
        report.add(f"Nu open op {where}.", problem=False, notable=True)
        return True
    if holder.pid == 0:
        report.add(
            f"Het slot {folder / LOCK_FILE} is onleesbaar of geen gewoon bestand. Het wordt "
            "opgeruimd (of opzij gezet) als je de sessie opent."
        )
    else:
        report.add(
            f"Er staat nog een slot van proces {holder.pid} (sinds {holder.since_label}), dat niet "
            "meer draait. Het wordt opgeruimd als je de sessie opent."
        )
    return False


def _examine_folder(folder: Path, report: FolderReport) -> None:
    in_use = _examine_lock(folder, report)
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


def _examine_session_file(folder: Path, report: FolderReport) -> StoredSession | None:
    path = folder / SESSION_FILE
    if kind(path) is None:
        report.add(f"Het sessiebestand {path} ontbreekt.")
        return None
    try:
        stored, journal_problem = read_session(folder)
    except WorkshopError as error:
        report.add(str(error))
        return None
    report.title = stored.session.title
    if stored.session.id != folder.name:
        report.add(str(FolderMismatchError(folder, stored.session.id)))
    if journal_problem:
        report.add(
            f"De wijzigingen na het sessiebestand (het journaal) zijn beschadigd: "
            f"{journal_problem} Het goede deel wordt gebruikt. Met 'workshop doctor --herstel "
            f"{folder.name}' zet je het beschadigde deel apart; er wordt niets weggegooid."
        )
    return stored


def _examine_summary(folder: Path, stored: StoredSession | None, report: FolderReport) -> None:
    path = folder / SUMMARY_FILE
    if kind(path) is None:
        report.add(f"Het overzicht {path} ontbreekt: de sessie staat daardoor niet in de lijst.")
        return
    try:
        summary = read_summary(folder)
    except FolderMismatchError as error:
        if stored is None or stored.session.id == folder.name:  # else reported just above
            report.add(
                f"Het overzicht {path} hoort bij sessie {error.inner_id}, niet bij deze map."
            )
        return
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
    found = kind(backup_dir(folder))
    if found not in (None, "dir"):
        link = " een snelkoppeling (link) naar een andere plek en" if found == "link" else ""
        report.add(
            f"{backup_dir(folder)} is{link} geen gewone map. Workshop maakt of zoekt daar geen "
            "reservekopieën; met --herstel wordt hij opzij gezet."
        )
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
        copies = "bruikbare reservekopie" if good == 1 else "bruikbare reservekopieën"
        report.add(f"{good} {copies}{when}.", problem=False)


def repair(store: SessionStore, session_id: str, clock: Clock) -> list[str]:
    """Mend one session folder as far as possible; returns what was done, in Dutch sentences.

    Raises SessionLockedError when the session is open elsewhere, and StoreError when a damaged
    session file cannot be replaced because no backup loads.
    """
    folder = store.folder(session_id)
    if not is_session_folder(folder):
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
        done += _set_odd_entries_aside(folder, clock)
        file = SessionFile(folder)  # the lock is held above
        try:
            if stored.session.id != folder.name:
                # ``stored`` has the folder's journal replayed; replacing folds it in.
                done.append(_make_own_session(store, file, stored, clock))
            else:
                # Sets a damaged part of the journal aside; a small journal is normal and stays.
                stored = file.load()
                if file.refresh_summary(stored.session, clock.now()):
                    done.append("Het overzicht is opnieuw gemaakt.")
                file.refresh_agreement_index()  # a copy for 'workshop afspraken': said nowhere
            if file.journal_kept:
                names = ", ".join(str(p) for p in file.journal_kept)
                done.append(f"Het beschadigde deel van het journaal is bewaard als {names}.")
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
            move_aside(backup, backup.with_name(backup.name + DAMAGED_MARK))
            done.append(f"Beschadigde reservekopie {backup.name} is opzij gezet.")
    return done


def _set_odd_entries_aside(folder: Path, clock: Clock) -> list[str]:
    """A link, pipe or folder where the summary or the backups folder belongs is moved aside,
    so both can be made again; a summary holds nothing that is not in the session file."""
    done = []
    expected = ((SUMMARY_FILE, "file", "gewoon bestand"), (backup_dir(folder).name, "dir", "map"))
    for name, wanted, label in expected:
        path = folder / name
        if kind(path) not in (None, wanted):
            aside = aside_name(folder, name, clock)
            move_aside(path, aside)
            done.append(f"{path} was geen {label} en is opzij gezet als {aside}.")
    return done


def _own_session(folder: Path, backups: list[tuple[Path, StoredSession]]) -> bool:
    return any(stored.session.id == folder.name for _, stored in backups)


def _restore_if_needed(folder: Path, clock: Clock, done: list[str]) -> StoredSession | None:
    """The session, after putting back the newest good backup when the file is damaged, or
    belongs to another session while this folder has backups of its own.

    None when the folder holds no data at all (an interrupted creation).
    """
    path = folder / SESSION_FILE
    backups = _good_backups(folder)
    try:
        stored, _ = read_session(folder)  # with its journal: a copy keeps its newest changes
        if stored.session.id == folder.name or not _own_session(folder, backups):
            return stored  # its own session, or a copied folder (made its own by the caller)
        problem = f"hoorde bij een andere sessie ({stored.session.id})"
    except NotFoundError:
        problem = "ontbreekt"
    except StoreError:
        problem = "is beschadigd"
    if _own_session(folder, backups):
        backups = [(p, s) for p, s in backups if s.session.id == folder.name]
    for backup, stored in backups:
        if kind(path) is not None:
            aside = aside_name(folder, SESSION_FILE, clock)
            keep_copy(path, aside)
            done.append(f"Het beschadigde bestand is bewaard als {aside}.")
        write_atomically(path, read_regular(backup))
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


def _good_backups(folder: Path) -> list[tuple[Path, StoredSession]]:
    """The backups that load well, newest first."""
    found = []
    for backup in list_backups(folder):
        try:
            found.append((backup, read_stored(backup)))
        except WorkshopError:
            continue
    return found


def _make_own_session(
    store: SessionStore, file: SessionFile, stored: StoredSession, clock: Clock
) -> str:
    """A copied or renamed folder becomes a session of its own, under the folder's name."""
    folder = file.folder
    old_id = stored.session.id
    stored.session.id = folder.name
    title = stored.session.title
    copied = is_session_folder(store.sessions_dir / old_id) if old_id else False
    if copied and not title.endswith(COPY_SUFFIX):
        stored.session.title = title[: TITLE_MAX - len(COPY_SUFFIX)].rstrip() + COPY_SUFFIX
    file.replace_all(stored, clock.now())
    if copied:
        return (
            f"Deze map was een kopie van sessie {old_id}. Het is nu een eigen sessie met code "
            f"{folder.name} en de titel '{stored.session.title}'. Sessie {old_id} is niet "
            "veranderd."
        )
    return f"Deze map had de gegevens van sessie {old_id}; de sessie heet nu {folder.name}."
