"""The footer does not keep its old keys alive: going to F10 and back many times leaves as many
key widgets as before (Textual 8.2.8's Footer leaked every FooterKey it ever made, through the
data binding of ``compact``, which fed the long garbage-collection pauses in a long session)."""

from __future__ import annotations

import asyncio
import gc

from helpers_keys import app_on_runner, burst, new_session, settle
from textual.widgets._footer import FooterKey

from screens.agreements import AgreementsScreen
from screens.steady_footer import SteadyFooter


def live_footer_keys() -> int:
    gc.collect()
    return sum(isinstance(o, FooterKey) for o in gc.get_objects())


def test_f10_and_escape_again_and_again_leave_no_footer_keys_behind(make_app, store, clock) -> None:
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            # Keys alive before: the runner's, and any an earlier test in this process left for
            # the collector (they are not this app's and do not change while it runs).
            before = live_footer_keys()
            counts = []
            for _ in range(6):
                burst(app, ["f10"])
                await settle(pilot)
                assert isinstance(app.screen, AgreementsScreen)
                burst(app, ["escape"])
                await settle(pilot)
                assert app.screen is screen
                counts.append(live_footer_keys())
            # The first round may still make what stays (the agreements screen is kept); after
            # it, every round ends with the same keys alive as the one before.
            assert counts[-1] == counts[1], counts
            assert counts[-1] - before < 40, (before, counts)  # one agreements screen's keys

    asyncio.run(scenario())


def test_after_changes_in_place_the_footer_still_shows_each_key_and_its_state(
    make_app, store, clock
) -> None:
    """Keys that only turn on or off are changed where they are: after F10 and Escape the
    runner's footer shows one key per action, each enabled exactly when the screen says so."""
    session_id = new_session(store, clock)

    async def scenario() -> None:
        async with app_on_runner(make_app, session_id) as (app, pilot, screen):
            for _ in range(2):
                burst(app, ["f10"])
                await settle(pilot)
                burst(app, ["escape"])
                await settle(pilot)
            expected: dict[str, bool] = {}
            for _, binding, enabled, _ in screen.active_bindings.values():
                if binding.show:
                    expected.setdefault(binding.action, enabled)
            # Only the keys that fit the width are shown (issue 11, item 5), each with its state.
            wanted = screen.query_one(SteadyFooter)._wanted()
            fitting = {b.action for b, *_, classes in wanted if classes != "-command-palette"}
            expected = {action: on for action, on in expected.items() if action in fitting}
            assert len(expected) >= 8
            shown = {
                key.action: not key._disabled
                for key in screen.query(FooterKey)
                if not key.has_class("-command-palette")
            }
            assert shown == expected

    asyncio.run(scenario())
