"""What every part of an open session shares: its state in memory, its file, and how it saves.

Every method that changes something writes it to disk before it returns, and changes the
in-memory state only after the write succeeded: what the UI shows as saved is saved, and a failed
write (full disk) leaves both the file and the state as they were.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime

from workshop import timer as timers
from workshop.app.writer import SessionWriter
from workshop.clock import Clock
from workshop.errors import ValidationError, WorkshopError
from workshop.model import Contribution, Session
from workshop.store import SessionFile, StoredSession
from workshop.template import Phase, Step, Template


class LiveBase:
    """The state of one open session; the operations live in the mixins of ``LiveSession``."""

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
        self.deleted: list[Contribution] = []  # deleted while open, the latest last: to undo
        self.agreements = stored.agreements
        self.goals = stored.goals
        self.all_scan_scores = stored.scan_scores
        # From phones (workshop.app.live_phones); each list is replaced, never changed in place,
        # so that the phone server's thread reads a whole state.
        self.remarks = list(stored.remarks)
        self.phone_votes = list(stored.phone_votes)
        self.scan_answers = list(stored.scan_answers)
        self.template = Template.from_dict(self.session.template)
        # The one writer every front end hands its changes to (no thread until the first one).
        self.writer = SessionWriter(f"workshop-writer-{self.session.id}")
        # A timer found running that no app watched for a while (a crash): seconds since it was
        # last seen, until ``settle_unseen_time`` says whether that time counts (live_timing).
        self.unseen_clock: float | None = None
        if not self.read_only:
            self.unseen_clock = timers.unseen_seconds(self.session.timing_log, clock.now())
        self._clock_noted: datetime | None = None  # the last heartbeat handed to the writer

    # -- where we are ---------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self.template.phases[self.session.position.phase]

    @property
    def step(self) -> Step:
        return self.phase.steps[self.session.position.step]

    # -- shared checks --------------------------------------------------------------------------

    def _goal_link(self, goal_id: str | None) -> str | None:
        if goal_id is not None and all(g.id != goal_id for g in self.goals):
            raise ValidationError("doel", "Dit doel bestaat niet (meer). Kies een ander doel.")
        return goal_id

    def _pause(self, session: Session, index: int, at: datetime | None = None) -> None:
        """Pause a phase's timer and close its open stretch in the timing log, now or ``at``."""
        moment = at or self.clock.now()
        timers.pause(session.timers[index], moment)
        for entry in session.timing_log:
            if entry.phase == index and entry.stopped is None:
                entry.stopped = moment

    def _pause_all(self, session: Session) -> None:
        """Pause every running timer: now, or where it was last seen while the question whether
        the unseen time counts is still open (the default answer is no)."""
        at = None
        if self.unseen_clock is not None:
            at = max(map(timers.last_seen, timers.open_stretches(session.timing_log)), default=None)
        for index, timer in enumerate(session.timers):
            if timer.running:
                self._pause(session, index, at)

    # -- saving ---------------------------------------------------------------------------------

    def _commit(self, change: Callable[[Session], None]) -> None:
        """Apply ``change`` to a copy of the session, save it, and only then keep it."""
        candidate = copy.deepcopy(self.session)
        change(candidate)
        self.file.save_session(candidate, self.clock.now())
        self.session = candidate

    def stored(self) -> StoredSession:
        """Everything in the session as it is saved, contributions in the order they were said."""
        return StoredSession(
            self.session,
            list(self.contributions),
            list(self.agreements),
            list(self.goals),
            list(self.all_scan_scores),
            list(self.remarks),
            list(self.phone_votes),
            list(self.scan_answers),
        )

    def close(self) -> None:
        """Finish the changes handed to the writer, pause a running clock (closed time never
        counts), then close the file and give up the lock. Safe to call more than once."""
        self.writer.close(self._pause_and_close)

    def _pause_and_close(self) -> None:
        try:
            if not self.read_only and any(t.running for t in self.session.timers):
                self._commit(self._pause_all)
        except (WorkshopError, OSError):
            pass  # not saved (a full disk): the next open asks whether the time in between counts
        finally:
            self.file.close()
