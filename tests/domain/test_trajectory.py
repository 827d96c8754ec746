"""Trajectories: three sessions at one location, agreements brought along, reviewed and finished;
series, the review and scan steps, due moments and overdue agreements, lists across sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from helpers_trajectory import DAYS, LOCATION, Trajectory, start, three_sessions

from workshop.clock import FakeClock
from workshop.goals import Judgement
from workshop.model import Agreement, Due, Horizon, Session, Status
from workshop.session import open_session
from workshop.store import SessionStore
from workshop.template import get_template
from workshop.trajectory import (
    REVIEW_KIND,
    all_agreements,
    due_moment,
    earlier_sessions,
    is_overdue,
    previous_scan_scores,
    trajectory_key,
)


@pytest.fixture
def trajectory(store: SessionStore, clock: FakeClock) -> Trajectory:
    return three_sessions(store, clock)


def by_origin(agreements: list[Agreement]) -> dict[str | None, Agreement]:
    return {a.origin: a for a in agreements}


# ---------------------------------------------------------------- bringing along


def test_second_session_brings_along_the_open_agreements(
    store: SessionStore, trajectory: Trajectory
) -> None:
    first, second = (store.load(i) for i in trajectory.ids[:2])
    made = trajectory.first
    carried = [a for a in second.agreements if a.is_carried]
    assert {a.origin for a in carried} == {
        made["brieven"],
        made["koffie"],
        made["startgesprek"],
        made["tolk"],
    }  # not the one that was already done
    originals = {a.id: a for a in first.agreements}
    for agreement in carried:
        original = originals[agreement.origin]  # type: ignore[index]
        assert agreement.id != original.id
        assert agreement.carried_from == first.session.id
        assert agreement.status_before is Status.OPEN
        assert agreement.what == original.what and agreement.created == original.created
        assert (agreement.source, agreement.phase) == (None, None)  # those were the first session's
    assert [a.origin for a in second.agreements if not a.is_carried] == [None]


def test_review_in_the_second_session_is_stored(
    store: SessionStore, trajectory: Trajectory
) -> None:
    made = trajectory.first
    second = by_origin(store.load(trajectory.ids[1]).agreements)
    brieven, koffie, tolk = (second[made[k]] for k in ("brieven", "koffie", "tolk"))
    assert (brieven.status, brieven.note, brieven.reviewed) == (
        Status.KLAAR,
        "Nieuwe brief is af",
        True,
    )
    assert (tolk.status, tolk.reviewed) == (Status.VERVALLEN, True)
    assert (koffie.status, koffie.owner, koffie.note) == (
        Status.BEZIG,
        "Ayşe",
        "Eerste keer 5 ouders",
    )
    startgesprek = second[made["startgesprek"]]
    assert (startgesprek.status, startgesprek.reviewed) == (Status.OPEN, False)


def test_third_session_brings_along_only_what_is_still_open_in_its_latest_version(
    store: SessionStore, trajectory: Trajectory
) -> None:
    made = trajectory.first
    second_id = trajectory.ids[1]
    third = store.load(trajectory.ids[2])
    assert len(third.agreements) == 3  # no duplicates of what came through session 2
    carried = by_origin(third.agreements)
    assert set(carried) == {made["koffie"], made["startgesprek"], trajectory.new_in_second}
    koffie = carried[made["koffie"]]
    assert (koffie.owner, koffie.status, koffie.status_before) == (
        "Ayşe",
        Status.BEZIG,
        Status.BEZIG,
    )
    assert (koffie.note, koffie.reviewed) == ("", False)  # a new review starts empty
    assert all(a.carried_from == second_id for a in third.agreements)
    assert len({a.lineage for a in third.agreements}) == 3


def test_goals_are_brought_along_until_judged_and_links_follow(
    store: SessionStore, trajectory: Trajectory
) -> None:
    made = trajectory.first
    second = store.load(trajectory.ids[1])
    assert {g.origin for g in second.goals} == {made["doel"], made["nieuwsbrief"]}
    judged = next(g for g in second.goals if g.origin == made["nieuwsbrief"])
    assert judged.judgement is Judgement.GEHAALD
    third = store.load(trajectory.ids[2])
    (goal,) = third.goals
    assert goal.origin == made["doel"] and goal.carried_from == trajectory.ids[1]
    startgesprek = by_origin(third.agreements)[made["startgesprek"]]
    assert startgesprek.goal == goal.id  # linked to the copy of the goal in this session
    assert [a.goal for a in third.agreements if a is not startgesprek] == [None, None]


def test_review_step_first_when_agreements_were_brought_along(
    store: SessionStore, trajectory: Trajectory
) -> None:
    first, second = (store.load(i).session for i in trajectory.ids[:2])
    assert first.template["phases"][0]["steps"][0]["kind"] != REVIEW_KIND
    step = second.template["phases"][0]["steps"][0]
    assert (step["kind"], step["title"]) == (REVIEW_KIND, "Terugblik op eerdere afspraken")
    third = store.load(trajectory.ids[2]).session
    assert (third.position.phase, third.position.step) == (0, 0)  # a new session starts there
    original = get_template("stappenplan").to_dict()["phases"][0]["steps"]
    assert second.template["phases"][0]["steps"][1:] == original
    assert len(second.timers) == 6  # timers stay per phase


def test_a_session_elsewhere_brings_nothing(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    other = start(store, clock, DAYS[2], "Elders", location="Kinderdagverblijf De Zonnebloem")
    try:
        assert other.agreements == [] and other.goals == []
        assert other.session.template["phases"][0]["steps"][0]["kind"] == "gesprek"
    finally:
        other.close()


def test_location_is_compared_without_case_and_extra_spaces(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    later = start(
        store, clock, DAYS[2] + timedelta(days=1), "Later", location="  peuterspeelzaal  het ANKER "
    )
    try:
        assert len(later.carried_agreements()) == 3
    finally:
        later.close()


def test_series_overrides_location(store: SessionStore, clock: FakeClock) -> None:
    first = start(store, clock, DAYS[0], "Taalgroep 1", series="Taalgroep")
    first.add_agreement("Voorleesmap maken", "Noor")
    first.close()
    same_place = start(store, clock, DAYS[1], "Gewone avond")  # same location, no series
    same_place.close()
    elsewhere = start(store, clock, DAYS[1], "Taalgroep 2", series=" taalgroep ", location="Zeist")
    try:
        assert same_place.agreements == []
        assert [a.what for a in elsewhere.carried_agreements()] == ["Voorleesmap maken"]
        assert trajectory_key(elsewhere.session) == "taalgroep"
    finally:
        elsewhere.close()


def test_no_location_and_no_series_is_no_trajectory(store: SessionStore, clock: FakeClock) -> None:
    first = start(store, clock, DAYS[0], "Een", location="")
    first.add_agreement("Iets", "Noor")
    first.close()
    second = start(store, clock, DAYS[1], "Twee", location="")
    try:
        assert second.agreements == []
        assert earlier_sessions(store, second.session) == []
    finally:
        second.close()


def test_only_earlier_sessions_count(store: SessionStore, clock: FakeClock) -> None:
    late = start(store, clock, DAYS[2], "Juni")
    late.add_agreement("Later gemaakt", "Noor")
    late.close()
    early = start(store, clock, DAYS[0], "Maart, later ingevoerd")
    try:
        assert early.agreements == []  # a session of a later day is not "before"
    finally:
        early.close()
    same_day = start(store, clock, DAYS[2], "Juni, tweede deel", later=30)
    try:
        assert [a.what for a in same_day.carried_agreements()] == ["Later gemaakt"]
        ids = [s.id for s in earlier_sessions(store, same_day.session)]
        assert ids == [early.session.id, late.session.id]  # oldest first
    finally:
        same_day.close()


def test_a_damaged_earlier_session_is_skipped(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    (store.sessions_dir / trajectory.ids[2] / "session.json").write_text("kapot")
    later = start(store, clock, DAYS[2] + timedelta(days=7), "Na de kapotte")
    try:
        # Session 2 is the latest readable one: its open agreements come along.
        assert {a.carried_from for a in later.carried_agreements()} == {trajectory.ids[1]}
        assert len(later.carried_agreements()) == 3
    finally:
        later.close()


# ---------------------------------------------------------------- the steps


def test_review_choice_and_the_evaluation_phase(store: SessionStore, clock: FakeClock) -> None:
    plain = start(store, clock, DAYS[0], "Zonder terugblik", location="Ergens")
    plain.add_agreement("Open", "Noor")
    plain.close()
    steps = plain.session.template["phases"]
    assert steps[0]["steps"][0]["kind"] == "gesprek"
    assert steps[5]["steps"][0]["kind"] == REVIEW_KIND  # phase 6, the evaluation, always starts so
    assert len(steps[5]["steps"]) == 4
    without = start(store, clock, DAYS[1], "Toch niet", location="Ergens", review=False)
    without.close()
    assert len(without.carried_agreements()) == 1  # brought along, just no step first
    assert without.session.template["phases"][0]["steps"][0]["kind"] == "gesprek"
    forced = start(store, clock, DAYS[1], "Altijd", location="Nergens", review=True)
    forced.close()
    assert forced.session.template["phases"][0]["steps"][0]["kind"] == REVIEW_KIND


def test_short_template_without_evaluation_gets_no_review_step(
    store: SessionStore, clock: FakeClock
) -> None:
    from workshop.session import create_session

    live = create_session(
        store, clock, title="Kort", template=get_template("partnerschapsteam-90"), location="X"
    )
    live.close()
    assert all(s["kind"] == "gesprek" for p in live.session.template["phases"] for s in p["steps"])


def test_scans_become_steps_at_the_end_of_the_first_phase(
    store: SessionStore, clock: FakeClock
) -> None:
    live = start(
        store, clock, DAYS[0], "Met scans", scans=("indicatoren", "criteria", "indicatoren")
    )
    live.close()
    steps = live.session.template["phases"][0]["steps"]
    assert [s["kind"] for s in steps] == ["gesprek"] * 3 + ["scan-indicatoren", "scan-criteria"]
    assert steps[3]["title"] == "Zelfscan: zeven punten van de inspectie"
    assert steps[3]["questions"]


def test_unknown_scan_is_refused_and_nothing_is_stored(
    store: SessionStore, clock: FakeClock
) -> None:
    from workshop.errors import NotFoundError

    with pytest.raises(NotFoundError, match="geen scan"):
        start(store, clock, DAYS[0], "Fout", scans=("bestaat-niet",))
    assert store.list_sessions() == []


# ---------------------------------------------------------------- due and overdue

MADE = datetime.fromisoformat("2026-01-31T10:00:00+01:00")


@pytest.mark.parametrize(
    ("horizon", "due"),
    [
        (Horizon.DEZE_WEEK, date(2026, 2, 7)),
        (Horizon.VOLGENDE_WEEK, date(2026, 2, 14)),
        (Horizon.VOLGENDE_MAAND, date(2026, 2, 28)),  # no 31 February: the last day
        (Horizon.HALF_JAAR, date(2026, 7, 31)),
    ],
)
def test_due_moment_of_a_horizon_counts_from_when_it_was_made(horizon: Horizon, due: date) -> None:
    agreement = Agreement("x", "Noor", MADE, due=Due(horizon=horizon))
    assert due_moment(agreement) == due
    assert not is_overdue(agreement, due)
    assert is_overdue(agreement, due + timedelta(days=1))


def test_due_moment_of_a_date_and_of_nothing() -> None:
    assert due_moment(Agreement("x", "Noor", MADE, due=Due(on=date(2026, 3, 1)))) == date(
        2026, 3, 1
    )
    never = Agreement("x", "Noor", MADE)
    assert due_moment(never) is None
    assert not is_overdue(never, date(2099, 1, 1))


def test_half_a_year_over_the_turn_of_the_year() -> None:
    made = MADE.replace(month=8, day=31)
    agreement = Agreement("x", "Noor", made, due=Due(horizon=Horizon.HALF_JAAR))
    assert due_moment(agreement) == date(2027, 2, 28)


@pytest.mark.parametrize("status", list(Status))
def test_done_and_dropped_agreements_are_never_overdue(status: Status) -> None:
    agreement = Agreement("x", "Noor", MADE, due=Due(on=date(2026, 2, 1)), status=status)
    assert is_overdue(agreement, date(2026, 3, 1)) == (status in (Status.OPEN, Status.BEZIG))


def test_live_session_judges_overdue_on_its_own_day(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    third = open_session(store, trajectory.ids[2], clock)
    try:
        late = {a.what for a in third.agreements if third.overdue(a)}
        # Made on 14 April for 14 May; the third session is on 2 June. The coffee morning was due
        # a week after 10 March. The start conversations on 1 April.
        assert late == {
            "Koffieochtend op vrijdag",
            "Startgesprek met elk nieuw gezin",
            "Inloopochtend met het consultatiebureau",
        }
    finally:
        third.close()
    second = open_session(store, trajectory.ids[1], clock)
    try:
        assert not second.overdue(second.agreement(trajectory.new_in_second))
    finally:
        second.close()


# ---------------------------------------------------------------- across sessions


def test_all_agreements_lists_the_latest_version_of_each(
    store: SessionStore, trajectory: Trajectory
) -> None:
    rows = all_agreements(store)
    assert len(rows) == 6  # five made in March, one in April; each once
    assert len({r.agreement.lineage for r in rows}) == 6
    by_what = {r.agreement.what: r for r in rows}
    assert by_what["Brieven korter maken"].agreement.status is Status.KLAAR
    assert by_what["Brieven korter maken"].session.id == trajectory.ids[1]
    assert by_what["Koffieochtend op vrijdag"].session.id == trajectory.ids[2]
    assert by_what["Ouderkamer opruimen"].session.id == trajectory.ids[0]


def test_all_agreements_filters(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    elsewhere = start(store, clock, DAYS[0], "Elders", location="Kinderdagverblijf De Zonnebloem")
    elsewhere.add_agreement("Nieuwsbrief vertalen", "ayşe ")
    elsewhere.close()
    open_rows = all_agreements(store, open_only=True)
    assert {r.agreement.status for r in open_rows} == {Status.OPEN, Status.BEZIG}
    assert len(open_rows) == 4
    mine = all_agreements(store, owner="  AYŞE")
    assert sorted(r.agreement.what for r in mine) == [
        "Koffieochtend op vrijdag",
        "Nieuwsbrief vertalen",
    ]
    anker = all_agreements(store, owner="ayşe", location="anker")
    assert [r.agreement.what for r in anker] == ["Koffieochtend op vrijdag"]
    assert all_agreements(store, location="zonnebloem")[0].session.location.endswith("Zonnebloem")
    assert all_agreements(store, owner="Niemand") == []
    assert len(all_agreements(store, owner="", location=" ")) == 7  # empty filters: everything


# ---------------------------------------------------------------- scans across sessions


def test_previous_scan_scores_come_from_the_latest_earlier_scan(
    store: SessionStore, trajectory: Trajectory
) -> None:
    first, second, third = (store.load(i) for i in trajectory.ids)
    assert previous_scan_scores(store, first.session, "indicatoren") is None
    from_first = previous_scan_scores(store, second.session, "indicatoren")
    assert from_first == first.scan_scores
    # The third session has no scores itself; the latest earlier scan is the second one.
    assert previous_scan_scores(store, third.session, "indicatoren") == second.scan_scores
    assert previous_scan_scores(store, third.session, "criteria") is None


def test_trajectory_key_of_sessions_and_summaries(
    store: SessionStore, trajectory: Trajectory
) -> None:
    summary = next(s for s in store.list_sessions() if s.id == trajectory.ids[0])
    assert trajectory_key(summary) == trajectory_key(store.load(summary.id).session)
    assert trajectory_key(summary) == LOCATION.casefold()
    assert summary.created is not None and summary.series == ""
    blank = Session("x", " ", date(2026, 1, 1), "", {}, series="")
    assert trajectory_key(blank) == ""


def test_a_moment_without_time_zone_does_not_break_the_order(
    store: SessionStore, clock: FakeClock, trajectory: Trajectory
) -> None:
    import json

    path = store.sessions_dir / trajectory.ids[1] / "summary.json"
    summary = json.loads(path.read_text())
    summary["created"] = "2026-04-14T19:00:00"  # edited by hand, no time zone
    path.write_text(json.dumps(summary))
    later = start(store, clock, DAYS[1], "Dezelfde avond, later", later=30)
    try:  # the same day as session 2, so the moments are compared
        assert {a.carried_from for a in later.carried_agreements()} == {trajectory.ids[1]}
        assert len(later.carried_agreements()) == 3
    finally:
        later.close()
