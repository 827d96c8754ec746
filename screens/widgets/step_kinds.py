"""The special steps of a step plan, the terugblik and a self-scan, and what the key opens there.

Which screen a special step opens is ``screens.step_screens.screen_for_step``: the widgets only
need the words.
"""

from __future__ import annotations

REVIEW_KIND = "terugblik"
SCAN_PREFIX = "scan-"


def step_screen_label(kind: str) -> str | None:
    """What the key opens for a step of this kind, in a few words; None for other steps."""
    if kind == REVIEW_KIND:
        return "Terugblik"
    if kind.startswith(SCAN_PREFIX):
        return "Zelfscan"
    return None
