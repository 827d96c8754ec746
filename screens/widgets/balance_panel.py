"""The partnership balance as a small table with bars: which forms (and aims) get attention.

A panel widget, so it can sit in its own screen (``screens.balance``) or be toggled in another.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from workshop.balance import Aim, Balance, Tally
from workshop.model import PartnershipForm

NAME_WIDTH = 28
COUNT_WIDTH = 11
MAX_BAR = 30  # cells for the form or aim with the most attention
NO_ATTENTION = "nog geen aandacht"


# A word or two to say what each form is about, for people who do not know the terms.
_FORM_HINTS = {
    PartnershipForm.DIDACTISCH: "leren",
    PartnershipForm.PEDAGOGISCH: "opvoeden",
    PartnershipForm.INFORMEEL: "meehelpen",
    PartnershipForm.FORMEEL: "meebeslissen",
    PartnershipForm.MAATSCHAPPELIJK: "de buurt",
}


def _name(value: StrEnum) -> str:
    return value.value.capitalize()


def form_name(form: StrEnum) -> str:
    hint = _FORM_HINTS.get(form)  # type: ignore[call-overload]
    return f"{_name(form)} ({hint})" if hint else _name(form)


def tally_table(
    tally: Tally[Any],
    heading: str,
    untagged: str,
    name: Callable[[StrEnum], str] = _name,
    *,
    with_agreements: bool = True,
) -> Content:
    """A heading row, one row per value with its counts and a bar, and a row for the untagged.

    Aims are only given to contributions, so their table leaves out the agreements column.
    """
    biggest = max((tally.total(v) for v in tally.contributions), default=0) or 1

    def counts(contributions: int, agreements: int) -> str:
        text = str(contributions).rjust(COUNT_WIDTH)
        return text + str(agreements).rjust(COUNT_WIDTH) if with_agreements else text

    head = "Inbreng".rjust(COUNT_WIDTH) + (
        "Afspraken".rjust(COUNT_WIDTH) if with_agreements else ""
    )
    lines = [Content.assemble((heading.ljust(NAME_WIDTH), "bold"), (head, "bold"))]
    for value in tally.contributions:
        total = tally.total(value)
        row = [
            (name(value).ljust(NAME_WIDTH), "bold" if total else ""),
            counts(tally.contributions[value], tally.agreements[value]),
            "   ",
        ]
        if total:
            cells = max(1, round(MAX_BAR * total / biggest))
            row.append(("█" * cells, "$primary"))
        else:
            row.append((f"! {NO_ATTENTION}", "bold $error"))
        lines.append(Content.assemble(*row))
    lines.append(
        Content.assemble(
            (untagged.ljust(NAME_WIDTH), "dim"),
            (counts(tally.untagged_contributions, tally.untagged_agreements), "dim"),
        )
    )
    return Content("\n").join(lines)


def summary_line(tally: Tally[Any], what: str) -> Content:
    """One sentence under the table: which values get no attention, or that all do."""
    if not tally.tagged:
        return Content(
            f"Nog geen inbreng of afspraak heeft een {what}. "
            f"Geef inbreng een {what} om de balans te zien."
        )
    missing = [_name(v) for v in tally.without_attention]
    if not missing:
        return Content(f"Elke {what} krijgt aandacht.")
    return Content.assemble(
        ("Nog geen aandacht voor: ", "bold"),
        (", ".join(missing), "bold $error"),
        ". Is dat een bewuste keuze?",
    )


class BalancePanel(Vertical):
    """Counts per partnership form, and per aim once anything is tagged with an aim."""

    def compose(self) -> ComposeResult:
        yield Static("", id="balance-forms", classes="balance-table")
        yield Static("", id="balance-forms-summary", classes="balance-summary")
        yield Static("", id="balance-aims", classes="balance-table")
        yield Static("", id="balance-aims-summary", classes="balance-summary")

    def show(self, balance: Balance) -> None:
        forms, aims = balance.forms, balance.aims
        self.query_one("#balance-forms", Static).update(
            tally_table(forms, "Vorm van partnerschap", "Zonder vorm", form_name)
        )
        self.query_one("#balance-forms-summary", Static).update(
            summary_line(forms, "vorm van partnerschap")
        )
        show_aims = aims.tagged
        for part in ("#balance-aims", "#balance-aims-summary"):
            self.query_one(part).display = show_aims
        if show_aims:
            self.query_one("#balance-aims", Static).update(
                tally_table(aims, "Doel van partnerschap", "Zonder doel", with_agreements=False)
            )
            legend = "\n".join(aim.label for aim in Aim)
            self.query_one("#balance-aims-summary", Static).update(
                Content.assemble(
                    summary_line(aims, "doel van partnerschap"), "\n\n", (legend, "dim")
                )
            )
