"""The follow-through sections of the plan: self-scans, the review of earlier agreements, goals and
the partnership balance. Each yields nothing when it has nothing to say.

- ``Zelfscan``: per scan with scores an H3 and a table of the statements with the team's and the
  parents' score and the difference (and the change since the trajectory's previous scan), then
  the statements where the two differ most;
- ``Terugblik``: the agreements brought along from earlier sessions, with their moment (and its
  date), their status before and now, the note and whether they are overdue; those not yet
  discussed apart (owner and the other details are in the table ``Afspraken``);
- ``Doelen``: an H3 per goal with its criterion, target, date, result and judgement, and what the
  agreements linked to it are (their details are in the table);
- ``Balans``: contributions and agreements per partnership form (and per aim when anything is
  tagged with one), and what got no attention.

All user text goes through ``workshop.export.escape``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from workshop.balance import Tally, balance
from workshop.deadlines import due_text, is_overdue
from workshop.export.blocks import bullets, join_words, long_date, plural, table
from workshop.export.escape import escape_inline
from workshop.goals import Goal
from workshop.model import Agreement, Aim, Contribution, Group, PartnershipForm
from workshop.scan import (
    SCALE,
    Scan,
    ScanScore,
    StatementResult,
    biggest_differences,
    builtin_scans,
    change_since,
    compare,
    score_label,
    ties_at_cutoff,
)

SCAN_COLUMNS = ("Code", "Uitspraak", "Team", "Ouders", "Verschil")
CHANGE_COLUMN = "Sinds vorige scan"
FORM_COLUMNS = ("Partnerschap", "Inbreng", "Afspraken")
AIM_COLUMNS = ("Doel van partnerschap", "Inbreng")  # only contributions carry an aim


# -- Zelfscan -------------------------------------------------------------------------------------


def _score_cell(result: StatementResult, group: Group) -> str:
    if not result.answered(group):
        return ""
    score = result.score(group)
    return score_label(None) if score is None else f"{score} ({SCALE[score]})"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def _change_cell(team: int | None, parents: int | None) -> str:
    parts = []
    if team is not None:
        parts.append(f"team {_signed(team)}")
    if parents is not None:
        parts.append(f"ouders {_signed(parents)}")
    return ", ".join(parts)


def _scan_table(scan: Scan, scores: list[ScanScore], previous: list[ScanScore] | None) -> str:
    results = compare(scan, scores)
    rows = [
        [
            r.statement.code,
            r.statement.text,
            _score_cell(r, Group.TEAM),
            _score_cell(r, Group.OUDERPANEL),
            "" if r.difference is None else str(r.difference),
        ]
        for r in results
    ]
    if previous is None:
        return table(SCAN_COLUMNS, rows)
    changes = change_since(scan, previous, scores)
    for row, change in zip(rows, changes, strict=True):
        row.append(_change_cell(change.team, change.parents))
    return table((*SCAN_COLUMNS, CHANGE_COLUMN), rows)


def _difference_line(result: StatementResult) -> str:
    code, text = escape_inline(result.statement.code), escape_inline(result.statement.text)
    scores = f"team {result.team}, ouders {result.parents}, verschil {result.difference}"
    return f"{code}: {text} ({scores})"


def _one_scan(
    scan: Scan, scores: list[ScanScore], previous: list[ScanScore] | None
) -> Iterator[str]:
    yield f"### {escape_inline(scan.name)}"
    yield _scan_table(scan, scores, previous)
    results = compare(scan, scores)
    differing = biggest_differences(results)
    if differing:
        yield "Hier verschillen team en ouders het meest. Praat hier samen over:"
        yield bullets(_difference_line(r) for r in differing)
        if tied := ties_at_cutoff(results):
            codes = join_words([escape_inline(r.statement.code) for r in tied])
            yield (
                f"{codes} hebben hetzelfde verschil ({tied[0].difference}). Daarom staan ze er "
                f"allemaal, en zijn het er {len(differing)} in plaats van 3."
            )
    else:
        yield "Team en ouders geven bij geen enkele uitspraak een andere score."


def scan_section(
    scores: Sequence[ScanScore], previous_scans: dict[str, list[ScanScore]]
) -> Iterator[str]:
    scans = [scan for scan in builtin_scans() if any(s.scan == scan.id for s in scores)]
    if not scans:
        return
    yield "## Zelfscan"
    yield (
        "Het team en de ouders gaven elk een score per uitspraak: 1 klopt niet, "
        "2 klopt een beetje, 3 klopt grotendeels, 4 klopt helemaal."
    )
    for scan in scans:
        mine = [s for s in scores if s.scan == scan.id]
        yield from _one_scan(scan, mine, previous_scans.get(scan.id) or None)


# -- Terugblik ------------------------------------------------------------------------------------


def _status_change(agreement: Agreement) -> str:
    """"eerst open, nu klaar", "nog steeds open", or just the status when not discussed yet."""
    now = agreement.status.value
    before = agreement.status_before
    if not agreement.reviewed or before is None:
        return f"status: {now}"
    if before is agreement.status:
        return f"nog steeds {now}"
    return f"eerst {before.value}, nu {now}"


def _review_line(agreement: Agreement, day: date) -> str:
    """What the review adds to the agreement (its details are in the table)."""
    parts = []
    if when := due_text(agreement, document=True):
        parts.append(f"wanneer: {escape_inline(when)}")
    parts.append(_status_change(agreement))
    if is_overdue(agreement, day):
        parts.append("te laat")
    if agreement.note:
        parts.append(f"notitie: {escape_inline(agreement.note)}")
    # A dash, not brackets: the moment has its own "(uiterlijk ...)".
    return f"{escape_inline(agreement.what)} – {'; '.join(parts)}"


def review_section(agreements: Sequence[Agreement], day: date) -> Iterator[str]:
    carried = [a for a in agreements if a.is_carried]
    if not carried:
        return
    yield "## Terugblik"
    reviewed = [a for a in carried if a.reviewed]
    waiting = [a for a in carried if not a.reviewed]
    if reviewed:
        yield "Deze afspraken uit eerdere sessies zijn besproken:"
        yield bullets(_review_line(a, day) for a in reviewed)
    if waiting:
        yield "Deze afspraken uit eerdere sessies zijn nog niet besproken:"
        yield bullets(_review_line(a, day) for a in waiting)


# -- Doelen ---------------------------------------------------------------------------------------


def _goal_facts(goal: Goal) -> Iterator[str]:
    yield f"Criterium: {escape_inline(goal.criterion)}"
    if goal.target_percent is not None:
        yield f"Streefcijfer: {goal.target_percent} % van de ouders"
    if goal.by:
        yield f"Klaar op: {long_date(goal.by)}"
    if goal.result:
        yield f"Resultaat: {escape_inline(goal.result)}"
    yield f"Oordeel: {goal.judgement.label}" if goal.judgement else "Nog geen oordeel."


def goals_section(goals: Sequence[Goal], agreements: Sequence[Agreement]) -> Iterator[str]:
    if not goals:
        return
    yield "## Doelen"
    for goal in goals:
        yield f"### {escape_inline(goal.description)}"
        yield bullets(_goal_facts(goal))
        linked = [a for a in agreements if a.goal == goal.id]
        if linked:
            yield "Afspraken bij dit doel (zie de tabel Afspraken):"
            yield bullets(escape_inline(a.what) for a in linked)
        else:
            yield "Bij dit doel zijn nog geen afspraken gemaakt."


# -- Balans ---------------------------------------------------------------------------------------


def _no_attention(tally: Tally[PartnershipForm] | Tally[Aim], all_covered: str) -> str:
    missing = [value.value for value in tally.without_attention]
    return f"Geen aandacht: {join_words(missing)}." if missing else all_covered


def _untagged(
    tally: Tally[PartnershipForm] | Tally[Aim], what: str, *, agreements: bool = True
) -> Iterator[str]:
    """"14 opmerkingen en 1 afspraak hebben nog geen vorm van partnerschap."."""
    counts = []
    if tally.untagged_contributions:
        counts.append(plural(tally.untagged_contributions, "opmerking", "opmerkingen"))
    if agreements and tally.untagged_agreements:
        counts.append(plural(tally.untagged_agreements, "afspraak", "afspraken"))
    if counts:
        single = len(counts) == 1 and counts[0].startswith("1 ")
        yield f"{join_words(counts)} {'heeft' if single else 'hebben'} nog geen {what}."


def balance_section(
    contributions: Sequence[Contribution], agreements: Sequence[Agreement]
) -> Iterator[str]:
    counted = balance(contributions, agreements)
    if not (counted.forms.tagged or counted.aims.tagged):
        return
    yield "## Balans"
    forms, aims = counted.forms, counted.aims
    if forms.tagged:
        rows = [
            [form.value.capitalize(), str(forms.contributions[form]), str(forms.agreements[form])]
            for form in PartnershipForm
        ]
        yield table(FORM_COLUMNS, rows)
        yield _no_attention(forms, "Elke vorm van partnerschap krijgt aandacht.")
        yield from _untagged(forms, "vorm van partnerschap")
    if aims.tagged:
        rows = [[aim.label, str(aims.contributions[aim])] for aim in Aim]
        yield table(AIM_COLUMNS, rows)
        yield _no_attention(aims, "Elk doel van partnerschap krijgt aandacht.")
        yield from _untagged(aims, "doel van partnerschap", agreements=False)
