"""Moved to the application layer: ``workshop.app.demo``. Kept so that older imports still work."""

from workshop.app.demo import create_demo_session

__all__ = ["create_demo_session"]
