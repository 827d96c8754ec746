"""Export "zonder namen": every personal name replaced by a role, in every format."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
from helpers_export import MOMENT, demo_stored, lines, stored_sessions
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.anonymize import without_names
from workshop.export.files import export_session
from workshop.interchange import dump_session, parse_session
from workshop.model import Agreement, Contribution, Group, Participant
from workshop.store import StoredSession

ROLES = {"teamlid", "ouder", "begeleider", "eigenaar", "betrokkene"}


def personal_names(stored: StoredSession) -> set[str]:
    """Every name in the session, and each capitalised part of a name of 3 letters or more."""
    session = stored.session
    names = {p.name for p in session.participants} | {session.facilitator}
    names |= {c.author for c in stored.contributions} | {a.owner for a in stored.agreements}
    names.discard("")
    parts = {
        part for name in names for part in name.split() if len(part) >= 3 and part[0].isupper()
    }
    return names | parts


def as_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def user_texts(stored: StoredSession) -> list[str]:
    session = stored.session
    texts = [session.title, session.series, session.facilitator]
    texts += [p.name for p in session.participants]
    for c in stored.contributions:
        texts += [c.text, c.author]
    for a in stored.agreements:
        texts += [a.what, a.owner, a.with_whom, a.instrument, a.note]
    for g in stored.goals:
        texts += [g.description, g.criterion, g.result]
    return texts


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> StoredSession:
    return demo_stored(tmp_path_factory.mktemp("demo"))


# ---------------------------------------------------------------- the demo, in every format


def test_demo_knows_the_names_we_look_for(demo: StoredSession) -> None:
    assert {"Fatima El Amrani", "Joost", "Vries", "Marieke Jansen", "Sevda"} <= personal_names(demo)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_demo_export_without_names_has_no_name_anywhere(
    demo: StoredSession, tmp_path: Path, fmt: str
) -> None:
    path = export_session(demo, fmt, None, tmp_path, without_names=True, today=date(2026, 3, 12))
    content = path.read_text(encoding="utf-8")
    found = {name for name in personal_names(demo) if name.casefold() in content.casefold()}
    assert found == set()
    assert not any(name.casefold() in path.name for name in personal_names(demo))
    named = export_session(demo, fmt, None, tmp_path).read_text(encoding="utf-8")
    assert "Sevda" in named  # the check above would have seen a name


def test_demo_without_names_keeps_roles_content_and_counts(demo: StoredSession) -> None:
    result = without_names(demo)
    assert result.session.facilitator == "begeleider"
    assert [p.name for p in result.session.participants] == [""] * 6
    assert [p.group for p in result.session.participants] == [
        p.group for p in demo.session.participants
    ]
    assert [a.owner for a in result.agreements] == ["teamlid", "teamlid", "ouder", "teamlid"]
    assert [a.with_whom for a in result.agreements] == ["ouder", "betrokkene", "teamlid", ""]
    authored = [c for c in result.contributions if c.author]
    assert [c.author for c in authored] == ["ouder"]
    assert [c.text for c in result.contributions] == [c.text for c in demo.contributions]
    assert result.session.location == demo.session.location


def test_without_names_leaves_the_original_alone(demo: StoredSession) -> None:
    before = copy.deepcopy(dump_session(demo))
    result = without_names(demo)
    assert dump_session(demo) == before
    assert result.session is not demo.session
    assert result.session.participants is not demo.session.participants


def test_json_without_names_is_still_a_valid_session(demo: StoredSession) -> None:
    result = without_names(demo)
    assert parse_session(json.loads(json.dumps(dump_session(result)))) == result


# ---------------------------------------------------------------- the rules, one by one


def session_with(
    participants: list[Participant],
    contributions: list[Contribution] = (),  # type: ignore[assignment]
    agreements: list[Agreement] = (),  # type: ignore[assignment]
    facilitator: str = "",
    title: str = "Overleg",
) -> StoredSession:
    from workshop.model import PhaseTimer, Session
    from workshop.template import get_template

    template = get_template("partnerschapsteam-90")
    session = Session(
        title=title,
        location="Peuterspeelzaal Het Anker",
        day=MOMENT.date(),
        facilitator=facilitator,
        template=template.to_dict(),
        participants=participants,
        timers=[PhaseTimer.fresh(p.minutes) for p in template.phases],
    )
    return StoredSession(session, list(contributions), list(agreements))


PEOPLE = [
    Participant(Group.TEAM, "Joost de Vries"),
    Participant(Group.OUDERPANEL, "Sevda"),
    Participant(Group.OUDERPANEL, "İlker Yılmaz"),
]


def test_names_in_free_text_are_replaced_as_whole_words_in_any_case() -> None:
    said = "Joost en SEVDA praten met ilker yılmaz; Joost's idee. Sevdahuis en de brief blijven."
    stored = session_with(
        PEOPLE,
        [Contribution(said, Group.TEAM, 0, 0, MOMENT)],
        title="Overleg met Sevda",
    )
    result = without_names(stored)
    assert result.contributions[0].text == (
        "teamlid en ouder praten met ouder; teamlid's idee. Sevdahuis en de brief blijven."
    )
    assert result.session.title == "Overleg met ouder"
    assert result.session.location == "Peuterspeelzaal Het Anker"


def test_authors_become_the_role_of_their_group() -> None:
    stored = session_with(
        [],
        [
            Contribution("a", Group.TEAM, 0, 0, MOMENT, author="Priya"),
            Contribution("b", Group.OUDERPANEL, 0, 0, MOMENT, author="Noor"),
            Contribution("c", Group.OUDERPANEL, 0, 0, MOMENT),
            Contribution("Noor vindt dat Priya gelijk heeft", Group.TEAM, 0, 0, MOMENT),
        ],
    )
    result = without_names(stored)
    assert [c.author for c in result.contributions] == ["teamlid", "ouder", "", ""]
    assert result.contributions[3].text == "ouder vindt dat teamlid gelijk heeft"


def test_owners_and_with_whom_become_roles() -> None:
    stored = session_with(
        PEOPLE,
        agreements=[
            Agreement("Bellen", "joost de vries", MOMENT, with_whom="Sevda"),
            Agreement("Mailen", "Ayşe van de GGD", MOMENT, with_whom="het consultatiebureau"),
            Agreement("Brief", "Marieke", MOMENT, with_whom="Sevda en Joost"),
            Agreement("Plannen", "Sevda", MOMENT, with_whom="Marieke"),
            Agreement("Vragen aan Ayşe", "Marieke", MOMENT),
        ],
        facilitator="Marieke",
    )
    result = without_names(stored)
    assert [a.owner for a in result.agreements] == [
        "teamlid",
        "eigenaar",
        "begeleider",
        "ouder",
        "begeleider",
    ]
    assert [a.with_whom for a in result.agreements] == [
        "ouder",
        "betrokkene",
        "ouder en teamlid",
        "begeleider",
        "",
    ]
    assert result.agreements[4].what == "Vragen aan eigenaar"


def test_particles_and_short_parts_are_not_treated_as_names() -> None:
    stored = session_with(
        [Participant(Group.TEAM, "Fatima El Amrani"), Participant(Group.TEAM, "Jan van der Berg")],
        [
            Contribution(
                "El Niño en de van der Waals-kracht: Fatima en Amrani, Berg",
                Group.TEAM,
                0,
                0,
                MOMENT,
            )
        ],
    )
    result = without_names(stored)
    assert result.contributions[0].text == (
        "El Niño en de van der Waals-kracht: teamlid en teamlid, teamlid"
    )


def test_names_in_review_notes_goals_and_series_are_replaced() -> None:
    from workshop.goals import Goal

    stored = session_with(
        PEOPLE,
        agreements=[
            Agreement(
                "Bellen",
                "Joost de Vries",
                MOMENT,
                note="Sevda heeft het overgenomen",
                carried_from="eerdere-sessie",
                origin="a1",
            )
        ],
    )
    stored.goals = [Goal("Sevda en Joost leren", "Joost vraagt het na", result="Sevda: gelukt")]
    stored.session.series = "Traject met Sevda"
    result = without_names(stored)
    assert result.agreements[0].note == "ouder heeft het overgenomen"
    assert result.agreements[0].owner == "teamlid" and result.agreements[0].is_carried
    (goal,) = result.goals
    assert (goal.description, goal.criterion, goal.result) == (
        "ouder en teamlid leren",
        "teamlid vraagt het na",
        "ouder: gelukt",
    )
    assert result.session.series == "Traject met ouder"
    assert stored.goals[0].description == "Sevda en Joost leren"  # the original is untouched


# ---------------------------------------------------------------- any names (hypothesis)

_NAME_LETTERS = st.sampled_from(list("abcdefghijklmnoprstuvwyzçğışöüéëïáàøåñ"))
_NAMES = (
    st.text(_NAME_LETTERS, min_size=3, max_size=9)
    .map(str.capitalize)
    .filter(lambda name: name.casefold() not in ROLES)
)


@st.composite
def sessions_that_mention_their_people(draw: st.DrawFn) -> StoredSession:
    """Valid sessions whose people have names, and whose free text mentions them."""
    stored = draw(stored_sessions())
    names = draw(st.lists(_NAMES, min_size=1, max_size=4, unique_by=str.casefold))
    stored.session.participants = [
        Participant(draw(st.sampled_from(Group)), name, id=f"p{i}") for i, name in enumerate(names)
    ]
    stored.session.facilitator = draw(st.sampled_from(names) | _NAMES)

    def mention(text: str) -> str:
        return f"{text} {draw(st.sampled_from(names))}, {draw(lines())}"

    stored.session.title = mention(stored.session.title)
    for contribution in stored.contributions:
        contribution.text = mention(contribution.text)
        contribution.author = draw(st.sampled_from(["", *names]))
    for agreement in stored.agreements:
        agreement.what = mention(agreement.what)
        agreement.owner = draw(st.sampled_from(names) | _NAMES)
        agreement.with_whom = draw(st.sampled_from(["", *names]) | lines())
        agreement.instrument = mention(agreement.instrument)
        agreement.note = mention(agreement.note)
    for goal in stored.goals:
        goal.description = mention(goal.description)
        goal.criterion = mention(goal.criterion)
        goal.result = mention(goal.result)
    stored.session.series = mention(stored.session.series)
    return stored


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=sessions_that_mention_their_people())
def test_no_name_survives_in_any_field(stored: StoredSession) -> None:
    names = personal_names(stored)
    result = without_names(stored)
    for text in user_texts(result):
        for name in names:
            assert not as_word(name).search(text), (name, text)
    assert len(result.contributions) == len(stored.contributions)
    assert [a.status for a in result.agreements] == [a.status for a in stored.agreements]
