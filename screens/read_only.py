"""Offering the read-only view when a session cannot be opened for writing.

That happens when the session is open elsewhere (its lock is held), and when its folder cannot be
written at all: a read-only disk or USB stick, a full disk, a folder without write permission.
Looking at a session never writes, so it is offered in both cases instead of a refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.errors import WorkshopError
from workshop.lock import LockWriteError, SessionLockedError
from workshop.session import open_session

if TYPE_CHECKING:
    from screens.app import WorkshopApp


def read_only_reason(error: SessionLockedError | LockWriteError) -> str:
    """One sentence for the question and for the banner of the read-only view."""
    if isinstance(error, LockWriteError):
        return f"Deze sessie kan nu niet worden opgeslagen: {error.reason}."
    holder = error.holder
    return (
        f"Deze sessie is al open op {holder.host} "
        f"(proces {holder.pid}, sinds {holder.since_label})."
    )


def offer_read_only(
    app: WorkshopApp, session_id: str, error: SessionLockedError | LockWriteError
) -> None:
    from screens.confirm import ConfirmScreen
    from screens.runner import RunnerScreen

    where = read_only_reason(error)

    def answer(look: bool | None) -> None:
        if not look:
            return
        try:
            live = open_session(app.store, session_id, app.clock, read_only=True)
        except WorkshopError as again:
            app.report(again)
            return
        app.push_screen(RunnerScreen(live, read_only_reason=where))

    app.push_screen(
        ConfirmScreen(
            f"{where}\n\nWil je hem bekijken zonder iets te veranderen?",
            confirm_label="Alleen bekijken",
            danger=False,
        ),
        answer,
    )
