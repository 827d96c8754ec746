"""LiveSession: contributions, agreements, timers and schedule, as saved to and read from disk.

Time only moves through FakeClock; nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers_sessions import digest, new_session

from workshop.clock import FakeClock
from workshop.errors import NotFoundError, ValidationError
from workshop.model import Group, Kind, PartnershipForm, Status
from workshop.session import LiveSession, open_session
from workshop.storage import ReadOnlyError
from workshop.store import SessionStore
from workshop.timer import TimerState

PHASE_1 = 20 * 60  # planned seconds of the first phase of the default template


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> LiveSession:
    session = new_session(store, clock)
    yield session  # type: ignore[misc]
    session.close()


def reopen(live: LiveSession, store: SessionStore, clock: FakeClock) -> LiveSession:
    live.close()
    return open_session(store, live.session.id, clock)


# -- contributions ------------------------------------------------------------------------------


def test_add_contribution_cleans_text_and_is_on_disk(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    live.go_to(1, 2)
    added = live.add_contribution(
        "  Ouders\nwillen\x1b[31m meer\tweten  ",
        Group.OUDERPANEL,
        kind=Kind.WENS,
        form=PartnershipForm.DIDACTISCH,
    )
    assert added.text == "Ouders willen[31m meer weten"
    assert (added.phase, added.step, added.author, added.votes) == (1, 2, "", 0)
    assert added.created == clock.now()
    stored = store.load(live.session.id)
    assert stored.contributions == [added]


def test_add_contribution_refuses_empty_and_overlong_text(live: LiveSession) -> None:
    with pytest.raises(ValidationError, match="De tekst is verplicht"):
        live.add_contribution(" \n ", Group.TEAM)
    with pytest.raises(ValidationError, match="maximum is 2000") as caught:
        live.add_contribution("x" * 2001, Group.TEAM)
    assert caught.value.field == "tekst"
    assert live.contributions == []


def test_edit_move_vote_and_their_effect_on_disk(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    first = live.add_contribution("Brieven zijn te lang", Group.OUDERPANEL, kind=Kind.KNELPUNT)
    clock.advance(60)
    edited = live.edit_contribution(
        first.id, text="Brieven zijn te lang en te moeilijk", author="Sevda", form=None
    )
    assert edited.text == "Brieven zijn te lang en te moeilijk"
    assert (edited.author, edited.kind, edited.group) == ("Sevda", Kind.KNELPUNT, Group.OUDERPANEL)
    assert edited.edited == clock.now() and edited.created == first.created
    regrouped = live.edit_contribution(first.id, group=Group.TEAM, form=PartnershipForm.FORMEEL)
    assert regrouped.group is Group.TEAM and regrouped.form is PartnershipForm.FORMEEL
    assert regrouped.author == "Sevda"  # untouched fields stay

    moved = live.move_contribution(first.id, 3, 1)
    assert (moved.phase, moved.step) == (3, 1)
    with pytest.raises(ValidationError, match="bestaat niet"):
        live.move_contribution(first.id, 6, 0)
    with pytest.raises(ValidationError):
        live.move_contribution(first.id, 0, 3)

    assert live.vote(first.id, 3).votes == 3
    assert live.vote(first.id, -5).votes == 0  # never below zero
    live.vote(first.id, 2)

    again = reopen(live, store, clock)
    try:
        (on_disk,) = again.contributions
        assert on_disk.to_dict() == live.contribution(first.id).to_dict()
        assert (on_disk.phase, on_disk.step, on_disk.votes) == (3, 1, 2)
    finally:
        again.close()


def test_contributions_at_keeps_groups_apart_and_sorts_by_votes(live: LiveSession) -> None:
    a = live.add_contribution("a", Group.TEAM)
    b = live.add_contribution("b", Group.OUDERPANEL)
    c = live.add_contribution("c", Group.TEAM)
    live.go_to(0, 1)
    live.add_contribution("elders", Group.TEAM)
    live.vote(c.id, 2)
    assert [x.id for x in live.contributions_at(0, 0, Group.TEAM)] == [a.id, c.id]
    assert [x.id for x in live.contributions_at(0, 0, Group.OUDERPANEL)] == [b.id]
    assert [x.id for x in live.contributions_at(0, 0, by_votes=True)] == [c.id, a.id, b.id]


def test_delete_and_restore_puts_it_back_in_order(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    ids = []
    for text in ("een", "twee", "drie"):
        ids.append(live.add_contribution(text, Group.TEAM).id)
        clock.advance(10)
    removed = live.delete_contribution(ids[1])
    assert [c.id for c in live.contributions] == [ids[0], ids[2]]
    assert [c.id for c in store.load(live.session.id).contributions] == [ids[0], ids[2]]
    with pytest.raises(NotFoundError, match="bestaat niet meer"):
        live.contribution(ids[1])
    live.restore_contribution(removed)
    assert [c.id for c in live.contributions] == ids
    assert {c.id for c in store.load(live.session.id).contributions} == set(ids)
    reopened = reopen(live, store, clock)
    assert [c.id for c in reopened.contributions_at(0, 0)] == ids  # in the order they were said
    reopened.close()


# -- agreements ---------------------------------------------------------------------------------


@pytest.mark.parametrize("owner", ["", "   ", "\x1b\x07"])
def test_agreement_without_owner_is_refused_with_a_dutch_message(
    live: LiveSession, owner: str
) -> None:
    before = digest(live.file.path)
    with pytest.raises(ValidationError) as caught:
        live.add_agreement("Inloopochtend op vrijdag", owner)
    assert caught.value.field == "eigenaar"
    assert str(caught.value) == (
        "Een afspraak heeft een eigenaar nodig: wie zorgt ervoor dat het gebeurt?"
    )
    assert live.agreements == []
    assert digest(live.file.path) == before


def test_agreement_add_update_delete(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    source = live.add_contribution("Koffie op vrijdag", Group.OUDERPANEL)
    agreement = live.add_agreement(
        "Koffieochtend", "Joost", with_whom="Sevda", instrument="inloopochtend", source=source.id
    )
    assert agreement.status is Status.OPEN and agreement.source == source.id
    with pytest.raises(ValidationError, match="eigenaar nodig"):
        live.update_agreement(agreement.id, owner=" ")
    updated = live.update_agreement(agreement.id, status=Status.BEZIG, owner="Fatima")
    assert (updated.status, updated.owner, updated.with_whom) == (Status.BEZIG, "Fatima", "Sevda")
    again = reopen(live, store, clock)
    try:
        assert [a.to_dict() for a in again.agreements] == [updated.to_dict()]
        again.delete_agreement(agreement.id)
        assert store.load(again.session.id).agreements == []
    finally:
        again.close()


# -- timer --------------------------------------------------------------------------------------


def test_timer_start_pause_adjust_reset(live: LiveSession, clock: FakeClock) -> None:
    reading = live.timer_reading()
    assert (reading.remaining, reading.running, reading.label) == (PHASE_1, False, "20:00")
    live.start_timer()
    clock.advance(5 * 60)
    assert live.timer_reading().remaining == 15 * 60
    live.pause_timer()
    clock.advance(10 * 60)  # paused: the time left does not change
    assert live.timer_reading().remaining == 15 * 60
    assert not live.timer_reading().running
    live.adjust_timer(+5)
    assert (live.planned_seconds(0), live.timer_reading().remaining) == (25 * 60, 20 * 60)
    live.toggle_timer()
    live.adjust_timer(-1)  # while running
    clock.advance(60)
    assert live.timer_reading().remaining == 18 * 60
    assert live.planned_seconds(0) == 24 * 60
    live.reset_timer()
    assert live.timer_reading().remaining == 24 * 60 and not live.timer_reading().running


def test_timer_runs_into_overtime(live: LiveSession, clock: FakeClock) -> None:
    live.start_timer()
    clock.advance(PHASE_1 * 0.85)
    assert live.timer_reading().state is TimerState.WARNING
    clock.advance(PHASE_1 * 0.15 + 100)
    reading = live.timer_reading()
    assert reading.remaining == -100
    assert reading.state is TimerState.OVERTIME
    assert reading.label == "+01:40"


def test_a_running_timer_pauses_on_close_and_stays_paused(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    # Before issue 11 a closed session's timer ran on; closed time now never counts
    # (tests/test_app_closed_time.py has the crash cases).
    live.start_timer()
    clock.advance(60)
    live.close()
    clock.advance(9 * 60)  # the app was closed for nine minutes
    again = open_session(store, live.session.id, clock)
    try:
        reading = again.timer_reading()
        assert not reading.running and reading.remaining == 19 * 60
        again.start_timer()
        clock.advance(60)
        again.pause_timer()
    finally:
        again.close()
    clock.advance(3600)
    third = open_session(store, live.session.id, clock)
    try:
        assert not third.timer_reading().running
        assert third.timer_reading().remaining == 18 * 60
        assert third.actual_seconds(0) == 2 * 60
    finally:
        third.close()


def test_timing_log_and_actual_minutes(live: LiveSession, clock: FakeClock) -> None:
    live.start_timer()
    clock.advance(10 * 60)
    live.pause_timer()
    clock.advance(5 * 60)  # a break is not counted
    live.start_timer()
    live.start_timer()  # starting a running timer does not log twice
    clock.advance(3 * 60)
    live.go_to(1)  # leaving the phase pauses it
    assert not live.session.timers[0].running
    log = live.session.timing_log
    assert len(log) == 2 and all(e.phase == 0 and e.stopped is not None for e in log)
    assert live.actual_seconds(0) == 13 * 60
    live.start_timer()
    clock.advance(4 * 60)
    assert live.actual_seconds(1) == 4 * 60  # still running: counted up to now
    assert live.elapsed_total() == 17 * 60


def test_schedule_delta_behind_and_ahead(live: LiveSession, clock: FakeClock) -> None:
    assert live.schedule_delta() == 0
    live.start_timer()
    clock.advance(PHASE_1 + 5 * 60)
    assert live.schedule_delta() == 5 * 60  # the current phase counts once it runs over
    live.go_to(1)
    assert live.schedule_delta() == 5 * 60  # a finished phase counts with its actual time
    live.start_timer()
    clock.advance(21 * 60)
    assert live.schedule_delta() == 6 * 60
    live.go_to(2)
    live.start_timer()
    clock.advance(60)
    assert live.schedule_delta() == 6 * 60


def test_schedule_delta_ahead_of_plan(live: LiveSession, clock: FakeClock) -> None:
    live.start_timer()
    clock.advance(PHASE_1 - 7 * 60)
    live.next_step()
    live.next_step()
    live.next_step()  # past the last step of phase 1: into phase 2
    assert live.session.position.phase == 1
    assert live.schedule_delta() == -7 * 60


def test_position_and_participants_are_saved(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    live.go_to(9, 9)  # clamped to the last step of the last phase (a review step comes first)
    assert (live.session.position.phase, live.session.position.step) == (5, 3)
    live.previous_step()
    live.previous_step()
    assert live.session.position.step == 1
    parent = live.add_participant(Group.OUDERPANEL)
    live.add_participant(Group.TEAM, "Joost")
    live.set_bell(False)
    again = reopen(live, store, clock)
    try:
        assert (again.session.position.phase, again.session.position.step) == (5, 1)
        assert again.participant_names() == ["Joost"]
        assert again.session.participants[0].display_name == "anoniem (ouder)"
        assert again.session.bell is False
        again.remove_participant(parent.id)
        assert len(store.load(again.session.id).session.participants) == 1
    finally:
        again.close()


# -- read-only ----------------------------------------------------------------------------------

MUTATIONS: dict[str, Callable[[LiveSession, Any], object]] = {
    "go_to": lambda s, c: s.go_to(1),
    "next_step": lambda s, c: s.next_step(),
    "previous_step": lambda s, c: s.previous_step(),
    "add_contribution": lambda s, c: s.add_contribution("nieuw", Group.TEAM),
    "edit_contribution": lambda s, c: s.edit_contribution(c.id, text="anders"),
    "move_contribution": lambda s, c: s.move_contribution(c.id, 2, 0),
    "vote": lambda s, c: s.vote(c.id, 1),
    "delete_contribution": lambda s, c: s.delete_contribution(c.id),
    "restore_contribution": lambda s, c: s.restore_contribution(c),
    "add_agreement": lambda s, c: s.add_agreement("iets", "Joost"),
    "update_agreement": lambda s, c: s.update_agreement(s.agreements[0].id, status=Status.KLAAR),
    "delete_agreement": lambda s, c: s.delete_agreement(s.agreements[0].id),
    "start_timer": lambda s, c: s.start_timer(),
    "pause_timer": lambda s, c: s.pause_timer(),
    "toggle_timer": lambda s, c: s.toggle_timer(),
    "adjust_timer": lambda s, c: s.adjust_timer(5),
    "reset_timer": lambda s, c: s.reset_timer(),
    "set_bell": lambda s, c: s.set_bell(False),
    "add_participant": lambda s, c: s.add_participant(Group.TEAM, "Nieuw"),
    "remove_participant": lambda s, c: s.remove_participant(s.session.participants[0].id),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_read_only_session_refuses_every_change(
    store: SessionStore, clock: FakeClock, name: str
) -> None:
    writer = new_session(store, clock)
    writer.go_to(0, 1)
    writer.add_participant(Group.OUDERPANEL, "Sevda")
    contribution = writer.add_contribution("Bestaand", Group.OUDERPANEL)
    writer.add_agreement("Bestaande afspraak", "Fatima")
    writer.start_timer()
    # The writer may fold its journal into session.json in the background; let it finish, so
    # that any change to the file below can only come from the viewer.
    writer.file.wait_for_compaction()
    viewer = open_session(store, writer.session.id, clock, read_only=True)
    try:
        assert viewer.read_only and not writer.read_only
        before_file = digest(viewer.file.path)
        before_state = viewer.stored()
        before_session = viewer.session.to_dict()
        with pytest.raises(ReadOnlyError, match="alleen-lezen"):
            MUTATIONS[name](viewer, contribution)
        assert digest(viewer.file.path) == before_file
        assert viewer.session.to_dict() == before_session
        assert viewer.contributions == before_state.contributions
        assert viewer.agreements == before_state.agreements
    finally:
        viewer.close()
        writer.close()
