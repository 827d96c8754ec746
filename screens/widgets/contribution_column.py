"""One voice's contributions in the current step: a heading in its colour and a selectable list.

The list is an OptionList updated in place: adding a remark appends one option, a vote or an edit
replaces one prompt, and showing the same step again (back from another screen) changes only what
changed. Each option is kept per contribution while it stays the same, so going back to a step of
two thousand remarks does not clean and lay out every text again. A step with many remarks is
shown a part at a time (``FIRST``, then ``CHUNK`` per turn of the event loop), so keys are handled
in between; ``filling`` says the list is not complete yet.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from screens.key_order import OrderedKeys
from screens.literal import literal
from screens.widgets.keys import step_bindings
from workshop.model import Contribution, Group

FIRST = 60  # options shown at once: more than fit on the screen
CHUNK = 50  # options added per turn of the event loop after that (about 5 ms each)
VOTE_DOTS_MAX = 8  # beyond this the number alone says it
VOTE_GROUP = Binding.Group("Stem")


def contribution_prompt(contribution: Contribution, *, has_agreement: bool = False) -> Content:
    """The text as typed (never markup), and below it kind, form, author and votes."""
    details = [contribution.kind.value]
    if contribution.form:
        details.append(contribution.form.value)
    if contribution.author:
        details.append(contribution.author)
    if contribution.language:  # from a phone: the language of the page it was written on
        details.append(f"({contribution.language})")
    parts: list[str | Content | tuple[str, str]] = [
        literal(contribution.text),
        "\n",
        (" · ".join(details), "italic"),
    ]
    if contribution.votes:
        dots = "●" * min(contribution.votes, VOTE_DOTS_MAX)
        word = "stem" if contribution.votes == 1 else "stemmen"
        parts.append((f"   {dots} {contribution.votes} {word}", "bold"))
    if has_agreement:
        parts.append(("   → afspraak", "bold"))
    return Content.assemble(*parts)


class ContributionList(OptionList):
    """The selectable list. Its keys act on the highlighted contribution (handled by the screen)."""

    BINDINGS = [
        Binding(
            "enter,i",
            "screen.focus_capture",
            "Typen",
            id="runner.focus_capture",
            tooltip="Terug naar de invoerregel om verder te typen",
        ),
        Binding(
            "e",
            "screen.edit_contribution",
            "Bewerk",
            id="runner.edit",
            tooltip="Verander de tekst, soort, vorm of naam van deze inbreng",
        ),
        Binding(
            "m",
            "screen.move_contribution",
            "Verplaats",
            id="runner.move",
            tooltip="Zet deze inbreng bij een andere fase of stap",
        ),
        Binding(
            "delete,x",
            "screen.delete_contribution",
            "Weg",
            id="runner.delete",
            tooltip="Haal deze inbreng weg; Ctrl+Z zet hem terug",
        ),
        Binding(
            "plus",
            "screen.vote(1)",
            "Stem erbij",
            id="runner.vote_up",
            tooltip="Geef deze inbreng een stem (stippen plakken)",
            group=VOTE_GROUP,
        ),
        Binding(
            "minus",
            "screen.vote(-1)",
            "Stem eraf",
            id="runner.vote_down",
            tooltip="Haal een stem weg van deze inbreng",
            group=VOTE_GROUP,
        ),
        Binding(
            "s",
            "screen.toggle_sort",
            "Sorteer",
            id="runner.sort",
            tooltip="Zet de inbreng met de meeste stemmen bovenaan, of weer op volgorde van tijd",
        ),
        Binding(
            "a",
            "screen.make_agreement",
            "Afspraak",
            id="runner.make_agreement",
            tooltip="Maak van deze inbreng een afspraak met een eigenaar",
        ),
        Binding(
            "left,right",
            "screen.other_column",
            "Andere kolom",
            id="runner.other_column",
            show=False,
            tooltip="Ga naar de andere kolom (team of ouderpanel)",
        ),
        # Here the list's own actions matter more in the footer than moving on.
        *step_bindings(show=False),
    ]

    def __init__(self, group: Group, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"-{group.value}", markup=False)
        self.group = group

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def replace_prompt(self, option_id: str, prompt: Content) -> None:
        """Change one option's prompt. OptionList's own ``replace_option_prompt`` forgets the
        height of every option, so the next frame wraps all of them again (40 phones voting on
        a step of 400 remarks: about 80 ms per refresh). When the new prompt is as high as the
        old one, only the rendered lines are forgotten (those on screen are drawn again)."""
        index = self.get_option_index(option_id)
        option = self.options[index]
        old_height = self._line_cache.heights.get(index)
        option._set_prompt(prompt)
        region = self.scrollable_content_region
        if old_height is None or not region:
            self._clear_caches()
            return
        padding = self.get_component_styles("option-list--option").padding
        width = region.width - self._get_left_gutter_width() - padding.width
        height = self._get_visual(option).get_height(self.styles, width) + option._divider
        if height != old_height:
            self._clear_caches()
            return
        self._option_render_cache.clear()
        self.refresh()


class ContributionColumn(Vertical):
    """Heading (colour AND name of the group) above the list of that group's contributions."""

    # The list's rules are here, under the column: scoped to it, they outweigh OptionList's own.
    DEFAULT_CSS = """
    ContributionColumn {
        width: 1fr;
        height: 1fr;
    }

    .column-heading {
        height: 1;
        padding: 0 1;
        text-style: bold;
        color: $background;
    }

    ContributionColumn.-team .column-heading {
        background: $team-color;
    }

    ContributionColumn.-ouderpanel .column-heading {
        background: $parent-color;
    }

    ContributionList {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0 0 0 1;
        background: $background;
        scrollbar-size-vertical: 1;
    }

    ContributionList:focus {
        border: none;
        background-tint: $foreground 0%;
    }

    ContributionList.-team {
        border-left: heavy $team-color;
    }

    ContributionList.-ouderpanel {
        border-left: heavy $parent-color;
    }

    ContributionList > .option-list--option {
        padding: 0 0 1 0;
    }

    .column-empty {
        display: none;
        color: $foreground 70%;
        padding: 1 1;
    }

    ContributionColumn.-empty .column-empty {
        display: block;
    }

    ContributionColumn.-empty ContributionList {
        display: none;
    }
    """

    def __init__(self, group: Group, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"contribution-column -{group.value}")
        self.group = group
        self._count = 0
        # Per contribution id: the contribution and agreement mark its option was made for.
        self._options: dict[str, tuple[Contribution, bool, Option]] = {}
        self._pending: list[tuple[Contribution, bool]] = []  # still to add, in order
        self._generation = 0  # a newer ``show`` makes an older fill stop

    @property
    def filling(self) -> bool:
        """Part of the list is still being added."""
        return bool(self._pending)

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), classes="column-heading")
        yield ContributionList(self.group, id=f"list-{self.group.value}")
        yield Static("Nog geen inbreng bij deze stap.", classes="column-empty")

    @property
    def list(self) -> ContributionList:
        return self.query_one(ContributionList)

    def _heading(self) -> str:
        name = "TEAM" if self.group is Group.TEAM else "OUDERPANEL"
        return f"{name}  ({self._count})" if self._count else name

    def _set_count(self, count: int) -> None:
        self._count = count
        self.query_one(".column-heading", Static).update(self._heading(), layout=False)
        self.set_class(count == 0, "-empty")

    def _known(self, contribution: Contribution, has_agreement: bool) -> Option | None:
        """The option made before for ``contribution`` if it still shows it as it is now."""
        known = self._options.get(contribution.id)
        if known is None or known[1] != has_agreement:
            return None
        if known[0] is contribution or known[0] == contribution:
            return known[2]
        return None

    def _option(self, contribution: Contribution, has_agreement: bool) -> Option:
        """An option for ``contribution``: the one made before while it is still the same."""
        option = self._known(contribution, has_agreement)
        if option is None:
            prompt = contribution_prompt(contribution, has_agreement=has_agreement)
            option = Option(prompt, id=contribution.id)
            self._options[contribution.id] = (contribution, has_agreement, option)
        return option

    def _refresh(self, contribution: Contribution, has_agreement: bool) -> None:
        """Change the prompt of the option in the list for ``contribution`` if it changed."""
        if self._known(contribution, has_agreement) is not None:
            return
        option_list = self.list
        prompt = contribution_prompt(contribution, has_agreement=has_agreement)
        option_list.replace_prompt(contribution.id, prompt)
        option = option_list.get_option(contribution.id)
        self._options[contribution.id] = (contribution, has_agreement, option)

    def show(self, contributions: Iterable[Contribution], linked: set[str]) -> None:
        """Show these contributions, changing only what changed; the highlight stays on the same
        contribution if it is still there."""
        option_list = self.list
        wanted = list(contributions)
        if not self._pending and [c.id for c in wanted] == [o.id for o in option_list.options]:
            for contribution in wanted:
                self._refresh(contribution, contribution.id in linked)
            return
        keep = option_list.selected_id
        self._generation += 1
        marked = [(c, c.id in linked) for c in wanted]
        option_list.set_options([self._option(c, mark) for c, mark in marked[:FIRST]])
        self._pending = marked[FIRST:]
        self._set_count(len(wanted))
        if self._pending:
            self._fill_later(self._generation)
        if keep is not None:
            self.select(keep)

    def _fill(self, generation: int) -> None:
        """Add the next part of the list; come back for the rest after other messages."""
        if generation != self._generation or not self._pending:
            return
        part, self._pending = self._pending[:CHUNK], self._pending[CHUNK:]
        self.list.add_options([self._option(c, mark) for c, mark in part])
        if self._pending:
            self._fill_later(generation)
        elif isinstance(self.app, OrderedKeys):
            self.app.wake_keys()  # keys that wait for a complete list may go on

    def _fill_later(self, generation: int) -> None:
        """The next part, through the event loop rather than straight into this widget's queue:
        a queue that is never empty keeps the loop here, and a step of 2,000 remarks shown for
        the first time drew its first frame only after all 40 parts (130 ms). Now the screen
        draws and keys come in between two parts."""
        asyncio.get_running_loop().call_soon(self.call_later, self._fill, generation)

    def finish(self) -> None:
        """Add what is still to be added, at once."""
        if self._pending:
            self._generation += 1
            part, self._pending = self._pending, []
            self.list.add_options([self._option(c, mark) for c, mark in part])

    def append(self, contribution: Contribution) -> None:
        """Add one option at the end; the others stay as they are. Shown already: nothing."""
        if self.contains(contribution.id) or any(c.id == contribution.id for c, _ in self._pending):
            return
        if self._pending:  # behind what is still to be added
            self._pending.append((contribution, False))
            self._set_count(self._count + 1)
            return
        option_list = self.list
        option_list.add_option(self._option(contribution, False))
        self._set_count(option_list.option_count)
        option_list.scroll_end(animate=False, immediate=True)

    def update(self, contribution: Contribution, *, has_agreement: bool = False) -> None:
        """Change one option's prompt in place."""
        self.finish()
        if self.contains(contribution.id):
            self._refresh(contribution, has_agreement)

    def select(self, contribution_id: str) -> bool:
        self.finish()
        option_list = self.list
        try:
            option_list.highlighted = option_list.get_option_index(contribution_id)
        except OptionDoesNotExist:  # it is in the other column
            return False
        return True

    def select_last(self) -> None:
        self.finish()
        option_list = self.list
        if option_list.option_count:
            option_list.highlighted = option_list.option_count - 1

    def contains(self, contribution_id: str) -> bool:
        try:
            self.list.get_option(contribution_id)
        except OptionDoesNotExist:
            return False
        return True

    def remove(self, contribution_id: str) -> None:
        self.finish()
        if self.contains(contribution_id):
            self.list.remove_option(contribution_id)
            self._set_count(self.list.option_count)
