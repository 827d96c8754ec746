"""Phones in an open session (workshop.app.participation.Room): remarks wait for the facilitator,
votes per phone, scan answers per phone, private notes; everything through the single writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.app.participation import EventKind, Room, RoomEvent
from workshop.clock import FakeClock
from workshop.errors import NotFoundError, ValidationError
from workshop.interchange import dump_session, parse_session
from workshop.model import Group, Source
from workshop.participation import Moderation, phone_id
from workshop.session import create_session, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

WAIT = 5.0
ANNA, BOB = phone_id("cookie-anna"), phone_id("cookie-bob")


@pytest.fixture
def room(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = SessionStore(tmp_path)
    live = create_session(
        store, FakeClock(), title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    room = Room(live)
    yield room
    live.close()


def reopen(room: Room) -> Room:
    live = room.live
    session_id, folder = live.session.id, live.file.folder.parent.parent
    live.close()
    room.live = open_session(SessionStore(folder), session_id, FakeClock())
    return room


def test_a_phone_remark_waits_and_only_an_accepted_one_reaches_the_column(room: Room) -> None:
    events: list[RoomEvent] = []
    room.subscribe(events.append)
    remark = room.send_remark(
        "regel een\n\nregel twee", Group.OUDERPANEL, language="ar", phone=ANNA
    ).result(WAIT)
    assert remark.state is Moderation.WAITING and remark.text == "regel een / regel twee"
    assert room.live.contributions == []  # nothing on the wall before the facilitator accepts
    assert [e.kind for e in events] == [EventKind.REMARK_WAITING] and events[0].waiting == 1
    accepted = room.accept(remark.id).result(WAIT)
    [contribution] = room.live.contributions_at(0, 0, Group.OUDERPANEL)
    assert accepted.contribution == contribution.id
    assert (contribution.source, contribution.language) == (Source.PHONE, "ar")
    assert contribution.author == ""  # anonymous by default
    assert events[-1].kind is EventKind.REMARK_ACCEPTED and events[-1].waiting == 0
    reopen(room)  # durable: both the remark and its contribution are in the file
    assert [r.state for r in room.live.remarks] == [Moderation.ACCEPTED]
    assert [c.id for c in room.live.contributions] == [contribution.id]


def test_show_at_once_accepts_without_review_and_hide_never_shows(room: Room) -> None:
    hidden = room.send_remark("weg", Group.TEAM, language="nl", phone=ANNA).result(WAIT)
    room.hide(hidden.id).result(WAIT)
    room.set_show_at_once(True).result(WAIT)
    shown = room.send_remark("meteen", Group.TEAM, language="nl", phone=BOB, name="Bob").result(
        WAIT
    )
    assert shown.state is Moderation.ACCEPTED
    assert [c.text for c in room.live.contributions] == ["meteen"]
    assert [c.author for c in room.live.contributions] == ["Bob"]
    assert reopen(room).settings.show_at_once


def test_accept_all_keeps_the_order_sent(room: Room) -> None:
    for n in range(5):
        room.send_remark(f"nummer {n}", Group.OUDERPANEL, language="nl", phone=ANNA)
    assert len(room.accept_all().result(WAIT)) == 5
    assert [c.text for c in room.live.contributions] == [f"nummer {n}" for n in range(5)]
    assert room.waiting() == []


def test_only_the_sending_phone_withdraws_and_only_while_not_shown(room: Room) -> None:
    remark = room.send_remark("oeps", Group.OUDERPANEL, language="nl", phone=ANNA).result(WAIT)
    with pytest.raises(NotFoundError):
        room.withdraw(remark.id, BOB).result(WAIT)
    room.withdraw(remark.id, ANNA).result(WAIT)
    assert room.remarks_of(ANNA) == []
    shown = room.send_remark("blijft", Group.OUDERPANEL, language="nl", phone=ANNA).result(WAIT)
    room.accept(shown.id).result(WAIT)
    with pytest.raises(ValidationError):
        room.withdraw(shown.id, ANNA).result(WAIT)
    assert len(reopen(room).remarks_of(ANNA)) == 1


def test_votes_per_phone_within_budget_and_at_most_two_on_one(room: Room) -> None:
    room.set_show_at_once(True)
    made = [
        room.send_remark(f"idee {n}", Group.OUDERPANEL, language="nl", phone=ANNA) for n in range(3)
    ]
    a, b, c = (f.result(WAIT).contribution for f in made)
    with pytest.raises(ValidationError, match="niet gestemd"):
        room.vote(ANNA, a, 1).result(WAIT)  # voting is closed
    room.open_voting().result(WAIT)
    room.vote(ANNA, a, 1).result(WAIT)
    room.vote(ANNA, a, 1).result(WAIT)
    with pytest.raises(ValidationError, match="hoogstens 2"):
        room.vote(ANNA, a, 1).result(WAIT)
    room.vote(ANNA, b, 1).result(WAIT)
    with pytest.raises(ValidationError, match="op"):
        room.vote(ANNA, c, 1).result(WAIT)  # budget of 3 used
    room.vote(BOB, c, 1).result(WAIT)
    room.vote(BOB, a, 1).result(WAIT)
    result = room.close_voting().result(WAIT)
    assert [(x.id, x.votes) for x in result] == [(a, 3), (b, 1), (c, 1)]
    assert reopen(room).dots_of(ANNA) == {a: 2, b: 1}


def test_scan_answers_are_kept_per_phone_and_shown_only_together(room: Room) -> None:
    with pytest.raises(ValidationError):
        room.answer_scan(ANNA, Group.OUDERPANEL, {"I1": 3}).result(WAIT)
    room.open_scan("indicatoren").result(WAIT)
    room.answer_scan(ANNA, Group.OUDERPANEL, {"I1": 3, "I2": None}).result(WAIT)
    room.answer_scan(BOB, Group.OUDERPANEL, {"I1": 1}).result(WAIT)
    room.answer_scan(BOB, Group.OUDERPANEL, {"I1": 4}).result(WAIT)  # replaces its own answer
    tally = reopen(room).scan_tally("indicatoren")
    assert tally.responded == {Group.OUDERPANEL: 2, Group.TEAM: 0}
    assert tally.middle[("I1", Group.OUDERPANEL)] == 3
    assert tally.middle[("I2", Group.OUDERPANEL)] is None


def test_notes_are_stored_but_not_exported_unless_asked(room: Room) -> None:
    room.add_note("Let op: Sevda wil liever niet praten").result(WAIT)
    room.send_remark("x", Group.OUDERPANEL, language="tr", phone=ANNA).result(WAIT)
    stored = reopen(room).live.stored()
    assert [n.text for n in stored.session.notes] == ["Let op: Sevda wil liever niet praten"]
    assert "Sevda" not in json.dumps(dump_session(stored), ensure_ascii=False)
    backup = dump_session(stored, notes=True)
    assert parse_session(json.loads(json.dumps(backup))) == stored  # a complete backup


def test_a_file_from_before_phones_still_loads(room: Room, tmp_path: Path) -> None:
    document = dump_session(room.live.stored())
    for key in ("phone_remarks", "phone_votes", "scan_answers"):
        del document[key]
    del document["session"]["participation"], document["session"]["notes"]
    for phase in document["session"]["template"]["phases"]:
        for step in phase["steps"]:
            del step["translations"]
    for contribution in document["contributions"]:
        del contribution["source"], contribution["language"]
    stored = parse_session(document)
    assert stored.remarks == [] and stored.session.participation.vote_budget == 3


def test_hide_applies_only_to_waiting_remarks_and_never_deletes_a_shown_one(room: Room) -> None:
    shown = room.send_remark("al getoond", Group.TEAM, language="nl", phone=ANNA).result(WAIT)
    room.accept(shown.id).result(WAIT)
    with pytest.raises(ValidationError, match="al op het scherm"):
        room.hide(shown.id).result(WAIT)
    assert [c.text for c in room.live.contributions] == ["al getoond"]
    assert room.live.remark(shown.id).state is Moderation.ACCEPTED
    waiting = room.send_remark("weg ermee", Group.TEAM, language="nl", phone=BOB).result(WAIT)
    assert room.hide(waiting.id).result(WAIT).state is Moderation.HIDDEN
    assert room.hide(waiting.id).result(WAIT).state is Moderation.HIDDEN  # twice: still hidden
    reopened = reopen(room)
    assert [c.text for c in reopened.live.contributions] == ["al getoond"]
    assert [r.state for r in reopened.live.remarks] == [Moderation.ACCEPTED, Moderation.HIDDEN]
