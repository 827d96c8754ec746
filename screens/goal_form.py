"""Forms for goals: make or change a goal, and evaluate it (result and judgement).

Keyboard-first like the agreement form: Enter goes to the next field (and takes a shown
suggestion), Enter on the last field or Ctrl+S saves. A refused save keeps every typed word and
names the problem next to its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from screens.field_form import FieldForm
from screens.literal import literal
from screens.steady_footer import SteadyFooter
from screens.suggestions import ChoiceSuggester
from workshop.dates import example_date
from workshop.errors import ValidationError
from workshop.goals import INSPECTION_NORM_PERCENT, Goal, Judgement, norm_suggestion
from workshop.text import format_date
from workshop.typed import parse_choice

if TYPE_CHECKING:
    from workshop.app.live import LiveSession


class FieldSpec:
    """One line of a form: its name (the ValidationError field), label, placeholder, hint."""

    def __init__(
        self,
        name: str,
        label: str,
        placeholder: str,
        *,
        hint: str | Content = "",
        suggestions: list[str] | None = None,
    ) -> None:
        self.name = name
        self.label = label
        self.placeholder = placeholder
        self.hint = hint
        self.suggestions = suggestions


def goal_bindings(prefix: str) -> list[Binding]:
    return [
        # Priority: text typed quickly after Enter lands in the next field, not in this one.
        Binding(
            "enter",
            "next_field",
            "Volgend veld",
            id=f"{prefix}.next",
            tooltip="Naar het volgende veld; in het laatste veld: opslaan",
            priority=True,
            show=False,
        ),
        Binding("ctrl+s", "save", "Opslaan", id=f"{prefix}.save", tooltip="Sla het doel op"),
        Binding(
            "escape",
            "cancel",
            "Annuleren",
            id=f"{prefix}.cancel",
            tooltip="Sluit zonder op te slaan",
        ),
    ]


class GoalDialog(FieldForm[Goal | None]):
    """A small form of single-line fields; subclasses say which fields and how to save."""

    CSS_PATH = "styles/goal_form.tcss"
    heading = ""

    def __init__(self, live: LiveSession) -> None:
        super().__init__(classes="dialog-screen")
        self.live = live

    def fields(self) -> list[FieldSpec]:
        raise NotImplementedError

    def values_to_fill(self) -> dict[str, str]:
        return {}

    def intro(self) -> Content | None:
        return None

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog goal-dialog"):
            yield Static(self.heading, classes="title goal-form-title")
            intro = self.intro()
            if intro is not None:
                yield Static(intro, classes="goal-form-intro")
            for spec in self.fields():
                with Horizontal(classes="field", id=f"field-{spec.name}"):
                    yield Label(spec.label, classes="field-label")
                    with Vertical(classes="field-body"):
                        suggester = ChoiceSuggester(spec.suggestions) if spec.suggestions else None
                        field_input = Input(
                            placeholder=spec.placeholder,
                            suggester=suggester,
                            select_on_focus=False,  # a key press never wipes what is there
                            compact=True,
                            id=f"input-{spec.name}",
                            classes="form-input",
                        )
                        field_input.cursor_blink = False
                        yield field_input
                        if spec.hint:
                            yield Static(spec.hint, classes="field-hint")
                        yield Static("", classes="field-error", id=f"error-{spec.name}")
            yield Static(
                "Enter: volgend veld · Ctrl+S: opslaan · Esc: annuleren",
                classes="hint-line form-keys",
            )
            with Horizontal(classes="buttons"):
                yield Button("Annuleren", id="form-cancel", compact=True)
                yield Button("Opslaan", id="form-save", variant="primary", compact=True)
        yield SteadyFooter()


def _percent_text(goal: Goal) -> str:
    return "" if goal.target_percent is None else str(goal.target_percent)


class GoalFormScreen(GoalDialog):
    """Make a new goal, or change one: description, criterion, target percentage and date."""

    BINDINGS = goal_bindings("goal_form")

    def __init__(self, live: LiveSession, goal: Goal | None = None) -> None:
        super().__init__(live)
        self.goal = goal
        self.heading = "Doel wijzigen" if goal else "Nieuw doel"

    def fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("doel", "Doel", "Wat willen we bereiken?"),
            FieldSpec(
                "criterium",
                "Criterium",
                "Wanneer is het gelukt? bijv. 60 % van de ouders komt naar het startgesprek",
            ),
            FieldSpec(
                "percentage",
                "Percentage",
                f"Hoeveel procent van de ouders? bijv. {INSPECTION_NORM_PERCENT} (mag leeg)",
                hint=norm_suggestion(),
            ),
            FieldSpec(
                "datum",
                "Datum",
                "Wanneer kijken we? dd-mm-jjjj, bijv. "
                f"{example_date(self.app.workspace.clock.now().date())} (mag leeg)",
            ),
        ]

    def values_to_fill(self) -> dict[str, str]:
        goal = self.goal
        if goal is None:
            return {}
        return {
            "doel": goal.description,
            "criterium": goal.criterion,
            "percentage": _percent_text(goal),
            "datum": format_date(goal.by) if goal.by else "",
        }

    def save_values(self, values: dict[str, str]) -> Goal:
        arguments: dict[str, Any] = {
            "target_percent": values["percentage"],
            "by": values["datum"],
        }
        if self.goal is None:
            return self.live.add_goal(values["doel"], values["criterium"], **arguments)
        return self.live.update_goal(
            self.goal.id,
            description=values["doel"],
            criterion=values["criterium"],
            **arguments,
        )


JUDGEMENT_HINT = "gehaald · deels · niet"


class EvaluateGoalScreen(GoalDialog):
    """The evaluation of a goal: what came of it, and was it reached?"""

    BINDINGS = goal_bindings("goal_evaluate")
    heading = "Doel evalueren"

    def __init__(self, live: LiveSession, goal: Goal) -> None:
        super().__init__(live)
        self.goal = goal

    def intro(self) -> Content:
        lines = [
            Content.assemble(("Doel: ", "bold"), literal(self.goal.description)),
            Content.assemble(("Criterium: ", "bold"), literal(self.goal.criterion)),
        ]
        if self.goal.target_percent is not None:
            lines.append(Content(f"Gewenst: {self.goal.target_percent} % van de ouders"))
        return Content("\n").join(lines)

    def fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("resultaat", "Resultaat", "Wat is er bereikt? bijv. 55 % kwam (mag leeg)"),
            FieldSpec(
                "oordeel",
                "Oordeel",
                "gehaald, deels of niet",
                hint=JUDGEMENT_HINT,
                suggestions=[j.value for j in Judgement],
            ),
        ]

    def values_to_fill(self) -> dict[str, str]:
        judgement = self.goal.judgement
        return {"resultaat": self.goal.result, "oordeel": judgement.value if judgement else ""}

    def save_values(self, values: dict[str, str]) -> Goal:
        choose = "Kies een oordeel: gehaald, deels of niet."
        try:
            judgement = parse_choice(values["oordeel"], Judgement, "oordeel", "Het oordeel")
        except ValidationError:
            raise ValidationError("oordeel", choose) from None
        if judgement is None:
            raise ValidationError("oordeel", choose)
        return self.live.evaluate_goal(self.goal.id, values["resultaat"], judgement)
