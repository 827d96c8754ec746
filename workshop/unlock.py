"""``workshop ontgrendel SESSIE``: release a session's lock that nobody uses any more.

A lock from another computer (a shared or copied data folder, a crash on an old laptop, a changed
host name) is never taken over automatically: this computer cannot see whether the process there
still runs. The user can, so this command releases it after asking, and only when it is still the
same lock that was shown. A lock of a process that still runs on this computer is never released.
"""

from __future__ import annotations

from collections.abc import Callable

from workshop.errors import WorkshopError
from workshop.folders import is_session_folder, valid_session_id
from workshop.lock import is_stale, read_holder, release_foreign, this_host
from workshop.store import SessionStore

Confirm = Callable[[str, bool], bool]


class StillOpenError(WorkshopError):
    """The lock belongs to a process that runs on this computer."""


def folder_id(store: SessionStore, query: str) -> str:
    """The folder the user named: an exact folder name first, else a code or title."""
    if valid_session_id(query) and is_session_folder(store.sessions_dir / query):
        return query
    return store.find(query).id


def unlock(store: SessionStore, query: str, assume_yes: bool, confirm: Confirm) -> list[str]:
    """Release the lock of the session ``query`` names; returns what happened, in Dutch.

    ``confirm(question, assume_yes)`` asks before a lock of another computer is released; an
    empty list means the user said no.
    """
    session_id = folder_id(store, query)
    folder = store.folder(session_id)
    holder = read_holder(folder)
    if holder is None:
        return [f"Sessie {session_id} is niet op slot. Er is niets veranderd."]
    where = f"{holder.host} (proces {holder.pid}, sinds {holder.since_label})"
    if holder.host == this_host() and not is_stale(holder):
        raise StillOpenError(
            f"Sessie {session_id} is nu open op deze computer: {where}. Sluit de sessie daar; "
            "dit slot wordt niet vrijgegeven."
        )
    if holder.host != this_host():
        question = (
            f"Sessie {session_id} is op slot door {where}. Geef het slot alleen vrij als daar "
            "niemand meer aan deze sessie werkt: wat daar daarna nog wordt opgeslagen, kan "
            "anders verloren gaan."
        )
        if not confirm(question, assume_yes):
            return []
    if not release_foreign(folder, holder):
        raise WorkshopError(
            f"Het slot van sessie {session_id} is intussen veranderd, dus er is niets "
            "vrijgegeven. Kijk met 'workshop doctor' wie de sessie nu open heeft."
        )
    return [f"Het slot van {where} is vrijgegeven. Je kunt sessie {session_id} nu openen."]

