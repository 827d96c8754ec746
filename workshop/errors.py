"""Errors the core raises on purpose. Each carries a message in plain Dutch for the user."""

from __future__ import annotations


class WorkshopError(Exception):
    """Base: ``str(error)`` is a complete sentence a user can read."""


class ValidationError(WorkshopError):
    """Input that cannot be accepted. ``field`` names the field, to show the message beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(WorkshopError):
    """A session, contribution or agreement that does not exist (any more)."""


class StoreError(WorkshopError):
    """The store could not read or write. Nothing was changed on disk."""


class DamagedFileError(StoreError):
    """A stored file cannot be read: it is left alone, never overwritten."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"Het bestand {path} is beschadigd of onbekend: {reason}")
        self.path = path
        self.reason = reason


class TemplateError(WorkshopError):
    """A template file that cannot be used. Names the file, line and field."""

    def __init__(self, path: object, line: int | None, field: str, reason: str) -> None:
        where = f"{path}, regel {line}" if line else f"{path}"
        super().__init__(f"Sjabloon {where}, veld '{field}': {reason}")
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason
