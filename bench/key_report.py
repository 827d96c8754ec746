"""What bench_keys.py measured, per session, and the table it prints."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from key_sessions import Scenario

KEYS = (  # the rows of the table, in the order a round presses them
    "PageUp (into step)",
    "letter",
    "Enter (save)",
    "F10 agreements",
    "Escape from F10",
    "F12 export",
    "F12 plan shown",
    "Escape from F12",
    "a (agreement form)",
    "Escape from form",
    "PageDown (out of step)",
)


@dataclass
class Figures:
    """Per key: the warm-up press, the timed presses and the longest loop block during them."""

    first: dict[str, float] = field(default_factory=dict)
    first_block: dict[str, float] = field(default_factory=dict)
    times: dict[str, list[float]] = field(default_factory=dict)
    blocks: dict[str, float] = field(default_factory=dict)
    slow: set[str] = field(default_factory=set)  # pressed only in the warm-up round
    append: list[float] = field(default_factory=list)  # journal append + fsync, the floor
    longest: float = 0.0  # the longest event-loop block over all timed rounds
    longest_cpu: float = 0.0  # of that, CPU time of the UI thread
    gc_total: float = 0.0
    gc_longest: float = 0.0
    opened: float = 0.0  # from starting the app to the runner's first frame
    frames: int = 0
    objects: tuple[int, int] = (0, 0)  # objects the garbage collector tracks: before, after
    frozen: int = 0  # objects frozen (gc.freeze: never walked), after the rounds
    rss_mb: float = 0.0  # resident memory of the process after the rounds

    def samples(self, key: str) -> tuple[list[float], float, str]:
        """The latencies, the longest block and the count to print for ``key``."""
        if key in self.slow:
            return [self.first[key]], self.first_block[key], "1*"
        return self.times[key], self.blocks[key], str(len(self.times[key]))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def print_table(scenarios: list[Scenario], results: dict[str, Figures], slow: float) -> None:
    empty = results["empty"]
    header = (
        f"{'key':<24}{'scenario':<9}{'n':>4}{'median ms':>11}{'max ms':>10}{'first ms':>10}"
        f"{'block ms':>10}{'vs empty':>10}{'target':>8}{'median ok':>11}{'max ok':>8}"
    )
    print(header)
    print("-" * len(header))
    for key in KEYS:
        for scenario in scenarios:
            figures = results[scenario.name]
            times, block, n = figures.samples(key)
            median, longest = statistics.median(times), max(times)
            ratio = median / statistics.median(empty.samples(key)[0])
            target = scenario.target_ms / 1000
            print(
                f"{key:<24}{scenario.name:<9}{n:>4}{ms(median):>11}{ms(longest):>10}"
                f"{ms(figures.first[key]):>10}{ms(block):>10}{ratio:>10.2f}"
                f"{scenario.target_ms:>8}{yes(median <= target):>11}{yes(longest <= target):>8}"
            )
    if any(figures.slow for figures in results.values()):
        print(
            f"n = 1*: the warm-up press took over {slow:.0f} s, so the key (and its Escape) was "
            "not pressed again; its figures are that one press."
        )
    for scenario in scenarios:
        figures = results[scenario.name]
        enter = statistics.median(figures.samples("Enter (save)")[0])
        append = statistics.median(figures.append)
        print(
            f"\n{scenario.name}: {scenario.describe}\n"
            f"   longest event-loop block {ms(figures.longest)} ms (UI thread CPU in it "
            f"{ms(figures.longest_cpu)} ms)\n"
            f"   garbage collection {figures.gc_total:.2f} s in all, longest pause "
            f"{ms(figures.gc_longest)} ms; objects tracked {figures.objects[0]:,} before the "
            f"rounds, {figures.objects[1]:,} after; {figures.frozen:,} frozen; resident "
            f"memory {figures.rss_mb:.0f} MB\n"
            f"   Enter median {ms(enter)} ms vs one journal append+fsync median {ms(append)} ms "
            f"(ratio {enter / append:.1f})\n"
            f"   runner open after {figures.opened:.2f} s; {figures.frames} frames drawn"
        )
