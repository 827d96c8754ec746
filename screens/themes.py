"""Our own high-contrast themes for projectors: light (the default) and dark.

Projected images lose contrast, so text is near black on white (or white on near black) and the
two voices get colours that stay apart also for colour-blind viewers: blue for the team, orange
for the parent panel.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR_LIGHT = "projector-licht"
PROJECTOR_DARK = "projector-donker"
DEFAULT_THEME = PROJECTOR_LIGHT

# Variables our .tcss files use beyond Textual's own; every theme must define them.
VARIABLE_DEFAULTS: dict[str, str] = {
    "team-color": "#0b4f9c",
    "parent-color": "#b34700",
    "timer-normal": "#0a5c2b",
    "timer-warning": "#8a5a00",
    "timer-overtime": "#b00020",
}

THEMES: tuple[Theme, ...] = (
    Theme(
        name=PROJECTOR_LIGHT,
        primary="#0b4f9c",
        secondary="#5c2d91",
        accent="#b34700",
        warning="#8a5a00",
        error="#b00020",
        success="#0a5c2b",
        foreground="#000000",
        background="#ffffff",
        surface="#f2f2f2",
        panel="#e4e4e4",
        dark=False,
        variables=dict(VARIABLE_DEFAULTS),
    ),
    Theme(
        name=PROJECTOR_DARK,
        primary="#6cb4ff",
        secondary="#c9a6ff",
        accent="#ffa24d",
        warning="#ffd24d",
        error="#ff6b7f",
        success="#5fe08a",
        foreground="#ffffff",
        background="#000000",
        surface="#141414",
        panel="#262626",
        dark=True,
        variables={
            "team-color": "#6cb4ff",
            "parent-color": "#ffa24d",
            "timer-normal": "#5fe08a",
            "timer-warning": "#ffd24d",
            "timer-overtime": "#ff6b7f",
        },
    ),
)
