"""The runner on a projector: a wide layout from 160 columns, and a wall view (F11).

Terminals cannot change their font size, so a wide screen uses its space instead: from
``WIDE_COLUMNS`` the screen carries the class ``-wide`` and its CSS (``styles/runner.tcss``)
draws the clock in big block digits, the phase as a banner, the questions set apart and the side
column wide enough for every agenda label. Below that the layout is exactly the narrow one.

The wall view shows only what the room needs: phase, step, questions, clock and the two columns.
The agenda, the tips, the phones' line and the footer go. The capture bar stays: the facilitator
goes on typing while the room reads, and the badges say where the next remark goes. The same key
brings everything back.

F11 is free in the runner (F1-F10 and F12 are taken; Ctrl keys are taken by the input line, e.g.
Ctrl+W deletes a word). A terminal that keeps F11 for itself (full screen) leaves the menu (Ctrl+P,
"Muurweergave").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

from screens.base import WorkshopScreen
from screens.widgets.clock_panel import ClockPanel

if TYPE_CHECKING:
    from screens.widgets.capture_bar import CaptureBar

WIDE_COLUMNS = 160

WALL_ON = "Muurweergave: alleen fase, stap, vragen, klok en inbreng. F11 zet alles terug."
WALL_OFF = "Alles staat weer in beeld."


class WallRunner(WorkshopScreen[None]):
    BINDINGS = [
        Binding(
            "f11",
            "wall_view",
            "Muurweergave",
            id="runner.wall_view",
            show=False,  # the footer is full; F1 and the menu list it
            tooltip="Alleen wat de groep nodig heeft; nog een keer: alles terug",
        ),
    ]

    capture: CaptureBar

    @property
    def wall_view(self) -> bool:
        return self.has_class("-wall")

    def fit_to_width(self, width: int) -> None:
        self.set_class(width >= WIDE_COLUMNS, "-wide")

    def on_mount(self) -> None:
        self.fit_to_width(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_to_width(event.size.width)

    def on_screen_resume(self) -> None:
        self.fit_to_width(self.app.size.width)  # the terminal may have changed meanwhile

    def action_wall_view(self) -> None:
        on = not self.wall_view
        self.set_class(on, "-wall")
        self.query_one(ClockPanel).show_wall(on)
        self.refresh_bindings()  # the tips (F4) are off on the wall
        self.capture.show_message(WALL_ON if on else WALL_OFF)
