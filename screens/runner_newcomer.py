"""An ``@Naam`` that is not a participant yet: offer to add the name (issue 11, item 16).

The remark is saved as typed either way; the question comes once the keys typed so far are
handled, so text typed ahead goes into the line, not into the question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from screens.confirm import ConfirmScreen
from screens.key_order import after_keys
from workshop.model import Group

if TYPE_CHECKING:
    from textual.app import App

    from screens.widgets import CaptureBar
    from workshop.app.live import LiveSession


class RunnerScreen(Protocol):
    """What of the runner this needs (the runner imports this module, not the other way)."""

    live: LiveSession
    capture: CaptureBar
    is_attached: bool

    @property
    def app(self) -> App[Any]: ...

    def write(self, change: Callable[[], Any], done: Callable[[Any], Any]) -> None: ...


def is_newcomer(screen: RunnerScreen, author: str) -> bool:
    known = {name.casefold() for name in screen.live.participant_names()}
    return bool(author) and author.casefold() not in known


def offer_to_add(screen: RunnerScreen, author: str, group: Group) -> None:
    """Ask whether ``author`` joins the participants of ``group``; add them on yes."""
    where = "het team" if group is Group.TEAM else "het ouderpanel"

    def answer(add: bool | None) -> None:
        if not screen.is_attached:
            return
        screen.capture.input.focus()
        if not add:
            return

        def added(_: object) -> None:
            screen.capture.show_message(f"{author} doet nu mee bij {where}.")

        screen.write(lambda: screen.live.add_participant(group, author), added)

    def ask() -> None:
        if screen.is_attached and screen.app.screen is screen and is_newcomer(screen, author):
            screen.app.push_screen(
                ConfirmScreen(
                    f"{author} staat nog niet bij de deelnemers. Toevoegen bij {where}?",
                    confirm_label="Ja, toevoegen",
                    danger=False,
                ),
                answer,
            )

    after_keys(screen.app, ask)
