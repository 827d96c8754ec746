"""The self-scan in the UI: team and parent panel score apart, the results show the differences,
and a later scan in the trajectory shows the change."""

from __future__ import annotations

import asyncio

from helpers_review import SCAN, SCORES, at, fill_scores, screen_text, start_session
from textual.pilot import Pilot

from screens.scan import ScanScreen
from screens.step_screens import screen_for_step
from workshop.model import Group
from workshop.session import LiveSession, create_session, open_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def stored_scores(store: SessionStore, session_id: str) -> dict[tuple[str, Group], int | None]:
    return {(s.code, s.group): s.score for s in store.load(session_id).scan_scores}


async def open_scan(pilot: Pilot, live: LiveSession, scan_id: str = SCAN) -> ScanScreen:
    screen = ScanScreen(live, scan_id)
    pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


def key(score: int | None) -> str:
    return "w" if score is None else str(score)


def test_team_and_parents_score_apart_and_the_differences_are_shown(make_app, store, clock) -> None:
    at(clock, "2026-03-10")
    live = create_session(
        store,
        clock,
        title="Zelfscan in het team",
        template=get_template(DEFAULT_TEMPLATE_ID),
        location="Peuterspeelzaal De Regenboog",
        scans=(SCAN,),
    )
    session_id = live.session.id
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, session_id, clock)
            # the scan step the session got at creation opens this screen
            phase = live.template.phases[0]
            live.go_to(0, [s.kind for s in phase.steps].index(f"scan-{SCAN}"))
            screen = screen_for_step(live)
            assert isinstance(screen, ScanScreen) and screen.scan_id == SCAN
            app.push_screen(screen)
            await pilot.pause()

            text = screen_text(pilot)
            assert "Zelfscan: zeven punten van de inspectie" in text
            assert "Uitspraak 1 van 7" in text
            assert "Nu scoort: TEAM" in text
            assert "Team: 0 van 7 gescoord" in text
            for team, parents in SCORES:
                await pilot.press(key(team))
                await pilot.press("tab")
                assert "Nu scoort: OUDERPANEL" in screen_text(pilot)
                await pilot.press(key(parents))
                await pilot.press("tab", "enter")
            text = screen_text(pilot)
            assert "Team: 7 van 7 gescoord" in text
            assert "Ouderpanel: 7 van 7 gescoord" in text
            assert "Uitspraak 7 van 7" in text  # Enter stops at the last statement

            await pilot.press("r")
            text = screen_text(pilot)
            assert "Uitslag: team en ouderpanel naast elkaar" in text
            differences = str(app.screen.query_one("#scan-differences").render())
            assert differences.startswith("Hier zit het verschil: praat hierover")
            for code in ("I1", "I4", "I6"):  # each 2 apart; I3 and I7 have a "weet niet"
                assert f"◆ {code}  Team" in differences
            assert "I2" not in differences and "I3" not in differences
            marked = [w.id for w in app.screen.query(".scan-result.-difference")]
            assert marked == ["result-I1", "result-I4", "result-I6"]
            first = str(app.screen.query_one("#result-I1").render())
            assert "3 klopt grotendeels" in first and "1 klopt niet" in first
            assert "██████" in first and "▓▓▓▓▓▓" in first
            assert "weet niet" in str(app.screen.query_one("#result-I3").render())
            assert "sinds vorige scan" not in text  # no earlier scan in this trajectory

            await pilot.press("1")  # scoring keys do nothing on the results
            await pilot.press("r")
            assert "Nu scoort: TEAM" in screen_text(pilot)
            live.close()

    asyncio.run(scenario())
    stored = stored_scores(store, session_id)
    assert len(stored) == 14
    for number, (team, parents) in enumerate(SCORES, start=1):
        assert stored[(f"I{number}", Group.TEAM)] == team
        assert stored[(f"I{number}", Group.OUDERPANEL)] == parents


def test_the_list_scores_the_chosen_statement_and_a_new_score_replaces_the_old(
    make_app, store, clock
) -> None:
    live = start_session(store, clock, "Lijst", "2026-03-10")
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, live_id, clock)
            await open_scan(pilot, live, "criteria")
            await pilot.press("l")
            assert "C1  Team en ouders hebben samen opgeschreven" in screen_text(pilot)
            await pilot.press("down", "down", "4", "tab", "0")
            await pilot.press("down", "2", "1")  # the parents change their mind: 1
            text = screen_text(pilot)
            assert "Team: 4 klopt helemaal   ·   Ouderpanel: weet niet" in text
            await pilot.press("l")  # back to one at a time, at the same statement
            assert "Uitspraak 4 van 10" in screen_text(pilot)
            live.close()

    live_id = live.session.id
    asyncio.run(scenario())
    stored = {(s.code, s.group): s.score for s in store.load(live_id).scan_scores}
    assert stored == {
        ("C3", Group.TEAM): 4,
        ("C3", Group.OUDERPANEL): None,
        ("C4", Group.OUDERPANEL): 1,
    }


def test_a_second_scan_in_the_trajectory_shows_the_change(make_app, store, clock) -> None:
    earlier = start_session(store, clock, "Eerste scan", "2026-01-12")
    fill_scores(earlier, SCORES)
    earlier.close()
    later = start_session(store, clock, "Tweede scan", "2026-06-08")
    fill_scores(later, [(4, 2), (2, 2), (4, 3), (2, 3), (3, 3), (2, 4), (None, 2)])
    later.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            live = open_session(store, later.session.id, clock)
            await open_scan(pilot, live)
            await pilot.press("r")
            assert "Deze scan is eerder in dit traject gedaan" in screen_text(pilot)
            first = str(app.screen.query_one("#result-I1").render()).splitlines()
            assert first[-2].endswith("sinds vorige scan: +1")  # team 3 -> 4
            assert first[-1].endswith("sinds vorige scan: +1")  # parents 1 -> 2
            second = str(app.screen.query_one("#result-I2").render())
            assert second.count("sinds vorige scan: gelijk") == 2
            # "weet niet" before: nothing to compare
            third = str(app.screen.query_one("#result-I3").render()).splitlines()
            assert "sinds vorige scan" not in third[-1]
            live.close()

    asyncio.run(scenario())


def test_read_only_shows_the_results_and_scores_nothing(make_app, store, clock) -> None:
    live = start_session(store, clock, "Alleen kijken", "2026-03-10")
    fill_scores(live, SCORES[:2])
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            viewer = open_session(store, live.session.id, clock, read_only=True)
            await open_scan(pilot, viewer)
            text = screen_text(pilot)
            assert "Alleen lezen" in text
            assert "Hier zit het verschil: praat hierover" in text
            await pilot.press("r", "3", "tab", "4")
            assert "Uitslag: team en ouderpanel naast elkaar" in screen_text(pilot)
            viewer.close()

    asyncio.run(scenario())
    assert stored_scores(store, live.session.id) == {
        ("I1", Group.TEAM): 3,
        ("I1", Group.OUDERPANEL): 1,
        ("I2", Group.TEAM): 2,
        ("I2", Group.OUDERPANEL): 2,
    }


def test_an_unknown_scan_says_so_calmly(make_app, store, clock) -> None:
    live = start_session(store, clock, "Oude sessie", "2026-03-10")
    live.close()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            viewer = open_session(store, live.session.id, clock)
            await open_scan(pilot, viewer, "bestaat-niet")
            assert "Er is geen scan met de naam 'bestaat-niet'." in screen_text(pilot)
            await pilot.press("3", "r", "l", "tab")
            await pilot.press("escape")
            assert not isinstance(app.screen, ScanScreen)
            viewer.close()

    asyncio.run(scenario())
