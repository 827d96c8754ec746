"""The ``workshop`` command line's parser: its commands and options, in Dutch.

Kept apart from ``workshop.cli`` (which runs the commands) so that each stays small; it imports
nothing heavy, so ``workshop --version`` stays fast.
"""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from workshop import __version__
from workshop.paths import ENV_VAR


class DutchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # Sub-commands pass prefix="" to build their own name: keep that as it is.
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with Dutch headings and a one-line Dutch error."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"workshop: {translate_argparse(message)} (zie 'workshop --help')\n")


# argparse's own messages (Python 3.11 to 3.13) and what we say instead. A message we do not know
# is never shown in English: then the user gets the general sentence below.
_WHOLE = [
    (r"the following arguments are required: (?P<what>.+)", "dit ontbreekt nog: {what}"),
    (r"unrecognized arguments: (?P<what>.+)", "dit begrijp ik niet: {what}"),
    (
        r"ambiguous option: (?P<opt>\S+) could match (?P<what>.+)",
        "{opt} kan meer dan een optie zijn: {what}",
    ),
    (r"one of the arguments (?P<what>.+) is required", "kies een van deze: {what}"),
    (r"unexpected option string: (?P<what>.+)", "dit begrijp ik niet: {what}"),
]
_ABOUT_ONE = [  # after "argument --format: "
    (
        r"invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.+)\)",
        "'{value}' kan niet. Kies uit: {choices}",
    ),
    (r"expected one argument", "hier hoort een waarde achter"),
    (r"expected at most one argument", "hier hoort hoogstens een waarde achter"),
    (r"expected at least one argument", "hier hoort minstens een waarde achter"),
    (r"expected \d+ arguments?", "hier hoort een ander aantal waarden achter"),
    (r"ignored explicit argument '(?P<value>.*)'", "hier hoort geen waarde achter ('{value}')"),
    (r"not allowed with argument (?P<other>.+)", "gaat niet samen met {other}"),
    (r"invalid \S+ value: '(?P<value>.*)'", "'{value}' kan hier niet"),
]
_UNKNOWN = "dit begrijp ik niet"


def _plain_choices(choices: str) -> str:
    """ "'md', 'html'" as "md, html"."""
    return ", ".join(part.strip().strip("'") for part in choices.split(","))


def _apply(rules: list[tuple[str, str]], text: str) -> str | None:
    for pattern, dutch in rules:
        if found := re.fullmatch(pattern, text, flags=re.DOTALL):
            parts = found.groupdict()
            if "choices" in parts:
                parts["choices"] = _plain_choices(parts["choices"])
            return dutch.format(**parts)
    return None


def translate_argparse(message: str) -> str:
    """argparse's own error message, in Dutch: no English fragment ever reaches the user."""
    if about := re.fullmatch(r"argument (?P<name>\S+): (?P<rest>.+)", message, flags=re.DOTALL):
        name, rest = about["name"], about["rest"]
        said = _apply(_ABOUT_ONE, rest)
        if name == "OPDRACHT" and rest.startswith("invalid choice"):
            return (said or _UNKNOWN).replace(" kan niet.", " is geen opdracht.", 1)
        return f"bij {name}: {said or _UNKNOWN}"
    return _apply(_WHOLE, message) or _UNKNOWN


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="workshop",
        description="Begeleid een workshop over ouderbetrokkenheid in de VVE.\n"
        "Zonder opdracht opent het programma het overzicht van je sessies.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"workshop {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--data", metavar="MAP", help=f"map met je gegevens (anders ${ENV_VAR} of de standaardmap)"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=ArgumentParser
    )

    commands.add_parser(
        "demo",
        help="open een voorbeeldsessie die al is ingevuld",
        description="Maak een ingevulde voorbeeldsessie en open die.",
    )
    commands.add_parser(
        "list",
        help="toon de opgeslagen sessies",
        description="Toon de opgeslagen sessies, de nieuwste eerst.",
    )

    export = commands.add_parser(
        "export",
        help="sla een sessie op als plan, webpagina, PDF of JSON",
        description="Sla het plan van aanpak van een sessie op.",
    )
    export.add_argument("session", metavar="SESSIE", help="code of begin van de titel")
    export.add_argument(
        "--format",
        choices=["md", "html", "pdf", "json"],
        default="md",
        help="md (standaard), html, pdf of json",
    )
    export.add_argument("--out", metavar="PAD", help="bestand of map om in op te slaan")
    _add_without_names(export)
    export.add_argument(
        "--met-notities",
        action="store_true",
        help="neem je eigen notities mee in de JSON (als reservekopie; niet om te delen)",
    )

    imp = commands.add_parser(
        "import",
        help="lees een sessie uit een JSON-bestand",
        description="Lees een sessie uit een JSON-bestand (uit export).",
    )
    imp.add_argument("file", metavar="BESTAND")

    commands.add_parser(
        "templates", help="toon de sjablonen", description="Toon de ingebouwde sjablonen."
    )
    commands.add_parser(
        "info",
        help="toon waar je gegevens staan",
        description="Toon de versie en de map met je gegevens.",
    )
    _add_trajectory_commands(commands)
    _add_care_commands(commands)
    return parser


def _add_trajectory_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """afspraken and agenda: following agreements across sessions (issue 4)."""
    agreements = commands.add_parser(
        "afspraken",
        aliases=["agreements"],
        help="toon de afspraken uit alle sessies",
        description="Toon de afspraken uit alle sessies. Van een afspraak die is meegenomen naar\n"
        "een volgende sessie, zie je alleen de nieuwste versie.",
    )
    agreements.add_argument(
        "--open", action="store_true", help="alleen afspraken die open zijn of bezig"
    )
    agreements.add_argument(
        "--eigenaar", "--owner", dest="owner", metavar="NAAM", help="alleen de afspraken van NAAM"
    )
    agreements.add_argument(
        "--locatie",
        "--location",
        dest="location",
        metavar="NAAM",
        help="alleen sessies waarvan de locatie NAAM bevat",
    )
    agreements.add_argument(
        "--md", metavar="PAD", help="sla de lijst op als Markdown, per eigenaar (bestand of map)"
    )
    agenda = commands.add_parser(
        "agenda",
        aliases=["calendar"],
        help="sla de afspraken op als agendabestand (.ics)",
        description="Sla de afspraken van een sessie op als agendabestand (.ics), elk op de dag\n"
        "dat ze klaar moet zijn. Dat bestand kun je openen in je eigen agenda.",
    )
    agenda.add_argument("session", metavar="SESSIE", help="code of begin van de titel")
    agenda.add_argument("--out", metavar="PAD", help="bestand of map om in op te slaan")
    _add_without_names(agenda)


def _add_without_names(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--zonder-namen",
        action="store_true",
        help="vervang elke naam door een rol (ouder, teamlid), om buiten het team te delen; "
        "de bestandsnaam eindigt dan op -zonder-namen",
    )


def _add_care_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """doctor, vergeet and verwijder: looking after the data (issue 5)."""
    doctor = commands.add_parser(
        "doctor",
        help="zoek problemen in je opgeslagen sessies en herstel ze",
        description="Zoek problemen in je opgeslagen sessies. Er verandert niets, tenzij je\n"
        "--herstel gebruikt: dan wordt de laatste goede reservekopie teruggezet. Een\n"
        "beschadigd bestand wordt daarbij bewaard, nooit verwijderd.",
    )
    doctor.add_argument(
        "--herstel", metavar="SESSIE", help="herstel deze sessie (code of begin van de titel)"
    )
    forget = commands.add_parser(
        "vergeet",
        aliases=["forget"],
        help="haal de naam van een persoon uit alle sessies (AVG)",
        description="Haal een naam uit alle sessies en reservekopieën, ook uit vrije tekst.\n"
        "Inbreng en afspraken blijven staan; in plaats van de naam komt 'ouder' of 'teamlid'.\n"
        "Wat niet lukt, staat in een lijst aan het eind.",
    )
    forget.add_argument("name", metavar="NAAM")
    forget.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    delete = commands.add_parser(
        "verwijder",
        aliases=["delete"],
        help="verwijder een sessie helemaal, met reservekopieën",
        description="Verwijder een sessie helemaal, met alle reservekopieën.",
    )
    delete.add_argument("session", metavar="SESSIE", help="code of begin van de titel")
    delete.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    unlock = commands.add_parser(
        "ontgrendel",
        aliases=["unlock"],
        help="geef het slot van een sessie vrij (bijvoorbeeld van een andere computer)",
        description="Geef het slot van een sessie vrij als daar niemand meer aan werkt.",
    )
    unlock.add_argument("session", metavar="SESSIE", help="code of begin van de titel")
    unlock.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    join = commands.add_parser(
        "meedoen",
        help="laat ouders en team meedoen met hun telefoon, zonder het scherm van de app",
        description="Laat telefoons meedoen met één sessie. Stoppen: Ctrl+C.",
    )
    join.add_argument("session", metavar="SESSIE", help="code of begin van de titel")
    join.add_argument("--lan", action="store_true", help="ook bereikbaar op het lokale netwerk")
    join.add_argument("--poort", type=int, default=0, metavar="N", help="poort (standaard: vrij)")
