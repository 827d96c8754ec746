"""What the runner builds while it waits for keys: its agreements screen (F10) and agreement form
(``a``), kept for the session (screens.kept_screens) but not shown. The first F10 and ``a`` of a
session then only show them, as every later one does: the first ``a`` took 65 ms, 35 of them
building the form (issue 9: key to frame at most 50 ms).

Called once the warm-up has loaded their code (screens.warm_up). Building takes some 40 ms on the
UI thread, in parts of a few ms: not while someone is typing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screens.runner import RunnerScreen

# Built once no key came for this long.
QUIET_SECONDS = 0.3


def build_when_quiet(runner: RunnerScreen) -> None:
    """Build the runner's screens now, or once the keys have stopped for ``QUIET_SECONDS``."""
    if not runner.is_attached or runner not in runner.app.screen_stack:
        return  # the runner closed (or is closing) meanwhile: its session is given back
    quiet = time.monotonic() - runner.app.last_key_at
    if quiet < QUIET_SECONDS:
        runner.set_timer(QUIET_SECONDS - quiet, lambda: build_when_quiet(runner))
        return
    # Loaded by the warm-up by now; imported here so that opening the runner does not load them.
    from screens.agreement_form import build_form_ahead
    from screens.agreements import build_agreements_ahead

    build_agreements_ahead(runner.live, runner.app)
    if not runner.live.read_only:  # a read-only session makes no agreements
        build_form_ahead(runner.live, runner.app)
