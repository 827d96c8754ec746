"""Moved to the application layer: ``workshop.app.live``. Kept so that older imports still work."""

from workshop.app.live import LiveSession, create_session, new_participant, open_session

__all__ = ["LiveSession", "create_session", "new_participant", "open_session"]
