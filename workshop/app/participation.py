"""Phones taking part in an open session: the one entry point for the phone server and the app.

``Room`` wraps a ``LiveSession``. Every change goes through the session's single writer
(``workshop.app.writer``), behind whatever the facilitator typed before it, and returns a
``Future`` that is done once the change is on disk (or refused: its exception is a
``WorkshopError`` with a Dutch message). So a phone is told "Ontvangen" only for a remark that is
stored, and the type-ahead and durability guarantees of typed input hold for phones too.

After each change that succeeded, every listener (``subscribe``) gets a ``RoomEvent``, on the
writer's thread, in the order of the changes: a front end passes it on to its own thread (the
app: ``post_message``; the phone server: ``loop.call_soon_threadsafe``).

Reading (``view``, ``waiting``, ``remarks_of`` ...) is safe from any thread: the session's lists
are replaced, never changed in place, so a reader sees the state before or after a change.

Typical use by the app::

    room = Room(live)
    unsubscribe = room.subscribe(lambda event: app.call_from_thread(app.on_room_event, event))
    room.accept_all().add_done_callback(...)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from workshop.app.live import LiveSession
from workshop.app.remark_batch import RemarkBatcher, RemarkRequest
from workshop.model import Contribution, Group, Note, Participation
from workshop.participation import PhoneRemark, PhoneVote, ScanAnswer, ScanTally, tally_scan
from workshop.scan import Scan, get_scan
from workshop.template import Hints

T = TypeVar("T")


class EventKind(StrEnum):
    REMARK_WAITING = "remark_waiting"  # a phone sent a remark that waits for the facilitator
    REMARK_ACCEPTED = "remark_accepted"  # in a column now (also "show at once")
    REMARK_WITHDRAWN = "remark_withdrawn"
    REMARK_HIDDEN = "remark_hidden"
    VOTE = "vote"
    SCAN = "scan"
    SETTINGS = "settings"  # show at once, voting opened or closed, scan opened
    NOTE = "note"


@dataclass(frozen=True)
class RoomEvent:
    kind: EventKind
    remarks: tuple[PhoneRemark, ...] = ()  # the remarks it is about (never the phone's name)
    waiting: int = 0  # how many remarks wait after this change


@dataclass(frozen=True)
class StepView:
    """What a phone shows: where the meeting is and what it asks."""

    phase_number: int
    phase_name: str
    step_title: str
    questions: tuple[str, ...]
    position: tuple[int, int]
    translations: dict[str, tuple[str, ...]]  # language -> the questions in that language
    titles: dict[str, str] = field(default_factory=dict)  # language -> the title in that language

    def title_in(self, language: str) -> str:
        """The step's title in ``language``; the Dutch one when the template has none."""
        return self.titles.get(language) or self.step_title

    def questions_in(self, language: str) -> tuple[str, ...]:
        """The questions in ``language``; the Dutch ones when the template has none."""
        return self.translations.get(language) or self.questions


class Room:
    """Phones in one open session. See the module's docstring."""

    def __init__(self, live: LiveSession) -> None:
        self.live = live
        self._listeners: list[Callable[[RoomEvent], None]] = []
        self._lock = threading.Lock()
        self._remarks = RemarkBatcher(live.writer, live.add_remarks, self._remarks_stored)

    # -- events ---------------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[RoomEvent], None]) -> Callable[[], None]:
        """Call ``listener(event)`` after each change; returns a function that stops it."""
        with self._lock:
            self._listeners = [*self._listeners, listener]

        def unsubscribe() -> None:
            with self._lock:
                self._listeners = [f for f in self._listeners if f is not listener]

        return unsubscribe

    def _tell(self, event: RoomEvent) -> None:
        for listener in self._listeners:
            listener(event)

    def _submit(
        self, operation: Callable[[], T], event: Callable[[T], RoomEvent | None]
    ) -> Future[T]:
        def done(future: Future[Any]) -> None:
            if future.exception() is not None:
                return
            happened = event(future.result())
            if happened is not None:
                self._tell(happened)

        return self.live.writer.submit(operation, on_done=done)

    def _remarks_event(self, kind: EventKind) -> Callable[[Any], RoomEvent]:
        def make(result: Any) -> RoomEvent:
            remarks = tuple(result) if isinstance(result, list) else (result,)
            return RoomEvent(kind, remarks, len(self.live.waiting_remarks()))

        return make

    def _event(self, kind: EventKind) -> Callable[[Any], RoomEvent]:
        return lambda _result: RoomEvent(kind, (), len(self.live.waiting_remarks()))

    # -- what phones do -------------------------------------------------------------------------

    def send_remark(
        self, text: str, group: Group, *, language: str, phone: str, name: str = ""
    ) -> Future[PhoneRemark]:
        """Store a remark; it waits for the facilitator unless the session shows them at once.
        Remarks that come in while a write is queued or running are stored together, in one
        record (``workshop.app.remark_batch``); each future is done once that record is on disk."""
        return self._remarks.send(RemarkRequest(text, group, language, phone, name))

    def _remarks_stored(self, remarks: list[PhoneRemark]) -> None:
        waiting = len(self.live.waiting_remarks())
        for remark in remarks:  # one event per remark, in the order sent
            kind = EventKind.REMARK_WAITING
            if remark.contribution is not None:
                kind = EventKind.REMARK_ACCEPTED
            self._tell(RoomEvent(kind, (remark,), waiting))

    def withdraw(self, remark_id: str, phone: str) -> Future[PhoneRemark]:
        """The sending phone takes its remark back, while it is not shown."""
        return self._submit(
            lambda: self.live.withdraw_remark(remark_id, phone),
            self._remarks_event(EventKind.REMARK_WITHDRAWN),
        )

    def vote(self, phone: str, contribution_id: str, delta: int) -> Future[PhoneVote]:
        """One dot more (+1) or less (-1) on a contribution of the step whose vote is open."""
        return self._submit(
            lambda: self.live.phone_vote(phone, contribution_id, delta), self._event(EventKind.VOTE)
        )

    def answer_scan(
        self, phone: str, group: Group, scores: dict[str, int | None]
    ) -> Future[list[ScanAnswer]]:
        return self._submit(
            lambda: self.live.save_scan_answers(phone, group, scores), self._event(EventKind.SCAN)
        )

    # -- what the facilitator does --------------------------------------------------------------

    def accept(self, remark_id: str) -> Future[PhoneRemark]:
        return self._submit(
            lambda: self.live.accept_remark(remark_id),
            self._remarks_event(EventKind.REMARK_ACCEPTED),
        )

    def accept_all(self) -> Future[list[PhoneRemark]]:
        return self._submit(self.live.accept_all, self._remarks_event(EventKind.REMARK_ACCEPTED))

    def hide(self, remark_id: str) -> Future[PhoneRemark]:
        return self._submit(
            lambda: self.live.hide_remark(remark_id), self._remarks_event(EventKind.REMARK_HIDDEN)
        )

    def set_show_at_once(self, on: bool) -> Future[None]:
        return self._submit(lambda: self.live.set_show_at_once(on), self._event(EventKind.SETTINGS))

    def open_voting(self, budget: int | None = None) -> Future[Participation]:
        """Open the vote on phones for the current step; ``budget`` dots per phone (default 3)."""
        return self._submit(lambda: self.live.open_voting(budget), self._event(EventKind.SETTINGS))

    def close_voting(self) -> Future[list[Contribution]]:
        """Close the vote: the result is the step's contributions, most votes first."""
        return self._submit(self.live.close_voting, self._event(EventKind.SETTINGS))

    def open_scan(self, scan_id: str | None) -> Future[None]:
        return self._submit(lambda: self.live.open_scan(scan_id), self._event(EventKind.SETTINGS))

    def add_note(self, text: str) -> Future[Note]:
        return self._submit(lambda: self.live.add_note(text), self._event(EventKind.NOTE))

    # -- reading (any thread) -------------------------------------------------------------------

    @property
    def settings(self) -> Participation:
        return self.live.session.participation

    @property
    def notes(self) -> list[Note]:
        return list(self.live.session.notes)

    def waiting(self) -> list[PhoneRemark]:
        return self.live.waiting_remarks()

    def remarks_of(self, phone: str) -> list[PhoneRemark]:
        return self.live.remarks_of(phone)

    def dots_of(self, phone: str) -> dict[str, int]:
        return self.live.dots_of(phone)

    def dots_left(self, phone: str, mine: dict[str, int] | None = None) -> int:
        """The dots ``phone`` may still give in the open vote (0 when none is open); ``mine``:
        its ``dots_of``, when the caller has it already."""
        return self.live.dots_left(phone, mine)

    def voting_choices(self) -> list[Contribution]:
        """The contributions of the step whose vote is open, in the order said; [] when closed."""
        voting = self.settings.voting
        if voting is None:
            return []
        return self.live.contributions_at(voting.phase, voting.step)

    def scan(self) -> Scan | None:
        scan_id = self.settings.scan
        return None if scan_id is None else get_scan(scan_id)

    def scan_tally(self, scan_id: str) -> ScanTally:
        """Per group how many phones answered, and the middle score per statement."""
        return tally_scan(scan_id, self.live.scan_answers)

    def step_view(self) -> StepView:
        live = self.live
        position = live.session.position
        step = live.step
        return StepView(
            phase_number=live.phase.number,
            phase_name=live.phase.name,
            step_title=step.title,
            questions=tuple(step.questions),
            position=(position.phase, position.step),
            translations={t.language: tuple(t.questions) for t in step.translations},
            titles={t.language: t.title for t in step.translations if t.title},
        )

    def hints(self) -> Hints:
        """The facilitator's tips for the current phase (for the facilitator's own phone)."""
        return self.live.phase.hints

    def mark(self, phone: str | None = None) -> str:
        """A short text that changes whenever what a phone shows may change (live updates)."""
        live = self.live
        own = tuple((r.id, r.state.value) for r in live.remarks_of(phone)) if phone else ()
        state = (
            live.session.position.phase,
            live.session.position.step,
            repr(live.session.participation),
            len(live.waiting_remarks()),
            len(live.contributions),
            len(live.session.notes),
            own,
        )
        return format(hash(state) & 0xFFFFFFFFFFFF, "x")
