"""The help screen: every key of the screen you came from, and that screen's own tips.

A screen can set ``HELP_TEXT`` (plain text) for its tips; without it the typing shortcuts of the
input line are shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

CAPTURE_HELP = """\
Sneller typen in de invoerregel (aan het begin van de regel):
  ouder:  of  team:           van wie de inbreng komt
  #knelpunt #kans #wens #idee #observatie   (of kort: #kn #ka #w #i #obs)
  +did +ped +inf +for +maa    de vorm van partnerschap
  @Naam                       wie het zei
Voorbeeld:  ouder: #wens @Sevda Meer uitleg over de thema's"""


def help_text(origin: Screen) -> str:
    return str(getattr(origin, "HELP_TEXT", CAPTURE_HELP))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Terug", id="help.close", tooltip="Sluit de hulp"),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="dialog-screen")
        self.origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help-box"):
            yield Static("Toetsen", classes="title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(Content(help_text(self.origin)), id="help-capture")
            yield Static(
                "Ctrl+P opent het menu met alle opdrachten. Esc sluit dit scherm.",
                classes="hint-line",
            )

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_columns("Toets", "Wat het doet")
        seen: set[tuple[str, str]] = set()
        for active in self.origin.active_bindings.values():
            binding = active.binding
            # Only our own keys (they all carry an id); Textual's built-in ones are in English.
            if not binding.id or not binding.description or not active.enabled:
                continue
            row = (self.app.get_key_display(binding), binding.tooltip or binding.description)
            if row not in seen:
                seen.add(row)
                table.add_row(*row)
        table.add_row("Ctrl+P", "Menu met alle opdrachten")

    def action_close(self) -> None:
        self.dismiss(None)
