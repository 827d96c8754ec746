"""While the runner waits for its first key, load the code of the screens opened from it; then
``screens.runner_ahead`` builds the ones opened most.

The first F10, F12 or ``a`` of a session imported those screens, Textual's data table and text
area, and the plan's export code: 50 ms and more before their first frame, every time the app
was started. Now a worker thread imports them, just after the runner's first frame (once per
process: a module imported already costs nothing), and then hands ``then`` to the UI thread. A
key pressed meanwhile imports what it needs itself; Python's import lock makes the two wait for
each other, so nothing is loaded twice or half.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

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


def load_ahead(app: App[object], then: Callable[[], object]) -> None:
    """Import ``AHEAD`` in a worker thread; then, on the UI thread, the collector freezes the
    loaded code with the open session and ``then`` is called."""

    def work() -> None:
        try:
            for name in AHEAD:
                importlib.import_module(name)
        except ImportError:
            return  # a broken install: the key that needs it says so, not a warm-up
        app.call_later(collector.session_shown)  # safe from another thread
        app.call_later(then)

    app.run_worker(work, thread=True, group="warm-up", name="warm-up", exit_on_error=False)
