"""Keys typed the way a fast typist or a busy terminal sends them, and the runner they land in.

Shared by the type-ahead tests (tests/test_ui_typeahead.py) and the writer tests
(tests/test_ui_writer.py, tests/test_ui_screen_writes.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from screens.runner import RunnerScreen
from workshop import journal, storage
from workshop import store as store_module
from workshop.clock import FakeClock
from workshop.errors import StoreError
from workshop.model import Group
from workshop.session import create_session, new_participant
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
SLOW_WRITE = 0.03  # seconds per file written: a slow USB stick, kept short so the tests stay fast
START = datetime.fromisoformat("2026-03-10T09:00:00+01:00")


# -- a slow disk and a fast typist --------------------------------------------------------------


@contextmanager
def slow_disk(delay: float = SLOW_WRITE) -> Iterator[None]:
    """Every file the store writes, and every journal record it appends, takes ``delay`` longer,
    as a slow fsync does (on the thread that writes: the app's own, or the session's writer)."""
    real = storage.write_atomically
    real_append = journal.JournalWriter.append

    def slow_write(path: Path, content: bytes) -> None:
        time.sleep(delay)
        real(path, content)

    def slow_append(self: journal.JournalWriter, line: bytes) -> None:
        time.sleep(delay)
        real_append(self, line)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "write_atomically", slow_write)
        patch.setattr(store_module, "write_atomically", slow_write)
        patch.setattr(journal.JournalWriter, "append", slow_append)
        yield


def key_event(key: str) -> events.Key:
    """The event a terminal gives for one key: a character, or a key name like "enter"."""
    if key == " ":
        return events.Key("space", " ")
    if len(key) == 1:
        return events.Key(key, key)
    characters = {"enter": "\r", "tab": "\t", "backspace": "\x7f", "escape": "\x1b"}
    return events.Key(key, characters.get(key))


def burst(app: App[object], keys: Iterable[str]) -> None:
    """Queue all keys at once, without waiting in between: as a fast typist on a busy app."""
    for key in keys:
        app.post_message(key_event(key))


def busy(app: App[object]) -> bool:
    """Messages to handle, keys waiting, or changes handed to the session's writer and not yet
    shown (saves no longer block the app, so a quiet app may still be saving)."""
    # The screens the runner builds ahead (screens.runner_ahead) are mounted while not shown.
    kept = [s for s in app._installed_screens.values() if isinstance(s, Screen) and s.is_attached]
    screens = [*app.screen_stack, *kept]
    nodes = [node for screen in screens for node in screen.walk_children(with_self=True)]
    pumps = [app, *nodes]
    if any(not pump._message_queue.empty() for pump in pumps):
        return True
    if getattr(app, "keys_waiting", False):
        return True
    writes = [getattr(screen, "writes", None) for screen in app.screen_stack]
    return any(w is not None and not w.idle for w in writes)


async def settle(pilot: Pilot[object]) -> None:
    """Wait until every key and every message it caused has been handled."""
    quiet = 0
    for _ in range(1000):
        await pilot.pause()
        quiet = 0 if busy(pilot.app) else quiet + 1
        if quiet >= 3:
            return
    raise AssertionError("the app kept busy")


def typed(text: str) -> list[str]:
    return list(text)


# -- sessions -----------------------------------------------------------------------------------


def new_session(store: SessionStore, clock: FakeClock) -> str:
    live = create_session(
        store,
        clock,
        title="Teamoverleg De Zonnebloem",
        template=get_template(DEFAULT_TEMPLATE_ID),
        participants=[
            new_participant(Group.TEAM, "Anouk Bakker"),
            new_participant(Group.TEAM, "Bram Visser"),
            new_participant(Group.OUDERPANEL, "Sevda"),
            new_participant(Group.OUDERPANEL),
        ],
    )
    live.close()
    return live.session.id


async def runner_of(pilot: Pilot[object]) -> RunnerScreen:
    """The runner once it is shown and idle, its warm-up done (screens.warm_up) and what it
    builds ahead mounted (screens.runner_ahead), so that keys a test presses next do not race
    with that. Not when a key came in its last 0.3 s: then that is built later, on a timer."""
    await settle(pilot)
    for worker in [w for w in pilot.app.workers if w.group == "warm-up"]:
        await worker.wait()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RunnerScreen)
    return screen


@asynccontextmanager
async def app_on_runner(
    make_app: Callable[[str], App[object]], session_id: str
) -> AsyncIterator[tuple[App[object], Pilot[object], RunnerScreen]]:
    """The app opened on the session at SIZE, once its runner is shown and all is handled."""
    app = make_app(session_id)
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await runner_of(pilot)


def capture_value(screen: RunnerScreen) -> str:
    return screen.query_one("#capture-input", Input).value


def message(screen: RunnerScreen) -> str:
    return str(screen.query_one("#capture-message").render())


def stored_texts(store: SessionStore, session_id: str) -> list[str]:
    return [c.text for c in SessionStore(store.root).load(session_id).contributions]


def refuse_saves(monkeypatch: pytest.MonkeyPatch, screen: RunnerScreen) -> None:
    """From now on every remark the runner saves fails as on a full disk (until undone)."""

    def full(contribution: object) -> None:
        raise StoreError("Opslaan is mislukt: de schijf is vol.")

    monkeypatch.setattr(screen.live.file, "save_contribution", full)


# -- a disk held back by the test ---------------------------------------------------------------

GATE_SECONDS = 2.0  # how long a held append waits for the test before it gives up


@dataclass
class HeldDisk:
    gate: threading.Event = field(default_factory=threading.Event)
    gave_up: list[bool] = field(default_factory=list)
    waiting: list[bool] = field(default_factory=list)


@contextmanager
def held_disk(monkeypatch) -> Iterator[HeldDisk]:  # type: ignore[no-untyped-def]
    """Every journal append waits for ``disk.gate`` (on whatever thread makes it)."""
    disk = HeldDisk()
    real = journal.JournalWriter.append

    def held(self: journal.JournalWriter, line: bytes) -> None:
        disk.waiting.append(True)
        if not disk.gate.wait(GATE_SECONDS):
            disk.gave_up.append(True)
        real(self, line)

    monkeypatch.setattr(journal.JournalWriter, "append", held)
    try:
        yield disk
    finally:
        disk.gate.set()
        monkeypatch.undo()


async def until(pilot: Pilot[object], condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds (bounded; no fixed sleeps)."""
    for _ in range(2000):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")
