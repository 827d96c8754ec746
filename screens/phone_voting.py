"""Dot voting from phones for the current step: open it, watch the dots come in, close it.

Each phone gets a budget of dots (3 unless changed here with + and -), at most 2 on one remark.
Closing returns the step's remarks, most votes first; the runner then shows its columns sorted
by votes. Phones are never named: only how many voted and how many dots they gave.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from screens.phone_modal import PhoneRoomModal
from screens.phone_room import PhoneRoom, when_done
from screens.steady_footer import SteadyFooter
from workshop.export.blocks import plural
from workshop.limits import VOTE_BUDGET
from workshop.model import Contribution


class VotingScreen(PhoneRoomModal[list[Contribution]]):
    """Dismissed with the result (sorted) when the vote was closed here, else None."""

    DEFAULT_CSS = """
    VotingScreen { align: center middle; background: $background 60%; }
    #voting-box {
        width: 80; max-width: 90%; height: auto; border: thick $primary;
        background: $surface; padding: 1 2;
    }
    #voting-title { text-style: bold; color: $primary; }
    #voting-state { margin: 1 0; }
    """
    BINDINGS = [
        Binding(
            "enter", "open_or_close", "Openen/sluiten", id="voting.open_close",
            tooltip="Open het stemmen met telefoons voor deze stap, of sluit het: de uitslag",
        ),
        Binding(
            "plus", "budget(1)", "Stem meer", id="voting.more",
            tooltip="Geef elke telefoon een stem meer",
        ),
        Binding(
            "minus", "budget(-1)", "Stem minder", id="voting.fewer",
            tooltip="Geef elke telefoon een stem minder",
        ),
        Binding("escape", "close", "Terug", id="voting.back", tooltip="Terug naar de sessie"),
    ]  # fmt: skip

    def __init__(self, phones: PhoneRoom) -> None:
        super().__init__(phones)
        self.budget = phones.room.settings.vote_budget

    def compose(self) -> ComposeResult:
        with Vertical(id="voting-box"):
            yield Static("Stemmen met telefoons", id="voting-title")
            yield Static("", id="voting-state")
            yield Static("", id="voting-keys", classes="hint-line")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        room = self.phones.room
        live = room.live
        voting = room.settings.voting
        state = self.query_one("#voting-state", Static)
        keys = self.query_one("#voting-keys", Static)
        if voting is None:
            step = live.step.title
            count = len(live.contributions_at(*self._here()))
            state.update(
                Content.assemble(
                    "Het stemmen is ",
                    ("DICHT", "bold"),
                    ".\nStap: ",
                    Content(step),
                    f" ({count} inbreng).\nElke telefoon krijgt ",
                    (plural(self.budget, "stem", "stemmen"), "bold"),
                    ", hoogstens 2 op één opmerking.",
                )
            )
            keys.update("Enter: stemmen openen · + en -: aantal stemmen · Esc: terug")
            return
        phase = live.template.phases[voting.phase]
        ids = {c.id for c in live.contributions_at(voting.phase, voting.step)}
        votes = [v for v in live.phone_votes if v.contribution in ids and v.dots]
        phones = len({v.phone for v in votes})
        dots = sum(v.dots for v in votes)
        state.update(
            Content.assemble(
                "Het stemmen is ",
                ("OPEN", "bold reverse"),
                f" voor fase {phase.number}, stap {voting.step + 1}: ",
                Content(phase.steps[voting.step].title),
                f".\n{phones} " + ("telefoon heeft" if phones == 1 else "telefoons hebben"),
                f" gestemd ({plural(dots, 'stem', 'stemmen')}).",
                f"\nElke telefoon heeft {plural(room.settings.vote_budget, 'stem', 'stemmen')}.",
            )
        )
        keys.update("Enter: stemmen sluiten en de uitslag tonen · Esc: terug (stemmen gaat door)")

    def _here(self) -> tuple[int, int]:
        position = self.phones.live.session.position
        return position.phase, position.step

    def action_budget(self, change: int) -> None:
        if self.phones.room.settings.voting is None:
            self.budget = min(max(self.budget + change, VOTE_BUDGET.lowest), VOTE_BUDGET.highest)
            self.show()

    def action_open_or_close(self) -> None:
        room = self.phones.room
        if room.settings.voting is None:
            opened = room.open_voting(self.budget)
            told = self.told("Het stemmen staat open op de telefoons.")
            when_done(self, opened, told, self.show_failure)
        else:
            when_done(self, room.close_voting(), self.dismiss, self.show_failure)
