"""The plan of approach (plan van aanpak) of a session, as Markdown.

The document, in the order a reader needs it (a manager often reads the first page only):

- an H1 "Plan van aanpak: <title>", then date, location, facilitator and participants per group;
- what was agreed: an H2 ``Afspraken`` with one GFM table, a row per agreement with its owner and
  its moment as a date (``workshop.export.agreements``), then ``Doelen``, then
  ``Afspraken per eigenaar`` (a short to-do list per owner);
- ``Terugblik``, ``Zelfscan`` and ``Balans`` (see ``workshop.export.followup``), each only when
  there is something in it;
- what was said: one H2 per phase that was worked on (it has contributions or its timer ran), with
  an H3 per step that has contributions; the team's and the parent panel's input in separate
  labelled lists;
- an H2 ``Verslag``: per phase the planned and the actual minutes, and when it ran; a phase the
  session passed without working on it says "overgeslagen" (``workshop.phase_progress``).

Each agreement is written in full once (in the table); the goals, the to-do list and the
terugblik name it with only what they add.

Every piece of user text (template texts included, since templates are files people edit) goes
through ``workshop.export.escape``; only the labels written here carry Markdown syntax.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from workshop import timer as timers
from workshop.dates import MONTHS, long_date
from workshop.export.agreements import (
    AGREEMENT_COLUMNS,
    agreements_by_owner,
    agreements_per_owner,
    agreements_table,
    owner_key,
)
from workshop.export.blocks import bullets, join_words, plural
from workshop.export.escape import escape_inline
from workshop.export.followup import balance_section, goals_section, review_section, scan_section
from workshop.model import Contribution, Group, Participant, Session
from workshop.phase_progress import PhaseProgress, phase_progress
from workshop.scan import ScanScore
from workshop.store import StoredSession
from workshop.template import Phase, Template
from workshop.text import format_moment

__all__ = [
    "AGREEMENT_COLUMNS",
    "MONTHS",
    "agreements_by_owner",
    "long_date",
    "owner_key",
    "plan_title",
    "render_markdown",
    "render_markdown_head",
]


def plan_title(title: str) -> str:
    """The document's title, as plain text (the Markdown escapes it)."""
    return f"Plan van aanpak: {title}"


def render_markdown(
    stored: StoredSession,
    *,
    now: datetime | None = None,
    exported_on: date | None = None,
    previous_scans: dict[str, list[ScanScore]] | None = None,
) -> str:
    """The whole plan as Markdown.

    ``now`` closes a timer stretch that still runs; by default it is the latest moment in the
    timing log, so the same session always gives the same document. ``exported_on`` adds a last
    line saying when the document was made. ``previous_scans`` holds, per scan id, the scores of
    the trajectory's earlier scan (``workshop.trajectory.previous_scan_scores``): the scan table
    then shows the change.
    """
    session = stored.session
    template = Template.from_dict(session.template)
    now = now or timers.last_logged_moment(session.timing_log)
    blocks: list[str] = [
        *_head(stored, template),
        *goals_section(stored.goals, stored.agreements),
        *agreements_per_owner(stored.agreements),
        *review_section(stored.agreements, session.day),
        *scan_section(stored.scan_scores, previous_scans or {}),
        *balance_section(stored.contributions, stored.agreements),
        *_phase_sections(stored, template, now),
        *_minutes(session, template, now, stored.contributions),
    ]
    if exported_on:
        blocks.append(f"*Gemaakt op {long_date(exported_on)}.*")
    return "\n\n".join(block for block in blocks if block) + "\n"


def render_markdown_head(stored: StoredSession) -> str:
    """The top of the plan, as ``render_markdown`` starts it: the title, the facts and the
    agreements table. The app shows it while the rest is made (a plan of 10,000 remarks takes
    tens of milliseconds); it needs none of the contributions."""
    template = Template.from_dict(stored.session.template)
    return "\n\n".join(block for block in _head(stored, template) if block) + "\n"


def _head(stored: StoredSession, template: Template) -> Iterator[str]:
    session = stored.session
    yield f"# {escape_inline(plan_title(session.title))}"
    yield bullets(_facts(session, template))
    yield from agreements_table(stored.agreements)


# -- small helpers ------------------------------------------------------------------------------


def _minutes_label(seconds: float) -> str:
    return f"{round(seconds / 60)} min"


# -- the opening facts --------------------------------------------------------------------------


def _facts(session: Session, template: Template) -> Iterator[str]:
    yield f"**Datum:** {long_date(session.day)}"
    if session.location:
        yield f"**Locatie:** {escape_inline(session.location)}"
    if session.series:
        yield f"**Traject:** {escape_inline(session.series)}"
    if session.facilitator:
        yield f"**Begeleider:** {escape_inline(session.facilitator)}"
    for group in Group:
        members = [p for p in session.participants if p.group is group]
        yield f"**{group.label}:** {_members(members, group)}"
    yield f"**Werkvorm:** {escape_inline(template.name)}"


def _members(members: list[Participant], group: Group) -> str:
    """Named people by name, anonymous people counted: 'Sevda en 2 anonieme ouders'."""
    named = [escape_inline(p.name) for p in members if p.name]
    anonymous = len(members) - len(named)
    if anonymous:
        many = "anonieme ouders" if group is Group.OUDERPANEL else "anonieme teamleden"
        one = "anonieme ouder" if group is Group.OUDERPANEL else "anoniem teamlid"
        named.append(plural(anonymous, one, many))
    return join_words(named) or "niemand"


# -- the phases ---------------------------------------------------------------------------------


def _phase_heading(phase: Phase) -> str:
    return f"Fase {phase.number}: {escape_inline(phase.name)}"


def _phase_sections(
    stored: StoredSession, template: Template, now: datetime | None
) -> Iterator[str]:
    timed = {entry.phase for entry in stored.session.timing_log}
    for index, phase in enumerate(template.phases):
        contributions = [c for c in stored.contributions if c.phase == index]
        if not contributions and index not in timed:
            continue
        yield f"## {_phase_heading(phase)}"
        if phase.opbrengst:
            yield f"*Opbrengst van deze fase:* {escape_inline(phase.opbrengst)}"
        if not contributions:
            yield "Bij deze fase is geen inbreng genoteerd."
        for step_index, step in enumerate(phase.steps):
            in_step = [c for c in contributions if c.step == step_index]
            if in_step:
                yield f"### Stap {step_index + 1}: {escape_inline(step.title)}"
                yield from _voices(in_step)


def _voices(contributions: list[Contribution]) -> Iterator[str]:
    """The team's and the parents' input as two labelled lists, most votes first."""
    for group in Group:
        said = sorted((c for c in contributions if c.group is group), key=lambda c: -c.votes)
        if said:
            yield f"**{group.label}**"
            yield bullets(_contribution_line(c) for c in said)


def _contribution_line(contribution: Contribution) -> str:
    details = []
    if contribution.form:
        details.append(contribution.form.value)
    if contribution.votes:
        details.append(plural(contribution.votes, "stem", "stemmen"))
    if contribution.author:
        details.append(f"door {escape_inline(contribution.author)}")
    line = f"**{contribution.kind.value.capitalize()}:** {escape_inline(contribution.text)}"
    return f"{line} ({', '.join(details)})" if details else line


# -- the minutes --------------------------------------------------------------------------------


def _clock_time(moment: datetime, day: date) -> str:
    return f"{moment:%H:%M}" if moment.date() == day else format_moment(moment)


def _ran_from_to(session: Session, index: int) -> str | None:
    """'van 09:00 tot 09:22', or None when the phase's timer never ran."""
    span = timers.ran_between(session.timing_log, index)
    if span is None:
        return None
    started, stopped = span
    begin = _clock_time(started, session.day)
    if stopped is None:
        return f"van {begin}, loopt nog"
    return f"van {begin} tot {_clock_time(stopped, session.day)}"


def _planned_seconds(session: Session, phase: Phase, index: int) -> float:
    """The planned time as adjusted during the session; the template's when there is no timer."""
    if index < len(session.timers):
        return session.timers[index].planned
    return phase.planned_minutes * 60.0


def _actual_seconds(session: Session, index: int, now: datetime | None) -> float:
    return timers.actual_seconds(session.timing_log, index, now) if now else 0.0


def _phase_minutes_line(
    session: Session, phase: Phase, index: int, now: datetime | None, progress: PhaseProgress
) -> str:
    line = f"Fase {phase.number}, {escape_inline(phase.name)}: gepland "
    line += _minutes_label(_planned_seconds(session, phase, index))
    if progress is PhaseProgress.SKIPPED:
        return f"{line}, overgeslagen."
    ran = _ran_from_to(session, index)
    if ran is None:
        done = progress is PhaseProgress.DONE
        return f"{line}, {'besproken zonder klok' if done else 'nog niet gedaan'}."
    return f"{line}, werkelijk {_minutes_label(_actual_seconds(session, index, now))}, {ran}."


def _minutes(
    session: Session, template: Template, now: datetime | None, said: list[Contribution]
) -> Iterator[str]:
    yield "## Verslag"
    phases = list(enumerate(template.phases))
    progress = phase_progress(session, said, len(phases), now)
    yield bullets(_phase_minutes_line(session, phase, i, now, progress[i]) for i, phase in phases)
    planned = sum(_planned_seconds(session, phase, i) for i, phase in phases)
    actual = sum(_actual_seconds(session, i, now) for i, _ in phases)
    yield f"In totaal: gepland {_minutes_label(planned)}, werkelijk {_minutes_label(actual)}."
    position = session.position
    if 0 <= position.phase < len(template.phases):
        number = template.phases[position.phase].number
        yield f"De sessie staat nu bij fase {number}, stap {position.step + 1}."
