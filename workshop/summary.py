"""What the session list shows of a session: its summary (``summary.json`` beside the session).

Kept apart from ``workshop.model`` (which also exports it) so that listing sessions does not load
the whole session model. A summary file is read by ``workshop.listing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from workshop.schema_types import ADDED_LATER, Day, EncodedAs, Moment, Record


@dataclass
class SessionSummary(Record):
    """What the session list shows, read without loading a session's contents."""

    id: str
    title: str
    location: str
    series: Annotated[str, ADDED_LATER] = field(default="", kw_only=True)
    day: Annotated[Day, EncodedAs("date")]
    phase: int  # current phase index
    phase_count: int
    updated: Moment
    # older summaries do not have it
    created: Annotated[Moment | None, ADDED_LATER] = field(default=None, kw_only=True)

    @property
    def progress_label(self) -> str:
        return f"fase {self.phase + 1} van {self.phase_count}"
