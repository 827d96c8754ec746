"""Which screen a special step of the step plan opens: the terugblik or a self-scan.

For the runner: ``screen_for_step(live)`` gives the screen to push for the current step, or None
for an ordinary conversation step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from screens.widgets.step_kinds import REVIEW_KIND, SCAN_PREFIX

if TYPE_CHECKING:
    from workshop.app.live import LiveSession


def screen_for_step(live: LiveSession) -> Screen[None] | None:
    """The screen for the session's current step, or None when the step is a conversation."""
    kind = live.step.kind
    if kind == REVIEW_KIND:
        from screens.review import ReviewScreen

        return ReviewScreen(live)
    if kind.startswith(SCAN_PREFIX):
        from screens.scan import ScanScreen

        return ScanScreen(live, kind.removeprefix(SCAN_PREFIX))
    return None
