"""screens.collector: the garbage collector paused for the start, and only resumed by us."""

from __future__ import annotations

import gc

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
        gc.unfreeze()
        collector.pause()  # an app started otherwise (tests): nothing frozen
        collector.resume()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        gc.enable()
