"""Keys are handled one at a time, in the order they were typed, by the widget that has focus then.

Why this exists: Textual posts a key to the focused widget's own message queue and returns at
once. Printable keys are handled there, but a key bound to an action (Enter, Tab, Backspace,
Ctrl+A, ...) travels up the widget tree queue by queue and only runs its binding when it is back
at the app. Keys that arrive in the meantime (a fast typist, a paste, an app waiting on a slow
disk) have already been sent to the old focus. So `Sevda` Tab `binnen` filled one field,
a remark typed after Enter ended up in the previous save, and Backspace deleted the wrong letter.

``OrderedKeys`` makes the app finish each key before it looks at the next: it walks the key up
the tree itself (the focused widget's own handlers, then its parents', then the bindings), all
in the app's task. Focus moves and screens opened by one key are in place before the next key
is routed:

- the next key is taken from a backlog through the app's queue, after whatever the previous key
  asked the app to do later (``widget.focus()`` is such a deferred call);
- while a newly opened screen is not mounted yet, keys wait for it instead of going nowhere;
- a key waits until the focused widget has handled the messages sent to it before (its Focus
  event), as it would have when the key went through that widget's queue.

This uses a few private parts of Textual (pinned in pyproject.toml); tests/tui/test_ui_typeahead.py
covers them.

``after_keys`` runs a callback once every key received so far has been handled; the capture
line uses it to put back a remark that could not be saved without mixing it with type-ahead.

``hold_keys`` makes the keys after the current one wait for a condition (the session's writer has
saved everything handed to it), and runs a callback first: a key that acts on the list (Escape to
the list, then E to edit the last remark) acts on what is saved, never on a list still filling up.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode, NoScreen
from textual.screen import Screen

# A screen that does not mount within this time gets its keys anyway, as Textual would do.
MOUNT_WAIT_SECONDS = 3.0
MOUNT_POLL_SECONDS = 0.005

Ordered = events.Key | events.Paste | Callable[[], Any]


class OrderedKeys(App[Any]):
    """An app whose keys (and pastes) are handled strictly one after the other."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._backlog: deque[Ordered] = deque()
        self._feeding = False  # a key is being handled, or the next one is on its way
        self._keyed_screen: Screen[Any] | None = None  # the screen that got the last key
        self._waiting_since: float | None = None  # since when keys wait for a new screen
        self._let_through = False  # the focused widget has caught up: the next key may go
        self._hold: Callable[[], bool] | None = None  # keys wait until this is true
        self._parked = False  # held keys wait for ``wake_keys`` to look again
        self.last_key_at = 0.0  # when the last key or paste came in (time.monotonic)

    # -- public ---------------------------------------------------------------------------------

    def after_keys(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` after every key received so far, and before any later one."""
        # Through the queue: keys already posted to the app reach the backlog first.
        self.call_later(self._add, callback)

    def hold_keys(self, until: Callable[[], bool], then: Callable[[], Any]) -> None:
        """Let the keys after the current one wait until ``until()`` is true; run ``then`` first.
        Whoever makes ``until()`` true calls ``wake_keys``."""
        self._backlog.appendleft(then)
        self._hold = until
        if not self._feeding:  # not called by a key: nothing is on its way to look at the backlog
            self._feeding = True
            self.call_later(self._feed)

    def wake_keys(self) -> None:
        """What held the keys may have changed: look again (call on the app's thread)."""
        if self._parked:
            self._parked = False
            self.call_later(self._feed)

    @property
    def keys_waiting(self) -> bool:
        """Keys (or callbacks among them) received and not yet handled."""
        return bool(self._backlog) or self._hold is not None

    # -- taking keys in -------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self.last_key_at = time.monotonic()
            if isinstance(event, events.Key):
                self.app_focus = True
            await self._add(event)
            return
        await super().on_event(event)

    async def _add(self, item: Ordered) -> None:
        self._backlog.append(item)
        if not self._feeding:
            self._feeding = True
            await self._feed()

    async def _feed(self) -> None:
        """Handle the next key, then come back through the app's queue for the one after."""
        if not self._backlog:
            self._feeding = False
            return
        if self._hold is not None:
            if not self._hold():
                self._parked = True  # until ``wake_keys``
                return
            self._hold = None
        if not self._screen_ready() or not self._focus_caught_up():
            return  # they have arranged to come back
        item = self._backlog.popleft()
        try:
            if isinstance(item, events.Key):
                await self._handle_key(item)
            elif isinstance(item, events.Paste):
                await self._walk_up(item)
            else:
                item()
        finally:
            # Behind anything this key asked for later (a deferred focus, a screen to push).
            if not self.call_later(self._feed):
                self._feeding = False

    def _screen_ready(self) -> bool:
        """Whether the screen on top can take keys. A screen that came on top since the last key
        first gets mounted, and then once more the app's queue is let through: what mounting
        asked for later (``focus()`` on its first field) is done before its first key."""
        try:
            screen: Screen[Any] | None = self.screen
        except Exception:  # no screen yet, or the app is closing: let Textual decide
            screen = None
        if screen is None or screen is self._keyed_screen:
            return True
        now = time.monotonic()
        if self._waiting_since is None:
            self._waiting_since = now
        if not screen.is_mounted and now - self._waiting_since < MOUNT_WAIT_SECONDS:
            # A timer's callback runs in the timer's own task: back through the app's queue.
            self.set_timer(MOUNT_POLL_SECONDS, lambda: self.call_later(self._feed))
            return False
        self._keyed_screen = screen
        self._waiting_since = None
        return not self.call_later(self._feed)

    def _focus_caught_up(self) -> bool:
        """Whether the focused widget has handled what was sent to it before this key, such as
        its Focus event (an input that selects its text on focus must do so before a key types
        over it). If not, come back once it has."""
        if self._let_through:
            self._let_through = False
            return True
        focused = self.focused
        if focused is None or focused._message_queue.empty():
            return True
        self._let_through = True
        if focused.call_later(self.call_later, self._feed):
            return False
        self._let_through = False
        return True

    # -- handling one key -----------------------------------------------------------------------

    async def _handle_key(self, event: events.Key) -> None:
        """What ``App.on_event`` does for a key, without handing it to another queue."""
        screen = self.screen
        if screen.maximized is not None and event.key == "escape" and self.escape_to_minimize:
            screen.minimize()
            return
        if self.focused:
            with suppress(NoScreen):
                screen._clear_tooltip()
        if await self._check_bindings(event.key, priority=True):
            return
        await self._walk_up(event)

    async def _walk_up(self, event: events.Key | events.Paste) -> None:
        """Give the event to the focused widget, then to each parent unless one stops it, then to
        the app itself (for a key: the bindings of the focused widget and its parents)."""
        event._set_forwarded()
        event.bubble = False  # type: ignore[misc]  # we walk up ourselves, in this task
        node: DOMNode = self.focused or self.screen
        while node is not self:
            await node._dispatch_message(event)
            if event._stop_propagation:
                return
            parent = node._parent
            if parent is None or not node.is_parent_active or not node.is_attached:
                return
            event._no_default_action = False  # as when Textual bubbles it to the parent
            node = parent  # type: ignore[assignment]
        await super().on_event(event)


def after_keys(app: App[Any], callback: Callable[[], Any]) -> None:
    """``OrderedKeys.after_keys`` on an app that has it; in any other app, at once."""
    if isinstance(app, OrderedKeys):
        app.after_keys(callback)
    else:
        callback()
