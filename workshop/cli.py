"""The ``workshop`` command line. Errors print one line in Dutch and exit non-zero.

Opening the app is handed to a ``launch`` callable given by ``screens.entry``, so this core module
never imports the UI. For a fast start, commands import what they use when they run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from workshop import __version__
from workshop.cli_parser import build_parser
from workshop.clock import SystemClock
from workshop.console import plain_output, quiet_after_broken_pipe, visible_output
from workshop.errors import WorkshopError
from workshop.os_reasons import os_reason
from workshop.paths import default_exports_dir, resolve_data_dir
from workshop.text import format_date

if TYPE_CHECKING:
    from datetime import date

    from workshop.app.workspace import Workspace
    from workshop.session_store import SessionStore
    from workshop.trajectory import AgreementRow


class LaunchRequest(NamedTuple):
    """What the app should open: the home screen, or one session."""

    store: SessionStore
    session_id: str | None = None


Launcher = Callable[[LaunchRequest], int]


def main(argv: Sequence[str] | None = None, launch: Launcher | None = None) -> int:
    with visible_output():  # what comes from files is printed with its controls shown
        return _main(argv, launch)


def _main(argv: Sequence[str] | None, launch: Launcher | None) -> int:
    args = build_parser().parse_args(argv)  # --help and --version stop here: nothing loaded
    from workshop.session_store import SessionStore  # light: no TinyDB until a session opens

    store = SessionStore(resolve_data_dir(args.data))
    try:
        code = run_command(args, store, launch)
        sys.stdout.flush()  # a reader that went away shows here, not at exit
        return code
    except WorkshopError as error:
        print(f"workshop: {error}{getattr(error, 'cli_hint', '')}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `workshop doctor | head`
        return quiet_after_broken_pipe()
    except OSError as error:
        print(f"workshop: {os_reason(error)} ({error.filename or ''})", file=sys.stderr)
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
    # Every command goes through the application layer (workshop.app), as the app's screens do.
    from workshop.app.workspace import Workspace

    workspace = Workspace(store, SystemClock(), default_exports_dir())
    if args.command == "demo":
        return _launch(launch, LaunchRequest(store, workspace.create_demo()))
    if args.command == "list":
        return cmd_list(workspace)
    if args.command == "export":
        return cmd_export(
            workspace, args.session, args.format, args.out, args.zonder_namen, args.met_notities
        )
    if args.command == "import":
        return cmd_import(workspace, Path(args.file))
    if args.command == "templates":
        return cmd_templates(workspace)
    if args.command == "info":
        return cmd_info(workspace)
    if args.command in ("afspraken", "agreements"):
        return cmd_agreements(workspace, args.open, args.owner, args.location, args.md)
    if args.command in ("agenda", "calendar"):
        return cmd_agenda(workspace, args.session, args.out, args.zonder_namen)
    if args.command == "doctor":
        return cmd_doctor(workspace, args.herstel)
    if args.command in ("vergeet", "forget"):
        return cmd_forget(workspace, args.name, args.ja)
    if args.command in ("verwijder", "delete"):
        return cmd_delete(workspace, args.session, args.ja)
    if args.command in ("ontgrendel", "unlock"):
        return cmd_unlock(workspace, args.session, args.ja)
    if args.command == "meedoen":
        from workshop.phone.meedoen import serve

        return serve(workspace, args.session, lan=args.lan, port=args.poort)
    raise AssertionError(f"unhandled command {args.command}")


def _launch(launch: Launcher | None, request: LaunchRequest) -> int:
    if launch is None:
        print("workshop: het scherm kan hier niet worden geopend.", file=sys.stderr)
        return 1
    with plain_output():
        return launch(request)


def cmd_list(workspace: Workspace) -> int:
    summaries, problems = workspace.list_sessions()
    if not summaries:
        print("Er zijn nog geen sessies. Begin met 'workshop' of kijk eerst naar 'workshop demo'.")
    for s in summaries:
        place = f" · {s.location}" if s.location else ""
        print(f"{s.id}  {format_date(s.day)}  {s.title}{place}  ({s.progress_label})")
    for problem in problems:
        print(f"Let op: {problem.message}", file=sys.stderr)
    return 0


def cmd_export(
    workspace: Workspace,
    query: str,
    fmt: str,
    out: str | None,
    without_names: bool,
    notes: bool = False,
) -> int:
    # ``out`` stays the string as typed: a trailing slash means "a folder".
    stored = workspace.load(query)  # notes=True: the JSON backup keeps the private notes
    path = workspace.export(stored, fmt, out, without_names=without_names, notes=notes)
    print(f"Opgeslagen: {path}")
    return 0


def _agreement_line(row: AgreementRow, today: date) -> str:
    from workshop.deadlines import due_text, is_overdue

    agreement, session = row.agreement, row.session
    due = f", wanneer: {when}" if (when := due_text(agreement)) else ""
    late = "  TE LAAT" if is_overdue(agreement, today) else ""
    return (
        f"{agreement.status.value:<9} {agreement.owner}: {agreement.what}{due}{late}"
        f"  ({session.title}, {format_date(session.day)})"
    )


def cmd_agreements(
    workspace: Workspace,
    open_only: bool,
    owner: str | None,
    location: str | None,
    md: str | None,
) -> int:
    from workshop.deadlines import is_overdue
    from workshop.text import clean_line

    owner = clean_line(owner) if owner else None
    location = clean_line(location) if location else None
    skipped: list[str] = []  # sessions that cannot be read: said, and the others still listed
    rows = workspace.agreements(
        open_only=open_only, owner=owner, location=location, skipped=skipped
    )
    for message in skipped:
        print(f"Let op: {message}", file=sys.stderr)
    today = workspace.clock.now().date()
    if md is not None:
        path = workspace.save_agreement_list(
            rows, md, owner=owner, open_only=open_only, location=location
        )
        print(f"Opgeslagen: {path} ({_count(len(rows))})")
        return 0
    if not rows:
        filtered = open_only or owner or location
        print("Geen afspraken met deze keuzes." if filtered else "Er zijn nog geen afspraken.")
        return 0
    for row in rows:
        print(_agreement_line(row, today))
    late = sum(1 for row in rows if is_overdue(row.agreement, today))
    print(f"{_count(len(rows))}" + (f", waarvan {late} te laat." if late else "."))
    return 0


def _count(number: int) -> str:
    return f"{number} afspraak" if number == 1 else f"{number} afspraken"


def cmd_agenda(workspace: Workspace, query: str, out: str | None, without_names: bool) -> int:
    from workshop.calendar import calendar_note, dated

    stored = workspace.load(query)
    path = workspace.export(stored, "ics", out, without_names=without_names)
    print(f"Opgeslagen: {path} ({_count(len(dated(stored.agreements)))} in de agenda)")
    if note := calendar_note(stored.agreements):
        print(note)
    return 0


def cmd_import(workspace: Workspace, path: Path) -> int:
    stored = workspace.import_file(path)
    if stored.is_copy:
        print(
            f"Er was al een sessie met code {stored.copy_of}. "
            "De sessie is daarom als kopie ingelezen."
        )
    print(f"Ingelezen: {stored.session.title} (code {stored.session.id})")
    return 0


def cmd_templates(workspace: Workspace) -> int:
    shelf = workspace.templates()
    for line in shelf.listing():
        print(line)
    for problem in shelf.problems:  # broken files are named; the others above stay usable
        print(f"Let op: {problem}", file=sys.stderr)
    return 0


def cmd_info(workspace: Workspace) -> int:
    own_templates, builtin_templates = workspace.template_dirs()
    print(f"workshop {__version__}")
    print(f"Gegevens: {workspace.root}")
    print(f"Eigen sjablonen: {own_templates}")
    print(f"Ingebouwde sjablonen: {builtin_templates}")
    print(f"Exports:  {workspace.exports_dir}")
    print(f"Sessies:  {len(workspace.list_sessions()[0])}")
    return 0


def cmd_doctor(workspace: Workspace, herstel: str | None) -> int:
    if herstel:
        for line in workspace.repair(herstel):
            print(line)
        return 0
    reports, general = workspace.examine()
    for finding in general:
        print(f"PROBLEEM: {finding.message}")
    troubled = 0
    for report in reports:
        name = f"{report.session_id} ({report.title})" if report.title else report.session_id
        if not report.problems:
            print(f"{name}: in orde")
            for finding in report.findings:
                if finding.notable:
                    print(f"  info: {finding.message}")
            continue
        troubled += 1
        print(f"{name}:")
        for finding in report.findings:
            print(f"  {'PROBLEEM' if finding.problem else 'info'}: {finding.message}")
        for fix in report.fixes:
            print(f"  Oplossen: {fix}")
    checked = f"{len(reports)} sessie" if len(reports) == 1 else f"{len(reports)} sessies"
    print(f"{checked} nagekeken, {troubled} met problemen.")
    return 1 if troubled or general else 0


def _confirm(question: str, assume_yes: bool) -> bool:
    """Ask for 'ja' on stdin. Without an answer (no stdin, end of input) nothing happens."""
    print(question)
    if assume_yes:
        return True
    try:
        answer = input("Typ 'ja' om door te gaan: ")
    except (EOFError, OSError, RuntimeError):
        print(
            "\nworkshop: geen antwoord gekregen, dus er is niets veranderd. "
            "Gebruik --ja om zonder vraag door te gaan.",
            file=sys.stderr,
        )
        return False
    if answer.strip().casefold() != "ja":
        print("Gestopt: er is niets veranderd.")
        return False
    return True


_EXPORTS_NOTE = "Let op: exports die je eerder hebt gemaakt, veranderen niet. Verwijder die zelf."


def cmd_forget(workspace: Workspace, name: str, assume_yes: bool) -> int:
    from workshop.forget_report import remaining_lines, report_lines
    from workshop.text import clean_line

    shown = clean_line(name)
    question = (
        f"De naam '{shown}' wordt uit alle sessies en reservekopieën gehaald, ook uit vrije "
        "tekst. Inbreng en afspraken blijven staan; in plaats van de naam komt 'ouder', "
        "'teamlid' of een ander rolwoord. Dit kun je niet ongedaan maken."
    )
    if not _confirm(question, assume_yes):
        return 1
    report = workspace.forget(name)
    print("\n".join(report_lines(report)))
    print(_EXPORTS_NOTE)
    if not report.complete:
        print("\n".join(remaining_lines(report)), file=sys.stderr)
        return 1
    return 0


def cmd_delete(workspace: Workspace, query: str, assume_yes: bool) -> int:
    session_id, label = workspace.deletion_target(query)
    question = (
        f"Sessie {label} wordt helemaal verwijderd, met alle reservekopieën. Dit kun je niet "
        "ongedaan maken."
    )
    if not _confirm(question, assume_yes):
        return 1
    workspace.delete(session_id)
    print(f"Sessie {label} is verwijderd.")
    print(_EXPORTS_NOTE)
    return 0


def cmd_unlock(workspace: Workspace, query: str, assume_yes: bool) -> int:
    """Print what happened; exit code 1 when the user said no."""
    done = workspace.unlock(query, assume_yes, _confirm)
    for line in done:
        print(line)
    return 0 if done else 1
