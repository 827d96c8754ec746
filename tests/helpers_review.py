"""A trajectory of sessions and screen helpers shared by the review, scan, balance and goals
tests and the issue-4 snapshots."""

from __future__ import annotations

from datetime import date, datetime

from textual.pilot import Pilot

from workshop.clock import FakeClock
from workshop.model import Due, Group, Horizon
from workshop.session import LiveSession, create_session, new_participant
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

LOCATION = "Kindcentrum De Linde"


def at(clock: FakeClock, day: str) -> None:
    clock.set(datetime.fromisoformat(f"{day}T10:00:00+01:00"))


def start_session(store: SessionStore, clock: FakeClock, title: str, day: str) -> LiveSession:
    """A session of the trajectory on ``day``; it brings along what is still open."""
    at(clock, day)
    return create_session(
        store,
        clock,
        title=title,
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=LOCATION,
        day=date.fromisoformat(day),
        participants=[
            new_participant(Group.TEAM, "Anouk Bakker"),
            new_participant(Group.TEAM, "Bram Visser"),
            new_participant(Group.OUDERPANEL, "Sevda"),
            new_participant(Group.OUDERPANEL),
        ],
    )


def first_session(store: SessionStore, clock: FakeClock) -> str:
    """Session 1 makes four agreements."""
    live = start_session(store, clock, "Startbijeenkomst partnerschapsteam", "2026-01-12")
    live.add_agreement(
        "Alle ouders bellen voor het startgesprek",
        "Anouk Bakker",
        due=Due(horizon=Horizon.VOLGENDE_WEEK),
    )
    live.add_agreement(
        "Een ouderkamer inrichten", "Bram Visser", due=Due(horizon=Horizon.HALF_JAAR)
    )
    live.add_agreement(
        "De nieuwsbrief in eenvoudige taal schrijven",
        "Sevda",
        due=Due(on=date(2026, 2, 1)),
    )
    live.add_agreement(
        "Elke vrijdag een inloopochtend", "Anouk Bakker", due=Due(horizon=Horizon.VOLGENDE_MAAND)
    )
    live.close()
    return live.session.id


def second_session(store: SessionStore, clock: FakeClock) -> str:
    """Session 2: brings along the four agreements of session 1 (not reviewed yet)."""
    live = start_session(store, clock, "Tweede bijeenkomst", "2026-02-16")
    live.close()
    return live.session.id


def screen_text(pilot: Pilot) -> str:
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])
    await pilot.pause()


SCAN = "indicatoren"


# (team, parents) per statement I1..I7; None is "weet niet"
SCORES: list[tuple[int | None, int | None]] = [
    (3, 1),
    (2, 2),
    (4, None),
    (1, 3),
    (3, 3),
    (2, 4),
    (None, 2),
]


def fill_scores(live: LiveSession, scores: list[tuple[int | None, int | None]]) -> None:
    for number, (team, parents) in enumerate(scores, start=1):
        live.set_scan_score(SCAN, f"I{number}", Group.TEAM, team)
        live.set_scan_score(SCAN, f"I{number}", Group.OUDERPANEL, parents)
