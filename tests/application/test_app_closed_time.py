"""Closed time never counts (issue 11, item 10).

Quitting pauses a running clock; a clock found running after a crash is only counted when the
user says so; the minutes and a CLI export after quitting count only the time the clock ran.
Time only moves through FakeClock; nothing here sleeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_sessions import crash, new_session

from workshop import timer as timers
from workshop.app.live import LiveSession, open_session
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.store import SessionStore

WEEK = 7 * 24 * 3600
PHASE_1 = 20 * 60  # the step plan's first phase


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> LiveSession:
    return new_session(store, clock)


def _reopen(store: SessionStore, session_id: str, clock: FakeClock) -> LiveSession:
    return open_session(store, session_id, clock)


def _crash_after_heartbeat(live: LiveSession, clock: FakeClock, ran: float) -> None:
    """The clock ran ``ran`` seconds, the app noted it (heartbeat), then the process died."""
    live.start_timer()
    clock.advance(ran)
    live.keep_clock_alive()
    live.writer.wait()
    clock.advance(30)  # less than a heartbeat later: not noted
    crash(live)


def _export_md(store: SessionStore, session_id: str, tmp_path: Path) -> str:
    out = tmp_path / "plan.md"
    assert main(["--data", str(store.root), "export", session_id, "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_quitting_pauses_the_clock_and_a_week_later_nothing_ran_on(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    live.start_timer()
    clock.advance(10 * 60)
    live.close()  # Ctrl+Q, Escape to the list, any close the app knows
    clock.advance(WEEK)
    again = _reopen(store, live.session.id, clock)
    try:
        reading = again.timer_reading()
        assert not reading.running
        assert reading.remaining == PHASE_1 - 10 * 60
        assert reading.label == "10:00"
        assert again.actual_seconds(0) == 10 * 60
        assert again.elapsed_total() == 10 * 60
        assert again.schedule_delta() == 0  # not "10034 min achter op schema"
        assert again.unseen_clock is None  # nothing to ask: the app paused it itself
    finally:
        again.close()


def test_a_cli_export_after_quitting_counts_only_the_time_the_clock_ran(
    live: LiveSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    live.start_timer()
    clock.advance(10 * 60)
    live.close()
    clock.advance(WEEK)
    text = _export_md(store, live.session.id, tmp_path)
    phase_1 = "Fase 1, Behoefte en kansen vaststellen"
    assert f"{phase_1}: gepland 20 min, werkelijk 10 min, van 09:00 tot 09:10." in text
    assert "In totaal: gepland 120 min, werkelijk 10 min." in text


def test_the_app_notes_a_running_clock_about_once_a_minute(
    live: LiveSession, clock: FakeClock
) -> None:
    live.start_timer()

    def seen_after(seconds: float) -> object:
        clock.advance(seconds)
        live.keep_clock_alive()
        live.writer.wait()
        return live.session.timing_log[-1].seen

    started = live.session.timing_log[-1].started
    assert seen_after(30) is None
    assert seen_after(29) is None
    assert seen_after(1) == started.replace(minute=1)
    assert seen_after(30) == started.replace(minute=1)  # not again within the minute
    assert seen_after(30) == started.replace(minute=2)
    live.pause_timer()
    assert seen_after(120) == started.replace(minute=2)  # a paused clock is not noted


def test_after_a_crash_the_unseen_time_is_asked_and_no_leaves_it_out(
    live: LiveSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    _crash_after_heartbeat(live, clock, ran=5 * 60)
    clock.advance(3 * 3600)
    again = _reopen(store, live.session.id, clock)
    try:
        assert again.unseen_clock == 3 * 3600 + 30
        assert timers.duration_words(again.unseen_clock) == "3 uur"
        again.keep_clock_alive()  # no heartbeat may settle the question by itself
        again.writer.wait()
        assert again.session.timing_log[-1].seen == live.session.timing_log[-1].seen
        again.settle_unseen_time(counts=False)
        reading = again.timer_reading()
        assert not reading.running and reading.remaining == PHASE_1 - 5 * 60
        assert again.actual_seconds(0) == 5 * 60
        assert again.unseen_clock is None
    finally:
        again.close()
    clock.advance(WEEK)
    third = _reopen(store, live.session.id, clock)
    try:
        assert third.unseen_clock is None and third.actual_seconds(0) == 5 * 60
    finally:
        third.close()
    assert "werkelijk 5 min, van 09:00 tot 09:05." in _export_md(store, live.session.id, tmp_path)


def test_after_a_crash_yes_counts_the_time_in_between_and_the_clock_runs_on(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    _crash_after_heartbeat(live, clock, ran=5 * 60)
    clock.advance(10 * 60)
    again = _reopen(store, live.session.id, clock)
    try:
        assert again.unseen_clock == 10 * 60 + 30
        again.settle_unseen_time(counts=True)
        assert again.timer_reading().running
        assert again.actual_seconds(0) == 15 * 60 + 30
        clock.advance(60)
    finally:
        crash(again)  # a second crash right after: the counted time is not asked about again
    fourth = _reopen(store, live.session.id, clock)
    try:
        assert fourth.unseen_clock is None
        assert fourth.timer_reading().running
    finally:
        fourth.close()


def test_quitting_before_answering_leaves_the_unseen_time_out(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    _crash_after_heartbeat(live, clock, ran=5 * 60)
    clock.advance(WEEK)
    again = _reopen(store, live.session.id, clock)
    assert again.unseen_clock is not None
    again.close()  # the default answer is no
    third = _reopen(store, live.session.id, clock)
    try:
        assert not third.timer_reading().running
        assert third.actual_seconds(0) == 5 * 60
    finally:
        third.close()


def test_a_quick_restart_after_a_crash_keeps_the_clock_running_without_a_question(
    live: LiveSession, store: SessionStore, clock: FakeClock
) -> None:
    _crash_after_heartbeat(live, clock, ran=5 * 60)
    clock.advance(60)  # restarted within a heartbeat or two
    again = _reopen(store, live.session.id, clock)
    try:
        assert again.unseen_clock is None
        assert again.timer_reading().running
        assert again.timer_reading().remaining == PHASE_1 - 6 * 60 - 30
    finally:
        again.close()


def test_a_cli_export_of_a_crashed_session_counts_up_to_when_the_clock_was_last_seen(
    live: LiveSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    _crash_after_heartbeat(live, clock, ran=7 * 60)
    clock.advance(WEEK)
    text = _export_md(store, live.session.id, tmp_path)
    assert "gepland 20 min, werkelijk 7 min" in text


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (10, "1 minuut"),
        (7 * 60 + 59, "7 minuten"),
        (3600, "1 uur"),
        (2 * 3600 + 5 * 60, "2 uur en 5 minuten"),
        (26 * 3600, "1 dag en 2 uur"),
        (WEEK + 600, "7 dagen"),
    ],
)
def test_duration_words(seconds: float, words: str) -> None:
    assert timers.duration_words(seconds) == words
