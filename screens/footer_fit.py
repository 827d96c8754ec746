"""Which footer keys fit the width: a key cut off halfway helps nobody.

Keys are measured as Textual 8.2.8's FooterKey draws them (not compact): `` key description `` for
a key of its own, `` key`` per key of a group plus `` label `` for the group, and the menu key on
the right with its border. When they do not all fit, the least important go first: a screen ranks
its keys by binding id in ``FOOTER_RANKS`` (0 is the most important); unranked keys go before
ranked ones, the rightmost first. What leaves the footer stays in the help (F1) and the menu.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from rich.cells import cell_len
from textual.binding import Binding

Wanted = tuple[Binding, bool, str, str]  # binding, enabled, tooltip, classes
PALETTE_EXTRA = 4  # the border and padding around the menu key on the right


def unit_width(keys: list[Wanted], show_key: Callable[[Binding], str]) -> int:
    """The width of one footer unit: a key of its own, or a group of keys with its label."""
    first = keys[0][0]
    if first.group is not None and len(keys) > 1:
        return (
            sum(cell_len(show_key(b)) + 1 for b, *_ in keys) + cell_len(first.group.description) + 2
        )
    return cell_len(show_key(first)) + cell_len(first.description) + 3


def fitting(
    wanted: list[Wanted],
    width: int,
    ranks: dict[str, int],
    show_key: Callable[[Binding], str],
) -> list[Wanted]:
    """``wanted`` without the least important keys that do not fit in ``width`` columns."""
    palette = [item for item in wanted if item[3] == "-command-palette"]
    units = [
        list(members)
        for _, members in groupby(
            (item for item in wanted if item[3] != "-command-palette"),
            lambda item: item[0].group or id(item),
        )
    ]
    budget = width - sum(
        cell_len(show_key(b)) + cell_len(b.description) + PALETTE_EXTRA for b, *_ in palette
    )
    budget -= 1  # the cell a grid leaves free at its end

    def importance(index: int) -> tuple[int, int]:
        # Higher is dropped first: unranked before ranked, the rightmost first.
        found = [ranks[b.id] for b, *_ in units[index] if b.id in ranks]
        return (min(found) if found else len(ranks) + 1, index)

    widths = [unit_width(unit, show_key) for unit in units]
    kept = set(range(len(units)))
    order = sorted(kept, key=importance)
    for index in reversed(order):
        if sum(widths[i] for i in kept) <= budget:
            break
        kept.discard(index)
    for index in order:  # a less important key that still fits after the larger ones left
        if index not in kept and sum(widths[i] for i in kept) + widths[index] <= budget:
            kept.add(index)
    shown = [item for i, unit in enumerate(units) if i in kept for item in unit]
    return shown + palette
