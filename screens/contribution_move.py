"""Pick the phase and step a contribution belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import WorkshopModal
from screens.literal import literal
from workshop.model import Contribution

if TYPE_CHECKING:
    from workshop.app.live import LiveSession


def step_id(phase: int, step: int) -> str:
    return f"step-{phase}-{step}"


class ContributionMoveScreen(WorkshopModal[tuple[int, int] | None]):
    """Returns (phase index, step index), or None when cancelled."""

    CSS_PATH = "styles/contribution_edit.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Annuleren",
            id="contribution_move.cancel",
            tooltip="Sluit zonder te verplaatsen",
        ),
    ]

    def __init__(self, live: LiveSession, contribution: Contribution) -> None:
        super().__init__(classes="dialog-screen")
        self.live = live
        self.contribution = contribution

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="move-dialog"):
            yield Static("Inbreng verplaatsen", classes="title")
            yield Static(literal(self.contribution.text), id="move-text")
            yield Static(
                "Kies de stap waar deze inbreng bij hoort en druk op Enter.", classes="hint-line"
            )
            yield OptionList(*self._options(), id="move-steps", markup=False)

    def _options(self) -> list[Option]:
        options: list[Option] = []
        current = (self.contribution.phase, self.contribution.step)
        for p, phase in enumerate(self.live.template.phases):
            options.append(
                Option(Content.styled(f"Fase {phase.number}: {phase.name}", "bold"), disabled=True)
            )
            for s, step in enumerate(phase.steps):
                here = " (nu hier)" if (p, s) == current else ""
                label = Content(f"   Stap {s + 1}: {step.title}{here}")
                options.append(Option(label, id=step_id(p, s)))
        return options

    def on_mount(self) -> None:
        steps = self.query_one("#move-steps", OptionList)
        steps.highlighted = steps.get_option_index(
            step_id(self.contribution.phase, self.contribution.step)
        )
        steps.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        _, phase, step = (event.option.id or "").split("-")
        self.dismiss((int(phase), int(step)))

    def action_cancel(self) -> None:
        self.dismiss(None)
