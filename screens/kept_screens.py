"""Screens built once per open session and shown again: the agreements screen (F10) and the
agreement form.

Most of the time to open a screen is Textual building it: composing and mounting its widgets,
styling and laying them out. A screen installed in the app is not removed when it is dismissed,
so the next F10 (or the next agreement form) pushes the same instance, refilled with fresh data,
instead of building a new one. The runner drops them when it closes its session.

``build_ahead`` builds one before its first opening, while the runner waits for keys: the first
opening then only shows it, as every later one does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

S = TypeVar("S", bound=Screen)  # type: ignore[type-arg]

_PREFIX = "kept-"


def _name(live: LiveSession, kind: type[Screen]) -> str:  # type: ignore[type-arg]
    return f"{_PREFIX}{id(live)}-{kind.__name__}"


def kept_screen(app: App, live: LiveSession, kind: type[S], build: Callable[[], S]) -> S:  # type: ignore[type-arg]
    """The screen of ``kind`` kept for ``live`` (built and installed the first time); a new
    one, not kept, when the kept one is on the screen stack already."""
    name = _name(live, kind)
    if app.is_screen_installed(name):
        screen = app.get_screen(name)
        if isinstance(screen, kind) and getattr(screen, "live", None) is live:
            if screen in app.screen_stack:
                return build()  # shown already (one screen over the other): a second one
            return screen
        drop_one(app, name)  # another session that had the same id: not ours
    screen = build()
    app.install_screen(screen, name)
    return screen


def drop_one(app: App, name: str) -> None:  # type: ignore[type-arg]
    screen = app.get_screen(name)
    if any(screen in stack for stack in app._screen_stacks.values()):
        return  # still shown: the app is closing, and Textual removes it with the rest
    app.uninstall_screen(name)
    if screen.is_attached:
        screen.remove()


def drop_kept(app: App, live: LiveSession) -> None:
    """Forget (and remove) the screens kept for ``live``: its runner closes it."""
    prefix = f"{_PREFIX}{id(live)}-"
    for name in [n for n in app._installed_screens if n.startswith(prefix)]:
        drop_one(app, name)


def build_ahead(app: App, live: LiveSession, kind: type[S], build: Callable[[], S]) -> None:  # type: ignore[type-arg]
    """Build, install and mount the kept screen of ``kind`` for ``live`` without showing it;
    nothing when one is kept already. It fills itself when mounted, as on a first opening."""
    if app.is_screen_installed(_name(live, kind)):
        return
    screen = kept_screen(app, live, kind, build)
    # Textual 8.2.8 (pinned exactly) has no public call that starts a screen without showing
    # it. ``push_screen`` starts one with ``_get_screen``: registered, its widgets composed and
    # mounted. The screen stack is left alone, so nothing is shown and the focus stays.
    app._get_screen(screen)
