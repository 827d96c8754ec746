"""A small form for the laptop's hotspot: its name and password, for a Wi-Fi QR code.

Nothing is stored: the code is made on the screen and forgotten when the app closes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.base import WorkshopModal


class WifiForm(WorkshopModal[tuple[str, str] | None]):
    """Returns (name, password), or None when closed with Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="wifi.cancel", tooltip="Geen Wi-Fi-code maken"),
    ]

    def __init__(self, known: tuple[str, str] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.known = known or ("", "")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "Zet eerst de hotspot van deze laptop aan (zie docs/meedoen.md). Typ hier de "
                "naam en het wachtwoord van de hotspot; telefoons verbinden dan door een code "
                "te scannen. Er wordt niets bewaard.",
                id="wifi-intro",
            )
            yield Static("Naam van de hotspot", classes="field-label")
            yield Input(self.known[0], id="wifi-name", max_length=32)
            yield Static("Wachtwoord", classes="field-label")
            yield Input(self.known[1], id="wifi-password", max_length=63)
            yield Static("", id="wifi-error", classes="field-error")
            yield Static("Enter: code maken · Esc: annuleren", classes="hint-line")

    def on_mount(self) -> None:
        self.query_one("#wifi-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#wifi-name", Input).value.strip()
        password = self.query_one("#wifi-password", Input).value
        if event.input.id == "wifi-name" and name and not password:
            self.query_one("#wifi-password", Input).focus()
            return
        if not name:
            self.query_one("#wifi-error", Static).update("Typ de naam van de hotspot.")
            self.query_one("#wifi-name", Input).focus()
            return
        self.dismiss((name, password))

    def action_cancel(self) -> None:
        self.dismiss(None)
