"""A realistic trajectory of three sessions at one location, for the trajectory tests.

Session 1 (10 March): five agreements (one already done) and two goals; a scan.
Session 2 (14 April): brings along the four open agreements and both goals; the group reviews
three of them (done, dropped, in progress with a note and a new owner), leaves one alone (it is
overdue), makes a new agreement, judges a goal and scans again.
Session 3 (2 June): brings along only what is still open or in progress, in its latest version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workshop.clock import FakeClock
from workshop.goals import Judgement
from workshop.model import Due, Group, Horizon, PartnershipForm, Status
from workshop.session import LiveSession, create_session, new_participant
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

LOCATION = "Peuterspeelzaal Het Anker"
DAYS = (date(2026, 3, 10), date(2026, 4, 14), date(2026, 6, 2))
T, P = Group.TEAM, Group.OUDERPANEL


@dataclass
class Trajectory:
    ids: list[str]  # the three sessions, in order
    first: dict[str, str]  # short name -> id of the agreement or goal made in session 1
    new_in_second: str  # id of the agreement made in session 2


def evening(clock: FakeClock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 19, 0).astimezone())


def start(  # type: ignore[no-untyped-def]
    store: SessionStore, clock: FakeClock, day: date, title: str, *, later: int = 0, **kwargs
) -> LiveSession:
    """A new session on ``day`` at 19:00 (``later`` minutes after), at the location by default."""
    evening(clock, day)
    clock.advance(later * 60)
    return create_session(
        store,
        clock,
        title=title,
        template=get_template(DEFAULT_TEMPLATE_ID),
        location=kwargs.pop("location", LOCATION),
        day=day,
        facilitator="Marieke Jansen",
        participants=[new_participant(T, "Joost de Vries"), new_participant(P, "Sevda")],
        **kwargs,
    )


def first_session(store: SessionStore, clock: FakeClock) -> tuple[str, dict[str, str]]:
    live = start(store, clock, DAYS[0], "Ouderavond maart")
    live.go_to(2, 0)
    goal = live.add_goal(
        "Meer ouders bij het startgesprek", "60 % komt vóór 1 mei", 60, "01-05-2026"
    )
    news = live.add_goal(
        "Ouders lezen de nieuwsbrief", "De helft van de ouders zegt dat ze hem lezen"
    )
    live.add_contribution("Brieven zijn te lang", P, form=PartnershipForm.FORMEEL)
    made = {
        "brieven": live.add_agreement(
            "Brieven korter maken", "Joost de Vries", due=Due(horizon=Horizon.VOLGENDE_MAAND)
        ),
        "koffie": live.add_agreement(
            "Koffieochtend op vrijdag",
            "Sevda",
            due=Due(horizon=Horizon.VOLGENDE_WEEK),
            form=PartnershipForm.INFORMEEL,
        ),
        "startgesprek": live.add_agreement(
            "Startgesprek met elk nieuw gezin",
            "Fatima",
            due=Due(on=date(2026, 4, 1)),
            goal=goal.id,
        ),
        "tolk": live.add_agreement(
            "Tolk regelen", "Marieke Jansen", due=Due(horizon=Horizon.DEZE_WEEK)
        ),
        "ouderkamer": live.add_agreement("Ouderkamer opruimen", "Joost de Vries"),
    }
    live.update_agreement(made["ouderkamer"].id, status=Status.KLAAR)
    live.set_scan_score("indicatoren", "I1", T, 3)
    live.set_scan_score("indicatoren", "I1", P, 1)
    live.set_scan_score("indicatoren", "I2", T, 2)
    live.close()
    ids = {name: a.id for name, a in made.items()} | {"doel": goal.id, "nieuwsbrief": news.id}
    return live.session.id, ids


def second_session(store: SessionStore, clock: FakeClock, first: dict[str, str]) -> tuple[str, str]:
    live = start(store, clock, DAYS[1], "Ouderavond april")
    carried = {a.origin: a for a in live.carried_agreements()}
    live.review_agreement(
        carried[first["brieven"]].id, status=Status.KLAAR, note="Nieuwe brief is af"
    )
    live.review_agreement(carried[first["tolk"]].id, status=Status.VERVALLEN)
    live.review_agreement(
        carried[first["koffie"]].id, status=Status.BEZIG, note="Eerste keer 5 ouders", owner="Ayşe"
    )
    news = next(g for g in live.goals if g.origin == first["nieuwsbrief"])
    live.evaluate_goal(news.id, "Bijna iedereen leest hem", Judgement.GEHAALD)
    live.go_to(3, 2)
    clock.advance(60)
    new = live.add_agreement(
        "Inloopochtend met het consultatiebureau",
        "Marieke Jansen",
        due=Due(on=DAYS[1] + timedelta(days=30)),
        form=PartnershipForm.MAATSCHAPPELIJK,
    )
    live.set_scan_score("indicatoren", "I1", T, 4)
    live.set_scan_score("indicatoren", "I1", P, 3)
    live.close()
    return live.session.id, new.id


def three_sessions(store: SessionStore, clock: FakeClock) -> Trajectory:
    first_id, first = first_session(store, clock)
    second_id, new = second_session(store, clock, first)
    third = start(store, clock, DAYS[2], "Ouderavond juni")
    third.close()
    return Trajectory([first_id, second_id, third.session.id], first, new)
