"""What the session list shows of a session: its summary (``summary.json`` beside the session).

Kept apart from ``workshop.model`` (which also exports it) so that listing sessions does not load
the whole session model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass
class SessionSummary:
    """What the session list shows, read without loading a session's contents."""

    id: str
    title: str
    location: str
    day: date
    phase: int  # current phase index
    phase_count: int
    updated: datetime
    series: str = ""
    created: datetime | None = None  # older summaries do not have it

    @property
    def progress_label(self) -> str:
        return f"fase {self.phase + 1} van {self.phase_count}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "location": self.location,
            "series": self.series,
            "date": self.day.isoformat(),
            "phase": self.phase,
            "phase_count": self.phase_count,
            "updated": self.updated.isoformat(),
            "created": self.created.isoformat() if self.created else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionSummary:
        return cls(
            id=data["id"],
            title=data["title"],
            location=data.get("location", ""),
            day=date.fromisoformat(data["date"]),
            phase=data["phase"],
            phase_count=data["phase_count"],
            updated=datetime.fromisoformat(data["updated"]),
            series=data.get("series", ""),
            created=datetime.fromisoformat(data["created"]) if data.get("created") else None,
        )
