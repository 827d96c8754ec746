"""The runner's side of phones taking part: its keys, its indicator, and the room's events.

``RunnerScreen`` inherits this (so runner.py only gains a few lines). Ctrl+Y opens the join
panel, Ctrl+N the moderation queue; dot voting from phones opens from the join panel (v) or the
command menu (Ctrl+P). A remark accepted or a vote from a phone refreshes the columns; the indicator
shows how many phones take part and how many remarks wait. Closing the session stops the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from screens.base import WorkshopScreen
from screens.phone_room import PhoneRoom, close_phone_room, phone_room
from screens.widgets.phone_indicator import PhoneIndicator

if TYPE_CHECKING:
    from screens.widgets.runner_columns import RunnerColumns
    from workshop.app.live import LiveSession
    from workshop.app.participation import RoomEvent
    from workshop.model import Contribution

REFRESH_SECONDS = 0.2  # remarks and votes from phones reach the columns within this
READ_ONLY = "Deze sessie is alleen te bekijken: telefoons kunnen nu niet meedoen."


class PhonesRunner(WorkshopScreen[None]):
    BINDINGS = [
        Binding(
            "ctrl+y", "phones", "Meedoen", id="runner.phones", show=False,
            tooltip="Laat ouders en team meedoen met hun telefoon: QR-code en links",
        ),
        Binding(
            "ctrl+n", "phone_queue", "Wachtrij", id="runner.phone_queue", show=False,
            tooltip="Opmerkingen van telefoons toelaten of verbergen",
        ),
    ]  # fmt: skip
    # No key of its own: Ctrl+S saves a form, and a second Ctrl+S typed ahead after a form would
    # land here. Voting is opened from the join panel (v) or the command menu.
    PALETTE_ONLY = (
        ("Stemmen met telefoons", "Open of sluit het stemmen met telefoons voor deze stap",
         "phone_voting"),
    )  # fmt: skip

    live: LiveSession
    columns: RunnerColumns
    _phones_refresh_due = False  # a refresh of the columns from phones is on its way

    @property
    def phones(self) -> PhoneRoom:
        return phone_room(self.live, self.app.phone_options)

    def phone_indicator(self) -> PhoneIndicator:
        return PhoneIndicator(id="phone-indicator")

    def on_mount(self) -> None:
        if not self.live.read_only:
            self._unwatch_phones = self.phones.watch(self, self._on_phone_event)

    def close_phones(self) -> None:
        """Before the session closes: the server stops, so nothing listens any more."""
        close_phone_room(self.live)

    def show_contributions(self) -> None:
        raise NotImplementedError

    def _on_phone_event(self, event: RoomEvent | None) -> None:
        if not self.is_mounted:
            return
        changes_columns = event is not None and event.kind in ("remark_accepted", "vote")
        # Forty phones voting at once: one refresh of the columns per moment, not per dot.
        if changes_columns and not self._phones_refresh_due:
            self._phones_refresh_due = True
            self.set_timer(REFRESH_SECONDS, self._refresh_from_phones)
        self.show_phones()

    def _refresh_from_phones(self) -> None:
        self._phones_refresh_due = False
        if self.is_mounted:
            self.show_contributions()

    def show_phones(self) -> None:
        phones = self.phones
        self.query_one(PhoneIndicator).show(
            phones.running, phones.phone_count, len(phones.room.waiting())
        )

    def on_screen_resume(self) -> None:
        if self.is_mounted and not self.live.read_only:
            self.show_phones()

    # -- actions ----------------------------------------------------------------------------

    def _may_change(self) -> bool:
        if self.live.read_only:
            self.app.notify(READ_ONLY, title="Let op", severity="warning")
            return False
        return True

    def action_phones(self) -> None:
        if self._may_change():
            from screens.join_panel import JoinPanelScreen

            def closed(next_step: str | None) -> None:
                if next_step == "voting":
                    self.action_phone_voting()

            self.app.push_screen(JoinPanelScreen(self.phones), closed)

    def action_phone_queue(self) -> None:
        if self._may_change():
            from screens.moderation import ModerationScreen

            self.app.push_screen(ModerationScreen(self.phones))

    def action_phone_voting(self) -> None:
        if not self._may_change():
            return
        from screens.phone_voting import VotingScreen

        def closed(result: list[Contribution] | None) -> None:
            if result is None:
                return
            self.columns.sort_by_votes = True
            self.show_contributions()
            self.notify(
                "Het stemmen is gesloten. De inbreng met de meeste stemmen staat bovenaan.",
                title="Uitslag",
                timeout=8,
            )

        self.app.push_screen(VotingScreen(self.phones), closed)
