"""Opening a session for work, or only to look at it.

A session cannot be opened for writing while it is open elsewhere (its lock is held), nor when its
folder cannot be written at all: a read-only disk or USB stick, a full disk, a folder without write
permission. Looking at a session never writes, so in both cases the front end offers the read-only
view instead of a refusal: ``OpenRefused`` carries the one sentence to offer it with.
"""

from __future__ import annotations

from workshop.app.live import LiveSession, open_session
from workshop.clock import Clock
from workshop.errors import WorkshopError
from workshop.lock import LockHolder, LockWriteError, SessionLockedError
from workshop.store import SessionStore
from workshop.visible import visible


class OpenRefused(WorkshopError):
    """The session cannot be opened for writing now; it can be looked at (read-only).

    ``str(error)`` is the whole message; ``reason`` one sentence for the question and for the
    banner of the read-only view; ``holder`` who has it open (None when the disk refused).
    """

    def __init__(self, session_id: str, message: str, reason: str, holder: LockHolder | None):
        super().__init__(message)
        self.session_id = session_id
        self.reason = reason
        self.holder = holder


def refusal_reason(error: SessionLockedError | LockWriteError) -> str:
    """Why a session cannot be opened for writing, in one sentence."""
    if isinstance(error, LockWriteError):
        return f"Deze sessie kan nu niet worden opgeslagen: {error.reason}."
    holder = error.holder
    return (
        f"Deze sessie is al open op {visible(holder.host)} "
        f"(proces {holder.pid}, sinds {holder.since_label})."
    )


def open_for_writing(store: SessionStore, session_id: str, clock: Clock) -> LiveSession:
    """Open a session and take its lock; OpenRefused when only looking is possible now."""
    try:
        return open_session(store, session_id, clock)
    except (SessionLockedError, LockWriteError) as error:
        holder = error.holder if isinstance(error, SessionLockedError) else None
        raise OpenRefused(session_id, str(error), refusal_reason(error), holder) from error
