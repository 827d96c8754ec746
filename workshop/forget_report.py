"""What ``workshop vergeet`` did and could not do (workshop.privacy), and how that is said.

The same sentences are shown on the command line and on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workshop.text import clean_line


@dataclass
class ForgetReport:
    """What ``forget_person`` did, and what it could not do."""

    name: str
    parts: list[str]  # parts of the name that may be someone else's name alone
    sessions: int = 0  # session files the name was taken out of
    backups: int = 0  # backups the name was taken out of
    deletions: int = 0  # interrupted deletions finished
    remaining: list[str] = field(default_factory=list)  # where the name still is, and why
    to_check: list[str] = field(default_factory=list)  # where a part of the name stands alone
    covered: list[Path] = field(default_factory=list, repr=False)  # places already in remaining

    @property
    def complete(self) -> bool:
        """True when the name is nowhere under the data folder any more."""
        return not self.remaining

    def left(self, path: Path, line: str) -> None:
        self.remaining.append(line)
        self.covered.append(path)

    def covers(self, path: Path) -> bool:
        return any(path == p or p in path.parents for p in self.covered)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def report_lines(report: ForgetReport) -> list[str]:
    """What ``forget_person`` did, in plain Dutch, for the command line and the screen."""
    shown = clean_line(report.name)
    lines = []
    backups = _count(report.backups, "reservekopie", "reservekopieën")
    if report.sessions:
        lines.append(
            f"De naam '{shown}' is weggehaald uit {_count(report.sessions, 'sessie', 'sessies')}"
            + (f" en uit {backups}." if report.backups else ".")
        )
    elif report.backups:
        lines.append(
            f"De naam '{shown}' stond niet meer in de sessies zelf, maar nog wel in {backups}. "
            "Daar is hij nu uit weggehaald."
        )
    if report.deletions == 1:
        lines.append("1 sessie die eerder niet helemaal was verwijderd, is nu helemaal weg.")
    elif report.deletions:
        lines.append(
            f"{report.deletions} sessies die eerder niet helemaal waren verwijderd, zijn nu "
            "helemaal weg."
        )
    if not (report.sessions or report.backups or report.deletions or report.remaining):
        lines.append(f"De naam '{shown}' kwam in geen enkele sessie voor.")
    lines.append(
        "Gezocht is op de hele naam als los woord, ook in vrije tekst; hoofdletters en extra "
        "spaties maken niet uit."
    )
    if report.parts:
        parts = " of ".join(f"'{clean_line(p)}'" for p in report.parts)
        where = "" if report.to_check else " Zo staat het nergens in je sessies."
        lines.append(
            f"{parts} los, zonder de rest van de naam, is niet vervangen: "
            f"dat kan ook iemand anders zijn.{where}"
        )
    if report.to_check:
        lines.append("Controleer deze plaatsen. Staat daar dezelfde persoon? Pas de tekst dan aan:")
        lines += [f"- {line}" for line in report.to_check]
        lines.append(
            f"Doe daarna nog eens 'workshop vergeet \"{shown}\"': dan gaat het ook uit de "
            "reservekopieën."
        )
    return lines


def remaining_lines(report: ForgetReport) -> list[str]:
    """Where the name still is, one line each, with what to do; empty when it is gone."""
    if report.complete:
        return []
    return [
        "De naam is nog niet overal weg:",
        *(f"- {line}" for line in report.remaining),
        "Los dit op en probeer het daarna opnieuw: "
        f"'workshop vergeet \"{clean_line(report.name)}\"'.",
    ]
