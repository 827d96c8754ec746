"""Shared builders for the export, interchange and anonymize tests, and tests of those builders.

- ``demo_stored``: the demo session, built on a fake clock in a temporary store;
- ``hostile_session``: a session with hostile text in every text field, template included, with
  goals, agreements brought along from an earlier session and reviewed, and scan scores;
- ``stored_sessions``: a hypothesis strategy for valid sessions with arbitrary Unicode text, the
  fields of goals, reviews and scans included;
- ``Outline``: what a Markdown document consists of, read from markdown-it-py tokens.
"""

from __future__ import annotations

import re
from typing import Any

from helpers_export import (
    _TEXT_KEYS,
    HOSTILE,
    hostile_session,
    plain_copy,
)

from workshop.store import StoredSession
from workshop.text import clean_line

# ---------------------------------------------------------------- hostile text


# ---------------------------------------------------------------- hypothesis strategies


# ---------------------------------------------------------------- reading a document back


# ---------------------------------------------------------------- the same session, plain


# ---------------------------------------------------------------- tests of the builders


def _text_fields(stored: StoredSession) -> list[tuple[str, str]]:
    """Every non-empty piece of user text, with where it is."""
    found: list[tuple[str, str]] = []

    def walk(value: Any, path: str, key: str | None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}", k)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]", key)
        elif isinstance(value, str) and key in _TEXT_KEYS and value:
            found.append((path, value))

    walk(stored.session.to_dict(), "session", None)
    for i, c in enumerate(stored.contributions):
        walk(c.to_dict(), f"contributions[{i}]", None)
    for i, a in enumerate(stored.agreements):
        walk(a.to_dict(), f"agreements[{i}]", None)
    for i, g in enumerate(stored.goals):
        walk(g.to_dict(), f"goals[{i}]", None)
    return found


def test_hostile_session_has_hostile_text_in_every_text_field() -> None:
    stored = hostile_session()
    fields = _text_fields(stored)
    hostile_texts = {clean_line(h) for h in HOSTILE}
    plain = [(path, value) for path, value in fields if value not in hostile_texts]
    named = [p for p in stored.session.participants if p.name]
    keys = {re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1] for path, _ in fields}
    assert plain == []
    assert keys == _TEXT_KEYS
    assert len(named) == 7


def test_plain_copy_replaces_every_text_and_keeps_everything_else() -> None:
    stored = hostile_session()
    plain = plain_copy(stored)
    assert all(value.startswith("tekst") for _, value in _text_fields(plain))
    assert [c.votes for c in plain.contributions] == [c.votes for c in stored.contributions]
    assert plain.session.timing_log == stored.session.timing_log
    assert [a.status for a in plain.agreements] == [a.status for a in stored.agreements]
