"""The keys of the self-scan, with the words the footer and the help show for them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workshop.scan import SCALE

SCAN_KEYS: list[BindingType] = [
    *(
        Binding(
            str(n),
            f"score({n})",
            label,
            id=f"scan.score_{n}",
            show=False,
            tooltip=f"Score {n}: {label}",
        )
        for n, label in SCALE.items()
    ),
    Binding(
        "0,w",
        "score(None)",
        "Weet niet",
        id="scan.score_unknown",
        show=False,
        tooltip="Score: weet niet",
    ),
    Binding(
        "tab",
        "switch_group",
        "Team/ouders",
        id="scan.switch_group",
        tooltip="Wissel wie scoort: het team of het ouderpanel",
    ),
    Binding(
        "enter,right",
        "move(1)",
        "Volgende",
        id="scan.next",
        tooltip="Naar de volgende uitspraak",
    ),
    Binding(
        "left",
        "move(-1)",
        "Vorige",
        id="scan.previous",
        show=False,
        tooltip="Naar de vorige uitspraak",
    ),
    Binding(
        "l",
        "toggle_list",
        "Lijst",
        id="scan.list",
        tooltip="Toon alle uitspraken als lijst, of weer een voor een",
    ),
    # One key, two actions: only the one that fits the view is active and shown.
    Binding(
        "r",
        "show_results",
        "Uitslag",
        id="scan.results",
        tooltip="Toon de uitslag: team en ouderpanel naast elkaar, met de verschillen",
    ),
    Binding(
        "r",
        "show_scoring",
        "Scoren",
        id="scan.scoring",
        tooltip="Ga terug naar het scoren",
    ),
    Binding(
        "escape",
        "back",
        "Terug",
        id="scan.back",
        tooltip="Terug naar de sessie; alle scores zijn al opgeslagen",
    ),
]
