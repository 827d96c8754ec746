"""A Footer that shows its keys in the screen's first frame and is rebuilt only when they change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's Footer starts empty and rebuilds all its keys after every change of the screen's
    bindings (when a screen opens: its focus, its resume, its list), each time after a frame, so
    the screen is laid out and drawn again. This one shows the keys from its first compose, queues
    at most one rebuild for a burst of changes, and skips a rebuild that would show the same."""

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = True  # Footer's flag: compose the keys right away
        self._rebuild_queued = False
        self._shown: Hashable = None

    def _keys(self) -> Hashable:
        """Everything Footer.compose shows, to tell whether a rebuild would change anything."""
        shown = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        return shown, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued:
            return
        super().bindings_changed(screen)
        # Footer queues a rebuild only for its own screen, while the app has focus.
        self._rebuild_queued = bool(
            screen.app.app_focus and self.is_attached and screen is self.screen
        )

    async def recompose(self) -> None:
        self._rebuild_queued = False
        if self._keys() != self._shown:
            await super().recompose()
