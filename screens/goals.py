"""The goals (doelen) of a session: concrete and measurable, with their agreements beneath.

Made in the plan phase (criterion, target percentage, date) and judged in the evaluation
(result and gehaald / deels / niet). Agreements are linked to a goal from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import WorkshopModal, WorkshopScreen
from screens.confirm import ConfirmScreen
from screens.goal_form import EvaluateGoalScreen, GoalFormScreen
from screens.literal import literal
from screens.steady_footer import SteadyFooter
from screens.widgets.hanging import Hanging
from workshop.goals import Goal, Judgement, norm_suggestion
from workshop.model import Agreement
from workshop.text import format_date

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

_CHANGING_ACTIONS = frozenset({"new", "edit", "evaluate", "link", "delete"})
_NEEDS_GOAL = frozenset({"edit", "evaluate", "link", "delete"})
JUDGEMENT_STYLE = {
    Judgement.GEHAALD: "bold $success",
    Judgement.DEELS: "bold $warning",
    Judgement.NIET: "bold $error",
}


def agreement_line(agreement: Agreement) -> Content:
    return Content.assemble(
        literal(agreement.what),
        ("  — ", "dim"),
        (literal(agreement.owner).plain, "bold"),
        ("  · ", "dim"),
        agreement.status.value,
    )


def goal_content(goal: Goal, agreements: list[Agreement]) -> Content:
    """A goal as a few calm lines: what, criterion, target and date, result, its agreements."""
    lines = [Content.styled(literal(goal.description).plain, "bold")]
    if goal.carried_from:
        lines[0] = Content.assemble(lines[0], ("  (uit een eerdere sessie)", "italic dim"))
    lines.append(Content.assemble(("  Criterium: ", "dim"), literal(goal.criterion)))
    target: list[Content | tuple[str, str] | str] = []
    if goal.target_percent is not None:
        target += [("  Hoeveel ouders: ", "dim"), f"{goal.target_percent} %"]
    if goal.by is not None:
        target += [("  Datum: ", "dim"), format_date(goal.by)]
    if target:
        lines.append(Content.assemble(*target))
    if goal.judgement is None:
        lines.append(Content.styled("  Nog niet geëvalueerd", "italic"))
    else:
        lines.append(
            Content.assemble(
                ("  Oordeel: ", "dim"),
                (goal.judgement.label, JUDGEMENT_STYLE[goal.judgement]),
                *((("  · Resultaat: ", "dim"), literal(goal.result)) if goal.result else ()),
            )
        )
    if agreements:
        lines.append(Content.styled("  Afspraken bij dit doel:", "dim"))
        lines.extend(Content.assemble("    • ", agreement_line(a)) for a in agreements)
    else:
        lines.append(Content.styled("  Nog geen afspraken bij dit doel.", "dim"))
    return Content("\n").join(lines)


class GoalsScreen(WorkshopScreen[None]):
    """All goals of the session with criterion, target, date, result, judgement and agreements."""

    CSS_PATH = "styles/goals.tcss"
    HELP_TEXT = (
        "Een goed doel is concreet en meetbaar: schrijf op wanneer het gelukt is. "
        "Koppel afspraken aan een doel met k. Bij de evaluatie geef je elk doel een "
        "resultaat en een oordeel met v."
    )
    BINDINGS = [
        Binding("n", "new", "Nieuw doel", id="goals.new", tooltip="Maak een nieuw doel"),
        Binding("e", "edit", "Wijzigen", id="goals.edit", tooltip="Wijzig het gekozen doel"),
        Binding(
            "v",
            "evaluate",
            "Evalueren",
            id="goals.evaluate",
            tooltip="Geef het gekozen doel een resultaat en een oordeel",
        ),
        Binding(
            "k",
            "link",
            "Afspraak koppelen",
            id="goals.link",
            tooltip="Koppel een afspraak van deze sessie aan het gekozen doel",
        ),
        Binding(
            "d,delete",
            "delete",
            "Verwijderen",
            id="goals.delete",
            tooltip="Verwijder het gekozen doel (met een vraag vooraf)",
        ),
        Binding("escape", "back", "Terug", id="goals.back", tooltip="Terug naar het vorige scherm"),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        with Vertical(id="goals-head"):
            yield Static("Doelen", classes="title", id="goals-title")
            yield Static(literal(self.live.session.title), id="goals-session")
            if self.live.read_only:
                yield Static(
                    "Alleen lezen: deze sessie is ergens anders geopend. Je kunt hier niets "
                    "veranderen.",
                    id="goals-read-only",
                )
        yield OptionList(id="goals-list")
        yield Static(
            Content.assemble(
                "Nog geen doelen. Druk op n om een doel te maken.\n\n",
                (norm_suggestion(), "dim"),
            ),
            id="goals-empty",
        )
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.refresh_list()

    def on_screen_resume(self) -> None:
        self.refresh_list(keep=self.current_id())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _CHANGING_ACTIONS and self.live.read_only:
            return None
        if action in _NEEDS_GOAL and self.current() is None:
            return None
        return True

    # -- showing --------------------------------------------------------------------------------

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#goals-list", OptionList)

    def refresh_list(self, keep: str | None = None) -> None:
        option_list = self.option_list
        option_list.clear_options()
        for index, goal in enumerate(self.live.goals):
            if index:
                option_list.add_option(None)  # a faint line between goals
            option_list.add_option(
                Option(goal_content(goal, self.live.agreements_for_goal(goal.id)), id=goal.id)
            )
        empty = not self.live.goals
        option_list.display = not empty
        self.query_one("#goals-empty").display = empty
        if keep is not None and keep in {g.id for g in self.live.goals}:
            option_list.highlighted = option_list.get_option_index(keep)
        elif not empty and option_list.highlighted is None:
            option_list.highlighted = 0
        if not empty:
            self.set_focus(option_list)
        self.refresh_bindings()

    def current_id(self) -> str | None:
        option_list = self.option_list
        if option_list.highlighted is None or not option_list.option_count:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def current(self) -> Goal | None:
        goal_id = self.current_id()
        return next((g for g in self.live.goals if g.id == goal_id), None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.check_action("edit", ()):
            self.action_edit()

    # -- actions --------------------------------------------------------------------------------

    def _after(self, goal: Goal | None, message: str) -> None:
        self.refresh_list(keep=goal.id if goal else self.current_id())
        if goal is not None:
            self.app.notify(message, title="Opgeslagen")

    def action_new(self) -> None:
        self.app.push_screen(
            GoalFormScreen(self.live), lambda goal: self._after(goal, "Het doel is opgeslagen.")
        )

    def action_edit(self) -> None:
        goal = self.current()
        if goal is not None:
            self.app.push_screen(
                GoalFormScreen(self.live, goal),
                lambda saved: self._after(saved, "Het doel is aangepast."),
            )

    def action_evaluate(self) -> None:
        goal = self.current()
        if goal is not None:
            self.app.push_screen(
                EvaluateGoalScreen(self.live, goal),
                lambda saved: self._after(saved, "De evaluatie is opgeslagen."),
            )

    def action_link(self) -> None:
        goal = self.current()
        if goal is not None:
            self.app.push_screen(
                LinkAgreementScreen(self.live, goal), lambda _: self.refresh_list(keep=goal.id)
            )

    def action_delete(self) -> None:
        goal = self.current()
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            live = self.live

            def deleted(_: object) -> None:
                self.refresh_list()
                self.app.notify("Het doel is verwijderd.", title="Verwijderd")

            self.save(lambda: live.delete_goal(goal.id), deleted)

        linked = len(self.live.agreements_for_goal(goal.id))
        question = f"Dit doel verwijderen?\n\n{literal(goal.description).plain}"
        if linked:
            question += (
                "\n\nDe gekoppelde afspraak blijft bestaan, maar hoort dan bij geen doel."
                if linked == 1
                else f"\n\nDe {linked} gekoppelde afspraken blijven bestaan, maar horen dan bij "
                "geen doel."
            )
        self.app.push_screen(ConfirmScreen(question, confirm_label="Ja, verwijderen"), answered)

    def action_back(self) -> None:
        self.dismiss(None)


class LinkAgreementScreen(WorkshopModal[None]):
    """Pick the agreements that belong to a goal: Enter links or unlinks the chosen one."""

    CSS_PATH = "styles/goals.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Klaar",
            id="goal_link.close",
            tooltip="Sluit; elke koppeling is al opgeslagen",
        ),
    ]

    def __init__(self, live: LiveSession, goal: Goal) -> None:
        super().__init__(classes="dialog-screen")
        self.live = live
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="link-dialog"):
            yield Static("Afspraak koppelen aan een doel", classes="title", id="link-title")
            yield Static(
                Content.assemble(("Doel: ", "bold"), literal(self.goal.description)),
                id="link-goal",
            )
            yield Static(
                "Enter: koppelen of loskoppelen · Esc: klaar", classes="hint-line", id="link-keys"
            )
            yield OptionList(id="link-list")
            yield Static(
                "Deze sessie heeft nog geen afspraken. Maak eerst een afspraak.",
                id="link-empty",
            )
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.refresh_list()

    def _goal_name(self, goal_id: str) -> str:
        goal = next((g for g in self.live.goals if g.id == goal_id), None)
        return literal(goal.description).plain if goal else "een ander doel"

    def refresh_list(self, keep: int | None = None) -> None:
        option_list = self.query_one("#link-list", OptionList)
        option_list.clear_options()
        for agreement in self.live.agreements:
            if agreement.goal == self.goal.id:
                mark = ("✓ gekoppeld  ", "bold $success")
                extra: Content | str = ""
            else:
                mark = ("              ", "")
                extra = (
                    Content.styled(f"\nbij doel: {self._goal_name(agreement.goal)}", "dim")
                    if agreement.goal
                    else ""
                )
            # wrapped lines start under the agreement, not under the mark
            body = Content.assemble(agreement_line(agreement), extra)
            option_list.add_option(Option(Hanging(Content.assemble(mark), body), id=agreement.id))
        empty = not self.live.agreements
        option_list.display = not empty
        self.query_one("#link-empty").display = empty
        if not empty:
            option_list.highlighted = min(keep or 0, option_list.option_count - 1)
            self.set_focus(option_list)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.live.read_only or event.option.id is None:
            return
        agreement_id, goal_id, index = event.option.id, self.goal.id, event.option_index
        live = self.live

        def toggle_link() -> Agreement:  # on the writer: after every change handed in before
            linked = live.agreement(agreement_id).goal == goal_id
            return live.update_agreement(agreement_id, goal=None if linked else goal_id)

        self.save(toggle_link, lambda _: self.refresh_list(keep=index))

    def action_close(self) -> None:
        self.dismiss(None)
