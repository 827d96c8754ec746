"""A journal change that records only the fields of a row that changed (issue 9).

A session's own row holds its copy of the template (about 15 KB), so writing the whole row for a
step change cost a journal line of that size. A patch names only what changed:

    {"seq":15,"op":"patch","table":"session","id":"ab12","set":{"position":{...}},"crc":...}
    ... "unset":["field"] ...   (fields the new version no longer has; left out when none)

Replaying sets those top-level fields on the row as it is after the records before it. Journals
written before patches existed hold whole rows ("put"), which still replay as they always did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Patch:
    """The top-level fields of a row to set, and those to remove."""

    set: dict[str, Any]
    unset: tuple[str, ...] = field(default=())


def diff(old: dict[str, Any] | bytes | None, new: dict[str, Any]) -> Patch | None:
    """The patch that turns row ``old`` into ``new``; None when a whole row must be written
    (no old row, or another id). Values are compared as JSON, so ``1`` never equals ``True``."""
    if old is None:
        return None
    if isinstance(old, bytes):
        old = json.loads(old)
    assert isinstance(old, dict)
    if old.get("id") != new.get("id"):
        return None
    encode = _encode
    changed = {k: v for k, v in new.items() if k not in old or encode(old[k]) != encode(v)}
    return Patch(changed, tuple(k for k in old if k not in new))


def apply(old: dict[str, Any] | bytes | None, patch: Patch) -> dict[str, Any] | None:
    """The row after ``patch``; None when there is no row to patch (the record cannot apply)."""
    if old is None:
        return None
    row = dict(json.loads(old) if isinstance(old, bytes) else old)
    row.update(patch.set)
    for name in patch.unset:
        row.pop(name, None)
    return row


def encode_body(patch: Patch, encode: Any) -> bytes:
    """What follows the table and id in a journal line: ``"set":{...}`` and maybe ``"unset"``."""
    body = b'"set":' + encode(patch.set)
    if patch.unset:
        body += b',"unset":' + encode(list(patch.unset))
    return body


def decode(part: dict[str, Any]) -> Patch | None:
    """The patch in a decoded journal change; None when it is not a good one."""
    changed, unset = part.get("set"), part.get("unset", [])
    if not isinstance(changed, dict) or "id" in changed:
        return None
    if not (isinstance(unset, list) and all(isinstance(n, str) and n != "id" for n in unset)):
        return None
    return Patch(changed, tuple(unset))


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
