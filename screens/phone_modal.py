"""What the moderation queue and the voting dialog share: a dialog over the session that follows
the phone room, shows itself again after each room event, and closes with Escape (None)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from screens.base import WorkshopModal
from screens.phone_room import PhoneRoom

if TYPE_CHECKING:
    from workshop.app.participation import RoomEvent

ResultT = TypeVar("ResultT")


class PhoneRoomModal(WorkshopModal[ResultT | None]):
    """A dialog on the room: ``show`` draws it, on mount and after every room event."""

    def __init__(self, phones: PhoneRoom) -> None:
        super().__init__()
        self.phones = phones
        self._unwatch = phones.watch(self, self._on_room)

    def show(self) -> None:
        raise NotImplementedError

    def on_unmount(self) -> None:
        self._unwatch()

    def _on_room(self, _event: RoomEvent | None) -> None:
        if self.is_mounted:
            self.show()

    def told(self, message: str) -> Callable[[object], None]:
        """For ``when_done``: say ``message`` once the room's change is saved, then show it."""

        def done(_result: object) -> None:
            self.notify(message, timeout=3)
            if self.is_mounted:
                self.show()

        return done

    def action_close(self) -> None:
        self.dismiss(None)
