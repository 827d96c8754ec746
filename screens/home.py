"""The home screen: the stored sessions, newest first; start a new one, resume one, or the demo."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from screens import collector
from screens.base import WorkshopModal, WorkshopScreen
from screens.literal import literal
from screens.session_list import SessionList, SessionPrompt
from screens.steady_footer import SteadyFooter
from screens.title_bar import TitleBar
from workshop.errors import WorkshopError
from workshop.summary import SessionSummary
from workshop.text import clean_line, format_date

if TYPE_CHECKING:
    from workshop.app.workspace import Problem

    Listing = tuple[list[SessionSummary], list[Problem]]

EMPTY_TEXT = (
    "Er zijn nog geen sessies.\n\n"
    "Druk op  n  om een nieuwe sessie te maken.\n"
    "Druk op  d  om een voorbeeld van een sessie te bekijken."
)
LIST_HINT = "Kies een sessie met de pijltjes en druk op Enter om verder te gaan."


def session_prompt(summary: SessionSummary) -> Content:
    """Two lines per session: the title, then where, when and how far along."""
    details = [summary.location, format_date(summary.day), summary.progress_label]
    # Each line cleaned as ``literal`` cleans it (no markup, no control characters), assembled
    # once: every Content made strips control characters again, a third of the prompt's cost.
    return SessionPrompt.assemble(
        (clean_line(summary.title), "bold"),
        "\n",
        clean_line("   ·   ".join(part for part in details if part)),
        strip_control_codes=False,
    )


def problems_text(problems: list[Problem]) -> Content:
    """A calm notice: which files could not be read; the rest works as usual."""
    if len(problems) == 1:
        head = "Eén sessie kon niet worden gelezen. De andere sessies werken gewoon."
    else:
        head = f"{len(problems)} sessies konden niet worden gelezen. De andere werken gewoon."
    files = [part for p in problems for part in ("\n  • ", literal(str(p.path)))]
    advice = "\nTyp 'workshop doctor' in een terminal: dat zegt wat je kunt doen."
    return Content.assemble(head, *files, advice)


class ForgetPersonScreen(WorkshopModal[str | None]):
    """Asks whose name to remove from every session (AVG). Returns the name, or None."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Annuleren",
            id="forget.cancel",
            tooltip="Terug zonder iets te veranderen",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="forget-box"):
            yield Static("Vergeet een persoon", classes="title")
            yield Static(
                "De naam verdwijnt uit alle sessies en uit de reservekopieën. Wat er gezegd en "
                "afgesproken is, blijft staan: in plaats van de naam staat er 'ouder' of "
                "'teamlid'. Een naam midden in een zin blijft staan; kijk die zelf na.",
                classes="hint-line",
                id="forget-explanation",
            )
            yield Input(placeholder="De naam, zoals die in de sessies staat", id="forget-name")
            yield Static(classes="field-error", id="forget-name-error")
            with Horizontal(classes="buttons"):
                yield Button("Annuleren", id="forget-cancel")
                yield Button("Verder", id="forget-next", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#forget-name-error").display = False
        name = self.query_one("#forget-name", Input)
        name.cursor_blink = False
        name.focus()

    def submit(self) -> None:
        name = self.query_one("#forget-name", Input).value
        if not name.strip():
            error = self.query_one("#forget-name-error", Static)
            error.update("Vul de naam in van wie vergeten moet worden.")
            error.display = True
            return
        self.dismiss(name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "forget-next":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HomeScreen(WorkshopScreen[None]):
    """The first screen: what is stored, and where to go from here."""

    TITLE = "Workshop ouderbetrokkenheid"
    SUB_TITLE = "Overzicht"
    HELP_TEXT = (
        "Alles wat je doet, wordt meteen bewaard.\n"
        "Een sessie gaat verder waar je was gebleven: dezelfde fase, dezelfde stap, dezelfde klok."
    )
    BINDINGS = [
        Binding(
            "enter",
            "resume",
            "Verder",
            id="home.resume",
            priority=True,
            tooltip="Ga verder met de gekozen sessie, precies waar je was gebleven",
        ),
        Binding(
            "n",
            "new_session",
            "Nieuwe sessie",
            id="home.new",
            tooltip="Maak een nieuwe sessie: titel, datum, sjabloon en deelnemers",
        ),
        Binding(
            "d",
            "demo",
            "Voorbeeld",
            id="home.demo",
            tooltip="Maak een voorbeeldsessie die al half gevuld is, om rond te kijken",
        ),
        Binding(
            "delete,v",
            "delete_session",
            "Verwijderen",
            id="home.delete",
            tooltip="Verwijder de gekozen sessie helemaal, ook de reservekopieën",
        ),
        Binding(
            "p",
            "forget_person",
            "Vergeet persoon",
            id="home.forget",
            show=False,  # rare and weighty: in the menu (Ctrl+P) and the help (F1), not the footer
            tooltip="Haal een naam weg uit alle sessies en reservekopieën (AVG)",
        ),
    ]

    def __init__(self, listing: Listing | None = None) -> None:
        """``listing``: the sessions as just read (the app reads them before the screen opens, so
        its first frame shows them); without it they are read when the screen opens."""
        super().__init__()
        self.summaries, self.problems = listing or ([], [])
        self._listed = listing is not None  # the first resume needs no second read

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="home-body"):
            yield Static("Je sessies", classes="title", id="home-title")
            yield Static(LIST_HINT, classes="hint-line", id="home-hint")
            yield Static(id="home-problems")
            sessions = SessionList(*self.session_options(), id="home-sessions")
            if self.summaries:  # read before the screen opened: the keys that need one show now
                sessions.highlighted = 0
            yield sessions
            yield Static(EMPTY_TEXT, id="home-empty")
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self._listed:
            self.show_listed(keep=None)

    async def on_screen_resume(self) -> None:
        # Back from a session (or not yet in one): it may be collected, once this frame is shown.
        # (The first resume styles nothing again before the first frame: WorkshopScreen.)
        self.call_after_refresh(collector.session_left)
        if self._listed:
            self._listed = False
            return
        # Also when coming back from the runner or the form: the list may have changed.
        await self.reload_sessions()

    # -- showing ------------------------------------------------------------------------------

    def refresh_sessions(self) -> None:
        """Read the summaries again and show them, keeping the highlighted session if it exists."""
        self.call_later(self.reload_sessions)  # queued on this screen, read in a thread

    async def reload_sessions(self) -> None:
        """Read the summaries in a thread (the UI thread never waits for the disk); show them.

        Awaited in this screen's own message handling rather than posted back by a worker: the
        screen's later messages (and a test's ``pilot.pause()``) come after the list is shown.
        """
        try:
            summaries, problems = await asyncio.to_thread(self.app.workspace.list_sessions)
        except OSError as error:
            summaries, problems = [], []
            self.app.report(error)
        self.show_sessions(summaries, problems)

    def show_sessions(self, summaries: list[SessionSummary], problems: list[Problem]) -> None:
        keep = self.selected_summary()
        self.summaries, self.problems = summaries, problems
        self.query_one("#home-sessions", OptionList).set_options(self.session_options())
        self.show_listed(keep)

    def session_options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for summary in self.summaries:
            options += [Option(session_prompt(summary), id=summary.id), None]  # None: a divider
        return options[:-1]

    def show_listed(self, keep: SessionSummary | None) -> None:
        """Highlight, focus and show what goes with the list now in the widget."""
        sessions = self.query_one("#home-sessions", OptionList)
        ids = [s.id for s in self.summaries]
        if ids:
            sessions.highlighted = ids.index(keep.id) if keep and keep.id in ids else 0
        self.show_problems()
        has_sessions = bool(self.summaries)
        sessions.display = has_sessions
        self.query_one("#home-hint").display = has_sessions
        self.query_one("#home-empty").display = not has_sessions
        if has_sessions:
            sessions.focus()
        self.refresh_bindings()

    def show_problems(self) -> None:
        notice = self.query_one("#home-problems", Static)
        notice.display = bool(self.problems)
        if self.problems:
            notice.update(problems_text(self.problems))

    def selected_summary(self) -> SessionSummary | None:
        sessions = self.query_one("#home-sessions", OptionList)
        index = sessions.highlighted
        if index is None or not sessions.display or index >= sessions.option_count:
            return None
        option_id = sessions.get_option_at_index(index).id
        return next((s for s in self.summaries if s.id == option_id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resume", "delete_session"):
            return self.selected_summary() is not None
        if action == "forget_person":
            return bool(self.summaries or self.problems)
        return True

    # -- actions ------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A mouse click on a session opens it, like Enter does.
        event.stop()
        self.action_resume()

    def action_resume(self) -> None:
        summary = self.selected_summary()
        if summary is not None:
            self.open_session(summary.id)

    def action_new_session(self) -> None:
        from screens.new_session import NewSessionScreen

        self.app.push_screen(NewSessionScreen())

    def action_demo(self) -> None:
        session_id = self.attempt(self.app.workspace.create_demo)
        if session_id is None:
            self.refresh_sessions()
            return
        self.open_session(session_id)

    def action_delete_session(self) -> None:
        from screens.confirm import ConfirmScreen  # loaded when first asked: a quicker start

        summary = self.selected_summary()
        if summary is None:
            return
        question = (
            f"De sessie '{summary.title}' ({format_date(summary.day)}) helemaal verwijderen?\n\n"
            "Alle inbreng, afspraken en reservekopieën gaan weg. Dit kan niet ongedaan worden."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.delete_session(summary)

        self.app.push_screen(
            ConfirmScreen(question, confirm_label="Ja, verwijderen"), callback=answered
        )

    def delete_session(self, summary: SessionSummary) -> None:
        if self.succeeded(lambda: self.app.workspace.delete(summary.id)):
            self.app.notify(literal(f"Verwijderd: {summary.title}"), title="Sessie verwijderd")
        self.refresh_sessions()

    def action_forget_person(self) -> None:
        from screens.confirm import ConfirmScreen

        def confirmed(name: str, answer: bool | None) -> None:
            if answer:
                self.app.notify(
                    "Bezig met weghalen van de naam…", title="Vergeet persoon", timeout=3
                )
                self.forget_in_background(name)

        def named(name: str | None) -> None:
            if not name:
                return
            question = (
                f"De naam '{literal(name).plain}' weghalen uit alle sessies en reservekopieën?\n\n"
                "Dit kan niet ongedaan worden."
            )
            self.app.push_screen(
                ConfirmScreen(question, confirm_label="Ja, weghalen"),
                callback=lambda answer: confirmed(name, answer),
            )

        self.app.push_screen(ForgetPersonScreen(), callback=named)

    @work(thread=True, exclusive=True, group="forget-person")
    def forget_in_background(self, name: str) -> None:
        """Every session and its backups are rewritten: off the UI thread, so it stays calm."""
        # Only loaded when needed: faster start-up.
        from workshop.forget_report import remaining_lines, report_lines

        app = self.app
        try:
            report = app.workspace.forget(name)
        except (WorkshopError, OSError) as error:
            app.call_from_thread(app.report, error)
        else:
            # What could not be changed comes first, and stays until read.
            lines = [*remaining_lines(report), *report_lines(report)]
            app.call_from_thread(
                app.notify,
                Content("\n").join(literal(line) for line in lines),
                title="Vergeet persoon",
                severity="information" if report.complete else "error",
                timeout=10 if report.complete else 60,
            )
        app.call_from_thread(self.refresh_sessions)

    def open_session(self, session_id: str) -> None:
        if not self.succeeded(lambda: self.app.open_runner(session_id)):
            self.refresh_sessions()
