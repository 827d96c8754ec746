"""The help screen: every key of the screen you came from, and that screen's own tips.

A screen can set ``HELP_TEXT`` (plain text) for its tips; without it the typing shortcuts of the
input line are shown.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import DataTable, Static

from screens.base import WorkshopModal

CAPTURE_HELP = """\
Typen in de invoerregel
Zet dit vooraan in de regel:
team:  ouder:   wie het zegt
#obs #kn #ka #w #i
    observatie, knelpunt, kans,
    wens of idee
+did +ped +inf +for +maa
    vorm: didactisch, pedagogisch,
    informeel, formeel, maatschappelijk
=ped =toe =org =dem
    doel: pedagogisch, toerusting,
    organisatorisch, democratisch
@Naam   wie het zei
Voorbeeld:
    ouder: #wens @Sevda Meer uitjes

Stemmen
Esc: naar de lijst. Kies met ↑ en ↓,
dan + voor een stem erbij, - eraf.
Met telefoons: Ctrl+Y, dan v.

Een afspraak maken
Esc, kies de inbreng en druk op a.
Of F10 en dan n. Vul in: wat, wie
(de eigenaar) en wanneer.

Telefoons
Ctrl+Y: QR-code om mee te doen.
Ctrl+N: toelaten wat telefoons sturen.\
"""


# Key names as they are printed on a keyboard, for people who do not know "^q" or "⏎".
KEY_NAMES = {
    "ctrl": "Ctrl",
    "shift": "Shift",
    "alt": "Alt",
    "enter": "Enter",
    "escape": "Esc",
    "delete": "Delete",
    "backspace": "Backspace",
    "tab": "Tab",
    "space": "Spatie",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "insert": "Insert",
    "plus": "+",
    "minus": "-",
    "full_stop": ".",
    "comma": ",",
    "slash": "/",
}


def key_name(key: str) -> str:
    """'ctrl+s' -> 'Ctrl+S', 'enter' -> 'Enter', 'f1' -> 'F1', 'plus' -> '+', 'n' -> 'n'."""
    *modifiers, last = key.split("+")
    names = [KEY_NAMES.get(m, m.capitalize()) for m in modifiers]
    if last in KEY_NAMES:
        names.append(KEY_NAMES[last])
    elif len(last) > 1 and last[0] == "f" and last[1:].isdigit():
        names.append(last.upper())
    else:
        char = key_to_character(last) or last
        names.append(char.upper() if modifiers else char)
    return "+".join(names)


def key_rows(origin: Screen) -> list[tuple[str, str]]:
    """One row per action of the screen: its keys (joined with ' of ') and what it does.

    Only our own bindings (they all carry an id); Textual's built-in ones are in English.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for active in origin.active_bindings.values():
        binding = active.binding
        if not binding.id or not binding.description or not active.enabled:
            continue
        keys, _ = rows.setdefault(binding.id, ([], binding.tooltip or binding.description))
        name = key_name(binding.key)
        if name not in keys:
            keys.append(name)
    return [(" of ".join(keys), text) for keys, text in rows.values()]


def help_text(origin: Screen) -> str:
    return str(getattr(origin, "HELP_TEXT", CAPTURE_HELP))


HelpRow = tuple[str, str]
MENU_ROW: HelpRow = ("Ctrl+P", "Menu met alle opdrachten")
HEADINGS: HelpRow = ("Toets", "Wat het doet")
MIN_TEXT_WIDTH = 20
WIDE = 110  # from this many columns the keys and the typing help stand side by side


def column_widths(rows: list[HelpRow], room: int, cell_padding: int) -> tuple[int, int]:
    """Widths of the key and text columns so the two fill ``room`` cells of table width.

    The keys get what their longest needs; the sentences get the rest and wrap there.
    """
    key_width = max(cell_len(keys) for keys, _ in [HEADINGS, *rows])
    text_room = room - key_width - 4 * cell_padding  # padding on both sides of both columns
    longest_text = max(cell_len(text) for _, text in [HEADINGS, *rows])
    return key_width, max(MIN_TEXT_WIDTH, min(text_room, longest_text))


class HelpScreen(WorkshopModal[None]):
    CSS_PATH = "styles/help.tcss"
    BINDINGS = [
        Binding("escape,f1,q", "close", "Terug", id="help.close", tooltip="Sluit de hulp"),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="dialog-screen")
        self.origin = origin
        self.rows: list[HelpRow] = key_rows(origin)
        if not any(keys == MENU_ROW[0] for keys, _ in self.rows):
            self.rows.append(MENU_ROW)
        self.widths: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help-box"):
            yield Static("Toetsen  ·  Esc sluit dit scherm", classes="title")
            # Side by side on a wide screen (it then fits at 120x36), one under the other else.
            with Container(id="help-body"):
                # Not focusable: the arrow keys scroll the whole box, so there is one scroll bar.
                keys = DataTable(
                    id="help-keys", cursor_type="none", zebra_stripes=True, show_header=False
                )
                keys.can_focus = False
                yield keys
                yield Static(Content(help_text(self.origin)), id="help-capture")

    def on_mount(self) -> None:
        self.lay_out()
        # First with a guess (the whole screen); once laid out, to the table's real width.
        self.fill_keys(self.app.size.width)
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        self.lay_out()
        self.call_after_refresh(self.fit_keys)

    def lay_out(self) -> None:
        """Side by side for the typing help (the runner, with the most keys); a screen's own
        tips are sentences and read best under the keys, at full width."""
        wide = self.app.size.width >= WIDE and not hasattr(self.origin, "HELP_TEXT")
        self.query_one("#help-box").set_class(wide, "-wide")

    def fit_keys(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        if table.content_size.width:
            self.fill_keys(table.content_size.width)

    def fill_keys(self, room: int) -> None:
        """One row per key; the sentence wraps within its column instead of being cut off."""
        table = self.query_one("#help-keys", DataTable)
        widths = column_widths(self.rows, room, table.cell_padding)
        if widths == self.widths:
            return
        self.widths = widths
        table.clear(columns=True)
        for heading, width in zip(HEADINGS, widths, strict=True):
            table.add_column(heading, width=width)
        for keys, text in self.rows:
            # rich Text: measured and wrapped by the table, and never read as markup
            table.add_row(Text(keys), Text(text), height=None)

    def action_close(self) -> None:
        self.dismiss(None)
