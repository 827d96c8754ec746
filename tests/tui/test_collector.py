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
