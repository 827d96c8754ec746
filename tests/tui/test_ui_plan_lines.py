"""The plan cut into parts renders to the same lines as the whole plan (screens/plan_lines.py).

The preview shows the first part while the rest is still being rendered, so a cut must never
change what the reader sees: no line lost, added or moved, also where a list, a table or a
heading meets the cut.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.markdown import Markdown
from rich.segment import Segment

from screens.plan_lines import Line, Part, PlanRenderer, plan_parts, plan_theme, to_strip
from workshop.app.exporting import preview
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.model import Contribution, Group
from workshop.store import SessionStore

EDGES = """# Titel

- **Datum:** 10 maart 2026
- **Locatie:** De Zonnebloem

## Afspraken

| Afspraak | Eigenaar |
| --- | --- |
| Brieven korter | Joost |
| Koffieochtend | Sevda |

**Team**

- een
- twee
- drie
- vier

1. eerste
2. tweede

*Opbrengst:* een alinea
die over twee regels loopt.

```
code blijft heel
- ook dit
```

### Stap 1

> een citaat
"""


def demo_plan(store: SessionStore, clock: FakeClock, extra: int = 0) -> str:
    live = create_demo_session(store, clock)
    start = clock.now()
    live.go_to(0, 0)
    for n in range(extra):
        live.add_contribution(f"Opmerking {n} over de brieven *en* de | koffie", Group.TEAM)
    live.close()
    stored = store.load(live.session.id)
    if extra:  # keep the order stable: they were all made in the same second
        contributions = [
            c if not c.text.startswith("Opmerking") else _at(c, start, i)
            for i, c in enumerate(stored.contributions)
        ]
        stored = type(stored)(
            stored.session, contributions, stored.agreements, stored.goals, stored.scan_scores
        )
    return preview(store, stored)


def _at(c: Contribution, start, i: int) -> Contribution:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(c, created=start + timedelta(seconds=i))


def rendered(text: str, width: int, first: int, size: int) -> tuple[list[Line], list[Line], int]:
    """The whole text's lines, the lines of its parts one after the other, and how many parts.
    A line is its text and its styles (by number: one renderer numbers them for both)."""
    renderer = PlanRenderer(width, plan_theme("#0b4f9c"))
    whole = [line for line in renderer.lines(Part(text, False), first=True)]
    parts = list(plan_parts(text, first, size))
    joined = [line for i, part in enumerate(parts) for line in renderer.lines(part, first=i == 0)]
    return whole, joined, len(parts)


@pytest.mark.parametrize("width", [40, 100])
@pytest.mark.parametrize("first,size", [(1, 1), (2, 3), (5, 7)])
def test_parts_render_as_the_whole_at_every_cut(width: int, first: int, size: int) -> None:
    whole, joined, count = rendered(EDGES, width, first, size)
    assert count >= 4
    assert joined == whole


def test_a_fenced_block_is_never_cut() -> None:
    parts = [part.text for part in plan_parts(EDGES, 1, 1)]
    assert any("```\ncode blijft heel\n- ook dit\n```" in text for text in parts)


@pytest.mark.parametrize("width", [60, 116])
def test_a_real_plan_renders_the_same_in_parts(store, clock, width: int) -> None:
    text = demo_plan(store, clock, extra=120)
    whole, joined, count = rendered(text, width, 40, 60)
    assert count > 3
    assert joined == whole
    assert any("Opmerking 119 over de brieven" in text for text, _ in whole)


def test_the_first_part_is_small_and_starts_with_the_title(store, clock) -> None:
    text = demo_plan(store, clock, extra=300)
    first = next(iter(plan_parts(text)))
    assert first.text.startswith("# ")
    assert 40 <= first.text.count("\n") + 1 < 120  # a screenful and more, far from the whole
    assert text.count("\n") > 400


def test_a_compact_line_draws_as_rich_rendered_it() -> None:
    renderer = PlanRenderer(50, plan_theme("#0b4f9c"))
    text = "## Kop\n\n- **Knelpunt:** de *brieven* zijn lang\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"
    lines = renderer.lines(Part(text, False), first=True)
    options = renderer.console.options.update_width(50)
    expected = renderer.console.render_lines(Markdown(text, hyperlinks=False), options)
    assert len(lines) == len(expected)
    for line, rich_line in zip(lines, expected, strict=True):
        strip = to_strip(line, renderer.styles, 50)
        assert strip.cell_length == 50
        drawn = [(seg.text, seg.style) for seg in Segment.simplify(strip)]
        assert drawn == [(seg.text, seg.style) for seg in Segment.simplify(rich_line)]
    bold = [style for style in renderer.styles if style is not None and style.bold]
    assert bold  # the headings and the strong text kept their style
