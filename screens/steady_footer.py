"""A Footer that is rebuilt once for a burst of binding changes, not once per change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's Footer rebuilds all its keys after every change of the screen's bindings; when a
    screen opens, its focus, its resume and a new list each change them within a moment. The
    first change queues the rebuild, which reads the bindings as they are by then; changes that
    come before it runs add nothing."""

    _rebuild_queued = False

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
        await super().recompose()
