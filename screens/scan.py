"""A self-scan: team and parent panel each score the statements, then see the results side by side.

Scoring goes one statement at a time or in a list: 1-4 on the four-point scale, 0 or w for
"weet niet", Tab switches between team and parent panel (shown in colour AND words). The results
show bars per statement, the biggest differences first (that is where the conversation goes) and,
when the trajectory had this scan before, the change since then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.literal import literal
from screens.scan_keys import SCAN_KEYS
from screens.scan_phones import PhoneScanMixin
from screens.steady_footer import SteadyFooter
from screens.widgets.hanging import HangingList
from screens.widgets.score_bars import bar_line, group_name, group_style, score_text
from workshop.errors import WorkshopError
from workshop.model import Group
from workshop.scan import (
    SCALE,
    Scan,
    ScanScore,
    StatementChange,
    StatementResult,
    biggest_differences,
    change_since,
    compare,
    get_scan,
)

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

ONE, LIST, RESULTS = "one", "list", "results"
_SCORING_ACTIONS = frozenset({"score", "switch_group", "move", "toggle_list"})
DIFFERENCE_HEADING = "Hier zit het verschil: praat hierover"
LEGEND = " · ".join(f"{n} {label}" for n, label in SCALE.items()) + " · 0 of w: weet niet"


class ScanScreen(PhoneScanMixin):
    CSS_PATH = "styles/scan.tcss"
    AUTO_FOCUS = ""  # the keys act on the screen; an input gets focus only when opened
    HELP_TEXT = (
        "Het team en het ouderpanel geven elk een eigen score: 1 klopt niet, 2 klopt een beetje, "
        "3 klopt grotendeels, 4 klopt helemaal, 0 of w: weet niet. Tab wisselt tussen team en "
        "ouderpanel. Bij de uitslag staan de grootste verschillen bovenaan: daar begint het "
        "gesprek."
    )
    BINDINGS = SCAN_KEYS

    def __init__(self, live: LiveSession, scan_id: str) -> None:
        super().__init__()
        self.live = live
        self.scan_id = scan_id
        self.scan: Scan | None = None
        self.problem = ""
        try:
            self.scan = get_scan(scan_id)
        except WorkshopError as error:
            self.problem = str(error)
        self.group = Group.TEAM
        self.index = 0
        self.mode = RESULTS if live.read_only else ONE

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        scan = self.scan
        with Vertical(id="scan-head"):
            yield Static(scan.name if scan else "Zelfscan", classes="title", id="scan-title")
            yield Static("", id="scan-progress")
            if self.live.read_only:
                yield Static(
                    "Alleen lezen: deze sessie is ergens anders geopend. Je kunt de uitslag "
                    "bekijken, maar niet scoren.",
                    id="scan-read-only",
                )
            yield Static("", id="scan-group")
        with Vertical(id="scan-one"):
            yield Static("", id="scan-one-position")
            yield Static("", id="scan-one-text")
            yield Static("", id="scan-one-scores")
        yield OptionList(id="scan-list")
        with VerticalScroll(id="scan-results"):
            yield Static("", id="scan-differences")
            yield Static("", id="scan-change-note")
            for statement in scan.statements if scan else ():
                yield Static("", classes="scan-result", id=f"result-{statement.code}")
        yield Static(self.problem, id="scan-problem")
        yield Static("", classes="hint-line", id="scan-keys")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#scan-problem").display = bool(self.problem)
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.scan is None and action != "back":
            return None
        if action == "show_results":
            return self.mode != RESULTS
        if action == "show_scoring":
            return self.mode == RESULTS and not self.live.read_only
        if action in _SCORING_ACTIONS and self.mode == RESULTS:
            return False  # not shown while the results are on screen
        if action in _SCORING_ACTIONS and self.live.read_only:
            return None
        return True

    # -- reading --------------------------------------------------------------------------------

    def scores(self) -> list[ScanScore]:
        if self.from_phones and self.mode == RESULTS:
            return self.phone_scores()  # what phones answered, together (screens.scan_phones)
        return self.live.scan_scores(self.scan_id)

    def results(self) -> list[StatementResult]:
        assert self.scan is not None
        return compare(self.scan, self.scores())

    def changes(self) -> dict[str, StatementChange] | None:
        """Per statement code, the change since the trajectory's previous scan; None: no such."""
        assert self.scan is not None
        try:
            previous = self.app.workspace.previous_scan_scores(self.live.session, self.scan_id)
        except (WorkshopError, OSError):
            return None  # an unreadable earlier session only costs the comparison
        if not previous:
            return None
        return {
            change.statement.code: change
            for change in change_since(self.scan, previous, self.scores())
        }

    # -- showing --------------------------------------------------------------------------------

    def show(self) -> None:
        if self.scan is None:
            for part in ("#scan-one", "#scan-list", "#scan-results", "#scan-group"):
                self.query_one(part).display = False
            self.refresh_bindings()
            return
        results = self.results()
        self._show_progress(results)
        self.query_one("#scan-one").display = self.mode == ONE
        self.query_one("#scan-list").display = self.mode == LIST
        self.query_one("#scan-results").display = self.mode == RESULTS
        self._show_group()
        if self.mode == ONE:
            self._show_one(results)
        elif self.mode == LIST:
            self._show_list(results)
        else:
            self._show_results(results)
        self._show_keys()
        self.refresh_bindings()

    def _show_progress(self, results: list[StatementResult]) -> None:
        total = len(results)
        parts: list[Content | tuple[str, str] | str] = [literal(self.live.session.title)]
        for group in Group:
            done = sum(1 for r in results if r.answered(group))
            parts += [("  ·  ", "dim"), (f"{group_name(group)}: ", group_style(group))]
            parts.append(f"{done} van {total} gescoord")
        self.query_one("#scan-progress", Static).update(Content.assemble(*parts))

    def _show_group(self) -> None:
        """Who scores now, in colour AND words; in the results, that these are the results."""
        badge = self.query_one("#scan-group", Static)
        results = self.mode == RESULTS
        badge.set_class(results, "-results")
        badge.set_class(not results and self.group is Group.TEAM, "-team")
        badge.set_class(not results and self.group is Group.OUDERPANEL, "-ouderpanel")
        if results:
            badge.update("Uitslag: team en ouderpanel naast elkaar")
            return
        other = Group.OUDERPANEL if self.group is Group.TEAM else Group.TEAM
        badge.update(
            f"Nu scoort: {group_name(self.group).upper()}   (Tab: naar {group_name(other).lower()})"
        )

    def _show_one(self, results: list[StatementResult]) -> None:
        result = results[self.index]
        self.query_one("#scan-one-position", Static).update(
            f"Uitspraak {self.index + 1} van {len(results)}  ·  {result.statement.code}"
        )
        self.query_one("#scan-one-text", Static).update(Content(result.statement.text))
        self.query_one("#scan-one-scores", Static).update(
            Content("\n").join(
                Content.assemble(
                    ("▶ " if group is self.group else "  ", group_style(group)),
                    bar_line(result, group),
                )
                for group in Group
            )
        )

    def _list_prompt(self, result: StatementResult) -> Content:
        scores = [
            Content.assemble(
                (f"{group_name(group)}: ", group_style(group)), score_text(result, group)
            )
            for group in Group
        ]
        return Content.assemble(
            (f"{result.statement.code}  ", "bold"),
            result.statement.text,
            "\n    ",
            Content("   ·   ").join(scores),
        )

    def _show_list(self, results: list[StatementResult]) -> None:
        option_list = self.query_one("#scan-list", OptionList)
        keep = self.index
        option_list.clear_options()
        for number, result in enumerate(results):
            if number:
                option_list.add_option(None)  # a faint line between statements
            option_list.add_option(Option(self._list_prompt(result), id=result.statement.code))
        option_list.highlighted = keep
        self.set_focus(option_list)

    def _show_results(self, results: list[StatementResult]) -> None:
        biggest = biggest_differences(results)
        codes = {r.statement.code for r in biggest}
        self.query_one("#scan-differences", Static).update(self._differences(results, biggest))
        changes = self.changes()
        note = self.query_one("#scan-change-note", Static)
        note.display = changes is not None
        note.update(
            "Deze scan is eerder in dit traject gedaan. Achter elke score staat hoeveel die "
            "sindsdien is veranderd."
        )
        for result in results:
            code = result.statement.code
            change = changes.get(code) if changes else None
            # the statement wraps under itself, not under its code
            lines: list[tuple[Content | str, Content | str]] = [
                (Content.styled(f"{code}  ", "bold"), Content.styled(result.statement.text, "bold"))
            ]
            if code in codes:
                lines.append(("    ", Content.styled(f"◆ {DIFFERENCE_HEADING}", "bold $error")))
            for group in Group:
                lines.append(
                    ("    ", bar_line(result, group, change.change(group) if change else None))
                )
            widget = self.query_one(f"#result-{code}", Static)
            widget.set_class(code in codes, "-difference")
            widget.update(HangingList(lines))

    @staticmethod
    def _differences(
        results: list[StatementResult], biggest: list[StatementResult]
    ) -> Content | HangingList:
        if not biggest:
            both = [r for r in results if r.difference is not None]
            return Content(
                "Team en ouderpanel geven overal dezelfde score."
                if both
                else "Er zijn nog te weinig scores om team en ouderpanel te vergelijken."
            )
        items: list[tuple[Content | str, Content | str]] = [
            ("", Content.styled(DIFFERENCE_HEADING, "bold"))
        ]
        for result in biggest:
            head = Content.assemble(
                ("◆ ", "bold $error"),
                (f"{result.statement.code}  ", "bold"),
                ("Team ", group_style(Group.TEAM)),
                str(result.team),
                ("  Ouderpanel ", group_style(Group.OUDERPANEL)),
                str(result.parents),
                (f"  (verschil {result.difference})", "bold"),
                "  ",
            )
            # the whole statement, wrapped beside the scores (it used to be cut off at 40)
            items.append((head, result.statement.text))
        return HangingList(items)

    def _show_keys(self) -> None:
        keys = self.query_one("#scan-keys", Static)
        if self.mode == RESULTS:
            keys.update(
                "r: terug naar het scoren · Esc: terug naar de sessie"
                if not self.live.read_only
                else "Esc: terug naar de sessie"
            )
        elif self.mode == ONE:
            keys.update(f"{LEGEND}\nEnter of →: volgende · ←: vorige · l: lijst · r: uitslag")
        else:
            keys.update(f"{LEGEND}\n↑↓: kies een uitspraak · l: een voor een · r: uitslag")

    # -- actions --------------------------------------------------------------------------------

    def action_score(self, score: int | None) -> None:
        if self.scan is None or self.live.read_only or self.mode == RESULTS:
            return
        code, group, scan_id, live = (
            self.scan.statements[self.index].code,
            self.group,
            self.scan_id,
            self.live,
        )
        self.save(lambda: live.set_scan_score(scan_id, code, group, score), lambda _: self.show())

    def action_switch_group(self) -> None:
        self.group = Group.OUDERPANEL if self.group is Group.TEAM else Group.TEAM
        self.show()

    def action_move(self, step: int) -> None:
        if self.scan is None:
            return
        self.index = min(max(self.index + step, 0), len(self.scan.statements) - 1)
        self.show()

    def action_toggle_list(self) -> None:
        self.mode = LIST if self.mode == ONE else ONE
        if self.mode == ONE:
            self.set_focus(None)
        self.show()

    def action_show_results(self) -> None:
        self.mode = RESULTS
        self.show()
        self.set_focus(self.query_one("#scan-results"))  # arrows and PgDn scroll the results

    def action_show_scoring(self) -> None:
        if self.live.read_only:
            return
        self.mode = ONE
        self.set_focus(None)
        self.show()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.mode == LIST and event.option_index != self.index:
            self.index = event.option_index
            self._show_keys()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter in the list: on to the next statement
        option_list = self.query_one("#scan-list", OptionList)
        option_list.highlighted = min(event.option_index + 1, option_list.option_count - 1)

    def action_back(self) -> None:
        self.dismiss(None)
