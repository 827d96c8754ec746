"""A session opened for work: the operations the phase runner and its screens call.

``LiveSession`` gathers the parts of an open session, each in a module of its own: contributions
(``live_contributions``), what phones send (``live_phones``), agreements and their review
(``live_agreements``), goals, scans and the balance (``live_goals``), moving through the steps,
the timer and participants (``live_timing``).
What they share, and how a change is saved, is in ``live_base``.
"""

from __future__ import annotations

from datetime import date

from workshop.app.live_agreements import AgreementsMixin
from workshop.app.live_goals import GoalsMixin
from workshop.app.live_phones import PhonesMixin
from workshop.app.live_timing import TimingMixin, new_participant
from workshop.clock import Clock
from workshop.limits import check_day
from workshop.model import Participant, PhaseTimer, Session
from workshop.scan import get_scan
from workshop.store import SessionStore, StoredSession
from workshop.template import Template
from workshop.text import NAME_MAX, SHORT_MAX, TITLE_MAX, optional_line, required_line
from workshop.trajectory import CarryOver, open_items_before, session_template

__all__ = ["LiveSession", "create_session", "new_participant", "open_session"]


class LiveSession(PhonesMixin, AgreementsMixin, GoalsMixin, TimingMixin):
    """One open session: every change is on disk before its method returns."""


def create_session(
    store: SessionStore,
    clock: Clock,
    *,
    title: str,
    template: Template,
    location: str = "",
    day: date | None = None,
    facilitator: str = "",
    participants: list[Participant] | None = None,
    series: str = "",
    review: bool | None = None,
    scans: tuple[str, ...] = (),
    carry_over: bool = True,
) -> LiveSession:
    """Check the fields, store a new session and open it.

    The session brings along the open agreements and unjudged goals of the earlier sessions of
    its trajectory (``carry_over``; the demo does without). ``review`` puts a review step first:
    None means "when agreements were brought along". Each scan id in ``scans`` adds a scan step.
    """
    session = Session(
        title=required_line(title, TITLE_MAX, "titel", "De titel"),
        location=optional_line(location, SHORT_MAX, "locatie", "De locatie"),
        series=optional_line(series, SHORT_MAX, "traject", "De naam van het traject"),
        day=check_day(day, "datum") or clock.now().date(),
        facilitator=optional_line(facilitator, NAME_MAX, "begeleider", "De naam van de begeleider"),
        template=template.to_dict(),
        participants=list(participants or []),
        timers=[PhaseTimer.fresh(p.minutes) for p in template.phases],
        created=clock.now(),
    )
    chosen_scans = [get_scan(scan_id) for scan_id in dict.fromkeys(scans)]
    carried = open_items_before(store, session) if carry_over else CarryOver([], [])
    with_review = bool(carried.agreements) if review is None else review
    own = session_template(template, review=with_review, scans=chosen_scans)
    session.template = own.to_dict()
    # Steps added for the review and the scans bring their own planned time along.
    session.timers = [PhaseTimer.fresh(phase.planned_minutes) for phase in own.phases]
    file = store.create(
        StoredSession(session, [], carried.agreements, carried.goals), clock.now(), clock=clock
    )
    return LiveSession(
        file, StoredSession(session, [], list(carried.agreements), list(carried.goals)), clock
    )


def open_session(
    store: SessionStore, session_id: str, clock: Clock, *, read_only: bool = False
) -> LiveSession:
    """Open a stored session for work.

    For writing, this process takes the session's lock: SessionLockedError (workshop.lock) names
    who has it open elsewhere; offer ``read_only=True`` then. A damaged file raises
    DamagedFileError and is left as it is. A file that loads well is backed up first.
    """
    file = store.open(session_id, read_only=read_only, clock=clock)
    try:
        stored = file.load()
        live = LiveSession(file, stored, clock)
        if not read_only:
            live.warnings.extend(file.after_open(stored, clock.now()))
    except BaseException:
        file.close()
        raise
    return live
