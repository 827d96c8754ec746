"""The phase runner's own keys (its widgets bind theirs), and which of them change the session.

Apart from the screen so that the screen reads as what it does; the ids are what the help (F1)
and the command menu know the keys by.
"""

from __future__ import annotations

from textual.binding import Binding

from screens.widgets.keys import step_bindings

TIME_GROUP = Binding.Group("+1 +5 -1")
PHASE_GROUP = Binding.Group("Fase")

# Actions that change the session; switched off in a read-only view.
CHANGING_ACTIONS = frozenset(
    {
        "toggle_timer",
        "adjust_timer",
        "reset_timer",
        "toggle_bell",
        "next_step",
        "previous_step",
        "next_phase",
        "previous_phase",
        "edit_contribution",
        "move_contribution",
        "delete_contribution",
        "undo_delete",
        "vote",
        "make_agreement",
        "focus_capture",
    }
)

# The footer keeps these when it is narrow, the first the longest (``screens.footer_fit``): the
# keys a facilitator needs while the group talks. Everything else is in F1 and the menu (Ctrl+P).
FOOTER_RANKS: dict[str, int] = {
    binding_id: rank
    for rank, binding_id in enumerate(
        (
            "app.help",
            "runner.timer_toggle",
            "runner.focus_columns",
            "runner.focus_capture",
            "runner.edit",
            "runner.delete",
            "runner.vote_up",
            "runner.make_agreement",
            "runner.next_step",
            "app.quit",
            "runner.hints",
            "runner.agreements",
            "runner.home",
            "runner.undo",
            "runner.open_step",
            "runner.move",
            "runner.export",
            "runner.sort",
            "runner.timer_plus_1",
            "runner.timer_reset",
        )
    )
}

RUNNER_BINDINGS: list[Binding] = [
    Binding(
        "f5",
        "toggle_timer",
        "Start/pauze",
        id="runner.timer_toggle",
        tooltip="Start de tijd van deze fase, of zet hem op pauze",
    ),
    Binding(
        "f6",
        "adjust_timer(1)",
        "+1 minuut",
        id="runner.timer_plus_1",
        tooltip="Geef deze fase een minuut meer tijd",
        group=TIME_GROUP,
    ),
    Binding(
        "f7",
        "adjust_timer(5)",
        "+5 minuten",
        id="runner.timer_plus_5",
        tooltip="Geef deze fase vijf minuten meer tijd",
        group=TIME_GROUP,
    ),
    Binding(
        "f8",
        "adjust_timer(-1)",
        "-1 minuut",
        id="runner.timer_minus_1",
        tooltip="Haal een minuut van de tijd van deze fase af",
        group=TIME_GROUP,
    ),
    Binding(
        "f9",
        "reset_timer",
        "Reset",
        id="runner.timer_reset",
        tooltip="Zet de tijd van deze fase terug naar het begin (eerst komt een vraag)",
    ),
    Binding(
        "f4",
        "toggle_hints",
        "Tips",
        id="runner.hints",
        tooltip="Toon of verberg de tips voor de begeleider bij deze fase",
    ),
    Binding(
        "ctrl+g",
        "toggle_bell",
        "Bel",
        id="runner.bell",
        show=False,  # the timer says "bel uit" when it is off
        tooltip="Zet de bel aan of uit; de bel klinkt één keer als de tijd om is",
    ),
    *step_bindings(),
    Binding(
        "ctrl+up",
        "previous_phase",
        "Vorige fase",
        id="runner.previous_phase",
        tooltip="Ga naar de eerste stap van de vorige fase",
        group=PHASE_GROUP,
        show=False,
    ),
    Binding(
        "ctrl+down",
        "next_phase",
        "Volgende fase",
        id="runner.next_phase",
        tooltip="Ga naar de eerste stap van de volgende fase",
        group=PHASE_GROUP,
        show=False,
    ),
    Binding(
        "f10",
        "agreements",
        "Afspraken",
        id="runner.agreements",
        tooltip="Bekijk en bewerk alle afspraken van deze sessie",
    ),
    Binding(
        "f12",
        "export",
        "Export",
        id="runner.export",
        tooltip="Bekijk het plan van aanpak en sla het op",
    ),
    Binding(
        "ctrl+o",
        "open_step",
        "Stap openen",
        id="runner.open_step",
        tooltip="Open de terugblik of de zelfscan van deze stap",
    ),
    Binding(
        "ctrl+r",
        "review",
        "Terugblik",
        id="runner.review",
        tooltip="Bespreek de afspraken van eerdere sessies één voor één",
        show=False,
    ),
    Binding(
        "ctrl+l",
        "goals",
        "Doelen",
        id="runner.goals",
        tooltip="Bekijk de doelen, maak een nieuw doel of beoordeel er een",
        show=False,
    ),
    Binding(
        "ctrl+b",
        "balance",
        "Balans",
        id="runner.balance",
        tooltip="Aan welke vormen van partnerschap geven jullie aandacht, en aan welke niet?",
        show=False,
    ),
    Binding(
        "ctrl+z",
        "undo_delete",
        "Terugzetten",
        id="runner.undo",
        tooltip="Zet de inbreng terug die je net hebt weggehaald",
    ),
    Binding(
        "escape",
        "home",
        "Verlaten",
        id="runner.home",
        tooltip="Verlaat de sessie, terug naar het overzicht (eerst komt een vraag)",
    ),
]
