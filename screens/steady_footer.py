"""The footer every screen of this app uses: its keys from the first frame, changed in place.

Textual 8.2.8's Footer has two costs this one avoids:

- It starts empty and rebuilds all its keys after every change of the screen's bindings (a
  screen opening, its focus, its resume, its list), each time after a frame, so the screen is
  laid out and drawn again. This one shows the keys from its first compose, queues at most one
  rebuild for a burst of changes, and does not rebuild when the same keys stay: a key that only
  turns on or off (or gets another tooltip) is changed where it is.
- Each FooterKey it makes is bound to the footer's ``compact`` with ``data_bind``, which leaves a
  watcher on the footer that holds the key alive after the key is removed (until ``compact``
  changes, which it never does here). The runner's footer rebuilt on every F10 and Escape, so a
  long session kept thousands of dead widgets and its garbage collection paused for seconds.
  Here the keys get ``compact`` directly, and the footer passes a change on to them itself.

It also shows only what fits (``screens.footer_fit``): a key half cut off helps nobody. The menu key
(Ctrl+P) is shown once, on the right, where it is never cut.
"""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from screens.footer_fit import Wanted, fitting

# What makes a key: rebuilding is needed only when one of these changes. Its state (enabled,
# tooltip) is changed in place.
KeyShape = tuple[str, str, str, str | None]  # key, action, description, group


class SteadyFooter(Footer):
    """A Footer without the leak, shown at once, changed in place (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = True  # Footer's flag: compose the keys right away
        self._rebuild_queued = False
        self._shapes: list[KeyShape] = []

    def _wanted(self) -> list[Wanted]:
        """The keys to show as Footer shows them: one per action (its first binding), then the
        command palette's; each with its state and classes. Only those that fit the width."""
        by_action: dict[str, Wanted] = {}
        palette_key = ""
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette_key = self.app.COMMAND_PALETTE_BINDING
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.key != palette_key:  # that one is on the right
                by_action.setdefault(binding.action, (binding, enabled, tooltip, ""))
        wanted = list(by_action.values())
        if palette_key:
            palette = self.screen.active_bindings.get(palette_key)
            if palette is not None:
                _, binding, enabled, _ = palette
                tooltip = binding.tooltip or binding.description
                wanted.append((binding, enabled, tooltip, "-command-palette"))
        width = self.size.width or self.app.size.width
        ranks: dict[str, int] = getattr(self.screen, "FOOTER_RANKS", {})
        return fitting(wanted, width, ranks, self.app.get_key_display)

    def on_resize(self) -> None:
        if self.is_attached and [self._shape(b) for b, *_ in self._wanted()] != self._shapes:
            self.call_after_refresh(self.recompose)

    @staticmethod
    def _shape(binding: Binding) -> KeyShape:
        group = binding.group.description if binding.group else None
        return binding.key, binding.action, binding.description, group

    def compose(self) -> ComposeResult:
        """What Footer.compose shows (bindings of one group side by side under its label), with
        ``compact`` set on each key instead of bound to the footer."""
        wanted = self._wanted()
        self._shapes = [self._shape(binding) for binding, *_ in wanted]
        self.styles.grid_size_columns = sum(not classes for *_, classes in wanted)
        for group, members in groupby(wanted, lambda item: item[0].group):
            keys = list(members)
            if group is not None and len(keys) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for binding, enabled, tooltip, _ in keys:
                        yield self._key(binding, "", enabled, tooltip, "-grouped")
                yield FooterLabel(group.description)
            else:
                for binding, enabled, tooltip, classes in keys:
                    yield self._key(binding, binding.description, enabled, tooltip, classes)

    def _key(
        self, binding: Binding, description: str, enabled: bool, tooltip: str, classes: str = ""
    ) -> FooterKey:
        if classes == "-grouped":
            tooltip = tooltip or binding.description  # a grouped key shows no description
        palette = classes == "-command-palette"
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            # Footer leaves the palette key at FooterKey's default (compact), whose watcher adds
            # this class once mounted: given now, the key is not styled a second time for it.
            classes=f"{classes} -compact" if palette else classes,
        )
        if not palette:
            key.set_reactive(FooterKey.compact, self.compact)  # no data_bind: see the module
        return key

    def watch_compact(self, compact: bool) -> None:
        for key in self.query(FooterKey):
            if not key.has_class("-command-palette"):
                key.compact = compact

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
        if not self.is_attached:
            return
        wanted = self._wanted()
        keys = list(self.query(FooterKey))
        if [self._shape(b) for b, *_ in wanted] == self._shapes and len(keys) == len(wanted):
            for key, (binding, enabled, tooltip, _) in zip(keys, wanted, strict=True):
                if key.has_class("-grouped"):
                    tooltip = tooltip or binding.description
                self._set_state(key, enabled, tooltip)
            return
        await super().recompose()

    @staticmethod
    def _set_state(key: FooterKey, enabled: bool, tooltip: str) -> None:
        if key._disabled == (not enabled) and (key.tooltip or "") == tooltip:
            return
        key._disabled = not enabled
        key.set_class(not enabled, "-disabled")
        key.tooltip = tooltip or None
        key.refresh()
