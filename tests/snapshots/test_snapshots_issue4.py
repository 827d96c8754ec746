"""Snapshots of the terugblik, the scan results and the partnership balance, at projector sizes.

Sessions are made on the FakeClock, so every date on screen is fixed; inputs do not blink.
Update with `pytest tests/test_snapshots_issue4.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

import pytest
from helpers_review import SCORES, fill_scores, first_session, second_session, start_session
from textual.pilot import Pilot

from screens.balance import BalanceScreen
from screens.review import ReviewScreen
from screens.scan import ScanScreen
from workshop.model import Aim, Group, PartnershipForm
from workshop.session import open_session

SIZES = [(120, 36), (100, 30)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_review_step(snap_compare, make_app, store, clock, size) -> None:  # type: ignore[no-untyped-def]
    first_session(store, clock)
    second = second_session(store, clock)
    app = make_app()

    async def show(pilot: Pilot) -> None:
        app.push_screen(ReviewScreen(open_session(store, second, clock)))
        await pilot.pause()
        await pilot.press("2")  # the first agreement (late) is now in progress

    assert snap_compare(app, terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_scan_results(snap_compare, make_app, store, clock, size) -> None:  # type: ignore[no-untyped-def]
    earlier = start_session(store, clock, "Eerste scan", "2026-01-12")
    fill_scores(earlier, [(2, 1), (2, 2), (3, 3), (1, 1), (3, 2), (2, 3), (None, 2)])
    earlier.close()
    later = start_session(store, clock, "Tweede scan", "2026-06-08")
    fill_scores(later, SCORES)
    later.close()
    app = make_app()

    async def show(pilot: Pilot) -> None:
        app.push_screen(ScanScreen(open_session(store, later.session.id, clock), "indicatoren"))
        await pilot.pause()
        await pilot.press("r")

    assert snap_compare(app, terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_balance_panel(snap_compare, make_app, store, clock, size) -> None:  # type: ignore[no-untyped-def]
    live = start_session(store, clock, "Ouderavond", "2026-03-10")
    for form, aim in [
        (PartnershipForm.DIDACTISCH, Aim.PEDAGOGISCH),
        (PartnershipForm.DIDACTISCH, None),
        (PartnershipForm.INFORMEEL, Aim.ORGANISATORISCH),
        (None, None),
    ]:
        live.add_contribution("Inbreng", Group.OUDERPANEL, form=form, aim=aim)
    live.add_agreement("Oudercommissie uitbreiden", "Bram Visser", form=PartnershipForm.FORMEEL)
    live.close()
    app = make_app()

    async def show(pilot: Pilot) -> None:
        app.push_screen(BalanceScreen(open_session(store, live.session.id, clock)))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show)
