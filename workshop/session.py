"""A session opened for work: the logic the phase runner calls.

Every method that changes something writes it to disk before it returns, and changes the
in-memory state only after the write succeeded: what the UI shows as saved is saved, and a failed
write (full disk) leaves both the file and the state as they were.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from workshop import timer as timers
from workshop.balance import Balance
from workshop.balance import balance as count_balance
from workshop.clock import Clock
from workshop.errors import NotFoundError, ValidationError
from workshop.goals import Goal, Judgement, evaluate, make_goal
from workshop.limits import VOTES, check_day
from workshop.model import (
    Agreement,
    Aim,
    Contribution,
    Due,
    Group,
    Kind,
    Participant,
    PartnershipForm,
    PhaseTimer,
    Position,
    Session,
    Status,
    TimingEntry,
)
from workshop.scan import ScanScore, get_scan
from workshop.store import SessionFile, SessionStore, StoredSession
from workshop.template import Phase, Step, Template
from workshop.text import NAME_MAX, SHORT_MAX, TEXT_MAX, TITLE_MAX, optional_line, required_line
from workshop.trajectory import CarryOver, is_overdue, open_items_before, session_template


def _due(due: Due | None) -> Due | None:
    """A due moment, its date (if any) in the years the app knows (workshop.limits)."""
    check_day(due.on if due else None, "wanneer", "De datum")
    return due


def new_participant(group: Group, name: str = "") -> Participant:
    return Participant(group=group, name=optional_line(name, NAME_MAX, "naam", "Een naam"))


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
    session.template = session_template(template, review=with_review, scans=chosen_scans).to_dict()
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


class LiveSession:
    def __init__(self, file: SessionFile, stored: StoredSession, clock: Clock) -> None:
        self.file = file
        self.clock = clock
        # Read-only: every change raises ReadOnlyError in SessionFile before the state changes,
        # so the guard sits in one place, under every method that saves.
        self.read_only = file.read_only
        self.warnings: list[str] = []  # for the UI to show once (e.g. backup failed)
        self.session = stored.session
        # In the order they were said: an undone delete sits at the end of the file.
        self.contributions = sorted(stored.contributions, key=lambda c: c.created)
        self.agreements = stored.agreements
        self.goals = stored.goals
        self.all_scan_scores = stored.scan_scores
        self.template = Template.from_dict(self.session.template)

    # -- where we are ---------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self.template.phases[self.session.position.phase]

    @property
    def step(self) -> Step:
        return self.phase.steps[self.session.position.step]

    def go_to(self, phase: int, step: int = 0) -> None:
        """Move to a phase and step. Leaving a phase pauses its timer; nothing starts by itself."""
        phase = min(max(phase, 0), len(self.template.phases) - 1)
        step = min(max(step, 0), len(self.template.phases[phase].steps) - 1)

        def change(session: Session) -> None:
            if phase != session.position.phase:
                self._pause(session, session.position.phase)
            session.position = Position(phase, step)

        self._commit(change)

    def next_step(self) -> None:
        position = self.session.position
        if position.step + 1 < len(self.phase.steps):
            self.go_to(position.phase, position.step + 1)
        elif position.phase + 1 < len(self.template.phases):
            self.go_to(position.phase + 1, 0)

    def previous_step(self) -> None:
        position = self.session.position
        if position.step > 0:
            self.go_to(position.phase, position.step - 1)
        elif position.phase > 0:
            self.go_to(position.phase - 1, len(self.template.phases[position.phase - 1].steps) - 1)

    # -- contributions --------------------------------------------------------------------------

    def add_contribution(
        self,
        text: str,
        group: Group,
        *,
        kind: Kind = Kind.OBSERVATIE,
        form: PartnershipForm | None = None,
        author: str = "",
        aim: Aim | None = None,
    ) -> Contribution:
        contribution = Contribution(
            text=required_line(text, TEXT_MAX, "tekst", "De tekst"),
            group=group,
            phase=self.session.position.phase,
            step=self.session.position.step,
            created=self.clock.now(),
            kind=kind,
            form=form,
            aim=aim,
            author=optional_line(author, NAME_MAX, "auteur", "De naam"),
        )
        self.file.save_contribution(contribution)
        self.contributions.append(contribution)
        return contribution

    def contribution(self, contribution_id: str) -> Contribution:
        for contribution in self.contributions:
            if contribution.id == contribution_id:
                return contribution
        raise NotFoundError("Deze inbreng bestaat niet meer.")

    def contributions_at(
        self, phase: int, step: int, group: Group | None = None, *, by_votes: bool = False
    ) -> list[Contribution]:
        found = [
            c
            for c in self.contributions
            if c.phase == phase and c.step == step and (group is None or c.group == group)
        ]
        if by_votes:
            found.sort(key=lambda c: -c.votes)  # stable: equal votes keep their order
        return found

    def edit_contribution(
        self,
        contribution_id: str,
        *,
        text: str | None = None,
        group: Group | None = None,
        kind: Kind | None = None,
        form: PartnershipForm | bool | None = False,  # False: leave as it is
        author: str | None = None,
        aim: Aim | bool | None = False,
    ) -> Contribution:
        old = self.contribution(contribution_id)
        new = replace(
            old,
            text=old.text if text is None else required_line(text, TEXT_MAX, "tekst", "De tekst"),
            group=group or old.group,
            kind=kind or old.kind,
            form=old.form if form is False else form,  # type: ignore[arg-type]
            aim=old.aim if aim is False else aim,  # type: ignore[arg-type]
            author=old.author
            if author is None
            else optional_line(author, NAME_MAX, "auteur", "De naam"),
            edited=self.clock.now(),
        )
        return self._replace_contribution(old, new)

    def move_contribution(self, contribution_id: str, phase: int, step: int) -> Contribution:
        if not (0 <= phase < len(self.template.phases)) or not (
            0 <= step < len(self.template.phases[phase].steps)
        ):
            raise ValidationError("stap", "Die fase of stap bestaat niet.")
        old = self.contribution(contribution_id)
        return self._replace_contribution(
            old, replace(old, phase=phase, step=step, edited=self.clock.now())
        )

    def vote(self, contribution_id: str, delta: int) -> Contribution:
        """Dot voting: add or remove votes; never below zero (nor above the limit)."""
        old = self.contribution(contribution_id)
        votes = int(VOTES.clamp(old.votes + delta))
        return self._replace_contribution(old, replace(old, votes=votes))

    def delete_contribution(self, contribution_id: str) -> Contribution:
        """Remove a contribution; give the returned object to ``restore_contribution`` to undo."""
        old = self.contribution(contribution_id)
        self.file.remove_contribution(contribution_id)
        self.contributions.remove(old)
        return old

    def restore_contribution(self, contribution: Contribution) -> None:
        self.file.save_contribution(contribution)
        self.contributions.append(contribution)
        self.contributions.sort(key=lambda c: c.created)

    def _replace_contribution(self, old: Contribution, new: Contribution) -> Contribution:
        self.file.save_contribution(new)
        self.contributions[self.contributions.index(old)] = new
        return new

    # -- agreements -----------------------------------------------------------------------------

    def add_agreement(
        self,
        what: str,
        owner: str,
        *,
        with_whom: str = "",
        due: Due | None = None,
        instrument: str = "",
        form: PartnershipForm | None = None,
        source: str | None = None,
        goal: str | None = None,
    ) -> Agreement:
        agreement = Agreement(
            what=required_line(what, TEXT_MAX, "afspraak", "Wat er afgesproken is"),
            owner=_owner(owner),
            with_whom=optional_line(with_whom, SHORT_MAX, "met_wie", "Met wie"),
            due=_due(due),
            instrument=optional_line(instrument, SHORT_MAX, "instrument", "Het instrument"),
            form=form,
            source=source,
            phase=self.session.position.phase,
            created=self.clock.now(),
            goal=self._goal_link(goal),
        )
        self.file.save_agreement(agreement)
        self.agreements.append(agreement)
        return agreement

    def agreement(self, agreement_id: str) -> Agreement:
        for agreement in self.agreements:
            if agreement.id == agreement_id:
                return agreement
        raise NotFoundError("Deze afspraak bestaat niet meer.")

    def update_agreement(
        self,
        agreement_id: str,
        *,
        what: str | None = None,
        owner: str | None = None,
        with_whom: str | None = None,
        due: Due | bool | None = False,  # False: leave as it is
        instrument: str | None = None,
        form: PartnershipForm | bool | None = False,
        status: Status | None = None,
        goal: str | bool | None = False,  # an id, None to unlink, False: leave as it is
    ) -> Agreement:
        old = self.agreement(agreement_id)
        new = replace(
            old,
            what=old.what
            if what is None
            else required_line(what, TEXT_MAX, "afspraak", "Wat er afgesproken is"),
            owner=old.owner if owner is None else _owner(owner),
            with_whom=old.with_whom
            if with_whom is None
            else optional_line(with_whom, SHORT_MAX, "met_wie", "Met wie"),
            due=old.due if due is False else _due(due),  # type: ignore[arg-type]
            instrument=old.instrument
            if instrument is None
            else optional_line(instrument, SHORT_MAX, "instrument", "Het instrument"),
            form=old.form if form is False else form,  # type: ignore[arg-type]
            status=status or old.status,
            goal=old.goal if goal is False else self._goal_link(goal),  # type: ignore[arg-type]
        )
        return self._replace_agreement(old, new)

    def _replace_agreement(self, old: Agreement, new: Agreement) -> Agreement:
        self.file.save_agreement(new)
        self.agreements[self.agreements.index(old)] = new
        return new

    def delete_agreement(self, agreement_id: str) -> Agreement:
        old = self.agreement(agreement_id)
        self.file.remove_agreement(agreement_id)
        self.agreements.remove(old)
        return old

    # -- looking back at earlier agreements -----------------------------------------------------

    def carried_agreements(self) -> list[Agreement]:
        """The agreements brought along from earlier sessions, to review."""
        return [a for a in self.agreements if a.is_carried]

    def review_agreement(
        self,
        agreement_id: str,
        *,
        status: Status | None = None,
        note: str | None = None,
        owner: str | None = None,
        due: Due | bool | None = False,  # False: leave as it is
    ) -> Agreement:
        """Record what the group says about an agreement: status, note, owner, due moment."""
        old = self.agreement(agreement_id)
        new = replace(
            old,
            status=status or old.status,
            note=old.note
            if note is None
            else optional_line(note, SHORT_MAX, "notitie", "De notitie"),
            owner=old.owner if owner is None else _owner(owner),
            due=old.due if due is False else _due(due),  # type: ignore[arg-type]
            reviewed=True,
        )
        return self._replace_agreement(old, new)

    def overdue(self, agreement: Agreement) -> bool:
        """Whether the agreement was due before the day of this session and is not done."""
        return is_overdue(agreement, self.session.day)

    # -- goals ----------------------------------------------------------------------------------

    def add_goal(
        self,
        description: str,
        criterion: str,
        target_percent: int | str | None = None,
        by: date | str | None = None,
    ) -> Goal:
        goal = make_goal(description, criterion, target_percent, by)
        self.file.save_goal(goal)
        self.goals.append(goal)
        return goal

    def goal(self, goal_id: str) -> Goal:
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise NotFoundError("Dit doel bestaat niet meer.")

    def update_goal(
        self,
        goal_id: str,
        *,
        description: str | None = None,
        criterion: str | None = None,
        target_percent: int | str | bool | None = False,  # False: leave as it is
        by: date | str | bool | None = False,
    ) -> Goal:
        old = self.goal(goal_id)
        checked = make_goal(
            old.description if description is None else description,
            old.criterion if criterion is None else criterion,
            old.target_percent if target_percent is False else target_percent,  # type: ignore[arg-type]
            old.by if by is False else by,  # type: ignore[arg-type]
        )
        new = replace(
            old,
            description=checked.description,
            criterion=checked.criterion,
            target_percent=checked.target_percent,
            by=checked.by,
        )
        return self._replace_goal(old, new)

    def evaluate_goal(self, goal_id: str, result: str, judgement: Judgement | str) -> Goal:
        old = self.goal(goal_id)
        return self._replace_goal(old, evaluate(old, result, judgement))

    def delete_goal(self, goal_id: str) -> Goal:
        """Remove a goal; the agreements linked to it stay, without the link."""
        old = self.goal(goal_id)
        unlinked = [replace(a, goal=None) for a in self.agreements if a.goal == goal_id]
        self.file.remove_goal(goal_id, unlinked)
        by_id = {a.id: a for a in unlinked}
        self.agreements[:] = [by_id.get(a.id, a) for a in self.agreements]
        self.goals.remove(old)
        return old

    def agreements_for_goal(self, goal_id: str) -> list[Agreement]:
        return [a for a in self.agreements if a.goal == goal_id]

    def _replace_goal(self, old: Goal, new: Goal) -> Goal:
        self.file.save_goal(new)
        self.goals[self.goals.index(old)] = new
        return new

    def _goal_link(self, goal_id: str | None) -> str | None:
        if goal_id is not None and all(g.id != goal_id for g in self.goals):
            raise ValidationError("doel", "Dit doel bestaat niet (meer). Kies een ander doel.")
        return goal_id

    # -- self-scans and balance -----------------------------------------------------------------

    def set_scan_score(self, scan_id: str, code: str, group: Group, score: int | None) -> ScanScore:
        """A group's score for one statement (None: "weet niet"); replaces its earlier score."""
        scan = get_scan(scan_id)
        scan.statement(code)
        try:
            new = ScanScore(scan.id, code, Group(group), score)
        except ValueError:
            raise ValidationError(
                "score", "Kies een score van 1 tot en met 4, of 'weet niet'."
            ) from None
        self.file.save_scan_score(new)
        same = [
            i
            for i, s in enumerate(self.all_scan_scores)
            if (s.scan, s.code, s.group) == (new.scan, new.code, new.group)
        ]
        if same:
            self.all_scan_scores[same[0]] = new
        else:
            self.all_scan_scores.append(new)
        return new

    def scan_scores(self, scan_id: str) -> list[ScanScore]:
        return [s for s in self.all_scan_scores if s.scan == scan_id]

    def balance(self) -> Balance:
        """Contributions and agreements per partnership form and per aim."""
        return count_balance(self.contributions, self.agreements)

    # -- timer ----------------------------------------------------------------------------------

    def timer_reading(self, phase: int | None = None) -> timers.TimerReading:
        index = self.session.position.phase if phase is None else phase
        return timers.read(self.session.timers[index], self.clock.now())

    def start_timer(self) -> None:
        def change(session: Session) -> None:
            index = session.position.phase
            if not session.timers[index].running:
                timers.start(session.timers[index], self.clock.now())
                session.timing_log.append(TimingEntry(phase=index, started=self.clock.now()))

        self._commit(change)

    def pause_timer(self) -> None:
        self._commit(lambda session: self._pause(session, session.position.phase))

    def toggle_timer(self) -> None:
        if self.session.timers[self.session.position.phase].running:
            self.pause_timer()
        else:
            self.start_timer()

    def adjust_timer(self, minutes: float, phase: int | None = None) -> None:
        """+1, +5 or -1 minute: changes the phase's planned time, before or during the phase."""

        def change(session: Session) -> None:
            index = session.position.phase if phase is None else phase
            timers.adjust(session.timers[index], minutes * 60)

        self._commit(change)

    def reset_timer(self) -> None:
        def change(session: Session) -> None:
            self._pause(session, session.position.phase)
            timers.reset(session.timers[session.position.phase])

        self._commit(change)

    def set_bell(self, on: bool) -> None:
        self._commit(lambda session: setattr(session, "bell", on))

    def actual_seconds(self, phase: int) -> float:
        return timers.actual_seconds(self.session.timing_log, phase, self.clock.now())

    def planned_seconds(self, phase: int) -> float:
        return self.session.timers[phase].planned

    def elapsed_total(self) -> float:
        """Session clock: how long the timers have run in all."""
        return sum(e.seconds(self.clock.now()) for e in self.session.timing_log)

    def planned_total(self) -> float:
        return sum(t.planned for t in self.session.timers)

    def schedule_delta(self) -> float:
        """Seconds behind plan (positive) or ahead of it (negative).

        Finished phases count with their actual time against their plan; the current phase only
        counts once it runs over.
        """
        current = self.session.position.phase
        finished = sum(
            self.actual_seconds(i) - self.planned_seconds(i)
            for i in range(current)
            if self.actual_seconds(i) > 0
        )
        return finished + max(0.0, -self.timer_reading().remaining)

    def _pause(self, session: Session, index: int) -> None:
        timers.pause(session.timers[index], self.clock.now())
        for entry in session.timing_log:
            if entry.phase == index and entry.stopped is None:
                entry.stopped = self.clock.now()

    # -- participants ---------------------------------------------------------------------------

    def add_participant(self, group: Group, name: str = "") -> Participant:
        participant = new_participant(group, name)
        self._commit(lambda session: session.participants.append(participant))
        return participant

    def remove_participant(self, participant_id: str) -> None:
        def change(session: Session) -> None:
            session.participants = [p for p in session.participants if p.id != participant_id]

        self._commit(change)

    def participant_names(self) -> list[str]:
        """Named participants, for picking an owner."""
        return [p.name for p in self.session.participants if p.name]

    # -- saving ---------------------------------------------------------------------------------

    def _commit(self, change: Callable[[Session], None]) -> None:
        """Apply ``change`` to a copy of the session, save it, and only then keep it."""
        candidate = copy.deepcopy(self.session)
        change(candidate)
        self.file.save_session(candidate, self.clock.now())
        self.session = candidate

    def stored(self) -> StoredSession:
        return StoredSession(
            self.session,
            list(self.contributions),
            list(self.agreements),
            list(self.goals),
            list(self.all_scan_scores),
        )

    def close(self) -> None:
        """Close the file and give up the lock. Safe to call more than once."""
        self.file.close()


def _owner(owner: str) -> str:
    value = optional_line(owner, NAME_MAX, "eigenaar", "De naam van de eigenaar")
    if not value:
        raise ValidationError(
            "eigenaar",
            "Een afspraak heeft een eigenaar nodig: wie zorgt ervoor dat het gebeurt?",
        )
    return value
