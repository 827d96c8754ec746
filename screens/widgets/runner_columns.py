"""The two voices side by side: the team's and the parent panel's remarks in the current step.

The columns own what concerns only the lists: showing a step's remarks (each list updated in
place, see ``contribution_column``), in order of time or of votes, which list was used last
(Escape from the capture line goes back there) and moving between the two lists.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import DescendantFocus

from screens.widgets.contribution_column import ContributionColumn, ContributionList
from workshop.model import Contribution, Group


def other(group: Group) -> Group:
    return Group.OUDERPANEL if group is Group.TEAM else Group.TEAM


class RunnerColumns(Horizontal):
    DEFAULT_CSS = """
    RunnerColumns {
        height: 1fr;
        margin-top: 1;
    }

    #column-team {
        margin-right: 2;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sort_by_votes = False
        self.last_group = Group.TEAM  # where the last remark went, or the list used last
        self._last_list: ContributionList | None = None  # the list used last

    def compose(self) -> ComposeResult:
        yield ContributionColumn(Group.TEAM, id="column-team")
        yield ContributionColumn(Group.OUDERPANEL, id="column-ouderpanel")

    def column(self, group: Group) -> ContributionColumn:
        return self.query_one(f"#column-{group.value}", ContributionColumn)

    @property
    def filling(self) -> bool:
        """A list is still being filled (a big step is shown a part at a time)."""
        return any(column.filling for column in self.query(ContributionColumn))

    @property
    def selected_id(self) -> str | None:
        """The remark highlighted in the list used last."""
        return self._last_list.selected_id if self._last_list else None

    def show(self, by_group: Mapping[Group, list[Contribution]], linked: set[str]) -> None:
        """Show each voice's remarks (``linked``: those with an agreement), in the chosen order."""
        for group, shown in by_group.items():
            if self.sort_by_votes:
                shown = sorted(shown, key=lambda c: -c.votes)  # equal votes stay in time order
            self.column(group).show(shown, linked)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, ContributionList):
            self._last_list = event.widget
            self.last_group = event.widget.group

    def focus_list(self) -> bool:
        """Go to the list used last (or else the other); False when both are empty."""
        column = self.column(self.last_group)
        if not column.list.option_count:
            column = self.column(other(column.group))
        if not column.list.option_count:
            return False
        self._focus(column)
        return True

    def focus_other(self) -> None:
        """Go to the other list, if it has anything to pick."""
        current = self._last_list
        column = self.column(other(current.group) if current else Group.OUDERPANEL)
        if column.list.option_count:
            self._focus(column)

    def _focus(self, column: ContributionColumn) -> None:
        if column.list.highlighted is None:
            column.select_last()
        column.list.focus()
