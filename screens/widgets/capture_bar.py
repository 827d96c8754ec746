"""The capture line at the bottom: always ready, with whose voice, kind and form beside it.

Tab, F2 and F3 are bound here, on the bar that holds the input, so they work while typing and
take precedence over the screen's Tab (focus next). The screen saves; the bar only shows.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from screens.widgets.keys import step_bindings
from workshop.model import Group, Kind, PartnershipForm

KIND_ORDER: tuple[Kind, ...] = (
    Kind.OBSERVATIE,
    Kind.KNELPUNT,
    Kind.KANS,
    Kind.WENS,
    Kind.IDEE,
)
FORM_ORDER: tuple[PartnershipForm | None, ...] = (None, *PartnershipForm)

PLACEHOLDER = "Typ wat er gezegd wordt en druk op Enter"


class CalmInput(Input):
    """An input whose cursor does not blink: calm on a projector, stable in snapshots."""

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.cursor_blink = False


class CaptureInput(CalmInput):
    """The one line the facilitator types in. PageUp/PageDown move through the steps."""

    BINDINGS = step_bindings()


class CaptureBar(Vertical):
    BINDINGS = [
        Binding(
            "tab",
            "toggle_group",
            "Team/ouder",
            show=False,  # the badge beside the input shows this key
            id="runner.toggle_group",
            tooltip="Wissel tussen team en ouderpanel voor de volgende inbreng",
        ),
        Binding(
            "f2",
            "cycle_kind",
            "Soort",
            show=False,  # the badge beside the input shows this key
            id="runner.cycle_kind",
            tooltip="Kies de soort: observatie, knelpunt, kans, wens of idee",
        ),
        Binding(
            "f3",
            "cycle_form",
            "Vorm",
            show=False,  # the badge beside the input shows this key
            id="runner.cycle_form",
            tooltip="Kies de vorm van partnerschap, of geen",
        ),
        Binding(
            "escape",
            "screen.focus_columns",
            "Lijst",
            id="runner.focus_columns",
            tooltip="Ga naar de lijst om inbreng te kiezen, te bewerken of stemmen te geven",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.group = Group.TEAM
        self.kind = Kind.OBSERVATIE
        self.form: PartnershipForm | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="capture-row"):
            yield Static(id="capture-badge")
            yield CaptureInput(placeholder=PLACEHOLDER, id="capture-input")
        yield Static("", id="capture-message")

    def on_mount(self) -> None:
        self._show_badge()

    @property
    def input(self) -> CaptureInput:
        return self.query_one(CaptureInput)

    # -- the current group, kind and form -------------------------------------------------------

    def action_toggle_group(self) -> None:
        self.group = Group.OUDERPANEL if self.group is Group.TEAM else Group.TEAM
        self._show_badge()

    def action_cycle_kind(self) -> None:
        self.kind = KIND_ORDER[(KIND_ORDER.index(self.kind) + 1) % len(KIND_ORDER)]
        self._show_badge()

    def action_cycle_form(self) -> None:
        self.form = FORM_ORDER[(FORM_ORDER.index(self.form) + 1) % len(FORM_ORDER)]
        self._show_badge()

    def _show_badge(self) -> None:
        badge = self.query_one("#capture-badge", Static)
        name = "TEAM" if self.group is Group.TEAM else "OUDERPANEL"
        form = self.form.value if self.form else "geen vorm"
        badge.update(
            Content.assemble(
                (name, "bold"),
                ("  Tab", "dim"),
                "\n",
                self.kind.value,
                ("  F2", "dim"),
                "\n",
                form,
                ("  F3", "dim"),
            )
        )
        # On the bar, so the badge and the input's border both take the group's colour.
        self.set_class(self.group is Group.TEAM, "-team")
        self.set_class(self.group is Group.OUDERPANEL, "-ouderpanel")

    # -- after saving ---------------------------------------------------------------------------

    def saved(self, message: str) -> None:
        """The remark is on disk: empty the line for the next one (focus stays)."""
        self.input.clear()
        self.show_message(message)

    def show_message(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#capture-message", Static)
        line.update(Content(message), layout=False)  # one line, fixed size: no re-layout
        line.set_class(error, "field-error")

    def set_read_only(self, read_only: bool) -> None:
        self.input.disabled = read_only
        self.set_class(read_only, "-read-only")
        if read_only:
            self.input.placeholder = "Alleen lezen: hier kun je nu niets toevoegen"
