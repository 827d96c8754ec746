"""Widgets of the phase runner: timer, agenda, contribution columns, capture line, hints."""

from screens.widgets.agenda import Agenda, AgendaRow
from screens.widgets.capture_bar import CaptureBar, CaptureInput
from screens.widgets.contribution_column import ContributionColumn, ContributionList
from screens.widgets.hints_panel import HintsPanel
from screens.widgets.step_view import StepView
from screens.widgets.timer_display import TimerDisplay

__all__ = [
    "Agenda",
    "AgendaRow",
    "CaptureBar",
    "CaptureInput",
    "ContributionColumn",
    "ContributionList",
    "HintsPanel",
    "StepView",
    "TimerDisplay",
]
