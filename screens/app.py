"""The Textual app: screens, themes, app-wide keys and the command palette."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.events import Resize
from textual.screen import Screen

from screens.key_order import OrderedKeys
from screens.literal import literal
from screens.themes import DEFAULT_THEME, THEMES, VARIABLE_DEFAULTS
from workshop.clock import Clock, SystemClock
from workshop.errors import WorkshopError
from workshop.paths import default_exports_dir
from workshop.safe_files import append_private
from workshop.store import SessionStore

MIN_WIDTH, MIN_HEIGHT = 100, 30


class WorkshopApp(OrderedKeys):
    """Projected on the wall during a team meeting: calm, legible, keyboard-first.

    Keys are handled strictly in the order they were typed (see screens.key_order).
    """

    TITLE = "Workshop ouderbetrokkenheid"
    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", "Hulp", id="app.help", tooltip="Toon alle toetsen"),
        # Our own palette binding replaces Textual's, which would show "palette" in the footer.
        Binding(
            "ctrl+p",
            "command_palette",
            "Menu",
            id="app.palette",
            priority=True,
            tooltip="Open het menu met alle opdrachten",
        ),
        Binding(
            "ctrl+q", "quit", "Stoppen", id="app.quit", tooltip="Sluit af; alles is al opgeslagen"
        ),
        Binding(
            "ctrl+t",
            "change_theme",
            "Thema",
            id="app.theme",
            show=False,
            tooltip="Kies een ander kleurenschema",
        ),
    ]

    def __init__(
        self,
        store: SessionStore,
        *,
        open_session_id: str | None = None,
        clock: Clock | None = None,
        exports_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.exports_dir = exports_dir or default_exports_dir()
        self.open_session_id = open_session_id
        self._screens_pushed = False  # resizes before that are checked once the screens are there

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME
        from screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.open_session_id:
            self.open_runner(self.open_session_id)
        self._screens_pushed = True
        self.call_after_refresh(lambda: self.check_size(self.size.width, self.size.height))

    # -- opening sessions -----------------------------------------------------------------------

    def open_runner(self, session_id: str) -> None:
        """Open a session in the phase runner, exactly where it was left."""
        from screens.runner import RunnerScreen, open_live_session

        live = open_live_session(self, session_id)
        if live is not None:
            self.push_screen(RunnerScreen(live))

    def report(self, error: WorkshopError | OSError) -> None:
        """Show an expected error as a calm message; never as a traceback."""
        message = str(error) if isinstance(error, WorkshopError) else (error.strerror or str(error))
        self.notify(literal(message), title="Let op", severity="error", timeout=10)

    # -- app-wide actions -----------------------------------------------------------------------

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder="Zoek een opdracht…")
            )

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="Zoek een thema…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every key of the current screen, plus a few app commands.

        Only our own bindings (they carry an id) are listed: Textual's built-in ones are English.
        """
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.id is None or binding.action in seen or not active.enabled:
                continue
            if binding.action == "command_palette":
                continue
            seen.add(binding.action)
            help_text = active.tooltip or binding.tooltip or binding.description
            key = self.get_key_display(binding)
            yield SystemCommand(
                f"{binding.description} ({key})",
                help_text,
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand(
            "Thema kiezen", "Kies een ander kleurenschema", self.action_change_theme
        )
        yield SystemCommand("Stoppen", "Sluit af; alles is al opgeslagen", self.action_quit)

    # -- window size ----------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        if self._screens_pushed:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        from screens.too_small import TooSmallScreen

        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        notice = self.screen if isinstance(self.screen, TooSmallScreen) else None
        if too_small and notice is None:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif too_small and notice is not None:
            notice.show_size(width, height)
        elif notice is not None:
            self.pop_screen()

    # -- last resort ----------------------------------------------------------------------------

    def _fatal_error(self) -> None:
        """An unexpected error: write the details to a file and show a calm Dutch message.

        Overrides Textual's default, which prints a traceback. Saved work is safe either way:
        every change was on disk before the screen showed it.
        """
        log_path = self.store.root / "fout.log"
        try:
            self.store.ensure()
            append_private(log_path, traceback.format_exc())  # 0600: it may quote what was typed
        except (OSError, WorkshopError):
            log_path = None  # type: ignore[assignment]
        self.bell()
        where = f" De details staan in {log_path}." if log_path else ""
        self._exit_renderables.append(
            "workshop is gestopt door een onverwachte fout. Alles wat als opgeslagen werd "
            f"getoond, staat veilig. Start opnieuw met 'workshop' om verder te gaan.{where}"
        )
        self._close_messages_no_wait()
