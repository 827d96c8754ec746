"""Small builders shared by the store, session, crash and privacy tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from workshop.clock import Clock
from workshop.model import Group, Participant
from workshop.session import LiveSession, create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template


def new_session(
    store: SessionStore,
    clock: Clock,
    title: str = "Ouderavond De Zonnebloem",
    participants: list[Participant] | None = None,
    facilitator: str = "",
    location: str = "Utrecht",
) -> LiveSession:
    """A new session at ``location``; sessions at one location form a trajectory."""
    return create_session(
        store,
        clock,
        title=title,
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=location,
        facilitator=facilitator,
        participants=participants,
    )


def filled_session(store: SessionStore, clock: Clock, count: int = 3, **kwargs) -> str:  # type: ignore[no-untyped-def]
    """A closed session holding ``count`` contributions; returns its id."""
    live = new_session(store, clock, **kwargs)
    for n in range(count):
        live.add_contribution(f"Inbreng nummer {n}", Group.OUDERPANEL if n % 2 else Group.TEAM)
    live.close()
    return live.session.id


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its contents: to prove nothing changed."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}
