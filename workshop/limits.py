"""The ranges every stored number and date must lie in, in one place.

The session's types carry these as their bounds (``workshop.schema_types``): import, the store
when it loads a file and the template loader check them through the schema (``workshop.schema``),
the forms through ``workshop.typed``. So a value one of them accepts never breaks another part
later: nothing computed from values inside these ranges (timer ends,
due days plus a week, a calendar's next day, minutes times sixty) can overflow.

The ranges are what a real workshop needs, with room to spare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workshop.errors import ValidationError

DAY_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Range:
    """A closed range of numbers; ``whole`` when only whole numbers fit."""

    lowest: int
    highest: int
    whole: bool = True

    def __contains__(self, value: object) -> bool:
        # bool is a kind of int in Python, but true is no number; a float may be inf or nan
        if type(value) is int:
            return self.lowest <= value <= self.highest
        if type(value) is float and not self.whole:
            return self.lowest <= value <= self.highest  # False for nan
        return False

    def clamp(self, value: float) -> float:
        return min(max(value, self.lowest), self.highest)

    @property
    def text(self) -> str:
        """'van 1 tot en met 600', for messages."""
        return f"van {self.lowest} tot en met {self.highest}"


PHASE_NUMBER = Range(1, 6)  # the six phases of the step plan
PHASE_MINUTES = Range(1, 600)  # one phase of a template: at most ten hours
STEP_MINUTES = Range(0, 600)  # what a step adds to its phase's planned time (data/added_steps.toml)
TIMER_PLANNED = Range(0, DAY_SECONDS, whole=False)  # seconds, as adjusted during the session
# Seconds left on a paused timer; negative is overtime, kept for at most a year.
TIMER_REMAINING = Range(-366 * DAY_SECONDS, DAY_SECONDS, whole=False)
VOTES = Range(0, 10_000)  # dot votes on one contribution
VOTE_BUDGET = Range(1, 20)  # dots one phone may give in one vote
PHONE_DOTS = Range(0, 2)  # dots one phone may give one remark
PERCENT = Range(0, 100)
YEARS = Range(1900, 2200)  # every date and moment: sessions, due days, goals, timestamps
# Dates people typed (a session's day, a due day, a goal's deadline) as a stored file may hold
# them. Older versions took any year of four digits, so an old session may hold a typo such as
# 0226 or 2206: that must not make the session unreadable. Everything computed from a date stays
# safe in this range (a due day plus half a year, a calendar's next day); new input is YEARS.
STORED_DAY_YEARS = Range(1, 9000)


def year_fits(value: date | datetime) -> bool:
    return value.year in YEARS


YEARS_TEXT = f"in de jaren {YEARS.lowest} tot en met {YEARS.highest}"


def check_day(value: date | None, field: str, label: str = "De datum") -> date | None:
    """A date typed or chosen in the app; ValidationError when its year is out of range."""
    if value is not None and not year_fits(value):
        raise ValidationError(field, f"{label} moet {YEARS_TEXT} liggen.")
    return value
