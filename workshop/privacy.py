"""Privacy (AVG): forget a person's name in every session, backups included.

A name is replaced where it stands on its own: a participant becomes anonymous, the author of a
contribution becomes the role of its group ("ouder" or "teamlid"), and an agreement's owner or
"met wie" becomes the person's role ("eigenaar" or "betrokkene" when the session does not say
which role the person has). What was said and agreed stays. A name inside a free text
("Sevda zei ...") is not searched for: that is content, and only a person can judge it.

Backups keep the last versions of a session, so they are cleaned the same way: each backup is
rewritten without the name (so restoring still works); a backup that cannot be read, and so
cannot be cleaned, is deleted. Sessions that are open elsewhere, or whose file is damaged, cannot
be changed: they are named in ForgetIncompleteError after all other sessions were done.
"""

from __future__ import annotations

from pathlib import Path

from workshop.backup import backup_dir, kept_damaged, list_backups
from workshop.clock import Clock
from workshop.errors import WorkshopError
from workshop.lock import SessionLock, SessionLockedError
from workshop.safe_files import read_if_regular
from workshop.storage import encode_tables, remove_leftovers, save_error, write_atomically
from workshop.store import (
    SESSION_FILE,
    SessionFile,
    SessionStore,
    StoredSession,
    read_stored,
    read_summary,
    tables_from_stored,
)
from workshop.text import NAME_MAX, required_line

# The same words as the export "zonder namen" (workshop.anonymize) uses.
FACILITATOR_ROLE = "begeleider"
UNKNOWN_OWNER = "eigenaar"
UNKNOWN_PERSON = "betrokkene"


class ForgetIncompleteError(WorkshopError):
    """The name was removed from some sessions but not from all."""

    def __init__(self, changed: int, skipped: list[str]) -> None:
        self.changed = changed
        self.skipped = skipped
        lines = "\n".join(f"- {item}" for item in skipped)
        super().__init__(
            f"De naam is uit {changed} sessie(s) gehaald, maar nog niet overal:\n{lines}\n"
            "Sluit die sessies of herstel ze, en probeer het daarna opnieuw."
        )


def same_name(a: str, b: str) -> bool:
    """Names match regardless of upper/lower case and extra spaces."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold() != ""


def role_of(stored: StoredSession, name: str) -> str | None:
    """The role of the person with ``name`` in this session, when we can tell it."""
    for participant in stored.session.participants:
        if same_name(participant.name, name):
            return participant.group.role
    for contribution in stored.contributions:
        if same_name(contribution.author, name):
            return contribution.group.role
    if same_name(stored.session.facilitator, name):
        return FACILITATOR_ROLE
    return None


def forget_in(stored: StoredSession, name: str) -> bool:
    """Replace ``name`` in one session, in place. True when anything changed."""
    role = role_of(stored, name)
    changed = False
    session = stored.session
    for participant in session.participants:
        if same_name(participant.name, name):
            participant.name = ""  # anonymous: shown as "anoniem (ouder)" and counted, not named
            changed = True
    if same_name(session.facilitator, name):
        session.facilitator = ""
        changed = True
    for contribution in stored.contributions:
        if same_name(contribution.author, name):
            contribution.author = contribution.group.role
            changed = True
    for agreement in stored.agreements:
        if same_name(agreement.owner, name):
            agreement.owner = role or UNKNOWN_OWNER
            changed = True
        if same_name(agreement.with_whom, name):
            agreement.with_whom = role or UNKNOWN_PERSON
            changed = True
    return changed


def forget_person(store: SessionStore, name: str, clock: Clock) -> int:
    """Remove ``name`` from every session and its backups; returns how many sessions changed.

    Raises ForgetIncompleteError (after doing all it could) when some sessions could not be
    changed, saying which and why.
    """
    name = required_line(name, NAME_MAX, "naam", "De naam")
    changed = 0
    skipped: list[str] = []
    for folder in store.folders():
        if _forget_in_folder(folder, name, clock, skipped):
            changed += 1
    if skipped:
        raise ForgetIncompleteError(changed, skipped)
    return changed


def _label(folder: Path) -> str:
    try:
        return f"'{read_summary(folder).title}' ({folder.name})"
    except WorkshopError:
        return f"sessie {folder.name}"


def _forget_in_folder(folder: Path, name: str, clock: Clock, skipped: list[str]) -> bool:
    try:
        lock = SessionLock.acquire(folder, clock)
    except SessionLockedError as error:
        skipped.append(f"{_label(folder)}: {error}")
        return False
    changed = False
    try:
        # Temporary files of an interrupted save may hold the name: they are never data.
        remove_leftovers(folder)
        remove_leftovers(backup_dir(folder))
        changed = _forget_in_session_file(folder, name, clock, skipped)
        for backup in list_backups(folder):
            changed |= _forget_in_backup(backup, name)
        for kept in kept_damaged(folder):
            if name.casefold() in read_if_regular(kept).decode("utf-8", "replace").casefold():
                skipped.append(
                    f"het bewaarde beschadigde bestand {kept} bevat de naam misschien nog. "
                    "Bekijk of verwijder het zelf."
                )
    except OSError as error:
        skipped.append(f"{_label(folder)}: {save_error(error, 'Aanpassen')}")
    except WorkshopError as error:
        skipped.append(f"{_label(folder)}: {error}")
    finally:
        lock.release()
    return changed


def _forget_in_session_file(folder: Path, name: str, clock: Clock, skipped: list[str]) -> bool:
    path = folder / SESSION_FILE
    if not path.exists():
        return False
    try:
        stored = read_stored(path)
    except WorkshopError as error:
        skipped.append(f"{_label(folder)}: {error}")
        return False
    if not forget_in(stored, name):
        return False
    file = SessionFile(folder)  # the caller holds the lock
    try:
        file.replace_all(stored, clock.now())
    finally:
        file.close()
    return True


def _forget_in_backup(backup: Path, name: str) -> bool:
    try:
        stored = read_stored(backup)
    except WorkshopError:
        backup.unlink()  # it cannot be cleaned, so it may not stay
        return True
    if not forget_in(stored, name):
        return False
    write_atomically(backup, encode_tables(tables_from_stored(stored)))
    return True
