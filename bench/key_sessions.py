"""The sessions bench_keys.py runs on, generated through the store (not by typing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from workshop.clock import FakeClock, SystemClock
from workshop.model import (
    Agreement,
    Contribution,
    Due,
    Group,
    Horizon,
    Kind,
    PartnershipForm,
    PhaseTimer,
    Position,
    Session,
)
from workshop.store import SessionStore, StoredSession
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

HOME = (1, 1)  # the measured step: phase 2, step 2
NEXT = (1, 2)  # where the session opens; PageUp goes from here into HOME

TEXTS = (
    "Ouders willen vaker horen wat hun kind op de groep heeft gedaan, liefst met een foto.",
    "Bij het brengen is het druk; dan is er geen tijd om iets te vragen.",
    "Koffieochtend op vrijdag in de ouderkamer, met een tolk erbij voor wie dat wil.",
    "De brieven zijn lang en gebruiken moeilijke woorden.",
)
OWNERS = ("Joost de Vries", "Fatima El Amrani", "Sevda", "Marieke Jansen")


@dataclass(frozen=True)
class Scenario:
    name: str
    remarks: int
    in_home: int  # of those, how many in the measured step (0: spread like the others)
    agreements: int
    target_ms: int

    @property
    def describe(self) -> str:
        if not self.remarks:
            return "empty session (only what the benchmark types)"
        where = (
            f"{self.in_home} in the measured step"
            if self.in_home
            else "spread evenly over the 18 steps"
        )
        return f"{self.remarks} remarks ({where}), {self.agreements} agreements"


SCENARIOS = (
    Scenario("empty", 0, 0, 0, 50),  # runs first: the baseline
    Scenario("A", 500, 0, 100, 50),
    Scenario("B", 10_000, 2_000, 100, 100),
)


def build_session(folder: Path, scenario: Scenario) -> tuple[SessionStore, str]:
    """Store the scenario's session in ``folder``; the store and the session's code."""
    clock = FakeClock(SystemClock().now() - timedelta(hours=3))
    template = get_template(DEFAULT_TEMPLATE_ID)
    start = clock.now()
    session = Session(
        title=f"Toetsen meten {scenario.name}",
        location="Kinderdagverblijf De Zonnebloem",
        day=start.date(),
        facilitator="Marieke Jansen",
        template=template.to_dict(),
        timers=[PhaseTimer.fresh(p.minutes) for p in template.phases],
        position=Position(*NEXT),
        created=start,
    )
    places = [(p, s) for p, phase in enumerate(template.phases) for s in range(len(phase.steps))]
    others = [place for place in places if place != HOME] if scenario.in_home else places
    every = scenario.remarks // scenario.in_home if scenario.in_home else 0
    contributions = []
    spread = 0
    for n in range(scenario.remarks):
        if every and n % every == 0:
            place, team = HOME, n % 2 == 0
        else:  # round the other steps, team and parents in turn per round
            place, team = others[spread % len(others)], spread // len(others) % 2 == 0
            spread += 1
        contributions.append(
            Contribution(
                text=f"{n}: {TEXTS[n % len(TEXTS)]}",
                group=Group.TEAM if team else Group.OUDERPANEL,
                phase=place[0],
                step=place[1],
                created=start + timedelta(seconds=n),
                kind=list(Kind)[n % len(Kind)],
                votes=n % 4,
            )
        )
    agreements = [
        Agreement(
            what=f"Afspraak nr. {i}: {TEXTS[i % len(TEXTS)]}",
            owner=OWNERS[i % len(OWNERS)],
            created=start + timedelta(hours=1, seconds=i),
            with_whom="de leidsters" if i % 2 else "",
            due=Due(horizon=list(Horizon)[i % len(Horizon)]),
            form=list(PartnershipForm)[i % len(PartnershipForm)],
            source=contributions[i * 7 % len(contributions)].id,
            phase=contributions[i * 7 % len(contributions)].phase,
        )
        for i in range(scenario.agreements)
    ]
    store = SessionStore(folder / "data")
    store.create(StoredSession(session, contributions, agreements), start, clock=clock).close()
    return store, session.id
