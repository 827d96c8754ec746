"""The current phase and step with its guiding questions: the part the room reads."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from screens.widgets.step_kinds import step_screen_label
from workshop.template import Phase, Step


def questions_content(step: Step) -> Content:
    opens = step_screen_label(step.kind)
    lines = [Content(f"• {question}") for question in step.questions]
    if opens is not None:
        lines.append(Content.assemble("Druk op ", ("Ctrl+O", "bold"), f" voor de {opens.lower()}."))
    if not lines:
        return Content("Bij deze stap staan geen vragen.")
    return Content("\n").join(lines)


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
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", id="phase-line")
        yield Static("", id="step-line")
        yield Static("", id="questions")

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
        self.query_one("#questions", Static).update(questions_content(step))
