"""Moving through an open session, its timers, and who takes part."""

from __future__ import annotations

import contextlib

from workshop import phase_progress as progress
from workshop import timer as timers
from workshop.app.live_base import LiveBase
from workshop.app.writer import WriterClosedError
from workshop.model import Group, Participant, Position, Session, TimingEntry
from workshop.text import NAME_MAX, optional_line


def new_participant(group: Group, name: str = "") -> Participant:
    return Participant(group=group, name=optional_line(name, NAME_MAX, "naam", "Een naam"))


class TimingMixin(LiveBase):
    # -- moving through the session -------------------------------------------------------------

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

    # -- the timer ------------------------------------------------------------------------------

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

    # -- a clock left running -------------------------------------------------------------------

    def keep_clock_alive(self) -> None:
        """Note, about once a minute while a timer runs, that it still runs (on the writer).

        A front end calls this often (the runner: on every tick). A session found later with its
        timer running and not noted for a while was closed without pausing: see ``unseen_clock``.
        """
        now = self.clock.now()
        if self.read_only or self.unseen_clock is not None:
            return  # a viewer writes nothing; the open question must be answered first
        if not timers.heartbeat_due(self.session.timing_log, now, self._clock_noted):
            return
        self._clock_noted = now
        with contextlib.suppress(WriterClosedError):  # closing: the clock is paused anyway
            self.writer.submit(self._note_running)

    def _note_running(self) -> None:
        def change(session: Session) -> None:
            for entry in timers.open_stretches(session.timing_log):
                entry.seen = self.clock.now()

        self._commit(change)

    def settle_unseen_time(self, counts: bool) -> None:
        """The answer to "the clock still ran when the session stopped; does that time count?".

        Yes: the time in between counts and the clock runs on. No: the clock stands still where
        it was last seen, so the time in between is left out; starting it again goes on from there.
        """
        if self.unseen_clock is None:
            return
        if counts:
            self._note_running()  # counted now: a later crash does not ask about it again
        else:
            self._commit(self._pause_all)
        self.unseen_clock = None

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
        """Seconds behind plan (positive) or ahead of it (negative); see ``phase_progress``."""
        return progress.schedule_delta(self.session, self.clock.now())

    def phase_progress(self) -> list[progress.PhaseProgress]:
        """Per phase: done, skipped, current or to come (a skipped phase is not done)."""
        count = len(self.template.phases)
        return progress.phase_progress(self.session, self.contributions, count, self.clock.now())

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
