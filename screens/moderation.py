"""The moderation queue: remarks from phones wait here until the facilitator accepts them.

The laptop's screen is also the wall, so the queue shows each remark's text, its group and the
language of the page it came from, never a name or which phone sent it (also not when hidden).
Enter accepts the highlighted remark, ``a`` accepts all, ``v`` hides one, ``o`` switches
"meteen tonen" for this session. Every change goes through the session's writer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.literal import literal
from screens.phone_modal import PhoneRoomModal
from screens.phone_room import PhoneRoom, when_done
from screens.steady_footer import SteadyFooter
from workshop.participation import PhoneRemark

CHUNK = 50  # options added per refresh of the screen, after the first screenful
FEW = 10  # options taken out one by one; more go by showing the list anew


def remark_prompt(remark: PhoneRemark) -> Content:
    """The text as sent (never markup), then group and page language; never a name."""
    return Content.assemble(
        literal(remark.text), "\n", (f"{remark.group.label} · ({remark.language})", "italic")
    )


class ModerationScreen(PhoneRoomModal[None]):
    DEFAULT_CSS = """
    ModerationScreen { align: center middle; background: $background 60%; }
    #queue-box {
        width: 90%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    #queue-title { text-style: bold; color: $primary; height: 1; }
    #queue-switch { height: 1; margin-bottom: 1; }
    #queue-list { height: 1fr; border: none; }
    #queue-list > .option-list--option { padding: 0 0 1 0; }
    #queue-empty { color: $foreground 70%; padding: 1 0; }
    """
    BINDINGS = [
        Binding(
            "a", "accept_all", "Alles toelaten", id="queue.accept_all",
            tooltip="Zet alle wachtende opmerkingen op het scherm, in de volgorde van binnenkomst",
        ),
        Binding(
            "v,delete", "hide", "Verbergen", id="queue.hide",
            tooltip="Deze opmerking komt niet op het scherm; niemand ziet wie hem stuurde",
        ),
        Binding(
            "o", "toggle_show_at_once", "Meteen tonen", id="queue.show_at_once",
            tooltip="Zet opmerkingen van telefoons meteen op het scherm, zonder wachtrij (of niet)",
        ),
        Binding("escape", "close", "Terug", id="queue.close", tooltip="Terug naar de sessie"),
    ]  # fmt: skip

    def __init__(self, phones: PhoneRoom) -> None:
        super().__init__(phones)
        self._generation = 0  # a newer ``show`` makes an older, partly done one stop

    def compose(self) -> ComposeResult:
        with Vertical(id="queue-box"):
            yield Static("", id="queue-title")
            yield Static("", id="queue-switch")
            yield OptionList(id="queue-list")
            yield Static(
                "Er wacht niets. Nieuwe opmerkingen van telefoons komen hier vanzelf bij.",
                id="queue-empty",
            )
            yield Static(
                "Enter: toelaten · a: alles toelaten · v: verbergen · o: meteen tonen aan/uit",
                classes="hint-line",
            )
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.show()
        self.query_one(OptionList).focus()

    # -- showing ----------------------------------------------------------------------------

    def show(self) -> None:
        waiting = self.phones.room.waiting()
        n = len(waiting)
        self.query_one("#queue-title", Static).update(
            "Wachtrij: er wacht niets"
            if not n
            else f"Wachtrij: {n} " + ("opmerking wacht" if n == 1 else "opmerkingen wachten")
        )
        at_once = self.phones.room.settings.show_at_once
        self.query_one("#queue-switch", Static).update(
            Content.assemble(
                "Meteen tonen: ",
                ("AAN", "bold reverse") if at_once else ("UIT", "bold"),
                "  (opmerkingen van telefoons komen "
                + ("meteen op het scherm)" if at_once else "eerst hier)"),
            )
        )
        option_list = self.query_one(OptionList)
        keep = option_list.highlighted
        ids = [r.id for r in waiting]
        shown = [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]
        if ids != shown:
            self._generation += 1
            still = set(ids)
            if shown and ids[: len(shown)] == shown:  # new ones came in: add only those
                self._add(waiting[len(shown) :], self._generation)
            elif ids and len(shown) - len(ids) <= FEW and [i for i in shown if i in still] == ids:
                # One or a few were let through or hidden: take out only those, so the list
                # and its highlight stay where they were (built again, the list held only its
                # first part when the highlight was put back, and it jumped up).
                for option_id in shown:
                    if option_id not in still:
                        option_list.remove_option(option_id)
            else:
                option_list.clear_options()
                self._add(waiting, self._generation)
            if waiting:
                option_list.highlighted = min(keep or 0, len(waiting) - 1)
        option_list.display = bool(waiting)
        self.query_one("#queue-empty").display = not waiting

    def _add(self, remarks: list[PhoneRemark], generation: int, first: bool = True) -> None:
        """Add options a part at a time: at once only what fills the screen, then ``CHUNK`` after
        each refresh. Adding is cheap, but the list measures (wraps) every new option when it is
        drawn: four hundred at once kept the app from handling keys for 50-75 ms."""
        if generation != self._generation:
            return
        size = max(10, self.app.size.height // 2) if first else CHUNK  # an option is >= 2 lines
        part, rest = remarks[:size], remarks[size:]
        self.query_one(OptionList).add_options(Option(remark_prompt(r), id=r.id) for r in part)
        if rest:  # after the next refresh, so each part is drawn in a turn of its own
            self.call_after_refresh(self._add, rest, generation, False)

    def _highlighted(self) -> str | None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None or not option_list.option_count:
            return None
        return option_list.get_option_at_index(index).id

    # -- actions ----------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            future = self.phones.room.accept(event.option.id)
            when_done(self, future, self.told("Toegelaten."), self.show_failure)

    def action_accept_all(self) -> None:
        if self.phones.room.waiting():
            future = self.phones.room.accept_all()
            when_done(self, future, self.told("Alles toegelaten."), self.show_failure)

    def action_hide(self) -> None:
        remark = self._highlighted()
        if remark is not None:
            future = self.phones.room.hide(remark)
            when_done(self, future, self.told("Verborgen."), self.show_failure)

    def action_toggle_show_at_once(self) -> None:
        on = not self.phones.room.settings.show_at_once
        message = "Meteen tonen staat aan." if on else "Meteen tonen staat uit."
        future = self.phones.room.set_show_at_once(on)
        when_done(self, future, self.told(message), self.show_failure)
