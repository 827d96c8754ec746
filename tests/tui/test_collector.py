"""screens.collector: the garbage collector paused for the start, and only resumed by us."""

from __future__ import annotations

import gc
import weakref

from screens import collector


def test_pause_then_resume_turns_it_back_on_once() -> None:
    assert gc.isenabled()
    try:
        collector.pause()
        collector.pause()  # the launcher and then the app: still one pause
        assert not gc.isenabled()
        collector.resume()
        assert gc.isenabled()
        gc.disable()
        collector.resume()  # nothing of ours to resume any more
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    try:
        collector.pause()
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_launcher_pause_freezes_what_start_up_made() -> None:
    assert gc.isenabled() and gc.get_freeze_count() == 0
    try:
        collector.pause(whole_process=True)
        made = [[] for _ in range(10)]  # as the start makes them
        collector.resume()
        assert made
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # never examined again: no long first collection
        collector.end_whole_process()  # as a fresh process that was not started by the launcher
        assert gc.get_freeze_count() == 0
        collector.pause()  # an app started otherwise (tests): nothing frozen
        collector.resume()
        collector.session_shown()
        assert gc.get_freeze_count() == 0
    finally:
        collector.end_whole_process()
        gc.enable()


class Cycle:
    me: object = None


def test_an_open_session_is_frozen_while_shown_and_thawed_back_home() -> None:
    try:
        collector.pause(whole_process=True)
        collector.resume()
        gc.unfreeze()  # what start-up froze: not what this test is about
        gc.disable()  # no collection by chance: only session_left may collect here
        session = [{"remark": n} for n in range(1000)]  # as a session opened in the runner
        left = Cycle()  # garbage the session leaves behind: a cycle only a collection frees
        left.me = left
        gone = weakref.ref(left)
        del left
        collector.session_shown()
        frozen = gc.get_freeze_count()
        assert frozen >= len(session)  # a full collection no longer walks them
        collector.session_left()
        assert gc.get_freeze_count() == 0  # closed: what it leaves can be collected again
        assert gone() is None  # and was, not frozen again with the next session
        collector.session_left()  # a second return home changes nothing
        assert gc.get_freeze_count() == 0
    finally:
        collector.end_whole_process()
        gc.enable()


def _open_frozen_session() -> None:
    """As the launcher starts the app and the runner shows a session; nothing collects by chance."""
    collector.pause(whole_process=True)
    collector.resume()
    gc.disable()
    collector.session_shown()


def _dropped_cycle() -> weakref.ref[Cycle]:
    left = Cycle()  # a cycle only a collection frees
    left.me = left
    return weakref.ref(left)


def test_a_quiet_moment_after_keys_collects_what_they_left_and_freezes_what_stays() -> None:
    try:
        _open_frozen_session()
        left = _dropped_cycle()
        made = [Cycle() for _ in range(500)]  # what the keys made that stays (a new screen)
        frozen = gc.get_freeze_count()
        assert collector.quiet_moment(last_key=100.0, now=100.1) == ""  # still typing
        assert left() is not None
        assert collector.quiet_moment(last_key=100.0, now=100.0 + collector.QUIET_SECONDS) == (
            "settle"
        )
        assert left() is None  # collected, not frozen
        assert gc.get_freeze_count() >= frozen + len(made)  # walked by no collection any more
        assert collector.quiet_moment(last_key=100.0, now=101.0) == ""  # no keys since
    finally:
        collector.end_whole_process()
        gc.enable()


def test_a_long_quiet_moment_thaws_and_collects_what_was_dropped_while_frozen(
    monkeypatch,
) -> None:
    try:
        _open_frozen_session()
        monkeypatch.setattr(collector, "TIDY_GROWTH", 100)
        left = _dropped_cycle()
        grown = [Cycle() for _ in range(200)]
        assert collector.quiet_moment(last_key=100.0, now=100.5) == "settle"
        assert left() is None
        kept = Cycle()  # frozen now, by the next settle; dropped afterwards
        kept.me = kept
        gone = weakref.ref(kept)
        assert collector.quiet_moment(last_key=101.0, now=101.5) == "settle"
        del kept
        assert gone() is not None  # frozen: no collection finds it
        assert collector.quiet_moment(last_key=101.0, now=102.0) == ""  # not quiet long enough
        tidied = collector.quiet_moment(last_key=101.0, now=101.0 + collector.TIDY_SECONDS)
        assert tidied == "tidy"
        assert gone() is None
        assert grown and gc.get_freeze_count() > 0  # what stays is frozen again
        assert collector.quiet_moment(last_key=101.0, now=110.0) == ""  # nothing grew since
    finally:
        collector.end_whole_process()
        gc.enable()


def test_quiet_moments_change_nothing_without_a_frozen_session() -> None:
    try:
        collector.pause()  # an app started otherwise (tests): nothing frozen
        collector.resume()
        collector.session_shown()
        left = _dropped_cycle()
        gc.disable()
        assert collector.quiet_moment(last_key=1.0, now=10.0) == ""
        assert left() is not None and gc.get_freeze_count() == 0
    finally:
        collector.end_whole_process()
        gc.enable()
        gc.collect()
