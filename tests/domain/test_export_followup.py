"""The follow-through sections of the plan (Zelfscan, Terugblik, Doelen, Balans), read back with
markdown-it-py: for the three-session trajectory, with hostile text, and left out when empty."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers_export import MOMENT, Outline, hostile, hostile_session
from helpers_trajectory import Trajectory, three_sessions

from workshop.clock import FakeClock
from workshop.export.followup import AIM_COLUMNS, CHANGE_COLUMN, FORM_COLUMNS, SCAN_COLUMNS
from workshop.export.html import render_html
from workshop.export.markdown import render_markdown
from workshop.goals import Goal, Judgement
from workshop.model import Agreement, Aim, Contribution, Group, PartnershipForm, Status
from workshop.scan import ScanScore, get_scan
from workshop.store import SessionStore, StoredSession
from workshop.trajectory import previous_scan_scores

T, P = Group.TEAM, Group.OUDERPANEL


@pytest.fixture(scope="module")
def trajectory(tmp_path_factory: pytest.TempPathFactory) -> tuple[SessionStore, Trajectory]:
    store = SessionStore(tmp_path_factory.mktemp("traject"))
    store.ensure()
    return store, three_sessions(store, FakeClock())


def plan(store: SessionStore, session_id: str) -> Outline:
    return Outline.of(render_markdown(store.load(session_id)))


# ---------------------------------------------------------------- the trajectory


def test_first_session_has_no_review(trajectory: tuple[SessionStore, Trajectory]) -> None:
    store, t = trajectory
    headings = plan(store, t.ids[0]).headings(2)
    assert "Terugblik" not in headings
    # What was agreed first, then the self-scan (issue 11, item 21).
    assert headings.index("Afspraken") < headings.index("Doelen") < headings.index("Zelfscan")


def test_second_session_export_shows_the_review_with_new_statuses(
    trajectory: tuple[SessionStore, Trajectory],
) -> None:
    store, t = trajectory
    outline = plan(store, t.ids[1])
    assert outline.headings(2) == [  # nothing said in this session: no phase sections
        "Afspraken",
        "Doelen",
        "Afspraken per eigenaar",
        "Terugblik",
        "Zelfscan",
        "Balans",
        "Verslag",
    ]
    review = outline.section("Terugblik")
    # Horizons with their date, counted from session 1 (10 March); owners are in the table.
    assert review.list_items() == [
        "Brieven korter maken – wanneer: volgende maand (uiterlijk 10 april 2026); "
        "eerst open, nu klaar; notitie: Nieuwe brief is af",
        "Koffieochtend op vrijdag – wanneer: volgende week (uiterlijk 24 maart 2026); "
        "eerst open, nu bezig; te laat; notitie: Eerste keer 5 ouders",
        "Tolk regelen – wanneer: deze week (uiterlijk 17 maart 2026); eerst open, nu vervallen",
        "Startgesprek met elk nieuw gezin – wanneer: 1 april 2026; status: open; te laat",
    ]
    said = [token.content for token in review.tokens if token.type == "inline"]
    assert "Deze afspraken uit eerdere sessies zijn besproken:" in said
    assert "Deze afspraken uit eerdere sessies zijn nog niet besproken:" in said


def test_third_session_export_reviews_what_is_still_open(
    trajectory: tuple[SessionStore, Trajectory],
) -> None:
    store, t = trajectory
    outline = plan(store, t.ids[2])
    items = outline.section("Terugblik").list_items()
    assert [item.split(" – ")[0] for item in items] == [
        "Koffieochtend op vrijdag",
        "Startgesprek met elk nieuw gezin",
        "Inloopochtend met het consultatiebureau",
    ]
    assert "status: bezig" in items[0] and "(uiterlijk 24 maart 2026)" in items[0]
    assert all("te laat" in item for item in items)
    goals = outline.section("Doelen")
    assert goals.headings(3) == ["Meer ouders bij het startgesprek"]
    assert goals.list_items()[-1].startswith("Startgesprek met elk nieuw gezin")
    assert len(outline.section("Afspraken").body_rows()) == 3


def test_goals_with_result_judgement_and_agreements_beneath(
    trajectory: tuple[SessionStore, Trajectory],
) -> None:
    store, t = trajectory
    goals = plan(store, t.ids[1]).section("Doelen")
    assert goals.headings(3) == ["Meer ouders bij het startgesprek", "Ouders lezen de nieuwsbrief"]
    items = goals.list_items()
    assert items[:5] == [
        "Criterium: 60 % komt vóór 1 mei",
        "Streefcijfer: 60 % van de ouders",
        "Klaar op: 1 mei 2026",
        "Nog geen oordeel.",
        "Startgesprek met elk nieuw gezin",  # in full in the table Afspraken
    ]
    assert items[5:] == [
        "Criterium: De helft van de ouders zegt dat ze hem lezen",
        "Resultaat: Bijna iedereen leest hem",
        "Oordeel: Gehaald",
    ]


def test_scan_table_with_the_change_since_the_previous_scan(
    trajectory: tuple[SessionStore, Trajectory],
) -> None:
    store, t = trajectory
    second = store.load(t.ids[1])
    previous = previous_scan_scores(store, second.session, "indicatoren")
    assert previous is not None
    scans = Outline.of(render_markdown(second, previous_scans={"indicatoren": previous}))
    part = scans.section("Zelfscan")
    assert part.headings(3) == [get_scan("indicatoren").name]
    assert part.header_cells() == [*SCAN_COLUMNS, CHANGE_COLUMN]
    rows = part.body_rows()
    assert len(rows) == 7
    # I1: team 3 -> 4, parents 1 -> 3. I2: team scored 2 before, nothing now: no change to show.
    assert rows[0][0] == "I1"
    assert rows[0][2:] == ["4 (klopt helemaal)", "3 (klopt grotendeels)", "1", "team +1, ouders +2"]
    assert rows[1][2:] == ["–", "–", "–", "–"]
    assert part.list_items()[0].startswith("I1: ") and part.list_items()[0].endswith(
        "(team 4, ouders 3, verschil 1)"
    )
    without = Outline.of(render_markdown(second)).section("Zelfscan")
    assert without.header_cells() == list(SCAN_COLUMNS)  # no earlier scan given: no change column


# ---------------------------------------------------------------- small sessions


def session_with(**parts: object) -> StoredSession:
    stored = hostile_session()
    stored = StoredSession(stored.session, [], [], [], [])
    for name, value in parts.items():
        setattr(stored, name, value)
    return stored


def test_sections_with_nothing_in_them_are_left_out() -> None:
    outline = Outline.of(render_markdown(session_with()))
    for heading in ("Zelfscan", "Terugblik", "Doelen", "Balans"):
        assert heading not in outline.headings(2)
    untagged = [Contribution("x", T, 0, 0, MOMENT)]
    assert "Balans" not in Outline.of(
        render_markdown(session_with(contributions=untagged))
    ).headings(2)


def test_balance_names_the_forms_without_attention_and_aims_only_when_tagged() -> None:
    contributions = [
        Contribution("a", T, 0, 0, MOMENT, form=PartnershipForm.DIDACTISCH),
        Contribution("b", P, 0, 0, MOMENT),
    ]
    agreements = [Agreement("c", "Noor", MOMENT, form=PartnershipForm.FORMEEL)]
    outline = Outline.of(
        render_markdown(session_with(contributions=contributions, agreements=agreements))
    )
    part = outline.section("Balans")
    assert part.header_cells() == list(FORM_COLUMNS)
    assert part.body_rows() == [
        ["Didactisch", "1", "0"],
        ["Pedagogisch", "0", "0"],
        ["Informeel", "0", "0"],
        ["Formeel", "0", "1"],
        ["Maatschappelijk", "0", "0"],
    ]
    said = [t.content for t in part.tokens if t.type == "inline"]
    assert "Geen aandacht: pedagogisch, informeel en maatschappelijk." in said
    assert "1 opmerking heeft nog geen vorm van partnerschap." in said
    contributions[1] = replace(contributions[1], aim=Aim.DEMOCRATISCH)
    aimed = Outline.of(
        render_markdown(session_with(contributions=contributions, agreements=agreements))
    ).section("Balans")
    assert aimed.count("table_open") == 2
    assert aimed.header_cells()[len(FORM_COLUMNS) :] == list(AIM_COLUMNS)
    assert aimed.body_rows()[5:] == [
        ["Pedagogisch: thuis en groep sluiten op elkaar aan", "0"],
        ["Toerusting: ouders en team kunnen goed samenwerken", "0"],
        ["Organisatorisch: ouders helpen mee bij activiteiten", "0"],
        ["Democratisch: ouders beslissen mee", "1"],
    ]


# ---------------------------------------------------------------- hostile text


@pytest.mark.parametrize("n", range(29))
def test_hostile_note_and_goal_stay_text(n: int) -> None:
    text = hostile(n)
    goal = Goal(text, text, result=text, judgement=Judgement.NIET)
    carried = Agreement(
        text,
        text,
        MOMENT,
        note=text,
        carried_from="eerdere-sessie",
        origin="a1",
        status_before=Status.OPEN,
        status=Status.KLAAR,
        reviewed=True,
        goal=goal.id,
    )
    stored = session_with(agreements=[carried], goals=[goal])
    stored.scan_scores = [ScanScore("criteria", "C1", T, 2)]
    outline = Outline.of(render_markdown(stored))
    headings = outline.headings(2)
    assert headings[:5] == [
        "Afspraken",
        "Doelen",
        "Afspraken per eigenaar",
        "Terugblik",
        "Zelfscan",
    ]
    assert headings[-1] == "Verslag"
    assert outline.section("Doelen").headings(3) == [text]
    (review,) = outline.section("Terugblik").list_items()
    assert review == f"{text} – eerst open, nu klaar; notitie: {text}"
    assert f"Resultaat: {text}" in outline.section("Doelen").list_items()
    assert outline.section("Afspraken").count("table_open") == 1
    assert outline.headings(1) == [f"Plan van aanpak: {stored.session.title}"]
    page = render_html(stored)
    assert "<script" not in page


def test_hostile_session_has_every_follow_through_section() -> None:
    headings = Outline.of(render_markdown(hostile_session())).headings(2)
    assert headings[:6] == [
        "Afspraken",
        "Doelen",
        "Afspraken per eigenaar",
        "Terugblik",
        "Zelfscan",
        "Balans",
    ]
    assert headings[-1] == "Verslag"
