"""Which screen a special step of the step plan opens: the terugblik or a self-scan.

For the runner: ``screen_for_step(live)`` gives the screen to push for the current step, or None
for an ordinary conversation step.
"""

from __future__ import annotations

from textual.screen import Screen

from workshop.session import LiveSession

REVIEW_KIND = "terugblik"
SCAN_PREFIX = "scan-"


def step_screen_label(kind: str) -> str | None:
    """What the key opens for a step of this kind, in a few words; None for other steps."""
    if kind == REVIEW_KIND:
        return "Terugblik"
    if kind.startswith(SCAN_PREFIX):
        return "Zelfscan"
    return None


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
