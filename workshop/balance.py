"""The partnership balance: how the input and the agreements spread over the five partnership forms
and the four aims of partnership, and which of them get no attention at all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from workshop.model import Agreement, Aim, Contribution, PartnershipForm

__all__ = ["Aim", "Balance", "Tally", "balance"]

T = TypeVar("T", PartnershipForm, Aim)


@dataclass(frozen=True)
class Tally(Generic[T]):
    """Counts per value (every value present, also at 0) and of the items without one."""

    contributions: dict[T, int]
    agreements: dict[T, int]
    untagged_contributions: int
    untagged_agreements: int

    @property
    def without_attention(self) -> list[T]:
        """The values no contribution and no agreement is tagged with, in their usual order."""
        return [v for v in self.contributions if not self.contributions[v] + self.agreements[v]]

    @property
    def tagged(self) -> bool:
        """Whether anything is tagged at all (if not, "no attention" says little)."""
        return any(self.contributions.values()) or any(self.agreements.values())

    def total(self, value: T) -> int:
        return self.contributions[value] + self.agreements[value]


@dataclass(frozen=True)
class Balance:
    forms: Tally[PartnershipForm]
    aims: Tally[Aim]


def _tally(kind: type[T], items: Iterable[Any], attribute: str) -> tuple[dict[T, int], int]:
    counts = dict.fromkeys(kind, 0)
    untagged = 0
    for item in items:
        # A member of a StrEnum hashes and compares like its value, so the value as stored (a
        # member, or the plain text of an older file) finds its count without making a member
        # of it; that raised and caught an error for every untagged item, half the time of a
        # plan of 10,000 remarks.
        value = getattr(item, attribute, None)
        if value in counts:
            counts[value] += 1
        else:  # None, or a value this version does not know: not tagged
            untagged += 1
    return counts, untagged


def _both(kind: type[T], contributions: list[Any], agreements: list[Any], attr: str) -> Tally[T]:
    per_contribution, untagged_contributions = _tally(kind, contributions, attr)
    per_agreement, untagged_agreements = _tally(kind, agreements, attr)
    return Tally(per_contribution, per_agreement, untagged_contributions, untagged_agreements)


def balance(contributions: Iterable[Contribution], agreements: Iterable[Agreement]) -> Balance:
    """Count contributions and agreements per partnership form and per aim."""
    contributions, agreements = list(contributions), list(agreements)
    return Balance(
        forms=_both(PartnershipForm, contributions, agreements, "form"),
        # Only contributions carry an aim; agreements count as untagged.
        aims=_both(Aim, contributions, agreements, "aim"),
    )
