"""The Textual app: screens, themes, app-wide keys and the command palette.

The app imports its screens; screens never import the app (they know it as
``screens.base.WorkshopAppBase``). Every operation goes through the app's ``workspace``
(``workshop.app``): the UI never touches the store or writes files itself.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.events import Resize
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme

from screens import collector
from screens.base import WorkshopAppBase
from screens.first_listing import read_in_thread
from screens.themes import DEFAULT_THEME, THEMES, VARIABLE_DEFAULTS
from workshop.errors import WorkshopError

if TYPE_CHECKING:
    from workshop.app.live import LiveSession
    from workshop.app.workspace import Workspace

MIN_WIDTH, MIN_HEIGHT = 100, 30


class WorkshopApp(WorkshopAppBase):
    """Projected on the wall during a team meeting: calm, legible, keyboard-first.

    Keys are handled strictly in the order they were typed (see screens.key_order).
    """

    TITLE = "Workshop ouderbetrokkenheid"
    # The home screen's style comes with the app's: it is the first screen, and a screen's own
    # CSS_PATH would make Textual parse all CSS again when it is opened.
    CSS_PATH = ["styles/app.tcss", "styles/home.tcss"]
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

    def __init__(self, workspace: Workspace, *, open_session_id: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.open_session_id = open_session_id
        if self.phone_options.log_error is None:  # a phone's unexpected error: into fout.log
            self.phone_options = replace(self.phone_options, log_error=workspace.log_error)
        self._screens_pushed = False  # resizes before that are checked once the screens are there
        self._size_notice_shown = False  # ever: only then can one be on top

    # Our theme from the very start: Textual then parses the CSS once with its colours, instead of
    # parsing everything again when the theme is set afterwards.
    theme: Reactive[str] = Reactive(DEFAULT_THEME)

    @property
    def available_themes(self) -> dict[str, Theme]:
        # Also while Textual's __init__ runs, before register_theme could be called. Textual
        # asks for this often (every colour lookup): keep it a plain copy plus two entries.
        themes = super().available_themes
        for theme in THEMES:
            themes.setdefault(theme.name, theme)
        return themes

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def on_load(self) -> None:
        collector.pause()  # until the first frame (screens.collector says why)
        # The session list is read in a thread, off the UI thread, starting now: beside
        # Textual's own start-up rather than after it. The home screen waits for it.
        self._listing = read_in_thread(self.workspace.list_sessions)
        self._listing_error: OSError | None = None

    def get_default_screen(self) -> Screen:
        """The home screen is the app's first screen, built with the list already read: its
        first frame shows the sessions and the keys that go with them. (Pushed on a blank
        default screen, it cost that screen's frame, and styling all its widgets once more.)"""
        from screens.home import HomeScreen

        try:
            listing = self._listing.result()
        except OSError as error:
            listing = [], []
            self._listing_error = error  # said once the app is mounted
        return HomeScreen(listing)

    def on_unmount(self) -> None:
        collector.resume()  # also when the app stops before its first frame

    def on_mount(self) -> None:
        if self._listing_error is not None:
            self.report(self._listing_error)
        if self.open_session_id:
            self.open_runner(self.open_session_id)
        self._screens_pushed = True
        self.set_interval(collector.QUIET_SECONDS, self.quiet_moment, name="quiet moment")
        self.call_after_refresh(lambda: self.check_size(self.size.width, self.size.height))
        self.call_after_refresh(collector.resume)

    def quiet_moment(self) -> None:
        """No key for a moment after some keys: the collector may tidy up (screens.collector)."""
        collector.quiet_moment(self.last_key_at, time.monotonic())

    # -- opening sessions -----------------------------------------------------------------------

    def open_runner(self, session_id: str) -> None:
        """Open a session in the phase runner, exactly where it was left.

        When another window has the session open, or its folder cannot be written (a read-only
        or full disk), ask whether to look at it read-only. Any other problem is said calmly.
        """
        from workshop.app.opening import OpenRefused

        try:
            live = self.workspace.open(session_id)
        except OpenRefused as refused:
            self.offer_read_only(session_id, refused.reason)
            return
        except (WorkshopError, OSError) as error:
            self.report(error)
            return
        self.push_runner(live)

    def offer_read_only(self, session_id: str, reason: str) -> None:
        from screens.confirm import ConfirmScreen

        def answer(look: bool | None) -> None:
            if not look:
                return
            try:
                live = self.workspace.open_read_only(session_id)
            except (WorkshopError, OSError) as again:
                self.report(again)
                return
            self.push_runner(live, read_only_reason=reason)

        self.push_screen(
            ConfirmScreen(
                f"{reason}\n\nWil je hem bekijken zonder iets te veranderen?",
                confirm_label="Alleen bekijken",
                danger=False,
            ),
            answer,
        )

    def push_runner(self, live: LiveSession, *, read_only_reason: str = "") -> None:
        from screens.runner import RunnerScreen
        from screens.runner_ahead import build_when_quiet
        from screens.warm_up import load_ahead

        runner = RunnerScreen(live, read_only_reason=read_only_reason)
        self.push_screen(runner)
        self.call_after_refresh(collector.session_shown)  # the session stays while it is open
        # the code of the screens opened from it, then those screens (screens.runner_ahead)
        self.call_after_refresh(load_ahead, self, partial(build_when_quiet, runner))
        if live.unseen_clock is not None:  # the clock ran on after a crash: does that count?
            from screens.clock_question import UnseenTimeQuestion

            def answer(counts: bool | None) -> None:
                settle = partial(live.settle_unseen_time, bool(counts))
                runner.write(settle, lambda _: runner.tick())

            self.push_screen(UnseenTimeQuestion(live.unseen_clock), answer)

    # -- app-wide actions -----------------------------------------------------------------------

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        from screens.menu_palette import MenuPalette  # loaded when first opened: a quicker start

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(MenuPalette(id="--command-palette", placeholder="Zoek een opdracht…"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from screens.menu_palette import MenuPalette

        self.push_screen(MenuPalette(providers=[ThemeProvider], placeholder="Zoek een thema…"))

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
        # Actions a screen offers only here, without a key of their own.
        for description, help_text, action in getattr(screen, "PALETTE_ONLY", ()):
            yield SystemCommand(description, help_text, partial(self.run_action, action, screen))
        yield SystemCommand(
            "Thema kiezen", "Kies een ander kleurenschema", self.action_change_theme
        )
        yield SystemCommand("Stoppen", "Sluit af; alles is al opgeslagen", self.action_quit)

    # -- window size ----------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        if self._screens_pushed:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not too_small and not self._size_notice_shown:
            return  # nothing to say or take away (the notice's module loads when first needed)
        from screens.too_small import TooSmallScreen

        notice = self.screen if isinstance(self.screen, TooSmallScreen) else None
        if too_small and notice is None:
            self._size_notice_shown = True
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
        log_path = self.workspace.log_error(traceback.format_exc())
        self.bell()
        where = f" De details staan in {log_path}." if log_path else ""
        self._exit_renderables.append(
            "workshop is gestopt door een onverwachte fout. Alles wat als opgeslagen werd "
            f"getoond, staat veilig. Start opnieuw met 'workshop' om verder te gaan.{where}"
        )
        self._close_messages_no_wait()
