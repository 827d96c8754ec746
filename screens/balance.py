"""The partnership balance of a session: which forms of partnership (and aims) get attention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import WorkshopScreen
from screens.literal import literal
from screens.steady_footer import SteadyFooter
from screens.widgets.balance_panel import BalancePanel

if TYPE_CHECKING:
    from workshop.app.live import LiveSession


class BalanceScreen(WorkshopScreen[None]):
    """Counts of input and agreements per partnership form; forms without attention stand out."""

    CSS_PATH = "styles/balance.tcss"
    HELP_TEXT = (
        "De balans telt de inbreng en de afspraken per vorm van partnerschap. "
        "Een vorm met 'nog geen aandacht' is een goede vraag voor de groep: "
        "is dat een bewuste keuze?"
    )
    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Terug",
            id="balance.back",
            tooltip="Terug naar het vorige scherm",
        ),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="balance-body"):
            yield Static("Balans in partnerschap", classes="title", id="balance-title")
            yield Static(literal(self.live.session.title), id="balance-session")
            yield Static(
                "Hoeveel inbreng en afspraken horen bij elke vorm van partnerschap?",
                classes="hint-line",
                id="balance-intro",
            )
            yield BalancePanel(id="balance-panel")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.show_balance()

    def on_screen_resume(self) -> None:
        self.show_balance()

    def show_balance(self) -> None:
        self.query_one(BalancePanel).show(self.live.balance())

    def action_back(self) -> None:
        self.dismiss(None)
