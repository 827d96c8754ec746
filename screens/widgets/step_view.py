"""The current phase and step with its guiding questions: the part the room reads."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from screens.widgets.bullets import Bullet
from screens.widgets.step_kinds import step_screen_label
from workshop.template import Phase, Step


def question_rows(step: Step) -> list[Static | Bullet]:
    """One bullet per question (wrapped lines hang under the text), then what Ctrl+O opens."""
    opens = step_screen_label(step.kind)
    rows: list[Static | Bullet] = [Bullet(question) for question in step.questions]
    if opens is not None:
        rows.append(
            Static(Content.assemble("Druk op ", ("Ctrl+O", "bold"), f" voor de {opens.lower()}."))
        )
    if not rows:
        rows.append(Static("Bij deze stap staan geen vragen."))
    return rows


class StepView(Vertical):
    DEFAULT_CSS = """
    StepView {
        height: auto;
        padding-top: 1;
    }

    #phase-line {
        color: $primary;
    }

    #step-line {
        text-style: bold;
        margin-bottom: 1;
    }

    #questions {
        height: auto;
    }

    #questions Static {
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", id="phase-line")
        yield Static("", id="step-line")
        yield Vertical(id="questions")

    def show(self, phase: Phase, phase_index: int, phase_count: int, step: Step, step_index: int):
        key = (phase, phase_index, step, step_index)
        if key == self._shown:
            return
        self._shown = key
        self.query_one("#phase-line", Static).update(
            Content.assemble(
                (f"Fase {phase.number}", "bold"),
                f"  ({phase_index + 1} van {phase_count})  ",
                (phase.name, "bold"),
            )
        )
        self.query_one("#step-line", Static).update(
            Content.assemble(
                f"Stap {step_index + 1} van {len(phase.steps)}: ", (step.title, "bold")
            )
        )
        questions = self.query_one("#questions", Vertical)
        questions.remove_children()
        questions.mount_all(question_rows(step))
