"""Snapshots of the join panel and the moderation queue (issue 10), at 100x30 and 120x36.

The join panel runs a real phone server on 127.0.0.1 with fixed tokens and a fixed port per
size, so the links and the QR code are the same every run. Update with
`pytest tests/snapshots/test_snapshots_phones.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

import pytest
from helpers_phone import fixed_tokens, phone_options
from textual.pilot import Pilot

from workshop.model import Group
from workshop.participation import phone_id
from workshop.session import create_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZES = [(120, 36), (100, 30)]
PORTS = {(120, 36): 47612, (100, 30): 47611}  # fixed: the link is part of the picture


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def session_with_remarks(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = create_session(
        store, clock, title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    for text, group, language, name in (
        ("Kunnen de brieven ook in het Arabisch?", Group.OUDERPANEL, "nl", "Sevda"),
        ("أريد أن أفهم المزيد عن الواجبات", Group.OUDERPANEL, "ar", ""),
        ("<script>alert(1)</script> [bold]vet[/]", Group.TEAM, "nl", ""),
    ):
        live.add_remark(text, group, language=language, phone=phone_id("p" + text), name=name)
    session_id = live.session.id
    live.close()
    return session_id


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_join_panel(snap_compare, make_app, store, clock, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(session_with_remarks(store, clock))
    app.phone_options = phone_options(port=PORTS[size], token_source=fixed_tokens)

    async def show(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        app.clear_notifications()  # the first-time notice comes and goes; not part of the panel
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_moderation_queue(snap_compare, make_app, store, clock, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(session_with_remarks(store, clock))
    app.phone_options = phone_options()

    async def show(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show)
