"""Sessions and text strategies shared by the export, interchange and anonymising tests."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from markdown_it.token import Token

from workshop.balance import balance
from workshop.clock import FakeClock
from workshop.demo import create_demo_session
from workshop.export.html import markdown_parser
from workshop.goals import Goal, Judgement
from workshop.limits import TIMER_PLANNED, TIMER_REMAINING
from workshop.model import (
    Agreement,
    Aim,
    Contribution,
    Due,
    Group,
    Horizon,
    Kind,
    Participant,
    PartnershipForm,
    PhaseTimer,
    Position,
    Session,
    Status,
    TimingEntry,
)
from workshop.scan import SCALE, ScanScore, builtin_scans
from workshop.store import SessionStore, StoredSession
from workshop.template import HINT_KINDS, STEP_KINDS, get_template
from workshop.text import clean_line

HOSTILE: tuple[str, ...] = (
    "# x",
    "| a | b |",
    "`code` en ``meer``",
    "<script>alert(1)</script>",
    "1. item",
    "- item",
    "> quote",
    "[link](http://x)",
    "**bold** en _schuin_",
    "\\",
    "eind\\",
    "a \\| b",
    "مرحبا بالأهل",
    "שלום לכולם",
    "👩‍👩‍👧 feest 🎉",
    "Z̤͔ͧ̑̓ä̖̭̈̇l͖̭̈̇g͎͗o",
    "===",
    "---",
    "+ plus",
    "&amp; &lt;b&gt;",
    "~~weg~~",
    "<!-- verborgen -->",
    "![plaatje](x.png)",
    "* * *",
    "1) tweede",
    "## kop ##",
    "<http://x.nl>",
    "    ingesprongen",  # clean_line takes the spaces away, as the core does
    "regel\nnieuwe regel",  # and turns the line break into a space
)


def hostile(n: int) -> str:
    """The n-th hostile text, cleaned as the core cleans what people type."""
    return clean_line(HOSTILE[n % len(HOSTILE)])


def hostile_template(template: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``template`` with hostile text as every name, title, question and hint (also in
    the steps' translations)."""
    result = copy.deepcopy(template)
    counter = iter(range(10_000))
    result["name"] = hostile(next(counter))
    result["description"] = hostile(next(counter))
    for phase in result["phases"]:
        phase["name"] = hostile(next(counter))
        phase["opbrengst"] = hostile(next(counter))
        phase["hints"] = {kind: [hostile(next(counter))] for kind in HINT_KINDS}
        for step in phase["steps"]:
            step["title"] = hostile(next(counter))
            step["questions"] = [hostile(next(counter)), hostile(next(counter))]
            for translation in step.get("translations", []):  # the phones' languages
                translation["title"] = hostile(next(counter))
                translation["questions"] = [hostile(next(counter)), hostile(next(counter))]
    return result


MOMENT = datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def hostile_session() -> StoredSession:
    """Hostile text in every text field; every phase of the template worked on."""
    template = hostile_template(get_template("stappenplan").to_dict())
    phases = template["phases"]
    participants = [Participant(Group.TEAM, hostile(i)) for i in range(0, 6, 2)] + [
        Participant(Group.OUDERPANEL, hostile(i)) for i in range(1, 9, 2)
    ]
    participants.append(Participant(Group.OUDERPANEL, ""))  # one anonymous parent
    contributions = []
    n = 0
    for p, phase in enumerate(phases):
        for s in range(len(phase["steps"])):
            for group in Group:
                contributions.append(
                    Contribution(
                        text=hostile(n),
                        group=group,
                        phase=p,
                        step=s,
                        created=MOMENT + timedelta(minutes=n),
                        kind=list(Kind)[n % len(Kind)],
                        form=[None, *PartnershipForm][n % 6],
                        aim=[None, *Aim][n % 5],
                        author=hostile(n + 3),
                        votes=n % 4,
                    )
                )
                n += 1
    goals = [
        Goal(
            description=hostile(i),
            criterion=hostile(i + 1),
            target_percent=[None, 50, 60][i % 3],
            by=[None, date(2026, 10, 1)][i % 2],
            result=hostile(i + 2) if i % 2 else "",
            judgement=[None, *Judgement][i % 4],
        )
        for i in range(5)
    ]
    agreements = [
        Agreement(
            what=hostile(i),
            owner=hostile(i + 1) if i % 3 else hostile(1),  # some owners have two agreements
            created=MOMENT + timedelta(hours=2, minutes=i),
            with_whom=hostile(i + 2),
            due=Due(horizon=list(Horizon)[i % 4]) if i % 2 else Due(on=date(2026, 10, 1)),
            instrument=hostile(i + 4),
            form=list(PartnershipForm)[i % 5],
            status=list(Status)[i % 4],
            source=None if i % 4 == 3 else contributions[i].id,
            phase=None if i % 4 == 3 else i % len(phases),
            goal=goals[i % 5].id if i % 2 else None,
            # every fourth was brought along from an earlier session; some of those reviewed
            note=hostile(i + 5) if i % 4 == 3 else "",
            carried_from="eerdere-sessie" if i % 4 == 3 else None,
            origin=f"eerste{i}" if i % 4 == 3 else None,
            status_before=Status.OPEN if i % 4 == 3 else None,
            reviewed=i % 8 == 3,
        )
        for i in range(len(HOSTILE))
    ]
    scores = [
        ScanScore("indicatoren", code, group, score)
        for code, score in (("I1", 4), ("I2", None), ("I4", 1))
        for group in Group
        if not (code == "I4" and group is Group.OUDERPANEL)
    ]
    timing_log = [
        TimingEntry(p, MOMENT + timedelta(minutes=20 * p), MOMENT + timedelta(minutes=20 * p + 17))
        for p in range(len(phases))
    ]
    session = Session(
        title=hostile(0),
        location=hostile(5),
        series=hostile(6),
        day=MOMENT.date(),
        facilitator=hostile(7),
        template=template,
        participants=participants,
        position=Position(2, 1),
        timers=[PhaseTimer.fresh(p["minutes"]) for p in phases],
        timing_log=timing_log,
        created=MOMENT,
    )
    return StoredSession(session, contributions, agreements, goals, scores)


def demo_stored(folder: Path) -> StoredSession:
    """The demo session, built as ``workshop demo`` builds it, on a fake clock."""
    live = create_demo_session(SessionStore(folder), FakeClock())
    try:
        return live.stored()
    finally:
        live.close()


_ANY_CHAR = st.characters(exclude_categories=("Cs",))


_MARKDOWN_CHAR = st.sampled_from(list("#|`*_[]<>&\\-+=.)(!~:1 \n\t"))


_RAW_TEXT = st.one_of(
    st.text(st.one_of(_ANY_CHAR, _MARKDOWN_CHAR), max_size=30),
    st.sampled_from(HOSTILE),
)


TIMEZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
)


MOMENTS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=TIMEZONES
)


def lines(required: bool = False) -> st.SearchStrategy[str]:
    """Arbitrary text cleaned as the core cleans it (``clean_line``)."""
    cleaned = _RAW_TEXT.map(clean_line)
    return cleaned.filter(bool) if required else cleaned


@st.composite
def templates(draw: st.DrawFn) -> dict[str, Any]:
    numbers = sorted(draw(st.sets(st.integers(1, 6), min_size=1, max_size=3)))
    return {
        "id": "eigen-sjabloon",
        "name": draw(lines(required=True)),
        "description": draw(lines()),
        "phases": [
            {
                "number": number,
                "name": draw(lines(required=True)),
                "minutes": draw(st.integers(1, 90)),
                "opbrengst": draw(lines()),
                "hints": {
                    kind: draw(st.lists(lines(required=True), max_size=1)) for kind in HINT_KINDS
                },
                "steps": [
                    {
                        "title": draw(lines(required=True)),
                        "questions": draw(st.lists(lines(required=True), max_size=2)),
                        "kind": draw(st.sampled_from(STEP_KINDS)),
                        "translations": [],
                        "minutes": draw(st.integers(0, 30)),
                    }
                    for _ in range(draw(st.integers(1, 3)))
                ],
            }
            for number in numbers
        ],
    }


@st.composite
def stored_sessions(draw: st.DrawFn) -> StoredSession:
    """A valid session: references and positions fit the template; any text in every field."""
    template = draw(templates())
    phases = template["phases"]

    def place() -> tuple[int, int]:
        phase = draw(st.integers(0, len(phases) - 1))
        return phase, draw(st.integers(0, len(phases[phase]["steps"]) - 1))

    participants = [
        Participant(draw(st.sampled_from(Group)), draw(lines()), id=f"p{i}")
        for i in range(draw(st.integers(0, 4)))
    ]
    contributions = []
    for i in range(draw(st.integers(0, 6))):
        phase, step = place()
        contributions.append(
            Contribution(
                text=draw(lines(required=True)),
                group=draw(st.sampled_from(Group)),
                phase=phase,
                step=step,
                created=draw(MOMENTS),
                kind=draw(st.sampled_from(Kind)),
                form=draw(st.none() | st.sampled_from(PartnershipForm)),
                aim=draw(st.none() | st.sampled_from(Aim)),
                author=draw(lines()),
                votes=draw(st.integers(0, 12)),
                edited=draw(st.none() | MOMENTS),
                id=f"c{i}",
            )
        )
    dues = (
        st.none()
        | st.builds(Due, horizon=st.sampled_from(Horizon))
        | st.builds(Due, on=st.dates(date(2020, 1, 1), date(2035, 12, 31)))
    )
    sources = (
        st.none() | st.sampled_from([c.id for c in contributions]) if contributions else st.none()
    )
    goals = [
        Goal(
            description=draw(lines(required=True)),
            criterion=draw(lines(required=True)),
            target_percent=draw(st.none() | st.integers(0, 100)),
            by=draw(st.none() | st.dates(date(2020, 1, 1), date(2035, 12, 31))),
            result=draw(lines()),
            judgement=draw(st.none() | st.sampled_from(Judgement)),
            carried_from=draw(st.none() | SESSION_IDS),
            origin=draw(st.none() | st.just(f"eerste-doel{i}")),
            id=f"g{i}",
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    goal_links = st.none() | st.sampled_from([g.id for g in goals]) if goals else st.none()
    agreements = [
        Agreement(
            what=draw(lines(required=True)),
            owner=draw(lines(required=True)),
            created=draw(MOMENTS),
            with_whom=draw(lines()),
            due=draw(dues),
            instrument=draw(lines()),
            form=draw(st.none() | st.sampled_from(PartnershipForm)),
            status=draw(st.sampled_from(Status)),
            source=draw(sources),
            phase=draw(st.none() | st.integers(0, len(phases) - 1)),
            id=f"a{i}",
            goal=draw(goal_links),
            note=draw(lines()),
            carried_from=draw(st.none() | SESSION_IDS),
            origin=draw(st.none() | st.just(f"eerste{i}")),
            status_before=draw(st.none() | st.sampled_from(Status)),
            reviewed=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    timing_log = []
    for _ in range(draw(st.integers(0, 4))):
        started = draw(MOMENTS)
        length = draw(st.none() | st.integers(0, 4 * 3600))
        stopped = None if length is None else started + timedelta(seconds=length)
        timing_log.append(TimingEntry(draw(st.integers(0, len(phases) - 1)), started, stopped))
    # Any number of seconds the timers may hold (workshop.limits).
    low, high = TIMER_REMAINING.lowest, TIMER_REMAINING.highest
    seconds = st.floats(low, high, allow_nan=False) | st.integers(low, high)
    planned = st.floats(0, TIMER_PLANNED.highest) | st.integers(0, TIMER_PLANNED.highest)
    timers = [
        PhaseTimer(
            planned=draw(planned),
            remaining=draw(seconds),
            ends_at=draw(st.none() | MOMENTS),
        )
        for _ in phases
    ]
    session = Session(
        title=draw(lines(required=True)),
        location=draw(lines()),
        day=draw(st.dates(date(2020, 1, 1), date(2035, 12, 31))),
        facilitator=draw(lines()),
        template=template,
        participants=participants,
        position=Position(*place()),
        timers=timers,
        timing_log=timing_log,
        bell=draw(st.booleans()),
        created=draw(st.none() | MOMENTS),
        id=draw(SESSION_IDS),
        series=draw(lines()),
    )
    return StoredSession(session, contributions, agreements, goals, draw(scan_scores()))


SESSION_IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{2,20}", fullmatch=True)


_SCAN_KEYS = [(scan.id, s.code) for scan in builtin_scans() for s in scan.statements]


@st.composite
def scan_scores(draw: st.DrawFn) -> list[ScanScore]:
    """At most one score per scan, statement and group, as a session holds them."""
    keys = draw(
        st.lists(st.tuples(st.sampled_from(_SCAN_KEYS), st.sampled_from(Group)), unique=True)
    )
    return [
        ScanScore(scan, code, group, draw(st.none() | st.sampled_from(sorted(SCALE))))
        for (scan, code), group in keys
    ]


INLINE_MARKUP_WE_WRITE = {"text", "strong_open", "strong_close", "em_open", "em_close"}


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token: escapes undone, markup left out."""
    return "".join(child.content for child in token.children or [] if child.type == "text")


@dataclass
class Outline:
    """The structure of a Markdown document, from markdown-it-py's tokens."""

    tokens: list[Token]

    @classmethod
    def of(cls, markdown: str) -> Outline:
        return cls(markdown_parser().parse(markdown))

    def section(self, heading: str) -> Outline:
        """The part under the H2 ``heading``, up to the next H2."""
        start = next(
            i
            for i, t in enumerate(self.tokens)
            if t.type == "heading_open" and t.tag == "h2" and self.headings_at(i) == heading
        )
        end = next(
            (
                i
                for i, t in enumerate(self.tokens)
                if i > start and t.type == "heading_open" and t.tag == "h2"
            ),
            len(self.tokens),
        )
        return Outline(self.tokens[start + 3 : end])

    def headings_at(self, index: int) -> str:
        return inline_text(self._inline_after(index))

    def _inline_after(self, index: int) -> Token:
        return next(t for t in self.tokens[index:] if t.type == "inline")

    def headings(self, level: int | None = None) -> list[str]:
        return [
            inline_text(self._inline_after(i))
            for i, t in enumerate(self.tokens)
            if t.type == "heading_open" and (level is None or t.tag == f"h{level}")
        ]

    def count(self, token_type: str) -> int:
        return sum(1 for t in self.tokens if t.type == token_type)

    def body_rows(self) -> list[list[str]]:
        rows: list[list[str]] = []
        in_body = False
        for i, t in enumerate(self.tokens):
            if t.type in ("tbody_open", "tbody_close"):
                in_body = t.type == "tbody_open"
            elif in_body and t.type == "tr_open":
                rows.append([])
            elif in_body and t.type == "td_open":
                rows[-1].append(inline_text(self._inline_after(i)))
        return rows

    def header_cells(self) -> list[str]:
        return [
            inline_text(self._inline_after(i))
            for i, t in enumerate(self.tokens)
            if t.type == "th_open"
        ]

    def list_items(self) -> list[str]:
        return [
            inline_text(self._inline_after(i))
            for i, t in enumerate(self.tokens)
            if t.type == "list_item_open"
        ]

    def inline_markup(self) -> set[str]:
        """Every kind of inline token in the document."""
        return {c.type for t in self.tokens if t.type == "inline" for c in t.children or []}

    def skeleton(self) -> list[tuple[str, ...]]:
        """Token types and tags, inline markup included, with runs of text taken together."""
        shape: list[tuple[str, ...]] = []
        for t in self.tokens:
            if t.type != "inline":
                shape.append((t.type, t.tag))
                continue
            kinds: list[str] = []
            for child in t.children or []:
                if not (child.type == "text" and kinds and kinds[-1] == "text"):
                    kinds.append(child.type)
            shape.append(("inline", *kinds))
        return shape


def expected_table_rows(stored: StoredSession) -> list[int]:
    """The body rows of every table, in order: scans, agreements, balance."""
    counted = balance(stored.contributions, stored.agreements)
    scans = [s for s in builtin_scans() if any(x.scan == s.id for x in stored.scan_scores)]
    return [
        *(len(scan.statements) for scan in scans),
        len(stored.agreements),
        *([5] if counted.forms.tagged else []),
        *([4] if counted.aims.tagged else []),
    ]


_TEXT_KEYS = {
    "title",
    "location",
    "facilitator",
    "name",
    "description",
    "opbrengst",
    "text",
    "author",
    "what",
    "owner",
    "with_whom",
    "instrument",
    "questions",
    "series",
    "criterion",
    "result",
    "note",
    *HINT_KINDS,
}


class _Plain:
    """Gives every distinct text (ignoring case, as owners are grouped) a plain stand-in."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def text(self, value: str) -> str:
        if not value:
            return value
        return self.seen.setdefault(value.casefold(), f"tekst{len(self.seen)}")

    def walk(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: self.walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.walk(v, key) for v in value]
        if isinstance(value, str) and key in _TEXT_KEYS:
            return self.text(value)
        return value


def plain_copy(stored: StoredSession) -> StoredSession:
    """``stored`` with every piece of user text replaced by a harmless word."""
    plain = _Plain()
    return StoredSession(
        Session.from_dict(plain.walk(stored.session.to_dict())),
        [Contribution.from_dict(plain.walk(c.to_dict())) for c in stored.contributions],
        [Agreement.from_dict(plain.walk(a.to_dict())) for a in stored.agreements],
        [Goal.from_dict(plain.walk(g.to_dict())) for g in stored.goals],
        list(stored.scan_scores),
    )
