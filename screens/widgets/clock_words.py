"""What the runner says after a key changed the phase clock: every change is said in words."""

from __future__ import annotations


def minutes_text(minutes: int) -> str:
    return "1 minuut" if abs(minutes) == 1 else f"{abs(minutes)} minuten"


def adjusted(minutes: int, planned_seconds: float) -> str:
    """After F6, F7 or F8: "Klok: 1 minuut erbij (nu 26 minuten gepland)."."""
    change = "erbij" if minutes > 0 else "eraf"
    planned = minutes_text(round(planned_seconds / 60))
    return f"Klok: {minutes_text(minutes)} {change} (nu {planned} gepland)."


def toggled(running: bool) -> str:
    return "Klok loopt." if running else "Klok staat op pauze."


def reset(planned_seconds: float) -> str:
    return f"Klok opnieuw begonnen: {minutes_text(round(planned_seconds / 60))}, op pauze."
