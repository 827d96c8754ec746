"""Steps added to a phase bring their own planned time (issue 11, item 12): a look back and
self-scans in phase 1 make its planned time longer, in the clock, the schedule and the minutes.
Time only moves through FakeClock; nothing here sleeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.added_steps import added_step_minutes, load_added_step_minutes
from workshop.app.live import LiveSession, create_session
from workshop.clock import FakeClock
from workshop.errors import TemplateError
from workshop.export.markdown import render_markdown
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, Template, get_template

# data/added_steps.toml: a look back 10 minutes, a self-scan 15.
PHASE_1_WITH_EVERYTHING = 20 + 10 + 15 + 15


@pytest.fixture
def live(store: SessionStore, clock: FakeClock) -> LiveSession:
    return create_session(
        store,
        clock,
        title="Tweede sessie",
        template=get_template(DEFAULT_TEMPLATE_ID),
        review=True,
        scans=("indicatoren", "criteria"),
    )


def test_the_shipped_defaults() -> None:
    minutes = added_step_minutes()
    assert (minutes.review, minutes.scan) == (10, 15)


def test_a_look_back_and_two_scans_make_phase_1_an_hour(live: LiveSession) -> None:
    phase = live.template.phases[0]
    assert [step.kind for step in phase.steps] == [
        "terugblik",
        "gesprek",
        "gesprek",
        "gesprek",
        "scan-indicatoren",
        "scan-criteria",
    ]
    assert [step.minutes for step in phase.steps] == [10, 0, 0, 0, 15, 15]
    assert phase.planned_minutes == PHASE_1_WITH_EVERYTHING
    assert live.planned_seconds(0) == PHASE_1_WITH_EVERYTHING * 60
    assert live.timer_reading().remaining == PHASE_1_WITH_EVERYTHING * 60
    # The evaluation's own look back is that phase's work: its time stays as planned.
    assert live.template.phases[5].steps[0].kind == "terugblik"
    assert live.planned_seconds(5) == 20 * 60
    assert live.planned_total() == (120 + 40) * 60


def test_the_schedule_uses_the_added_time(live: LiveSession, clock: FakeClock) -> None:
    live.start_timer()
    clock.advance(50 * 60)
    live.go_to(1)
    assert live.schedule_delta() == -10 * 60  # not 30 minutes behind a 20-minute plan


def test_the_minutes_plan_with_the_added_time(live: LiveSession, clock: FakeClock) -> None:
    live.start_timer()
    clock.advance(55 * 60)
    live.go_to(1)
    text = render_markdown(live.stored())
    assert "Fase 1, Behoefte en kansen vaststellen: gepland 60 min, werkelijk 55 min," in text
    assert "In totaal: gepland 160 min, werkelijk 55 min." in text


def test_a_session_without_added_steps_keeps_the_templates_time(
    store: SessionStore, clock: FakeClock
) -> None:
    plain = create_session(
        store, clock, title="Eerste", template=get_template(DEFAULT_TEMPLATE_ID), review=False
    )
    assert [t.planned for t in plain.session.timers] == [m * 60 for m in (20, 20, 20, 25, 15, 20)]


def test_an_older_session_copy_without_step_minutes_still_reads() -> None:
    template = get_template(DEFAULT_TEMPLATE_ID).to_dict()
    for phase in template["phases"]:
        for step in phase["steps"]:
            del step["minutes"]
    assert Template.from_dict(template).phases[0].planned_minutes == 20


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("terugblik = 10\n", "zelfscan"),
        ("terugblik = 10\nzelfscan = 15\npauze = 5\n", "pauze"),
        ("terugblik = 'tien'\nzelfscan = 15\n", "terugblik"),
        ("terugblik = 10\nzelfscan = 601\n", "zelfscan"),
    ],
)
def test_a_wrong_added_steps_file_is_refused_in_dutch(
    tmp_path: Path, text: str, field: str
) -> None:
    path = tmp_path / "added_steps.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_added_step_minutes(path)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"Sjabloon {path}")
