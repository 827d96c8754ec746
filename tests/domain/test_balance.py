"""The partnership balance: counts per form and per aim, and what gets no attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from workshop.balance import Aim, balance
from workshop.model import Agreement, Contribution, Group, PartnershipForm

WHEN = datetime.fromisoformat("2026-03-10T09:00:00+01:00")
F = PartnershipForm


def _contribution(form: F | None = None, group: Group = Group.TEAM) -> Contribution:
    return Contribution("inbreng", group, phase=0, step=0, created=WHEN, form=form)


def _agreement(form: F | None = None) -> Agreement:
    return Agreement("afspraak", "Sanne", created=WHEN, form=form)


@dataclass
class _AimedContribution:
    """Stands in for a contribution once the model has an ``aim``."""

    form: F | None
    aim: Aim | str | None


def test_nothing_tagged_every_form_and_aim_without_attention():
    result = balance([_contribution(), _contribution(group=Group.OUDERPANEL)], [_agreement()])
    assert result.forms.contributions == dict.fromkeys(F, 0)
    assert result.forms.agreements == dict.fromkeys(F, 0)
    assert (result.forms.untagged_contributions, result.forms.untagged_agreements) == (2, 1)
    assert result.forms.without_attention == list(F)
    assert not result.forms.tagged
    assert result.aims.without_attention == list(Aim)
    assert result.aims.untagged_contributions == 2 and not result.aims.tagged


def test_empty_session():
    result = balance([], [])
    assert result.forms.untagged_contributions == result.forms.untagged_agreements == 0
    assert result.forms.without_attention == list(F)


def test_counts_per_form_and_the_forms_left_out():
    contributions = [
        _contribution(F.DIDACTISCH),
        _contribution(F.DIDACTISCH, Group.OUDERPANEL),
        _contribution(F.INFORMEEL),
        _contribution(),
    ]
    agreements = [_agreement(F.DIDACTISCH), _agreement(F.MAATSCHAPPELIJK), _agreement()]
    forms = balance(contributions, agreements).forms
    assert forms.contributions[F.DIDACTISCH] == 2 and forms.agreements[F.DIDACTISCH] == 1
    assert forms.contributions[F.INFORMEEL] == 1 and forms.agreements[F.INFORMEEL] == 0
    assert forms.contributions[F.MAATSCHAPPELIJK] == 0 and forms.agreements[F.MAATSCHAPPELIJK] == 1
    assert forms.total(F.DIDACTISCH) == 3
    assert (forms.untagged_contributions, forms.untagged_agreements) == (1, 1)
    assert forms.without_attention == [F.PEDAGOGISCH, F.FORMEEL]  # in the usual order
    assert forms.tagged


def test_all_forms_covered_leaves_nothing_without_attention():
    result = balance([_contribution(form) for form in F], [])
    assert result.forms.without_attention == []
    assert result.forms.contributions == dict.fromkeys(F, 1)


def test_aims_are_counted_when_contributions_carry_them():
    contributions = [
        _AimedContribution(F.FORMEEL, Aim.DEMOCRATISCH),
        _AimedContribution(None, "toerusting"),  # as stored: a plain string
        _AimedContribution(None, "onbekend"),  # a value this version does not know
        _AimedContribution(None, None),
    ]
    result = balance(contributions, [_agreement()])  # type: ignore[arg-type]
    assert result.aims.contributions == {
        Aim.PEDAGOGISCH: 0,
        Aim.TOERUSTING: 1,
        Aim.ORGANISATORISCH: 0,
        Aim.DEMOCRATISCH: 1,
    }
    assert result.aims.untagged_contributions == 2
    assert result.aims.untagged_agreements == 1  # agreements have no aim (yet)
    assert result.aims.without_attention == [Aim.PEDAGOGISCH, Aim.ORGANISATORISCH]
    assert result.forms.contributions[F.FORMEEL] == 1


def test_aims_have_dutch_labels():
    assert [aim.value for aim in Aim] == [
        "pedagogisch",
        "toerusting",
        "organisatorisch",
        "democratisch",
    ]
    assert all(aim.label.lower().startswith(aim.value) for aim in Aim)


@given(st.lists(st.one_of(st.none(), st.sampled_from(F))), st.lists(st.sampled_from([None, *F])))
def test_every_item_is_counted_once(contribution_forms, agreement_forms):
    result = balance(
        [_contribution(f) for f in contribution_forms], [_agreement(f) for f in agreement_forms]
    ).forms
    assert sum(result.contributions.values()) + result.untagged_contributions == len(
        contribution_forms
    )
    assert sum(result.agreements.values()) + result.untagged_agreements == len(agreement_forms)
    used = set(contribution_forms) | set(agreement_forms)
    assert set(result.without_attention) == set(F) - used
