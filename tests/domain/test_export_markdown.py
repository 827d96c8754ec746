"""The Markdown plan: its structure, read back with markdown-it-py, for the demo, for hostile text
in every field, and for arbitrary Unicode text (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers_export import (
    INLINE_MARKUP_WE_WRITE,
    MOMENT,
    Outline,
    demo_stored,
    expected_table_rows,
    hostile_session,
    inline_text,
    plain_copy,
    stored_sessions,
)
from hypothesis import HealthCheck, given, settings

from workshop.balance import balance
from workshop.deadlines import due_text
from workshop.export.escape import EMPTY_CELL
from workshop.export.markdown import AGREEMENT_COLUMNS, render_markdown, render_markdown_head
from workshop.goals import Goal
from workshop.model import (
    Agreement,
    Contribution,
    Group,
    Kind,
    PhaseTimer,
    Session,
    TimingEntry,
)
from workshop.scan import builtin_scans
from workshop.store import StoredSession
from workshop.template import Template, get_template

BLOCKS_WE_WRITE = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
    *(
        f"{part}_{end}"
        for part in ("table", "thead", "tbody", "tr", "th", "td")
        for end in ("open", "close")
    ),
}
AGREEMENT_SECTIONS = ["Afspraken", "Afspraken per eigenaar"]


# ---------------------------------------------------------------- what the plan must look like


def worked_phases(stored: StoredSession) -> list[int]:
    timed = {e.phase for e in stored.session.timing_log}
    used = {c.phase for c in stored.contributions}
    count = len(stored.session.template["phases"])
    return [i for i in range(count) if i in timed or i in used]


def expected_cells(agreement: Agreement) -> list[str]:
    return [
        agreement.what,
        agreement.owner,
        agreement.with_whom or EMPTY_CELL,
        due_text(agreement, document=True) or EMPTY_CELL,
        agreement.instrument or EMPTY_CELL,
        agreement.form.value if agreement.form else EMPTY_CELL,
        agreement.status.value,
    ]


def first_spelling_per_owner(agreements: list[Agreement]) -> list[str]:
    owners: dict[str, str] = {}
    for agreement in agreements:
        owners.setdefault(agreement.owner.casefold(), agreement.owner)
    return list(owners.values())


def voice_of_each_item(outline: Outline) -> list[tuple[str | None, str]]:
    """Each list item with the 'Team' or 'Ouderpanel' label it falls under (None: no label)."""
    label: str | None = None
    found: list[tuple[str | None, str]] = []
    tokens = outline.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            label = None
        elif token.type == "paragraph_open" and not token.hidden:
            text = inline_text(tokens[i + 1])
            label = text if text in ("Team", "Ouderpanel") else None
        elif token.type == "list_item_open":
            found.append((label, inline_text(next(t for t in tokens[i:] if t.type == "inline"))))
    return found


def scanned(stored: StoredSession) -> list[str]:
    """The names of the scans that have scores, in the order the plan shows them."""
    return [s.name for s in builtin_scans() if any(x.scan == s.id for x in stored.scan_scores)]


def expected_sections(stored: StoredSession) -> list[str]:
    """The H2s before the phases, in the reader's order (issue 11, item 21): what was agreed
    (agreements, goals, per owner), then the terugblik, self-scan and balance when they have
    content."""
    counted = balance(stored.contributions, stored.agreements)
    return [
        "Afspraken",
        *(["Doelen"] if stored.goals else []),
        "Afspraken per eigenaar",
        *(["Terugblik"] if any(a.is_carried for a in stored.agreements) else []),
        *(["Zelfscan"] if scanned(stored) else []),
        *(["Balans"] if counted.forms.tagged or counted.aims.tagged else []),
    ]


def assert_plan_structure(stored: StoredSession, markdown: str) -> None:
    """The structure the issue asks for, with every piece of user text in its place."""
    outline = Outline.of(markdown)
    session = stored.session
    template = Template.from_dict(session.template)
    worked = worked_phases(stored)

    assert {t.type for t in outline.tokens} <= BLOCKS_WE_WRITE
    assert outline.inline_markup() <= INLINE_MARKUP_WE_WRITE
    assert outline.headings(1) == [f"Plan van aanpak: {session.title}"]
    phase_headings = [
        f"Fase {template.phases[i].number}: {template.phases[i].name}" for i in worked
    ]
    assert outline.headings(2) == [*expected_sections(stored), *phase_headings, "Verslag"]
    step_headings = [
        f"Stap {s + 1}: {step.title}"
        for i in worked
        for s, step in enumerate(template.phases[i].steps)
        if any(c.phase == i and c.step == s for c in stored.contributions)
    ]
    goal_headings = [g.description for g in stored.goals]
    owners = first_spelling_per_owner(stored.agreements)
    assert outline.headings(3) == goal_headings + owners + scanned(stored) + step_headings
    assert outline.headings(4) == []

    assert outline.count("table_open") == len(expected_table_rows(stored))
    assert len(outline.body_rows()) == sum(expected_table_rows(stored))
    table = outline.section("Afspraken")
    assert table.count("table_open") == 1
    assert table.header_cells() == list(AGREEMENT_COLUMNS)
    rows = table.body_rows()
    assert len(rows) == len(stored.agreements)
    assert all(len(row) == 7 for row in rows)
    assert rows == [expected_cells(a) for a in stored.agreements]

    voices = voice_of_each_item(outline)
    for contribution in stored.contributions:
        under = [label for label, text in voices if contribution.text in text]
        assert Group(contribution.group).label in under, contribution.text
    items = [text for _, text in voices]
    for agreement in stored.agreements:
        assert any(agreement.what in item for item in items)
    for participant in session.participants:
        assert any(participant.name in item for item in items)
    assert_follow_through(stored, outline)


def assert_follow_through(stored: StoredSession, outline: Outline) -> None:
    """Each agreement brought along is in the review, each goal has its facts and agreements."""
    carried = [a for a in stored.agreements if a.is_carried]
    if carried:
        review = outline.section("Terugblik").list_items()
        assert len(review) == len(carried)
        for agreement, item in zip(
            sorted(carried, key=lambda a: not a.reviewed), review, strict=True
        ):
            assert item.startswith(f"{agreement.what} – ")
            if agreement.due:
                assert f"wanneer: {due_text(agreement, document=True)}" in item
            if agreement.note:
                assert item.endswith(f"notitie: {agreement.note}")
            before, now = agreement.status_before, agreement.status
            if agreement.reviewed and before:
                said = f"nog steeds {now}" if before is now else f"eerst {before}, nu {now}"
                assert said in item
            else:
                assert f"status: {now}" in item
    if stored.goals:
        goals = outline.section("Doelen").list_items()
        for goal in stored.goals:
            assert f"Criterium: {goal.criterion}" in goals
            if goal.result:
                assert f"Resultaat: {goal.result}" in goals
        linked = [a for g in stored.goals for a in stored.agreements if a.goal == g.id]
        assert len(goals) == len(linked) + sum(len(_goal_facts(g)) for g in stored.goals)
    scans = [s for s in builtin_scans() if any(x.scan == s.id for x in stored.scan_scores)]
    if scans:
        rows = outline.section("Zelfscan").body_rows()
        assert [row[0] for row in rows] == [s.code for scan in scans for s in scan.statements]


def _goal_facts(goal: Goal) -> list[str]:
    """The fact lines the plan writes under a goal (criterion and judgement always)."""
    facts = ["criterion", "judgement"]
    facts += ["target"] if goal.target_percent is not None else []
    facts += ["by"] if goal.by else []
    facts += ["result"] if goal.result else []
    return facts


def assert_same_structure_as_plain_text(stored: StoredSession) -> None:
    """Replacing every text by a plain word changes no token at all, inline markup included."""
    hostile = Outline.of(render_markdown(stored)).skeleton()
    plain = Outline.of(render_markdown(plain_copy(stored))).skeleton()
    assert hostile == plain


# ---------------------------------------------------------------- the demo session


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> StoredSession:
    return demo_stored(tmp_path_factory.mktemp("demo"))


def test_demo_plan_has_the_structure_asked_for(demo: StoredSession) -> None:
    assert_plan_structure(demo, render_markdown(demo))


def test_demo_plan_sections_in_order(demo: StoredSession) -> None:
    """The reader's order (issue 11, item 21): title, what was agreed, balance, what was said per
    phase, minutes last."""
    outline = Outline.of(render_markdown(demo))
    assert outline.headings(1) == [
        "Plan van aanpak: Ouders en team samen: kinderdagverblijf De Zonnebloem"
    ]
    assert outline.headings(2) == [
        "Afspraken",
        "Doelen",
        "Afspraken per eigenaar",
        "Balans",
        "Fase 1: Behoefte en kansen vaststellen",
        "Fase 2: Visie ontwikkelen",
        "Fase 3: Plan opstellen",
        "Fase 4: Plan uitwerken",
        "Verslag",
    ]
    owners = ["Joost de Vries", "Fatima El Amrani", "Sevda", "Marieke Jansen"]
    assert outline.headings(3)[:5] == [demo.goals[0].description, *owners]
    assert len(outline.section("Afspraken").body_rows()) == 4


def test_demo_plan_names_people_and_counts_anonymous_parents(demo: StoredSession) -> None:
    items = Outline.of(render_markdown(demo)).list_items()
    assert "Team: Fatima El Amrani, Joost de Vries en Marieke Jansen" in items
    assert "Ouderpanel: Sevda en 2 anonieme ouders" in items
    assert "Begeleider: Marieke Jansen" in items
    assert any(item.startswith("Datum: ") for item in items)


def test_demo_plan_keeps_team_and_parent_panel_apart(demo: StoredSession) -> None:
    voices = voice_of_each_item(Outline.of(render_markdown(demo)))
    for contribution in demo.contributions:
        [label] = [label for label, text in voices if contribution.text in text]
        assert label == contribution.group.label


def test_demo_contribution_shows_kind_form_votes_and_author(demo: StoredSession) -> None:
    items = Outline.of(render_markdown(demo)).list_items()
    assert "Knelpunt: De brieven zijn lang en moeilijk. Ik begrijp niet alles. (4 stemmen)" in items
    assert (
        "Kans: Ik wil wel helpen om nieuwe ouders wegwijs te maken. (informeel, door Sevda)"
        in items
    )


def test_demo_minutes_show_planned_and_actual_time(demo: StoredSession) -> None:
    minutes = Outline.of(render_markdown(demo)).section("Verslag").list_items()
    assert len(minutes) == 6
    for line, actual in zip(minutes[:3], (22, 18, 24), strict=True):
        assert f"werkelijk {actual} min" in line
        assert ", van " in line and " tot " in line
    assert minutes[4] == "Fase 5, Plan uitvoeren: gepland 15 min, nog niet gedaan."


def test_demo_export_is_the_same_every_time(demo: StoredSession) -> None:
    assert render_markdown(demo) == render_markdown(demo)
    assert render_markdown(demo, exported_on=date(2026, 3, 11)).endswith(
        "*Gemaakt op 11 maart 2026.*\n"
    )


# ---------------------------------------------------------------- hostile text


def test_hostile_text_in_every_field_keeps_the_structure() -> None:
    stored = hostile_session()
    assert_plan_structure(stored, render_markdown(stored))
    assert_same_structure_as_plain_text(stored)


def test_hostile_text_stays_text() -> None:
    markdown = render_markdown(hostile_session())
    outline = Outline.of(markdown)
    assert outline.section("Afspraken").count("table_open") == 1
    assert "<script>" not in markdown  # escaped as \<script\>
    assert "\n# " not in markdown.split("\n", 1)[1]  # one H1 only


# ---------------------------------------------------------------- any text (hypothesis)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=stored_sessions())
def test_any_text_in_every_field_keeps_the_structure(stored: StoredSession) -> None:
    markdown = render_markdown(stored)
    assert_plan_structure(stored, markdown)
    assert_same_structure_as_plain_text(stored)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=stored_sessions())
def test_the_head_is_how_the_plan_starts(stored: StoredSession) -> None:
    """The app shows the head while the rest is made: it must be the plan's own first lines."""
    head = render_markdown_head(stored)
    assert head.startswith("# Plan van aanpak: ")
    assert render_markdown(stored).startswith(head.rstrip("\n") + "\n")


# ---------------------------------------------------------------- details


def small_session(**changes: object) -> StoredSession:
    template = get_template("partnerschapsteam-90")
    session = Session(
        title="Overleg",
        location="",
        day=MOMENT.date(),
        facilitator="",
        template=template.to_dict(),
        timers=[PhaseTimer.fresh(p.minutes) for p in template.phases],
    )
    for name, value in changes.items():
        setattr(session, name, value)
    return StoredSession(session, [], [])


def test_phase_that_only_ran_gets_a_section_and_the_others_none() -> None:
    stored = small_session(timing_log=[TimingEntry(1, MOMENT, MOMENT + timedelta(minutes=5))])
    outline = Outline.of(render_markdown(stored))
    assert outline.headings(2) == [*AGREEMENT_SECTIONS, "Fase 3: Plan opstellen", "Verslag"]
    assert "Bij deze fase is geen inbreng genoteerd." in render_markdown(stored)


def test_without_agreements_the_table_is_still_there_and_empty() -> None:
    outline = Outline.of(render_markdown(small_session()))
    assert outline.count("table_open") == 1
    assert outline.body_rows() == []
    assert outline.headings(3) == []


def test_running_stretch_is_closed_by_now() -> None:
    log = [
        TimingEntry(0, MOMENT, MOMENT + timedelta(minutes=10)),
        TimingEntry(0, MOMENT + timedelta(minutes=15), None),
    ]
    stored = small_session(timing_log=log)
    later = render_markdown(stored, now=MOMENT + timedelta(minutes=45))
    assert "werkelijk 40 min, van 09:00, loopt nog." in later
    # Default: the latest moment in the log, here the start of the running stretch.
    assert "werkelijk 10 min, van 09:00, loopt nog." in render_markdown(stored)


def test_minutes_use_adjusted_planned_time() -> None:
    stored = small_session(timing_log=[TimingEntry(0, MOMENT, MOMENT + timedelta(minutes=31))])
    stored.session.timers[0].planned = 30 * 60
    assert "Fase 1, Behoefte en kansen vaststellen: gepland 30 min, werkelijk 31 min" in (
        render_markdown(stored)
    )


def test_contributions_with_most_votes_come_first_per_voice() -> None:
    stored = small_session()
    texts = [("weinig", 1), ("veel", 5), ("geen", 0), ("ook veel", 5)]
    stored.contributions = [
        Contribution(text, Group.TEAM, 0, 0, MOMENT, kind=Kind.IDEE, votes=votes)
        for text, votes in texts
    ]
    items = Outline.of(render_markdown(stored)).list_items()
    ideas = [item.split(": ", 1)[1].split(" (")[0] for item in items if item.startswith("Idee")]
    assert ideas == ["veel", "ook veel", "weinig", "geen"]


def test_owners_are_grouped_regardless_of_case() -> None:
    stored = small_session()
    stored.agreements = [
        Agreement("Bellen", "Joost", MOMENT),
        Agreement("Mailen", "Fatima", MOMENT),
        Agreement("Brief", "joost", MOMENT),
    ]
    outline = Outline.of(render_markdown(stored))
    assert outline.headings(3) == ["Joost", "Fatima"]
    todo = outline.section("Afspraken per eigenaar").list_items()
    assert [item.split(" – ")[0] for item in todo] == [
        "Bellen",
        "Brief",
        "Mailen",
    ]


def test_export_of_a_session_in_the_store_path(tmp_path: Path) -> None:
    """The plan is made from what was stored, so loading first changes nothing."""
    from workshop.store import SessionStore

    stored = demo_stored(tmp_path)
    loaded = SessionStore(tmp_path).load(stored.session.id)
    assert render_markdown(loaded) == render_markdown(stored)
