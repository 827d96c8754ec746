"""The session's single writer: changes run one at a time, in the order handed in, off the
caller's thread; every front end (the app now, the phones later) hands its changes to the same one.
"""

from __future__ import annotations

import threading

import pytest

from workshop.app.writer import SessionWriter, WriterClosedError
from workshop.errors import StoreError
from workshop.model import Group
from workshop.session import create_session, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

WAIT = 5.0  # seconds a test waits for the writer's thread at most (normally: milliseconds)


def test_changes_run_in_order_exactly_once_off_the_callers_thread() -> None:
    writer = SessionWriter()
    gate = threading.Event()
    done: list[int] = []
    threads: set[str] = set()

    def change(number: int) -> int:
        gate.wait(WAIT)
        threads.add(threading.current_thread().name)
        done.append(number)
        return number * 2

    futures = [writer.submit(lambda n=n: change(n)) for n in range(200)]
    # Handing in did not wait for the (held) disk.
    assert writer.pending == 200 and not any(f.done() for f in futures)
    gate.set()
    assert writer.wait(WAIT)
    assert done == list(range(200))
    assert [f.result() for f in futures] == [n * 2 for n in range(200)]
    assert threads == {"workshop-writer"} and threading.current_thread().name not in threads
    writer.close()


def test_a_failed_change_is_in_its_future_and_the_next_ones_still_run() -> None:
    writer = SessionWriter()
    outcomes: list[str] = []

    def refuse() -> None:
        raise StoreError("Opslaan is mislukt: de schijf is vol.")

    failed = writer.submit(refuse, lambda f: outcomes.append(f"1:{f.exception()}"))
    later = writer.submit(lambda: "ok", lambda f: outcomes.append(f"2:{f.result()}"))
    assert writer.wait(WAIT)
    assert isinstance(failed.exception(), StoreError) and later.result() == "ok"
    # on_done ran for each, in order, before the next change.
    assert outcomes == ["1:Opslaan is mislukt: de schijf is vol.", "2:ok"]
    writer.close()


def test_close_finishes_what_was_handed_in_then_runs_the_last_step() -> None:
    writer = SessionWriter()
    gate = threading.Event()
    done: list[str] = []
    started = threading.Event()
    writer.submit(lambda: (started.set(), gate.wait(WAIT), done.append("save")))
    writer.submit(lambda: done.append("queued"))
    assert started.wait(WAIT) and done == []
    gate.set()
    writer.close(lambda: done.append("close"))
    assert done == ["save", "queued", "close"]
    with pytest.raises(WriterClosedError):
        writer.submit(lambda: None)
    writer.close(lambda: done.append("again"))  # safe twice; the last step runs once
    assert done == ["save", "queued", "close"]


def test_closing_a_live_session_saves_what_its_writer_holds_first(store, clock) -> None:
    live = create_session(
        store, clock, title="Teamoverleg", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    futures = [
        live.writer.submit(lambda t=text: live.add_contribution(t, Group.TEAM))
        for text in ("Een", "Twee", "Drie")
    ]
    live.close()
    assert all(f.done() for f in futures)
    stored = SessionStore(store.root).load(live.session.id)
    assert [c.text for c in stored.contributions] == ["Een", "Twee", "Drie"]
    # The lock was given up after the saves: the session opens again for writing.
    again = open_session(store, live.session.id, clock)
    again.close()
