"""Scan scores as bars: team and parent panel side by side, with the number and words as text.

The bars use the team and parent colours and different block characters, and the score is also
written out, so the result reads without colour too (a faded projector, a colour-blind viewer).
"""

from __future__ import annotations

from textual.content import Content

from workshop.model import Group
from workshop.scan import SCALE, StatementResult, score_label

BAR_UNIT = 6  # cells per point on the four-point scale
BAR_WIDTH = BAR_UNIT * max(SCALE)
LABEL_WIDTH = 12
_BLOCK = {Group.TEAM: "█", Group.OUDERPANEL: "▓"}
_COLOR = {Group.TEAM: "$team-color", Group.OUDERPANEL: "$parent-color"}


def group_name(group: Group) -> str:
    return "Team" if group is Group.TEAM else "Ouderpanel"


def group_style(group: Group, *, bold: bool = True) -> str:
    return f"bold {_COLOR[group]}" if bold else _COLOR[group]


def bar(group: Group, score: int | None) -> Content:
    """A bar of ``score`` points out of four; an empty track for no score."""
    filled = BAR_UNIT * (score or 0)
    return Content.assemble(
        (_BLOCK[group] * filled, _COLOR[group]),
        ("·" * (BAR_WIDTH - filled), "dim"),
    )


def score_text(result: StatementResult, group: Group) -> str:
    """ "3 klopt grotendeels", "weet niet" or "nog geen score"."""
    score = result.score(group)
    if not result.answered(group) or score is None:
        return result.label(group)
    return f"{score} {score_label(score)}"


def change_text(change: int | None) -> str:
    """ "+1", "−2", "gelijk"; empty when there is nothing to compare."""
    if change is None:
        return ""
    if change == 0:
        return "gelijk"
    return f"+{change}" if change > 0 else f"−{-change}"


def bar_line(result: StatementResult, group: Group, change: int | None = None) -> Content:
    """One line: the group's name, its bar, the score in words and the change since before."""
    parts = [
        (group_name(group).ljust(LABEL_WIDTH), group_style(group)),
        bar(group, result.score(group) if result.answered(group) else None),
        Content("  "),
        (score_text(result, group).ljust(20), "bold" if result.answered(group) else "dim"),
    ]
    changed = change_text(change)
    if changed:
        parts.append((f"  sinds vorige scan: {changed}", "italic"))
    return Content.assemble(*parts)
