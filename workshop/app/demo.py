"""A realistic example session, so a newcomer sees a filled workshop at once (``workshop demo``).

Built through the same LiveSession calls the app uses, on a clock that walks through a morning
that ended just now.
"""

from __future__ import annotations

from datetime import date, timedelta

from workshop.app.live import LiveSession, create_session, new_participant, open_session
from workshop.clock import Clock, FakeClock
from workshop.model import Due, Group, Horizon, Kind, PartnershipForm, Status
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

T, P = Group.TEAM, Group.OUDERPANEL  # P: the parent panel

# (phase index, step index, group, kind, form, text)
_CONTRIBUTIONS: list[tuple[int, int, Group, Kind, PartnershipForm | None, str]] = [
    (
        0,
        0,
        T,
        Kind.OBSERVATIE,
        PartnershipForm.DIDACTISCH,
        "Veel ouders lezen thuis voor, maar vooral in hun eigen taal.",
    ),
    (
        0,
        0,
        P,
        Kind.WENS,
        PartnershipForm.DIDACTISCH,
        "Ik wil weten welke liedjes de kinderen leren, dan zingen we ze thuis ook.",
    ),
    (
        0,
        0,
        P,
        Kind.KNELPUNT,
        None,
        "Bij het brengen is het druk. Dan is er geen tijd om iets te vragen.",
    ),
    (
        0,
        1,
        T,
        Kind.KNELPUNT,
        PartnershipForm.INFORMEEL,
        "Bij de ouderavond kwamen maar 6 van de 30 ouders.",
    ),
    (0, 1, P, Kind.KNELPUNT, None, "De brieven zijn lang en moeilijk. Ik begrijp niet alles."),
    (
        0,
        1,
        P,
        Kind.KANS,
        PartnershipForm.INFORMEEL,
        "Bij het zomerfeest waren bijna alle ouders er. Dat was gezellig.",
    ),
    (
        0,
        2,
        T,
        Kind.OBSERVATIE,
        PartnershipForm.PEDAGOGISCH,
        "We vinden contact met ouders belangrijk, maar we weten niet altijd hoe.",
    ),
    (0, 2, T, Kind.WENS, None, "We willen leren hoe je een gesprek voert met een tolk erbij."),
    (
        1,
        0,
        T,
        Kind.IDEE,
        PartnershipForm.PEDAGOGISCH,
        "Ouders kennen hun kind het best. Dat zeggen we ook hardop in het eerste gesprek.",
    ),
    (
        1,
        0,
        P,
        Kind.WENS,
        PartnershipForm.PEDAGOGISCH,
        "Vraag ook hoe het thuis gaat, niet alleen hoe het op de groep gaat.",
    ),
    (
        1,
        1,
        T,
        Kind.IDEE,
        PartnershipForm.FORMEEL,
        "Elk gezin krijgt in de eerste maand een startgesprek van twintig minuten.",
    ),
    (1, 2, P, Kind.OBSERVATIE, None, "Ik voel me welkom als de leidster mijn naam weet."),
    (
        2,
        0,
        T,
        Kind.IDEE,
        PartnershipForm.DIDACTISCH,
        "Doel: 60 % van de ouders doet thuis mee met het thema van de maand.",
    ),
    (
        2,
        1,
        P,
        Kind.IDEE,
        PartnershipForm.INFORMEEL,
        "Een koffieochtend op vrijdag, dan kunnen ouders elkaar leren kennen.",
    ),
    (
        2,
        2,
        T,
        Kind.KANS,
        PartnershipForm.MAATSCHAPPELIJK,
        "Het consultatiebureau zit naast ons. Samen een inloopochtend houden?",
    ),
    (3, 0, T, Kind.KNELPUNT, None, "Niet iedereen in het team heeft tijd voor huisbezoeken."),
    (
        3,
        0,
        P,
        Kind.KANS,
        PartnershipForm.INFORMEEL,
        "Ik wil wel helpen om nieuwe ouders wegwijs te maken.",
    ),
    (
        3,
        0,
        T,
        Kind.OBSERVATIE,
        PartnershipForm.INFORMEEL,
        "Het koffiemoment op vrijdag loopt goed: elke week komen er meer ouders.",
    ),
    (
        3,
        0,
        P,
        Kind.WENS,
        PartnershipForm.DIDACTISCH,
        "Ik wil vaker zien wat mijn kind op de groep doet, met een foto of een filmpje.",
    ),
    (
        3,
        0,
        T,
        Kind.IDEE,
        PartnershipForm.PEDAGOGISCH,
        "We kunnen ouders vragen wat hun kind thuis graag doet, en dat in de groep gebruiken.",
    ),
    (3, 0, P, Kind.KNELPUNT, None, "Als ik iets vraag, weet ik niet bij wie ik moet zijn."),
]


def create_demo_session(store: SessionStore, clock: Clock) -> LiveSession:
    """Store a new demo session, as if this morning's meeting just ended, and open it."""
    end = clock.now()
    walk = FakeClock(end - timedelta(minutes=95))
    template = get_template(DEFAULT_TEMPLATE_ID)
    team = [
        new_participant(T, "Fatima El Amrani"),
        new_participant(T, "Joost de Vries"),
        new_participant(T, "Marieke Jansen"),
    ]
    parents = [new_participant(P, "Sevda"), new_participant(P), new_participant(P)]
    live = create_session(
        store,
        walk,
        title="Ouders en team samen: kinderdagverblijf De Zonnebloem",
        location="Kinderdagverblijf De Zonnebloem, Utrecht",
        day=end.date(),
        facilitator="Marieke Jansen",
        template=template,
        participants=team + parents,
        carry_over=False,  # a demo stands on its own, also beside earlier demos
    )
    by_phase: dict[int, list[tuple[int, Group, Kind, PartnershipForm | None, str]]] = {}
    for phase, step, group, kind, form, text in _CONTRIBUTIONS:
        by_phase.setdefault(phase, []).append((step, group, kind, form, text))

    minutes_spent = [22, 18, 24]  # phases 1-3 ran; the group is now in phase 4
    for phase in range(4):
        live.go_to(phase, 0)
        live.start_timer()
        for step, group, kind, form, text in by_phase.get(phase, []):
            if step != live.session.position.step:
                live.go_to(phase, step)
            walk.advance(90)
            author = "Sevda" if group is P and "helpen" in text else ""
            live.add_contribution(text, group, kind=kind, form=form, author=author)
        if phase < len(minutes_spent):
            walk.set(live.session.timing_log[-1].started + timedelta(minutes=minutes_spent[phase]))
        else:
            walk.advance(5 * 60)
        live.pause_timer()

    brief = live.contributions[4]
    live.vote(brief.id, 4)
    live.vote(live.contributions[13].id, 3)
    live.add_agreement(
        "Brieven aan ouders korter maken, met plaatjes, en vertalen in het Arabisch en Turks.",
        "Joost de Vries",
        with_whom="Sevda",
        due=Due(horizon=Horizon.VOLGENDE_MAAND),
        instrument="communicatieplan op maat",
        form=PartnershipForm.FORMEEL,
        source=brief.id,
    )
    first_october = date(end.year, 10, 1) if end.month < 10 else date(end.year + 1, 10, 1)
    goal = live.add_goal(
        "Ouders en team leren elkaar goed kennen, vanaf de eerste dag.",
        "80 % van de nieuwe gezinnen heeft in de eerste maand een startgesprek gehad.",
        80,
        first_october,
    )
    live.add_agreement(
        "Elk nieuw gezin krijgt een startgesprek in de eerste maand.",
        "Fatima El Amrani",
        with_whom="de leidsters van groep Egeltjes",
        due=Due(on=first_october),
        instrument="startgesprek",
        form=PartnershipForm.PEDAGOGISCH,
        goal=goal.id,
    )
    coffee = live.add_agreement(
        "Elke vrijdag een koffieochtend voor ouders in de ouderkamer.",
        "Sevda",
        with_whom="Marieke Jansen",
        due=Due(horizon=Horizon.VOLGENDE_WEEK),
        instrument="inloopochtend",
        form=PartnershipForm.INFORMEEL,
        source=live.contributions[13].id,
    )
    live.update_agreement(coffee.id, status=Status.BEZIG)
    live.add_agreement(
        "Met het consultatiebureau een gezamenlijke inloopochtend plannen.",
        "Marieke Jansen",
        due=Due(horizon=Horizon.HALF_JAAR),
        instrument="inloopochtend",
        form=PartnershipForm.MAATSCHAPPELIJK,
    )
    # Open on a step full of remarks from both groups, so a newcomer sees a filled workshop.
    live.go_to(3, 0)
    session_id = live.session.id
    live.close()
    # Reopen on the real clock, so the app continues from now.
    return open_session(store, session_id, clock)
