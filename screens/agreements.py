"""All agreements of a session, with their owners first: who makes sure it happens."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Static

from screens.agreement_cells import plain, status_cell, what_cell, wrapped_lines
from screens.agreement_form import agreement_form
from screens.base import WorkshopScreen
from screens.confirm import ConfirmScreen
from screens.kept_screens import build_ahead, kept_screen
from screens.literal import literal
from screens.steady_footer import SteadyFooter
from workshop.deadlines import due_text
from workshop.errors import WorkshopError
from workshop.export.markdown import agreements_by_owner, owner_key
from workshop.model import Agreement, Status

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

STATUS_ORDER: tuple[Status, ...] = tuple(Status)
_CHANGING_ACTIONS = frozenset({"new", "edit", "cycle_status", "set_status", "delete"})

# Column widths in cells (owner, with whom, when, status); "Afspraak" takes what is left and
# also carries instrument and partnership form on a second line, so nothing is cut at 100 wide.
_FIXED_WIDTHS = {"wide": (20, 16, 14, 9), "narrow": (16, 13, 11, 9)}
_COLUMNS = ("Eigenaar", "Afspraak", "Met wie", "Wanneer", "Status")
# Opening the screen (F10) builds the rows that fill the screen first, then the rest this many
# per turn of the event loop: measuring rows of wrapped text is slow, and the first frame (and
# keys) should not wait for rows nobody sees yet.
_ROWS_PER_TURN = 12
# Lines of the screen that are not table rows: title, session, owners, two margins, the
# column headings and the footer (agreements.tcss).
_CHROME_LINES = 7


def agreements_screen(live: LiveSession, app: App) -> AgreementsScreen:  # type: ignore[type-arg]
    """The session's agreements screen (F10), kept between openings (screens.kept_screens)."""
    screen = kept_screen(app, live, AgreementsScreen, partial(AgreementsScreen, live))
    if screen.is_mounted:
        screen.reopen()
    return screen


def build_agreements_ahead(live: LiveSession, app: App) -> None:  # type: ignore[type-arg]
    """Build the session's agreements screen before the first F10 (screens.kept_screens)."""
    build_ahead(app, live, AgreementsScreen, partial(AgreementsScreen, live))


class AgreementsScreen(WorkshopScreen[None]):
    """The agreements list: edit, change status, delete, group per owner."""

    CSS_PATH = "styles/agreements.tcss"
    BINDINGS = [
        Binding("n", "new", "Nieuw", id="agreements.new", tooltip="Maak een nieuwe afspraak"),
        Binding(
            "e", "edit", "Wijzigen", id="agreements.edit", tooltip="Wijzig de gekozen afspraak"
        ),
        Binding(
            "s",
            "cycle_status",
            "Status",
            id="agreements.status",
            tooltip="Volgende status: open, bezig, klaar, vervallen",
        ),
        Binding(
            "1",
            "set_status(0)",
            "Open",
            id="agreements.status_open",
            show=False,
            tooltip="Zet de status op open",
        ),
        Binding(
            "2",
            "set_status(1)",
            "Bezig",
            id="agreements.status_busy",
            show=False,
            tooltip="Zet de status op bezig",
        ),
        Binding(
            "3",
            "set_status(2)",
            "Klaar",
            id="agreements.status_done",
            show=False,
            tooltip="Zet de status op klaar",
        ),
        Binding(
            "4",
            "set_status(3)",
            "Vervallen",
            id="agreements.status_dropped",
            show=False,
            tooltip="Zet de status op vervallen",
        ),
        Binding(
            "d,delete",
            "delete",
            "Verwijderen",
            id="agreements.delete",
            tooltip="Verwijder de gekozen afspraak (met een vraag vooraf)",
        ),
        Binding(
            "o",
            "toggle_by_owner",
            "Per eigenaar",
            id="agreements.by_owner",
            tooltip="Sorteer per eigenaar, of weer in de volgorde van maken",
        ),
        Binding(
            "escape", "back", "Terug", id="agreements.back", tooltip="Terug naar het vorige scherm"
        ),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.by_owner = False
        self._layout = "wide"
        self._fill = 0  # a newer refresh stops an older fill of the table
        self._shown_state: tuple[tuple[Agreement, ...], bool, str, int, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="agreements-head"):
            yield Static("Afspraken", classes="title", id="agreements-title")
            yield Static(literal(self.live.session.title), id="agreements-session")
            yield Static("", id="agreements-owners")
            if self.live.read_only:
                yield Static(
                    "Alleen lezen: deze sessie is ergens anders geopend. Je kunt hier niets "
                    "veranderen.",
                    id="agreements-read-only",
                )
        yield DataTable(id="agreements-table", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Nog geen afspraken. Druk op n om een afspraak te maken.",
            id="agreements-empty",
        )
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._layout = "wide" if self.app.size.width >= 120 else "narrow"
        self.refresh_table(visible_first=True)

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, after on_mount (at once, or much later when
        # it was built ahead): rebuild only when something changed meanwhile, not every row a
        # second time.
        if self._changed():
            self.refresh_table(keep=self.current_id())

    def _state(self) -> tuple[tuple[Agreement, ...], bool, str, int, str]:
        # The theme too: the status cells carry its colours.
        live, app = self.live, self.app
        return tuple(live.agreements), self.by_owner, self._layout, app.size.width, app.theme

    def _changed(self) -> bool:
        """Whether the rows shown are not those of the state now. Agreements are compared by
        identity: a change to one replaces it."""
        shown, now = self._shown_state, self._state()
        return (
            shown is None
            or shown[1:] != now[1:]
            or len(shown[0]) != len(now[0])
            or any(a is not b for a, b in zip(shown[0], now[0], strict=True))
        )

    def reopen(self) -> None:
        """Make this (dismissed) screen look as a new one would: in made-order, at the top,
        with the session's agreements now. Shown again, it opens without being built again
        (screens.kept_screens); the rows are built anew only when something changed."""
        self.by_owner = False
        self._layout = "wide" if self.app.size.width >= 120 else "narrow"
        self.query_one("#agreements-session", Static).update(literal(self.live.session.title))
        if self._changed():
            self.refresh_table(visible_first=True)
        else:
            self.table.move_cursor(row=0, column=0, animate=False)
            self.table.scroll_home(animate=False)

    def on_resize(self, event: Resize) -> None:
        layout = "wide" if event.size.width >= 120 else "narrow"
        if layout != self._layout:
            self._layout = layout
            self.refresh_table(keep=self.current_id())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Opened read-only: the keys that change something are shown greyed out."""
        if self.live.read_only and action in _CHANGING_ACTIONS:
            return None
        return True

    # -- showing --------------------------------------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#agreements-table", DataTable)

    def ordered(self) -> list[Agreement]:
        agreements = list(self.live.agreements)
        if self.by_owner:
            agreements.sort(key=lambda a: owner_key(a.owner))  # stable: made-order within
        return agreements

    def _widths(self) -> list[int]:
        owner, with_whom, due, status = _FIXED_WIDTHS[self._layout]
        # 2 cells of padding per column, 2 for the scrollbar, 2 for the screen's padding.
        used = owner + with_whom + due + status + 2 * len(_COLUMNS) + 4
        what = max(20, self.app.size.width - used)
        return [owner, what, with_whom, due, status]

    def refresh_table(self, keep: str | None = None, *, visible_first: bool = False) -> None:
        """Show the agreements; ``visible_first``: the rows that fill the screen now, the rest
        in parts after the first frame."""
        table = self.table
        table.clear(columns=True)
        for label, width in zip(_COLUMNS, self._widths(), strict=True):
            table.add_column(Text(label, style="bold"), width=width, key=label)
        rows: list[tuple[list[Text], str]] = []
        previous_owner: str | None = None
        for agreement in self.ordered():
            show_owner = not self.by_owner or owner_key(agreement.owner) != previous_owner
            previous_owner = owner_key(agreement.owner)
            rows.append((self._cells(agreement, show_owner), agreement.id))
        self._fill += 1
        at_once = self._rows_that_fit(rows) if visible_first else len(rows)
        self._add_rows(self._fill, rows, at_once)
        self._shown_state = self._state()
        empty = not self.live.agreements
        table.display = not empty
        self.query_one("#agreements-empty").display = empty
        self._show_owners()
        self.query_one("#agreements-title", Static).update(
            "Afspraken, per eigenaar" if self.by_owner else "Afspraken"
        )
        if keep is not None and keep in {a.id for a in self.live.agreements}:
            table.move_cursor(row=table.get_row_index(keep))

    def _rows_that_fit(self, rows: list[tuple[list[Text], str]]) -> int:
        """How many of ``rows`` fill the screen, from a cheap count of their wrapped lines."""
        room = self.app.size.height - _CHROME_LINES
        widths = self._widths()
        used = 0
        for count, (cells, _) in enumerate(rows, 1):
            heights = (wrapped_lines(c.plain, w) for c, w in zip(cells, widths, strict=True))
            used += max(heights)
            if used >= room:
                return count
        return len(rows)

    def _add_rows(self, fill: int, rows: list[tuple[list[Text], str]], count: int) -> None:
        if fill != self._fill:
            return  # the table was shown anew meanwhile
        table = self.table
        for cells, key in rows[:count]:
            table.add_row(*cells, height=None, key=key)
        if rows[count:]:
            rest = rows[count:]
            # The table measures new rows once its queue is empty: give it a message to handle
            # (then it is idle) and add the next part after that, from a timer.
            table.call_later(lambda: None)
            self.set_timer(0.001, lambda: self._add_rows(fill, rest, _ROWS_PER_TURN))

    def _cells(self, agreement: Agreement, show_owner: bool = True) -> list[Text]:
        return [
            plain(agreement.owner if show_owner else "", "bold"),
            what_cell(agreement),
            plain(agreement.with_whom),
            plain(due_text(agreement)),  # "volgende week (uiterlijk 14-12-2026)"
            self._status_cell(agreement.status),
        ]

    def _status_cell(self, status: Status) -> Text:
        return status_cell(status, self.app.current_theme)

    def _show_owners(self) -> None:
        """Who owns how many agreements that still count (not 'vervallen')."""
        live = [a for a in self.live.agreements if a.status is not Status.VERVALLEN]
        groups = sorted(agreements_by_owner(live).items())
        owners = self.query_one("#agreements-owners", Static)
        if not groups:
            owners.update("")
            return
        parts = " · ".join(f"{group[0].owner} ({len(group)})" for _, group in groups)
        owners.update(Content.assemble(("Eigenaren: ", "bold"), literal(parts)))

    def current_id(self) -> str | None:
        table = self.table
        if not self.live.agreements or table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def current(self) -> Agreement | None:
        agreement_id = self.current_id()
        if agreement_id is None:
            return None
        try:
            return self.live.agreement(agreement_id)
        except WorkshopError:
            return None

    # -- actions --------------------------------------------------------------------------------

    def action_new(self) -> None:
        def made(agreement: Agreement | None) -> None:
            self.refresh_table(keep=agreement.id if agreement else self.current_id())
            if agreement is not None:
                self._saved_notice(agreement)

        self.app.push_screen(agreement_form(self.live, self.app), made)

    def action_edit(self) -> None:
        agreement = self.current()
        if agreement is None:
            return

        def edited(saved: Agreement | None) -> None:
            self.refresh_table(keep=agreement.id)
            if saved is not None:
                self._saved_notice(saved)

        self.app.push_screen(agreement_form(self.live, self.app, agreement=agreement), edited)

    def _saved_notice(self, agreement: Agreement) -> None:
        self.app.notify(
            Content.assemble("Afspraak opgeslagen. Eigenaar: ", literal(agreement.owner)),
            title="Opgeslagen",
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.check_action("edit", ()):
            self.action_edit()

    def action_cycle_status(self) -> None:
        agreement = self.current()
        if agreement is not None:
            following = (STATUS_ORDER.index(agreement.status) + 1) % len(STATUS_ORDER)
            self._set_status(agreement, STATUS_ORDER[following])

    def action_set_status(self, index: int) -> None:
        agreement = self.current()
        if agreement is not None:
            self._set_status(agreement, STATUS_ORDER[index])

    def _set_status(self, agreement: Agreement, status: Status) -> None:
        """Through the session's writer: the table shows the status once it is on disk."""
        live = self.live

        def shown(_: Agreement) -> None:
            self.table.update_cell(agreement.id, "Status", self._status_cell(status))
            self._show_owners()

        self.save(lambda: live.update_agreement(agreement.id, status=status), shown)

    def action_delete(self) -> None:
        agreement = self.current()
        if agreement is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            index = self.table.cursor_row
            live = self.live

            def deleted(_: object) -> None:
                self.refresh_table()
                if self.table.row_count:
                    self.table.move_cursor(row=min(index, self.table.row_count - 1))
                self.app.notify("De afspraak is verwijderd.", title="Verwijderd")

            self.save(lambda: live.delete_agreement(agreement.id), deleted)

        # ConfirmScreen shows the question as plain Content: never markup.
        question = (
            f"Deze afspraak verwijderen?\n\n{literal(agreement.what).plain}\n\n"
            f"Eigenaar: {literal(agreement.owner).plain}"
        )
        self.app.push_screen(ConfirmScreen(question, confirm_label="Ja, verwijderen"), answered)

    def action_toggle_by_owner(self) -> None:
        self.by_owner = not self.by_owner
        self.refresh_table(keep=self.current_id())

    def action_back(self) -> None:
        self.dismiss(None)
