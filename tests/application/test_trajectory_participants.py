"""A second session at the same location starts with the people of the previous one (issue 11,
item 18): the workspace's carry-over names who took part in the latest earlier session, parents
exactly as stored there (an anonymous parent stays anonymous)."""

from __future__ import annotations

from datetime import date, datetime

from workshop.app.workspace import Workspace
from workshop.clock import FakeClock
from workshop.model import Group, SessionSummary
from workshop.session import create_session, new_participant
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

T, P = Group.TEAM, Group.OUDERPANEL


def session_at(store: SessionStore, clock: FakeClock, location: str, day: str, people) -> str:  # type: ignore[no-untyped-def]
    clock.set(datetime.fromisoformat(f"{day}T10:00:00+01:00"))
    live = create_session(
        store,
        clock,
        title=f"Sessie {day}",
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=location,
        day=date.fromisoformat(day),
        participants=[new_participant(group, name) for group, name in people],
    )
    live.close()
    return live.session.id


def draft(location: str, day: str, now: datetime) -> SessionSummary:
    return SessionSummary(
        id="",
        title="Nieuw",
        location=location,
        series="",
        day=date.fromisoformat(day),
        phase=0,
        phase_count=0,
        updated=now,
        created=now,
    )


def test_the_people_of_the_latest_earlier_session_come_along(
    store: SessionStore, clock: FakeClock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    session_at(store, clock, "De Regenboog", "2026-01-12", [(T, "Oud teamlid"), (P, "")])
    latest = session_at(
        store,
        clock,
        "De Regenboog",
        "2026-02-16",
        [(T, "Anouk Bakker"), (T, "Bram Visser"), (P, "Sevda"), (P, ""), (P, "")],
    )
    session_at(store, clock, "Elders", "2026-03-01", [(T, "Niet van hier")])
    workspace = Workspace(store, clock, tmp_path / "exports")

    carried = workspace.carry_over(draft("De Regenboog", "2026-03-10", clock.now()))

    assert [(p.group, p.name) for p in carried.participants] == [
        (T, "Anouk Bakker"),
        (T, "Bram Visser"),
        (P, "Sevda"),
        (P, ""),  # anonymous parents stay anonymous
        (P, ""),
    ]
    stored_ids = {p.id for p in store.load(latest).session.participants}
    assert not stored_ids & {p.id for p in carried.participants}  # fresh people, not shared

    elsewhere = workspace.carry_over(draft("Nergens", "2026-03-10", clock.now()))
    assert elsewhere.participants == []
    first = workspace.carry_over(draft("De Regenboog", "2026-01-20", clock.now()))
    assert [(p.group, p.name) for p in first.participants] == [(T, "Oud teamlid"), (P, "")]
