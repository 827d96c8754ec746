"""Core of *workshop*: domain model, session logic, clock and timers, store, templates, export, CLI.

This package never imports Textual; the UI lives in ``screens``.
"""

__version__ = "0.1.0"
