"""What every screen shares: a typed ``app``, and one way to run an operation and show its error.

Screens never import the app module (``screens.app`` imports the screens, so that would be a
cycle): they know the app as ``WorkshopAppBase``, which holds the workspace every operation goes
through (``workshop.app``), shows an expected error calmly, and opens a session by its code.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import RenderableType
from textual import events, getters
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen

from screens.backdrop import TintedBackdrop
from screens.key_order import OrderedKeys
from screens.literal import literal
from screens.phone_room import PhoneOptions
from workshop.errors import ValidationError, WorkshopError
from workshop.os_reasons import os_reason

if TYPE_CHECKING:
    from screens.writes import ScreenWrites
    from workshop.app.live import LiveSession
    from workshop.app.workspace import Workspace

T = TypeVar("T")
ResultT = TypeVar("ResultT")


class WorkshopAppBase(OrderedKeys):
    """The app as its screens know it; ``screens.app.WorkshopApp`` is the real one."""

    workspace: Workspace
    phone_options: PhoneOptions = PhoneOptions()  # tests inject a fixed address and tokens

    def report(self, error: WorkshopError | OSError) -> None:
        """Show an expected error as a calm message; never as a traceback."""
        # An OSError's own text is English ("Permission denied"): name the reason in Dutch.
        message = str(error) if isinstance(error, WorkshopError) else os_reason(error)
        self.notify(literal(message), title="Let op", severity="error", timeout=10)

    def open_runner(self, session_id: str) -> None:
        """Open a session in the phase runner, or offer to look at it when it cannot be written."""
        raise NotImplementedError


class WorkshopScreen(Screen[ResultT]):
    """A screen of this app."""

    app = getters.app(WorkshopAppBase)
    _resumed = False  # resumed (made the active screen) at least once
    _styled_with = -1  # the app's CSS (Textual counts its changes) when this screen was mounted

    def on_mount(self) -> None:  # beside a subclass's own on_mount (Textual calls each class's)
        self._styled_with = self.app._css_update_count

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first resume usually comes right after the screen's widgets were mounted and
        # styled: Textual's own handler (it runs after this one) need not style them all again
        # before the first frame; that was a third of the time the agreement form took to show.
        # Not so for a screen built ahead (screens.runner_ahead) when the CSS changed since (a
        # new theme): Textual restyles only the screens on the stack. Later resumes (back from
        # a screen on top) restyle as usual.
        if not self._resumed:
            self._resumed = True
            if self._styled_with != self.app._css_update_count:
                return  # styled with older CSS: Textual's handler restyles it all
            event.refresh_styles = False
            if self.focused is not None:  # focused while mounting: its :focus styles now
                self.app.stylesheet.update_nodes(self.focused.ancestors_with_self)

    def attempt(self, operation: Callable[[], T]) -> T | None:
        """Run one operation; on an expected error, show it and return None.

        Every operation saves completely or not at all, so after an error nothing needs undoing:
        a wrong value goes to ``show_invalid`` (beside its field), anything else (a full disk, a
        session that is gone) to a calm notice.
        """
        try:
            return operation()
        except (WorkshopError, OSError) as error:
            self.show_failure(error)
        return None

    def show_failure(self, error: BaseException) -> None:
        """Show an operation's expected error as ``attempt`` does; raise anything else (a bug)."""
        if isinstance(error, ValidationError):
            self.show_invalid(error)
        elif isinstance(error, WorkshopError | OSError):
            self.app.report(error)
        else:
            raise error

    # -- changing the open session ---------------------------------------------------------------

    live: LiveSession  # screens that change a session set it

    @cached_property
    def writes(self) -> ScreenWrites:
        """This screen's side of the open session's single writer (made when first used)."""
        from screens.writes import ScreenWrites  # with the writer: not needed to start the app

        return ScreenWrites(self, self.live.writer)

    def save(self, operation: Callable[[], T], done: Callable[[T], Any]) -> None:
        """Hand a change of the open session to its single writer and go on handling events.

        ``done(result)`` runs once the change is on disk, in the order changes were handed in; an
        error is shown as ``attempt`` shows it, with the screen (and what was typed in it) as it
        was. Keys typed after this one wait until then: they act on the saved state.
        """
        self.writes.run(operation, done, self.show_failure)
        self.writes.hold_keys()

    @property
    def saving(self) -> bool:
        """A change handed to the writer is not shown yet (a second Enter must not save twice)."""
        writes = self.__dict__.get("writes")
        return writes is not None and writes.in_flight > 0

    def succeeded(self, operation: Callable[[], object]) -> bool:
        """Like ``attempt``, for operations that return nothing: True when it was done."""

        def run() -> bool:
            operation()
            return True

        return self.attempt(run) is not None

    def show_invalid(self, error: ValidationError) -> None:
        """A value the core refused. Screens with fields show it beside the field instead."""
        self.app.report(error)


class WorkshopModal(WorkshopScreen[ResultT], ModalScreen[ResultT]):
    """A dialog of this app: over the screen below it, which stays visible."""

    def render(self) -> RenderableType:
        backdrop = super().render()
        if isinstance(backdrop, BackgroundScreen):  # see screens.backdrop: tinted per style
            return TintedBackdrop(backdrop.screen, backdrop.color)
        return backdrop
