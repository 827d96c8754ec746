"""Keys that move through the session, shared by the runner's focusable widgets.

Input and OptionList bind PageUp/PageDown to scrolling themselves; binding the keys again on our
own widgets makes them move through the steps instead, also while typing.
"""

from __future__ import annotations

from textual.binding import Binding

STEP_GROUP = Binding.Group("Stap")


def step_bindings(*, show: bool = True) -> list[Binding]:
    return [
        Binding(
            "pageup",
            "screen.previous_step",
            "Vorige stap",
            id="runner.previous_step",
            tooltip="Ga naar de vorige stap",
            group=STEP_GROUP,
            show=show,
        ),
        Binding(
            "pagedown",
            "screen.next_step",
            "Volgende stap",
            id="runner.next_step",
            tooltip="Ga naar de volgende stap",
            group=STEP_GROUP,
            show=show,
        ),
    ]
