"""The capture line at the bottom: always ready, with whose voice, kind and form beside it.

Tab, F2 and F3 are bound here, on the bar that holds the input, so they work while typing and
take precedence over the screen's Tab (focus next). Voice, kind and form are reactives of the bar;
their watchers keep the badge beside the input up to date. The screen saves; the bar only shows:
"Wordt opgeslagen" while a remark is on its way to the disk, "Opgeslagen" once it is there.

Enter is handled by the input itself, in its own key handling: it takes exactly the text typed so
far, empties the line and sends ``CaptureBar.Submitted`` with that text and the voice, kind and
form of that moment; the screen handles it by handing the remark to the session's writer. Keys
typed after Enter (a fast typist, a slow disk) therefore never end up in the previous remark, and
emptying the line never wipes them. A remark that could not be saved
comes back in the line if that is still empty, or else waits beside it until Enter is pressed on
an empty line: never mixed with what was typed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from screens.key_order import after_keys
from screens.widgets.keys import step_bindings
from screens.widgets.message_line import MessageLine
from workshop.model import Group, Kind, PartnershipForm

KIND_ORDER: tuple[Kind, ...] = (
    Kind.OBSERVATIE,
    Kind.KNELPUNT,
    Kind.KANS,
    Kind.WENS,
    Kind.IDEE,
)
FORM_ORDER: tuple[PartnershipForm | None, ...] = (None, *PartnershipForm)
# Kind and form are chosen for one remark: after Enter they are these again (issue 11).
DEFAULT_KIND = Kind.OBSERVATIE
DEFAULT_FORM: PartnershipForm | None = None

PLACEHOLDER = "Typ wat er gezegd wordt en druk op Enter"
QUOTE_MAX = 40  # characters of a waiting remark quoted in the one-line message


@dataclass(frozen=True)
class CapturedLine:
    """A line as it was at Enter: the text, and the voice, kind and form shown beside it."""

    text: str
    group: Group
    kind: Kind
    form: PartnershipForm | None


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + '…'}”"


class CalmInput(Input):
    """An input whose cursor does not blink: calm on a projector, stable in snapshots."""

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.cursor_blink = False

    def _on_paste(self, event: events.Paste) -> None:
        # Textual's Input keeps only the first line of a paste: the other lines would be lost.
        # In one line, line breaks become spaces (as the core does when it saves).
        event.text = " ".join(event.text.splitlines())


class CaptureInput(CalmInput):
    """The one line the facilitator types in. PageUp/PageDown move through the steps."""

    BINDINGS = step_bindings()

    async def _on_key(self, event: events.Key) -> None:
        # Here, not through the Enter binding: the binding would run only after the key went up
        # the tree and back, when later keys may already be in the line.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            bar = next((a for a in self.ancestors if isinstance(a, CaptureBar)), None)
            if bar is not None:
                await bar.enter()


class CaptureBar(Vertical):
    DEFAULT_CSS = """
    CaptureBar {
        height: auto;
        padding: 0 1 0 2;
    }

    #capture-row {
        height: 3;
    }

    #capture-badge {
        width: 22;
        height: 3;
        text-align: center;
        color: $background;
    }

    CaptureBar.-team #capture-badge {
        background: $team-color;
    }

    CaptureBar.-ouderpanel #capture-badge {
        background: $parent-color;
    }

    #capture-input {
        width: 1fr;
        border: tall $foreground 40%;
    }

    CaptureBar.-team #capture-input:focus {
        border: tall $team-color;
    }

    CaptureBar.-ouderpanel #capture-input:focus {
        border: tall $parent-color;
    }

    /* One line, always: a message is updated without laying out the screen again. */
    #capture-message {
        height: 1;
        padding: 0 1;
    }

    /* Not the app's .field-error: that one lets a message grow to more lines. */
    #capture-message.-error {
        color: $error;
        text-style: bold;
    }
    """

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

    # What the next remark will be; each watcher updates the badge (never a repaint of the bar).
    # The voice stays until Tab; kind and form go back to their default after each remark.
    group: reactive[Group] = reactive(Group.TEAM, repaint=False, init=False)
    kind: reactive[Kind] = reactive(DEFAULT_KIND, repaint=False, init=False)
    form: reactive[PartnershipForm | None] = reactive(DEFAULT_FORM, repaint=False, init=False)

    # Not bubbled through the message queues: ``CaptureBar.enter`` takes it up the tree itself.
    class Submitted(Message, bubble=False):
        """Enter in the line: ``line`` is exactly what was typed, with the voice, kind and form
        the badge showed at that moment."""

        def __init__(self, bar: CaptureBar, line: CapturedLine) -> None:
            super().__init__()
            self.bar = bar
            self.line = line

        @property
        def control(self) -> CaptureBar:
            return self.bar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unsaved: list[CapturedLine] = []  # refused while new text was typed; oldest first

    def compose(self) -> ComposeResult:
        with Horizontal(id="capture-row"):
            yield Static(id="capture-badge")
            yield CaptureInput(placeholder=PLACEHOLDER, id="capture-input")
        yield MessageLine(id="capture-message")

    def on_mount(self) -> None:
        self._show_badge()

    @property
    def input(self) -> CaptureInput:
        return self.query_one(CaptureInput)

    # -- the current group, kind and form -------------------------------------------------------

    def action_toggle_group(self) -> None:
        self.group = Group.OUDERPANEL if self.group is Group.TEAM else Group.TEAM

    def action_cycle_kind(self) -> None:
        self.kind = KIND_ORDER[(KIND_ORDER.index(self.kind) + 1) % len(KIND_ORDER)]

    def action_cycle_form(self) -> None:
        self.form = FORM_ORDER[(FORM_ORDER.index(self.form) + 1) % len(FORM_ORDER)]

    def watch_group(self) -> None:
        self._show_badge()

    def watch_kind(self) -> None:
        self._show_badge()

    def watch_form(self) -> None:
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

    # -- Enter, and after saving ---------------------------------------------------------------

    async def enter(self) -> None:
        """Enter in the line: hand over exactly what is typed now, and empty the line at once."""
        field = self.input
        text = field.value
        if not text.strip():
            if self.unsaved:
                self._restore(self.unsaved.pop(0), "Teruggehaald: druk op Enter om op te slaan.")
            return
        line = CapturedLine(text, self.group, self.kind, self.form)
        field.value = ""
        # The next remark starts from the defaults; this one keeps its own (and gets them back
        # if it cannot be saved). Done now, not once it is saved: F2 or F3 typed meanwhile are
        # for the next remark.
        self.kind, self.form = DEFAULT_KIND, DEFAULT_FORM
        await self._send_up(self.Submitted(self, line))

    async def _send_up(self, message: Message) -> None:
        """Give ``message`` to this bar and then each parent up to the screen, now, in the task
        of the key that caused it (as ``OrderedKeys`` walks a key up): the screen has handed the
        remark to its writer before the next key is looked at. Through the message queues a key
        typed after Enter could act first, such as Escape then E on a list still without it."""
        node: DOMNode | None = self
        while node is not None and not message._stop_propagation:
            await node._dispatch_message(message)
            node = None if node is self.screen else node.parent

    def saving(self, line: CapturedLine) -> None:
        """The remark is handed to the writer: say it is on its way (it is not in the list yet)."""
        self.show_message(
            f"Wordt opgeslagen: {quoted(line.text)}…" + self._still_waiting(), sticky=True
        )

    def saved(self, message: str) -> None:
        """The remark is on disk: say so (the line was emptied at Enter; focus stays)."""
        self.show_message(message + self._still_waiting())

    def not_saved(self, line: CapturedLine, refusal: str | None = None) -> None:
        """The remark was refused (``refusal`` says why) or could not be written (None): keep it,
        never mixed with what was typed since.

        It waits beside the line at once (so leaving the screen asks first). Once every key typed
        so far is handled, it comes back into the line if that is still empty; otherwise it waits
        until Enter is pressed on an empty line.
        """
        self.unsaved.append(line)
        why = f" {refusal}" if refusal else ""
        self.show_message(
            f"Niet opgeslagen: {quoted(line.text)}.{why} Druk op Enter in een lege regel om die "
            "tekst terug te halen.",
            error=True,
        )
        after_keys(self.app, lambda: self._bring_back(line, refusal))

    def _bring_back(self, line: CapturedLine, refusal: str | None) -> None:
        if not self.is_attached or line not in self.unsaved or self.input.value:
            return
        self.unsaved.remove(line)
        self._restore(
            line, refusal or "Niet opgeslagen. Je tekst staat er weer: druk nog eens op Enter."
        )

    def _restore(self, line: CapturedLine, message: str) -> None:
        """Put a remark back in the line, with the voice, kind and form it was typed with."""
        self.group, self.kind, self.form = line.group, line.kind, line.form
        self.input.value = line.text
        self.input.cursor_position = len(line.text)
        self.show_message(message + self._still_waiting(), error=True)

    def _still_waiting(self) -> str:
        if not self.unsaved:
            return ""
        first = quoted(self.unsaved[0].text)
        if len(self.unsaved) == 1:
            return (
                f" Nog niet opgeslagen: {first}. Druk op Enter in een lege regel om die terug "
                "te halen."
            )
        return (
            f" Nog {len(self.unsaved)} niet opgeslagen, eerst {first}. Druk op Enter in een lege "
            "regel om ze terug te halen."
        )

    @property
    def holds_unsaved_text(self) -> bool:
        """Text in the line, or remarks waiting beside it: leaving would lose them."""
        return bool(self.input.value.strip() or self.unsaved)

    @property
    def message(self) -> MessageLine:
        return self.query_one(MessageLine)

    def show_message(self, message: str, *, error: bool = False, sticky: bool = False) -> None:
        """Say something under the line; it goes after a few seconds (``MessageLine``), unless
        it is ``sticky`` or text is waiting to be brought back."""
        self.message.say(message, error=error, sticky=sticky or bool(self.unsaved))

    def set_read_only(self, read_only: bool) -> None:
        self.input.disabled = read_only
        self.set_class(read_only, "-read-only")
        if read_only:
            self.input.placeholder = "Alleen lezen: hier kun je nu niets toevoegen"
