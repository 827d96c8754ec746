"""Benchmark: exporting a 1,000-contribution session to Markdown.

Builds the session in a temporary store (so it is a real stored session, loaded back from disk),
then times ``render_markdown`` and, as a baseline in the same run, ``json.dumps(dump_session())``.
Prints the median of several runs of each, and their ratio.

    .venv/bin/python bench/bench_export.py [--contributions 1000] [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from workshop.clock import FakeClock
from workshop.export.html import render_html
from workshop.export.markdown import render_markdown
from workshop.interchange import dump_session
from workshop.model import (
    Agreement,
    Contribution,
    Due,
    Group,
    Horizon,
    Kind,
    PartnershipForm,
    Status,
    TimingEntry,
)
from workshop.session import create_session
from workshop.store import SessionStore, StoredSession
from workshop.template import get_template

SAMPLE_TEXTS = (
    "Bij het brengen is het druk; dan is er geen tijd om iets te vragen.",
    "Ouders willen weten welke liedjes de kinderen leren (thema: *herfst*).",
    "Doel: 60 % van de ouders doet thuis mee met het thema van de maand.",
    "De brieven zijn lang | moeilijk, met woorden als <b>ouderparticipatie</b>.",
    "Koffieochtend op vrijdag # 1. in de ouderkamer, met tolk erbij.",
)


def build_session(folder: Path, contributions: int, agreements: int) -> StoredSession:
    """A stored session with ``contributions`` contributions spread over all phases and steps."""
    clock = FakeClock()
    template = get_template("stappenplan")
    live = create_session(
        SessionStore(folder), clock, title="Benchmark: grote sessie", template=template
    )
    stored = live.stored()
    live.close()
    places = [(p, s) for p, phase in enumerate(template.phases) for s in range(len(phase.steps))]
    start = clock.now()
    stored.contributions = [
        Contribution(
            text=f"{SAMPLE_TEXTS[i % len(SAMPLE_TEXTS)]} ({i})",
            group=list(Group)[i % 2],
            phase=places[i % len(places)][0],
            step=places[i % len(places)][1],
            created=start + timedelta(seconds=i),
            kind=list(Kind)[i % len(Kind)],
            form=[None, *PartnershipForm][i % 6],
            author="Sevda" if i % 7 == 0 else "",
            votes=i % 5,
        )
        for i in range(contributions)
    ]
    stored.agreements = [
        Agreement(
            what=f"Afspraak {i}: {SAMPLE_TEXTS[i % len(SAMPLE_TEXTS)]}",
            owner=["Joost de Vries", "Fatima El Amrani", "Sevda", "Marieke Jansen"][i % 4],
            created=start + timedelta(hours=2, seconds=i),
            with_whom="de leidsters" if i % 2 else "",
            due=Due(horizon=list(Horizon)[i % 4]),
            instrument="inloopochtend",
            form=list(PartnershipForm)[i % 5],
            status=list(Status)[i % 4],
            source=stored.contributions[i].id,
        )
        for i in range(agreements)
    ]
    stored.session.timing_log = [
        TimingEntry(p, start + timedelta(minutes=20 * p), start + timedelta(minutes=20 * p + 18))
        for p in range(len(template.phases))
    ]
    store = SessionStore(folder / "full")
    store.create(stored, clock.now()).close()
    return store.load(stored.session.id)


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contributions", type=int, default=1000)
    parser.add_argument("--agreements", type=int, default=100)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        stored = build_session(Path(folder), args.contributions, args.agreements)
    n = len(stored.contributions)
    baseline = median_ms(lambda: json.dumps(dump_session(stored)), args.runs)
    markdown = median_ms(lambda: render_markdown(stored), args.runs)
    html = median_ms(lambda: render_html(stored), args.runs)
    size = len(render_markdown(stored).encode("utf-8")) / 1024
    print(f"session: {n} contributions, {len(stored.agreements)} agreements, {args.runs} runs each")
    print(f"json.dumps(dump_session) baseline: median {baseline:.1f} ms")
    print(
        f"markdown export, {n} contributions: median {markdown:.1f} ms "
        f"({markdown / baseline:.1f}x json.dumps baseline {baseline:.1f} ms), {size:.0f} KiB"
    )
    print(
        f"html export, {n} contributions: median {html:.1f} ms "
        f"({html / baseline:.1f}x json.dumps baseline {baseline:.1f} ms)"
    )


if __name__ == "__main__":
    main()
