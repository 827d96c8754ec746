"""The terugblik: the group goes through the agreements brought along from earlier sessions.

One agreement at a time, large and calm: what, who owns it, when it is due and its status last
time. A few keys each: 1-4 set the status, n adds a note, o changes the owner, w the moment;
Enter marks it as discussed and goes on. At the end a summary says what changed.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from screens.base import WorkshopScreen
from screens.literal import literal
from screens.review_keys import REVIEW_KEYS
from screens.review_texts import (  # noqa: F401  (moment_text, STATUS_ORDER: older imports)
    STATUS_ORDER,
    card_details,
    moment_text,
    review_summary,
    status_choices,
)
from screens.steady_footer import SteadyFooter
from screens.suggestions import ChoiceSuggester, take_suggestion
from workshop.dates import example_due_hint
from workshop.errors import ValidationError, WorkshopError
from workshop.model import Agreement, Horizon, SessionSummary
from workshop.typed import parse_due

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

_CHANGING_ACTIONS = frozenset({"set_status", "edit", "discussed"})
_MOVING_ACTIONS = frozenset({"set_status", "edit", "discussed", "move"})  # off while editing
# What each small input edits: (label, placeholder).
_EDITS = {
    "notitie": ("Notitie", "Een korte notitie, bijv. 'Na de vakantie opnieuw proberen'"),
    "eigenaar": ("Eigenaar", "Wie zorgt er nu voor?"),
    "wanneer": ("Wanneer", ""),  # placeholder: example_due_hint, relative to today
}


class ReviewScreen(WorkshopScreen[None]):
    """Go through the carried agreements one by one; a summary at the end."""

    CSS_PATH = "styles/review.tcss"
    AUTO_FOCUS = ""  # the keys act on the screen; an input gets focus only when opened
    HELP_TEXT = (
        "Bespreek de afspraken van eerdere sessies een voor een. "
        "Kies met 1 tot en met 4 de nieuwe status. Enter zegt: besproken, en gaat naar de "
        "volgende. Met de pijltjes blader je zonder iets te veranderen."
    )
    # Priority bindings run in order as the keys arrive, also while a save is still writing:
    # "n" opens the input before the letters typed right after it are delivered, so they land
    # in the input. While the input is open, only Enter (save) and Escape act here; every other
    # key types in the input.
    BINDINGS = REVIEW_KEYS

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.ids = [a.id for a in live.carried_agreements()]
        self.index = 0  # len(self.ids): the summary
        self.editing: str | None = None
        self._sessions: dict[str, SessionSummary] = {}

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="review-head"):
            yield Static("Terugblik op eerdere afspraken", classes="title", id="review-title")
            yield Static("", id="review-progress")
            if self.live.read_only:
                yield Static(
                    "Alleen lezen: deze sessie is ergens anders geopend. Je kunt kijken, maar "
                    "niets veranderen.",
                    id="review-read-only",
                )
        with VerticalScroll(id="review-body", can_focus=False):
            with Vertical(id="review-card"):
                yield Static("", id="review-position")
                yield Static("Te laat", id="review-overdue")
                yield Static("", id="review-what")
                yield Static("", id="review-details")
                yield Static("", id="review-status")
            yield Static("", id="review-summary")
            yield Static("", id="review-empty")
        with Horizontal(id="review-edit"):
            yield Label("", id="review-edit-label")
            with Vertical(id="review-edit-body"):
                edit_input = Input(id="review-edit-input", compact=True)
                edit_input.cursor_blink = False
                yield edit_input
                yield Static("", classes="field-error", id="review-edit-error")
                yield Static(
                    "Enter: opslaan · Esc: niet veranderen",
                    classes="hint-line",
                    id="review-edit-keys",
                )
        yield Static("", classes="hint-line", id="review-keys")
        yield SteadyFooter()

    def on_mount(self) -> None:
        try:
            self._sessions = self.app.workspace.summaries_by_id()
        except (WorkshopError, OSError):
            self._sessions = {}  # only used to name where an agreement came from
        self.query_one("#review-edit").display = False
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _CHANGING_ACTIONS and (self.live.read_only or self.current() is None):
            return None
        editing = self.editing is not None
        if action == "save_edit":
            return editing
        # while the small input is open, its keys type there
        return not (editing and action in _MOVING_ACTIONS)

    # -- showing --------------------------------------------------------------------------------

    def current(self) -> Agreement | None:
        if self.index >= len(self.ids):
            return None
        try:
            return self.live.agreement(self.ids[self.index])
        except WorkshopError:
            return None

    def agreements(self) -> list[Agreement]:
        found = []
        for agreement_id in self.ids:
            try:
                found.append(self.live.agreement(agreement_id))
            except WorkshopError:
                continue  # deleted elsewhere in this session
        return found

    def show(self) -> None:
        agreements = self.agreements()
        discussed = sum(1 for a in agreements if a.reviewed)
        empty = not self.ids
        progress = self.query_one("#review-progress", Static)
        progress.update(
            Content.assemble(
                literal(self.live.session.title),
                ("  ·  ", "dim"),
                (f"{discussed} van {len(agreements)} besproken", "bold"),
            )
            if not empty
            else literal(self.live.session.title)
        )
        agreement = self.current()
        self.query_one("#review-card").display = agreement is not None
        self.query_one("#review-summary").display = not empty and agreement is None
        self.query_one("#review-empty").display = empty
        if empty:
            self.query_one("#review-empty", Static).update(
                "Er zijn geen afspraken van eerdere sessies om te bespreken. "
                "Jullie kunnen meteen verder."
            )
        elif agreement is None:
            self.query_one("#review-summary", Static).update(review_summary(agreements))
        else:
            self._show_card(agreement)
        self._show_keys(agreement)
        self.refresh_bindings()

    def _show_card(self, agreement: Agreement) -> None:
        overdue = self.live.overdue(agreement)
        self.query_one("#review-card").set_class(overdue, "-overdue")
        self.query_one("#review-overdue").display = overdue
        self.query_one("#review-position", Static).update(
            f"Afspraak {self.index + 1} van {len(self.ids)}"
        )
        self.query_one("#review-what", Static).update(literal(agreement.what))
        origin = self._sessions.get(agreement.carried_from or "")
        self.query_one("#review-details", Static).update(card_details(agreement, overdue, origin))
        self.query_one("#review-status", Static).update(status_choices(agreement))

    def _show_keys(self, agreement: Agreement | None) -> None:
        keys = self.query_one("#review-keys", Static)
        if agreement is None:
            keys.update("← terug naar de afspraken · Esc: terug naar de sessie" if self.ids else "")
        elif self.live.read_only:
            keys.update("→ volgende · ← vorige · Esc: terug")
        else:
            keys.update(
                "1 open · 2 bezig · 3 klaar · 4 vervallen · n notitie · o eigenaar · w wanneer\n"
                "Enter: besproken, volgende · → volgende · ← vorige"
            )

    # -- actions --------------------------------------------------------------------------------

    def show_invalid(self, error: ValidationError) -> None:
        """A refused note, owner or moment is said under the small input, which stays open."""
        if self.editing is None:
            self.app.report(error)
            return
        message = self.query_one("#review-edit-error", Static)
        message.update(literal(error.message))
        message.display = True

    def action_set_status(self, index: int) -> None:
        agreement = self.current()
        if agreement is None or self.live.read_only:
            return
        status = STATUS_ORDER[index]
        live = self.live
        self.save(lambda: live.review_agreement(agreement.id, status=status), lambda _: self.show())

    def action_discussed(self) -> None:
        agreement = self.current()
        if agreement is None or self.live.read_only:
            return
        if agreement.reviewed:
            self.action_move(1)
            return
        live = self.live
        self.save(lambda: live.review_agreement(agreement.id), lambda _: self.action_move(1))

    def action_move(self, step: int) -> None:
        self.index = min(max(self.index + step, 0), len(self.ids))
        self.show()

    # -- the small input for note, owner and moment ---------------------------------------------

    def action_edit(self, what: str) -> None:
        agreement = self.current()
        if agreement is None or self.live.read_only or what not in _EDITS:
            return
        self.editing = what
        self.refresh_bindings()
        label, placeholder = _EDITS[what]
        edit_input = self.query_one("#review-edit-input", Input)
        if what == "wanneer":
            placeholder = example_due_hint(self.app.workspace.clock.now().date())
        edit_input.placeholder = placeholder
        names = self.live.participant_names()
        suggestions = {
            "eigenaar": names,
            "wanneer": [h.value for h in Horizon],
        }.get(what)
        edit_input.suggester = ChoiceSuggester(suggestions) if suggestions else None
        edit_input.value = {
            "notitie": agreement.note,
            "eigenaar": agreement.owner,
            "wanneer": agreement.due.label if agreement.due else "",
        }[what]
        edit_input.cursor_position = len(edit_input.value)
        # A new owner or moment replaces the old one: selected, so typing replaces it. A note
        # is added to: the cursor waits at its end.
        edit_input.select_on_focus = what != "notitie"
        self.query_one("#review-edit-label", Label).update(label)
        hint = {
            "eigenaar": Content.assemble("Deelnemers: ", literal(" · ".join(names)))
            if names
            else Content("Typ een naam."),
            "wanneer": Content(" · ".join(h.value for h in Horizon) + " · of dd-mm-jjjj"),
        }.get(what, Content(""))
        keys = "Enter: opslaan · Esc: niet veranderen"
        if edit_input.value and edit_input.select_on_focus:
            keys += " · Typ iets nieuws, of → om aan te vullen"
        self.query_one("#review-edit-keys", Static).update(
            Content.assemble(hint, "\n" if hint else "", keys)
        )
        self._clear_error()
        self.query_one("#review-edit").display = True
        self.set_focus(edit_input)  # at once: keys typed right after must land in the input

    def _clear_error(self) -> None:
        error = self.query_one("#review-edit-error", Static)
        error.update("")
        error.display = False

    def close_edit(self) -> None:
        self.editing = None
        self.query_one("#review-edit").display = False
        self.set_focus(None)
        self.refresh_bindings()

    async def action_save_edit(self) -> None:
        """Enter in the small input: save what was typed (a refused value stays in the input)."""
        edit_input = self.query_one("#review-edit-input", Input)
        await _caught_up(edit_input)  # the letters typed just before Enter are in the value
        agreement = self.current()
        if agreement is None or self.editing is None:
            self.close_edit()
            return
        take_suggestion(edit_input)  # shown as taken, also if the save is refused
        value = edit_input.value
        editing = self.editing

        if self.saving:
            return  # Enter again while the first is being saved: it is saved once
        live = self.live

        def review() -> Agreement:  # on the session's writer
            if editing == "notitie":
                return live.review_agreement(agreement.id, note=value)
            if editing == "eigenaar":
                return live.review_agreement(agreement.id, owner=value)
            return live.review_agreement(agreement.id, due=parse_due(value))

        def saved(_: Agreement) -> None:
            self.close_edit()
            self.show()

        # Refused (said under the input) or not saved (reported): the input and its text stay.
        self.save(review, saved)

    def action_back(self) -> None:
        if self.editing is not None:
            self.close_edit()
            return
        self.dismiss(None)


async def _caught_up(widget: Widget) -> None:
    """Wait until ``widget`` has handled the keys already sent to it (its queue is in order)."""
    done = asyncio.Event()
    if widget.call_later(done.set):
        await done.wait()
