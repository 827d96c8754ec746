"""While the runner waits for its first key, load the code of the screens opened from it.

The first F10, F12 or ``a`` of a session imported those screens, Textual's data table and text
area, and the plan's export code: 50 ms and more before their first frame, every time the app
was started. Now a worker thread imports them once per process, just after the runner's first
frame. A key pressed meanwhile imports what it needs itself; Python's import lock makes the two
wait for each other, so nothing is loaded twice or half.
"""

from __future__ import annotations

import importlib

from textual.app import App

from screens import collector

# What the runner's screens load when they first open (``screens.agreements`` brings the
# agreement form and the data table; ``workshop.app.exporting`` is what F12 makes the plan with).
AHEAD: tuple[str, ...] = (
    "screens.agreements",
    "screens.agreement_form",
    "screens.contribution_edit",
    "workshop.app.exporting",
)

_started = False


def load_ahead(app: App[object]) -> None:
    """Import ``AHEAD`` in a worker thread (once per process); afterwards the collector freezes
    the loaded code with the open session, on the UI thread."""
    global _started
    if _started:
        return
    _started = True

    def work() -> None:
        try:
            for name in AHEAD:
                importlib.import_module(name)
        except ImportError:
            return  # a broken install: the key that needs it says so, not a warm-up
        app.call_later(collector.session_shown)  # safe from another thread

    app.run_worker(work, thread=True, group="warm-up", name="warm-up", exit_on_error=False)


def forget_started() -> None:
    """Load again at the next runner (tests start many apps in one process)."""
    global _started
    _started = False
