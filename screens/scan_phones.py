"""The self-scan from phones, in the scan view: open it on the phones, see how many answered.

``ScanScreen`` inherits this. ``t`` opens this scan on the phones (or closes it); ``f`` shows the
result of the phones in the existing result view: per statement and group the middle score of
the phones that answered. The view says how many phones answered per group; one phone's answers
are never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from screens.base import WorkshopScreen
from screens.phone_room import PhoneRoom, phone_room, when_done
from workshop.model import Group
from workshop.scan import ScanScore

if TYPE_CHECKING:
    from workshop.app.live import LiveSession
    from workshop.app.participation import RoomEvent


class PhoneScanMixin(WorkshopScreen[None]):
    BINDINGS = [
        Binding(
            "t", "toggle_phone_scan", "Telefoons", id="scan.phones", show=False,
            tooltip="Laat team en ouders deze scan op hun telefoon invullen, of stop daarmee",
        ),
        Binding(
            "f", "phone_results", "Uitslag telefoons", id="scan.phone_results", show=False,
            tooltip="Toon de uitslag van de telefoons, of weer die van het scoren hier",
        ),
    ]  # fmt: skip

    live: LiveSession
    scan_id: str
    mode: str
    from_phones = False  # the result view shows what phones answered
    _unwatch_phones: Callable[[], None] | None = None  # set on mount, unless read-only

    @property
    def phones(self) -> PhoneRoom:
        return phone_room(self.live, self.app.phone_options)

    def show(self) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        if self.live.read_only:
            return
        self.mount(Static("", id="scan-phones"), before="#scan-keys")
        self._unwatch_phones = self.phones.watch(self, self._on_phone_event)
        self.show_phone_status()

    def on_unmount(self) -> None:
        if self._unwatch_phones is not None:
            self._unwatch_phones()

    def _on_phone_event(self, event: RoomEvent | None) -> None:
        if not self.is_mounted:
            return
        if event is not None and event.kind in ("scan", "settings"):
            self.show_phone_status()
            if self.from_phones and self.mode == "results":
                self.show()

    def phone_scores(self) -> list[ScanScore]:
        """The phones' answers together: per statement and group the middle score."""
        tally = self.phones.room.scan_tally(self.scan_id)
        return [
            ScanScore(scan=self.scan_id, code=code, group=group, score=middle)
            for (code, group), middle in tally.middle.items()
            if tally.responded[group]
        ]

    def show_phone_status(self) -> None:
        """One line, only while phones take part or have answered (keys: F1 and Ctrl+P)."""
        room = self.phones.room
        tally = room.scan_tally(self.scan_id)
        is_open = room.settings.scan == self.scan_id
        status = self.query_one("#scan-phones", Static)
        status.display = self.phones.running or is_open or any(tally.responded.values())
        answered = ", ".join(f"{g.label.lower()} {tally.responded[g]}" for g in Group)
        parts: list[str | tuple[str, str]] = [
            ("Telefoons: ", "bold"),
            ("OPEN", "bold reverse") if is_open else ("DICHT", "bold"),
            f" · ingevuld op telefoons: {answered}",
            "  (t: open/dicht · f: uitslag van de telefoons)",
        ]
        if self.from_phones and self.mode == "results":
            parts.append(("  ·  Deze uitslag komt van de telefoons (f: terug)", "bold"))
        if not self.phones.running:
            parts.append("  ·  Meedoen staat uit (Ctrl+Y in de sessie)")
        status.update(Content.assemble(*parts))

    def action_toggle_phone_scan(self) -> None:
        if self.live.read_only:
            return
        room = self.phones.room
        target = None if room.settings.scan == self.scan_id else self.scan_id
        message = (
            "De scan staat open op de telefoons." if target else "De scan is dicht op de telefoons."
        )

        def done(_: object) -> None:
            self.notify(message, timeout=3)
            if self.is_mounted:
                self.show_phone_status()

        when_done(self, room.open_scan(target), done, self.show_failure)

    def action_phone_results(self) -> None:
        if self.live.read_only:
            return
        self.from_phones = not (self.from_phones and self.mode == "results")
        self.mode = "results"
        self.show()
        self.show_phone_status()
