"""The home screen: the stored sessions, newest first; start a new one, resume one, or the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from screens.confirm import ConfirmScreen
from screens.literal import literal
from workshop.errors import WorkshopError
from workshop.model import SessionSummary
from workshop.store import Problem

if TYPE_CHECKING:
    from screens.app import WorkshopApp

EMPTY_TEXT = (
    "Er zijn nog geen sessies.\n\n"
    "Druk op  n  om een nieuwe sessie te maken.\n"
    "Druk op  d  om een voorbeeld van een sessie te bekijken."
)
LIST_HINT = "Kies een sessie met de pijltjes en druk op Enter om verder te gaan."


def session_prompt(summary: SessionSummary) -> Content:
    """Two lines per session: the title, then where, when and how far along."""
    details = [summary.location, f"{summary.day:%d-%m-%Y}", summary.progress_label]
    return Content.assemble(
        (literal(summary.title).plain, "bold"),
        "\n",
        literal("   ·   ".join(part for part in details if part)),
    )


def problems_text(problems: list[Problem]) -> Content:
    """A calm notice: which files could not be read; the rest works as usual."""
    if len(problems) == 1:
        head = "Eén sessie kon niet worden gelezen. De andere sessies werken gewoon."
    else:
        head = f"{len(problems)} sessies konden niet worden gelezen. De andere werken gewoon."
    files = [part for p in problems for part in ("\n  • ", literal(str(p.path)))]
    return Content.assemble(head, *files)


class HomeScreen(Screen[None]):
    """The first screen: what is stored, and where to go from here."""

    CSS_PATH = "styles/home.tcss"
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
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        self.problems: list[Problem] = []

    @property
    def workshop_app(self) -> WorkshopApp:
        return cast("WorkshopApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="home-body"):
            yield Static("Je sessies", classes="title", id="home-title")
            yield Static(LIST_HINT, classes="hint-line", id="home-hint")
            yield Static(id="home-problems")
            yield OptionList(id="home-sessions")
            yield Static(EMPTY_TEXT, id="home-empty")
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also when coming back from the runner or the form: the list may have changed.
        self.refresh_sessions()

    # -- showing ------------------------------------------------------------------------------

    def refresh_sessions(self) -> None:
        """Read the summaries again and show them, keeping the highlighted session if it exists."""
        sessions = self.query_one("#home-sessions", OptionList)
        keep = self.selected_summary()
        try:
            self.summaries, self.problems = self.workshop_app.store.scan()
        except OSError as error:
            self.summaries, self.problems = [], []
            self.workshop_app.report(error)
        options: list[Option | None] = []
        for summary in self.summaries:
            options += [Option(session_prompt(summary), id=summary.id), None]  # None: a divider
        sessions.set_options(options[:-1])
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
        from workshop.demo import create_demo_session

        app = self.workshop_app
        try:
            live = create_demo_session(app.store, app.clock)
        except (WorkshopError, OSError) as error:
            app.report(error)
            self.refresh_sessions()
            return
        session_id = live.session.id
        live.close()
        self.open_session(session_id)

    def action_delete_session(self) -> None:
        summary = self.selected_summary()
        if summary is None:
            return
        question = (
            f"De sessie '{summary.title}' ({summary.day:%d-%m-%Y}) helemaal verwijderen?\n\n"
            "Alle inbreng, afspraken en reservekopieën gaan weg. Dit kan niet ongedaan worden."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.delete_session(summary)

        self.app.push_screen(
            ConfirmScreen(question, confirm_label="Ja, verwijderen"), callback=answered
        )

    def delete_session(self, summary: SessionSummary) -> None:
        app = self.workshop_app
        try:
            app.store.delete(summary.id)
        except WorkshopError as error:
            app.report(error)
        else:
            app.notify(literal(f"Verwijderd: {summary.title}"), title="Sessie verwijderd")
        self.refresh_sessions()

    def open_session(self, session_id: str) -> None:
        try:
            self.workshop_app.open_runner(session_id)
        except (WorkshopError, OSError) as error:
            self.workshop_app.report(error)
            self.refresh_sessions()
