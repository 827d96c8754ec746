"""A skipped phase is not done (issue 11, item 11): only phases that ran count, in the schedule,
the agenda's progress and the minutes. Time only moves through FakeClock; nothing here sleeps.
"""

from __future__ import annotations

import pytest
from helpers_sessions import new_session

from workshop.app.live import LiveSession
from workshop.clock import FakeClock
from workshop.export.markdown import render_markdown
from workshop.model import Group
from workshop.phase_progress import PhaseProgress
from workshop.store import SessionStore

DONE, SKIPPED, CURRENT, TO_COME = (
    PhaseProgress.DONE,
    PhaseProgress.SKIPPED,
    PhaseProgress.CURRENT,
    PhaseProgress.TO_COME,
)


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> LiveSession:
    return new_session(store, clock)


def _phase_1_in_15_minutes(live: LiveSession, clock: FakeClock) -> None:
    live.start_timer()
    clock.advance(15 * 60)


def test_a_phase_jumped_over_is_skipped_and_does_not_count(
    live: LiveSession, clock: FakeClock
) -> None:
    _phase_1_in_15_minutes(live, clock)
    live.go_to(2)
    assert live.phase_progress() == [DONE, SKIPPED, CURRENT, TO_COME, TO_COME, TO_COME]
    assert live.schedule_delta() == -5 * 60  # phase 1 only, not phase 2's 20 minutes


def test_a_clock_started_by_mistake_on_the_way_through_does_not_make_a_phase_done(
    live: LiveSession, clock: FakeClock
) -> None:
    """The issue's "25 min voor op schema": phase 2 counted with its 20 minutes as if done."""
    _phase_1_in_15_minutes(live, clock)
    live.go_to(1)
    live.start_timer()
    clock.advance(20)  # oops: on to phase 3
    live.go_to(2)
    assert live.schedule_delta() == -5 * 60
    assert live.phase_progress()[1] is SKIPPED


def test_a_phase_worked_on_without_the_clock_is_done_but_not_in_the_schedule(
    live: LiveSession, clock: FakeClock
) -> None:
    _phase_1_in_15_minutes(live, clock)
    live.go_to(1)
    live.add_contribution("Samen een visie maken", Group.TEAM)
    live.go_to(2)
    assert live.phase_progress()[:3] == [DONE, DONE, CURRENT]
    assert live.schedule_delta() == -5 * 60


def test_a_phase_that_ran_after_going_back_counts(live: LiveSession, clock: FakeClock) -> None:
    live.go_to(1)
    live.start_timer()
    clock.advance(25 * 60)
    live.go_to(0)  # back to phase 1: phase 2 ran 5 minutes over
    assert live.phase_progress()[:2] == [CURRENT, DONE]
    assert live.schedule_delta() == 5 * 60


def test_the_minutes_say_a_skipped_phase_was_skipped(live: LiveSession, clock: FakeClock) -> None:
    _phase_1_in_15_minutes(live, clock)
    live.go_to(1)
    live.start_timer()
    clock.advance(20)
    live.go_to(2)
    live.add_contribution("Iets over fase drie", Group.TEAM)
    live.go_to(3)
    text = render_markdown(live.stored())
    assert "Fase 1, Behoefte en kansen vaststellen: gepland 20 min, werkelijk 15 min," in text
    assert "Fase 2, Visie ontwikkelen: gepland 20 min, overgeslagen." in text
    assert "Fase 3, Plan opstellen: gepland 20 min, besproken zonder klok." in text
    assert "Fase 5, Plan uitvoeren: gepland 15 min, nog niet gedaan." in text
