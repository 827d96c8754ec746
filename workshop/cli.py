"""The ``workshop`` command line. Errors print one line in Dutch and exit non-zero.

Opening the app is handed to a ``launch`` callable given by ``screens.entry``, so this core module
never imports the UI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from workshop import __version__
from workshop.clock import SystemClock
from workshop.errors import WorkshopError
from workshop.paths import ENV_VAR, default_exports_dir, resolve_data_dir
from workshop.store import SessionStore


@dataclass(frozen=True)
class LaunchRequest:
    """What the app should open: the home screen, or one session."""

    store: SessionStore
    session_id: str | None = None


Launcher = Callable[[LaunchRequest], int]


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


def translate_argparse(message: str) -> str:
    """argparse's own messages, in Dutch where we know them."""
    replacements = {
        "the following arguments are required": "dit ontbreekt",
        "unrecognized arguments": "onbekende argumenten",
        "invalid choice": "ongeldige keuze",
        "choose from": "kies uit",
        "expected one argument": "hier hoort een waarde bij",
        "argument ": "argument ",
    }
    for english, dutch in replacements.items():
        message = message.replace(english, dutch)
    return message


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
        help="sla een sessie op als plan, webpagina of JSON",
        description="Sla het plan van aanpak van een sessie op.",
    )
    export.add_argument("session", metavar="SESSIE", help="code of begin van de titel")
    export.add_argument(
        "--format",
        choices=["md", "html", "json"],
        default="md",
        help="md (standaard), html of json",
    )
    export.add_argument("--out", metavar="PAD", help="bestand of map om in op te slaan")

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
    return parser


def main(argv: Sequence[str] | None = None, launch: Launcher | None = None) -> int:
    args = build_parser().parse_args(argv)
    store = SessionStore(resolve_data_dir(args.data))
    try:
        return run_command(args, store, launch)
    except WorkshopError as error:
        print(f"workshop: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"workshop: {error.strerror or error} ({error.filename or ''})", file=sys.stderr)
        return 1
    except Exception as error:  # last resort: a user never sees a traceback
        print(
            f"workshop: er ging iets mis dat we niet hadden verwacht ({type(error).__name__}: "
            f"{error}). Je opgeslagen werk is niet veranderd.",
            file=sys.stderr,
        )
        return 1


def run_command(args: argparse.Namespace, store: SessionStore, launch: Launcher | None) -> int:
    if args.command is None:
        return _launch(launch, LaunchRequest(store))
    if args.command == "demo":
        from workshop.demo import create_demo_session

        live = create_demo_session(store, SystemClock())
        live.close()
        return _launch(launch, LaunchRequest(store, live.session.id))
    if args.command == "list":
        return cmd_list(store)
    if args.command == "export":
        return cmd_export(store, args.session, args.format, args.out)
    if args.command == "import":
        return cmd_import(store, Path(args.file))
    if args.command == "templates":
        return cmd_templates()
    if args.command == "info":
        return cmd_info(store)
    raise AssertionError(f"unhandled command {args.command}")


def _launch(launch: Launcher | None, request: LaunchRequest) -> int:
    if launch is None:
        print("workshop: het scherm kan hier niet worden geopend.", file=sys.stderr)
        return 1
    return launch(request)


def cmd_list(store: SessionStore) -> int:
    summaries, problems = store.scan()
    if not summaries:
        print("Er zijn nog geen sessies. Begin met 'workshop' of kijk eerst naar 'workshop demo'.")
    for s in summaries:
        place = f" · {s.location}" if s.location else ""
        print(f"{s.id}  {s.day:%d-%m-%Y}  {s.title}{place}  ({s.progress_label})")
    for problem in problems:
        print(f"Let op: {problem.message}", file=sys.stderr)
    return 0


def cmd_export(store: SessionStore, query: str, fmt: str, out: str | None) -> int:
    from workshop.export.files import export_session

    summary = store.find(query)
    stored = store.load(summary.id)
    path = export_session(stored, fmt, Path(out) if out else None, default_exports_dir())
    print(f"Opgeslagen: {path}")
    return 0


def cmd_import(store: SessionStore, path: Path) -> int:
    from workshop.interchange import import_file

    stored = import_file(store, path, SystemClock())
    print(f"Ingelezen: {stored.session.title} (code {stored.session.id})")
    return 0


def cmd_templates() -> int:
    from workshop.template import builtin_templates

    for template in builtin_templates():
        phases = ", ".join(str(p.number) for p in template.phases)
        print(f"{template.id}  {template.name}  ({template.minutes} minuten, fasen {phases})")
    return 0


def cmd_info(store: SessionStore) -> int:
    print(f"workshop {__version__}")
    print(f"Gegevens: {store.root}")
    print(f"Exports:  {default_exports_dir()}")
    print(f"Sessies:  {len(store.list_sessions())}")
    return 0
