"""Group commit of phones' remarks (workshop.app.remark_batch): remarks that come in while a write
is queued or running are stored together as ONE journal record, acknowledged only once it is on
disk, all or none."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from workshop import journal
from workshop.app.participation import EventKind, Room, RoomEvent
from workshop.clock import FakeClock
from workshop.errors import StoreError, ValidationError
from workshop.model import Group
from workshop.participation import Moderation, PhoneRemark, phone_id
from workshop.session import create_session, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

WAIT = 5.0
PHONES = [phone_id(f"cookie-{n}") for n in range(6)]


@dataclass
class Disk:
    """Journal appends that wait for ``gate``; ``lines`` are the records appended (or tried)."""

    gate: threading.Event = field(default_factory=threading.Event)
    entered: threading.Event = field(default_factory=threading.Event)
    lines: list[bytes] = field(default_factory=list)
    broken: bool = False


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    held = Disk()
    real = journal.JournalWriter.append

    def append(self: journal.JournalWriter, line: bytes) -> None:
        held.lines.append(line)
        held.entered.set()
        assert held.gate.wait(WAIT), "the test never let the append go"
        if held.broken:
            raise OSError(28, "No space left on device")
        real(self, line)

    monkeypatch.setattr(journal.JournalWriter, "append", append)
    yield held
    held.gate.set()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    template = get_template(DEFAULT_TEMPLATE_ID)
    live = create_session(
        SessionStore(tmp_path), FakeClock(), title="Ouderavond", template=template
    )
    room = Room(live)
    yield room
    room.live.close()


def hold_writer(room: Room) -> threading.Event:
    """Keep the session's writer busy (as if a change were being written) until the event is set."""
    busy, started = threading.Event(), threading.Event()
    room.live.writer.submit(lambda: (started.set(), busy.wait(WAIT)))
    assert started.wait(WAIT)
    return busy


def send_six(room: Room) -> list[Future[PhoneRemark]]:
    return [
        room.send_remark(f"opmerking {n}", Group.OUDERPANEL, language="nl", phone=phone)
        for n, phone in enumerate(PHONES)
    ]


def reopened_remarks(room: Room) -> list[PhoneRemark]:
    live = room.live
    session_id, folder = live.session.id, live.file.folder.parent.parent
    live.close()
    room.live = open_session(SessionStore(folder), session_id, FakeClock())
    return room.live.remarks


def test_remarks_queued_behind_a_write_are_one_record_acknowledged_only_when_durable(
    room: Room, disk: Disk
) -> None:
    events: list[RoomEvent] = []
    room.subscribe(events.append)
    busy = hold_writer(room)
    futures = send_six(room)
    busy.set()
    assert disk.entered.wait(WAIT)  # the batch's append is running, held by the test
    assert not any(f.done() for f in futures)  # nobody is told "Ontvangen" before it is on disk
    assert room.live.remarks == []  # nor is anything changed in memory yet
    disk.gate.set()
    stored = [f.result(WAIT) for f in futures]
    assert len(disk.lines) == 1  # ONE journal record for all six
    assert all(f"opmerking {n}".encode() in disk.lines[0] for n in range(6))
    assert [r.text for r in stored] == [f"opmerking {n}" for n in range(6)]  # order kept
    assert [e.kind for e in events] == [EventKind.REMARK_WAITING] * 6
    assert [e.remarks[0].id for e in events] == [r.id for r in stored]
    assert [r.id for r in reopened_remarks(room)] == [r.id for r in stored]


def test_a_failing_write_fails_every_remark_of_the_batch_and_stores_none(
    room: Room, disk: Disk
) -> None:
    events: list[RoomEvent] = []
    room.subscribe(events.append)
    busy = hold_writer(room)
    futures = send_six(room)
    disk.broken = True
    disk.gate.set()
    busy.set()
    for future in futures:
        with pytest.raises(StoreError) as refused:
            future.result(WAIT)
        assert "Opslaan" in str(refused.value) or "opslaan" in str(refused.value)
    assert len(disk.lines) == 1  # one record tried, for all six
    assert room.live.remarks == [] and events == []
    disk.broken = False
    again = room.send_remark("nog eens", Group.TEAM, language="nl", phone=PHONES[0]).result(WAIT)
    assert [r.id for r in reopened_remarks(room)] == [again.id]


def test_a_batch_never_jumps_ahead_of_a_change_handed_in_before_it(room: Room, disk: Disk) -> None:
    disk.gate.set()
    busy = hold_writer(room)
    first = [
        room.send_remark(f"eerst {n}", Group.OUDERPANEL, language="nl", phone=PHONES[n])
        for n in range(2)
    ]
    accepted = room.accept_all()
    later = room.send_remark("later", Group.OUDERPANEL, language="nl", phone=PHONES[2])
    busy.set()
    assert [r.text for r in accepted.result(WAIT)] == ["eerst 0", "eerst 1"]
    assert all(f.result(WAIT).state is Moderation.WAITING for f in first)
    assert later.result(WAIT).state is Moderation.WAITING  # sent after "accept all": still waits
    assert len(disk.lines) == 3  # the two early remarks, accept all, the late remark


def test_a_refused_remark_in_a_batch_gets_its_own_message_and_the_others_are_stored(
    room: Room, disk: Disk
) -> None:
    disk.gate.set()
    busy = hold_writer(room)
    good = room.send_remark("goed", Group.TEAM, language="nl", phone=PHONES[0])
    bad = room.send_remark("taal?", Group.TEAM, language="xx", phone=PHONES[1])
    empty = room.send_remark("   ", Group.TEAM, language="nl", phone=PHONES[2])
    busy.set()
    assert good.result(WAIT).text == "goed"
    with pytest.raises(ValidationError, match="Deze taal ken ik niet"):
        bad.result(WAIT)
    with pytest.raises(ValidationError):
        empty.result(WAIT)
    assert len(disk.lines) == 1
    assert [r.text for r in reopened_remarks(room)] == ["goed"]


def test_show_at_once_accepts_a_whole_batch_in_one_record(room: Room, disk: Disk) -> None:
    disk.gate.set()
    room.set_show_at_once(True).result(WAIT)
    disk.lines.clear()
    busy = hold_writer(room)
    futures = send_six(room)
    busy.set()
    stored = [f.result(WAIT) for f in futures]
    assert all(r.state is Moderation.ACCEPTED for r in stored)
    assert [c.text for c in room.live.contributions] == [f"opmerking {n}" for n in range(6)]
    assert len(disk.lines) == 1
