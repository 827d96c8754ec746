"""The join panel: a large QR code to scan from the wall, the links written out, the phone count.

Opened from the runner (Ctrl+Y). Opening it starts the phone server (off the UI thread) on this
laptop's network address; Escape hides the panel while phones go on taking part, ``s`` stops
participation (nothing listens afterwards). Parents and team each have their own code: the link
decides the group. The facilitator's own code (``b``) is shown only when asked, with a clear
"alleen voor de begeleider" heading, to scan before the screen is projected.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from screens import collector
from screens.base import WorkshopScreen
from screens.literal import literal
from screens.phone_room import PhoneRoom
from screens.steady_footer import SteadyFooter
from screens.widgets.qr_code import QrCode
from screens.wifi_form import WifiForm
from workshop.app.participation import RoomEvent
from workshop.errors import WorkshopError
from workshop.os_reasons import os_reason
from workshop.phone.network import HOTSPOT_ADVICE, qr_matrix, wifi_payload

PARENTS, TEAM, FACILITATOR, WIFI = "ouderpanel", "team", "begeleider", "wifi"
CODE_TITLES = {
    PARENTS: "Code voor OUDERS",
    TEAM: "Code voor het TEAM",
    FACILITATOR: "ALLEEN VOOR DE BEGELEIDER: jouw eigen code",
    WIFI: "Wi-Fi van de hotspot",
}
FIRST_TIME = (
    "Telefoons op hetzelfde netwerk als deze laptop kunnen nu meedoen. Ouders scannen de code "
    "voor ouders, het team de code voor het team. Typen op de laptop kan gewoon door."
)
QUIET = (
    "Er is nog geen telefoon verbonden. Misschien laat dit wifi-netwerk telefoons niet bij deze "
    "laptop. Zet een hotspot aan op de laptop en laat de telefoons daarmee verbinden (w: "
    "Wi-Fi-code, daarna n: opnieuw zoeken). Typen op de laptop kan altijd."
)
NO_NETWORK = f"{HOTSPOT_ADVICE} Met w maak je een Wi-Fi-code; daarna zoekt n opnieuw."


class JoinPanelScreen(WorkshopScreen[str | None]):
    DEFAULT_CSS = """
    JoinPanelScreen { layout: vertical; }
    #join-title { height: 1; margin: 0 0 1 0; }
    #join-body { height: auto; }
    #join-code-side { width: 1fr; height: auto; padding: 0 0 0 2; }
    #join-code-title { text-style: bold; margin-bottom: 1; }
    #join-count { text-style: bold; margin-top: 1; }
    #join-notice { margin-top: 1; height: auto; }
    #join-links { height: auto; margin: 1 0 0 0; padding: 0 1; }
    #join-keys { height: auto; margin-top: 1; padding: 0; }
    """
    BINDINGS = [
        Binding(
            "tab", "next_code", "Andere code", id="join.next_code",
            tooltip="Toon de code voor het team, of weer die voor ouders",
        ),
        Binding(
            "b", "own_code", "Jouw code", id="join.own_code", show=False,
            tooltip="Toon je eigen code (alleen voor de begeleider): scan hem vóór je projecteert",
        ),
        Binding(
            "w", "wifi", "Wi-Fi-code", id="join.wifi", show=False,
            tooltip="Maak een code waarmee telefoons met de hotspot van deze laptop verbinden",
        ),
        Binding(
            "n", "search_network", "Opnieuw zoeken", id="join.search", show=False,
            tooltip="Zoek opnieuw naar het netwerk (na het aanzetten van een hotspot)",
        ),
        Binding(
            "v", "voting", "Stemmen", id="join.voting",
            tooltip="Open of sluit het stemmen met telefoons voor de stap van nu",
        ),
        Binding(
            "s", "stop", "Meedoen stoppen", id="join.stop",
            tooltip="Stop het meedoen met telefoons; daarna kan geen telefoon meer iets sturen",
        ),
        Binding(
            "escape", "hide", "Verbergen", id="join.hide",
            tooltip="Verberg dit paneel; telefoons kunnen blijven meedoen",
        ),
    ]  # fmt: skip

    def __init__(self, phones: PhoneRoom) -> None:
        super().__init__()
        self.phones = phones
        self.code = PARENTS
        self.wifi: tuple[str, str] | None = None
        self.problem = ""  # the server could not start: said instead of the code
        self.starting = True  # the server is being started (or found running, on mount)
        self.opened_at: datetime = phones.live.clock.now()
        self._unwatch = phones.watch(self, self._on_room)

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Meedoen met je telefoon", "bold"), id="join-title")
        with Horizontal(id="join-body"):
            yield QrCode(id="join-qr")
            with Vertical(id="join-code-side"):
                yield Static("", id="join-code-title")
                yield Static("", id="join-code-text")
                yield Static("", id="join-count")
                yield Static("", id="join-notice")
                yield Static(
                    "b: jouw eigen code · w: Wi-Fi-code · n: opnieuw zoeken naar het netwerk",
                    classes="hint-line",
                    id="join-keys",
                )
        yield Static("", id="join-links")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.check_quiet)
        self.starting = not self.phones.running
        self.show()
        if self.starting:
            self.run_worker(self._start(), exclusive=True, group="phones")

    def on_unmount(self) -> None:
        self._unwatch()

    # -- the server -------------------------------------------------------------------------

    async def _start(self, restart: bool = False) -> None:
        self.starting = True
        self.show()
        try:
            if restart:
                await asyncio.to_thread(self.phones.stop)
            await asyncio.to_thread(self.phones.start)
            self.problem = ""
            # Phones make the app allocate a lot (remarks, their rows in lists), and Python's full
            # garbage collection then walks every object the app has: 35-50 ms at a time, a
            # freeze of the screen in the middle of the meeting. What exists now (the app, the
            # session) lives as long as the session anyway: leave it out of those walks. Here,
            # on the UI thread, where the collector's state is kept; going home thaws it.
            collector.session_shown()
        except WorkshopError as error:
            self.problem = str(error)
        except OSError as error:  # e.g. no socket left to look for the network: in Dutch
            self.problem = f"Meedoen met telefoons kon niet starten ({os_reason(error)})."
        self.starting = False
        self.opened_at = self.phones.live.clock.now()
        if not self.problem and not self.phones.announced and self.phones.address:
            self.phones.announced = True
            self.notify(FIRST_TIME, title="Meedoen", timeout=12)
        self.show()

    async def _stop(self) -> None:
        await asyncio.to_thread(self.phones.stop)
        self.app.notify("Meedoen met telefoons is gestopt.", title="Meedoen")
        self.dismiss(None)

    def _on_room(self, _event: RoomEvent | None) -> None:
        if self.is_mounted:
            self.show_count()

    # -- showing ----------------------------------------------------------------------------

    def show(self) -> None:
        server = self.phones.server
        title = self.query_one("#join-code-title", Static)
        text = self.query_one("#join-code-text", Static)
        qr = self.query_one(QrCode)
        links = self.query_one("#join-links", Static)
        if self.starting or server is None:
            qr.show([])
            title.update("")
            text.update(literal(self.problem) if self.problem else "Meedoen wordt gestart…")
            links.update("")
            self.show_count()
            return
        code = self.code
        if code == WIFI and self.wifi:
            qr.show(qr_matrix(wifi_payload(*self.wifi)))
            text.update(
                Content.assemble(
                    "Scan deze code om de telefoon met de hotspot ",
                    literal(self.wifi[0]),
                    " te verbinden. Scan daarna de code voor ouders of voor het team.",
                )
            )
        else:
            qr.show(server.qr_matrix(code))
            text.update(self._code_text(code))
        style = "bold reverse" if code == FACILITATOR else "bold"
        title.update(Content.styled(CODE_TITLES[code], style))
        links.update(
            Content.assemble(
                ("Ouders: ", "bold"),
                server.links[PARENTS],
                "\n",
                ("Team:   ", "bold"),
                server.links[TEAM],
            )
        )
        self.show_count()

    @staticmethod
    def _code_text(code: str) -> str:
        if code == FACILITATOR:
            return (
                "Scan deze code met je eigen telefoon vóór je het scherm laat zien. Daar zie je "
                "de wachtrij, de tips bij deze fase en je eigen notities. Toon deze code nooit "
                "op de muur. Tab: terug naar de code voor ouders."
            )
        who = "ouders" if code == PARENTS else "het team"
        return (
            f"Scan de code met de camera van je telefoon, of typ de link hieronder. Deze code "
            f"is voor {who}: wat je stuurt, komt in de kolom van {who}."
        )

    def show_count(self) -> None:
        phones, waiting = self.phones.phone_count, len(self.phones.room.waiting())
        count = "1 telefoon doet mee" if phones == 1 else f"{phones} telefoons doen mee"
        if waiting:
            word = "opmerking wacht" if waiting == 1 else "opmerkingen wachten"
            count += f" · {waiting} {word}"
        self.query_one("#join-count", Static).update(count)
        self.query_one("#join-notice", Static).update(self.notice())

    def notice(self) -> str:
        if self.starting or self.problem:
            return ""
        if self.phones.address is None:
            return NO_NETWORK
        if self.phones.phone_count == 0 and self.quiet_seconds() >= self.phones.options.quiet_after:
            return QUIET
        return ""

    def quiet_seconds(self) -> float:
        return (self.phones.live.clock.now() - self.opened_at).total_seconds()

    def check_quiet(self) -> None:
        """Runs every second: the count and, after a while without phones, the way out."""
        self.show_count()

    # -- actions ----------------------------------------------------------------------------

    def action_next_code(self) -> None:
        order = [PARENTS, TEAM, *([WIFI] if self.wifi else [])]
        now = order.index(self.code) if self.code in order else -1
        self.code = order[(now + 1) % len(order)]
        self.show()

    def action_own_code(self) -> None:
        self.code = FACILITATOR if self.code != FACILITATOR else PARENTS
        self.show()

    def action_wifi(self) -> None:
        def made(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.wifi, self.code = answer, WIFI
                self.show()

        self.app.push_screen(WifiForm(self.wifi), made)

    def action_search_network(self) -> None:
        self.run_worker(self._start(restart=True), exclusive=True, group="phones")

    def action_stop(self) -> None:
        self.run_worker(self._stop(), exclusive=True, group="phones")

    def action_hide(self) -> None:
        self.dismiss(None)

    def action_voting(self) -> None:
        """Hide the panel and let the runner open voting for its step."""
        self.dismiss("voting")
