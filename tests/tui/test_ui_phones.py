"""Phones taking part, seen from the runner (issue 10): the join panel, the indicator, the
moderation queue, voting and the self-scan from phones. A real PhoneServer on 127.0.0.1, real
HTTP from a test phone (tests/helpers_phone.py), the real app under run_test."""

from __future__ import annotations

import asyncio
import gc
from itertools import pairwise

from helpers_keys import until
from helpers_phone import Phone, listens, phone_options
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList

from screens import collector
from screens.join_panel import FIRST_TIME, QUIET, WIFI, JoinPanelScreen
from screens.moderation import CHUNK as MODERATION_CHUNK
from screens.moderation import ModerationScreen
from screens.phone_room import PhoneRoom
from screens.phone_voting import VotingScreen
from screens.runner import RunnerScreen
from screens.scan import ScanScreen
from screens.widgets.contribution_column import ContributionList
from screens.widgets.phone_indicator import PhoneIndicator
from screens.widgets.qr_code import QrCode, qr_lines
from workshop.model import Group
from workshop.participation import Moderation, phone_id
from workshop.phone.network import HOTSPOT_ADVICE, qr_matrix, wifi_payload
from workshop.session import create_session, open_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)
WAIT = 5.0
ANNA, BOB, CEM = (phone_id(f"cookie-{n}") for n in ("anna", "bob", "cem"))


def new_session(store, clock) -> str:  # type: ignore[no-untyped-def]
    live = create_session(
        store, clock, title="Ouderavond", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    session_id = live.session.id
    live.close()
    return session_id


def on_screen(widget: Widget) -> str:
    if widget.children and not isinstance(widget, ContributionList):
        return "\n".join(on_screen(child) for child in widget.children if child.display)
    return "\n".join(
        widget.render_line(y).text.rstrip() for y in range(widget.scrollable_content_region.height)
    )


def words(text: str) -> str:
    return " ".join(text.split())


def column_texts(runner: RunnerScreen, group: Group) -> list[str]:
    option_list = runner.column(group).list
    return [
        option_list.get_option_at_index(i).prompt.plain for i in range(option_list.option_count)
    ]


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers (the server starting or stopping) finish, then the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def runner_of(pilot) -> RunnerScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunnerScreen)
    return pilot.app.screen


def app_for(make_app, store, clock, **options):  # type: ignore[no-untyped-def]
    app = make_app(new_session(store, clock))
    app.phone_options = phone_options(**options)
    return app


async def _join_panel_counts_phones_live_hides_and_closing_stops_the_server(
    make_app, store, clock
) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runner = await runner_of(pilot)
        assert not runner.query_one(PhoneIndicator).display  # nothing before participation
        await pilot.press("ctrl+y")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, JoinPanelScreen)
        server = runner.phones.server
        assert server is not None and listens(server.port)
        shown = on_screen(panel)
        assert server.links["ouderpanel"] in shown and server.links["team"] in shown
        assert server.links["begeleider"] not in shown  # the facilitator's own: only on request
        assert "0 telefoons doen mee" in shown
        assert FIRST_TIME in [n.message for n in app._notifications]
        # the QR code on screen is the parent link's, drawn in half blocks
        assert on_screen(panel.query_one(QrCode)).split("\n") == [
            line.rstrip() for line in qr_lines(server.qr_matrix("ouderpanel"))
        ]
        phone = await asyncio.to_thread(Phone, server, "ouderpanel")
        await pilot.pause()
        assert "1 telefoon doet mee" in on_screen(panel)  # updated by the phone joining
        await pilot.press("escape")  # hide: participation goes on
        await pilot.pause()
        assert app.screen is runner and listens(server.port)
        await asyncio.to_thread(phone.post, "/stuur", tekst="Meer uitleg graag")
        await pilot.pause()
        indicator = words(on_screen(runner.query_one(PhoneIndicator)))
        assert "Telefoons: 1 doet mee" in indicator and "1 opmerking wacht" in indicator
        assert "Meer uitleg" not in on_screen(runner)  # the wall shows only the count
        await pilot.press("ctrl+y")
        await settle(pilot)
        await pilot.press("s")  # close participation
        await settle(pilot)
        assert app.screen is runner and runner.phones.server is None
        assert not listens(server.port)
        assert "Telefoons:" not in on_screen(runner.query_one(PhoneIndicator))


async def _closing_the_session_stops_the_server(make_app, store, clock) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runner = await runner_of(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        server = runner.phones.server
        assert server is not None and listens(server.port)
        await pilot.press("escape", "escape")  # hide the panel, leave the session (a question)
        await settle(pilot)
        await pilot.press("j")  # yes, leave (issue 11, item 15)
        await pilot.pause()
        assert not isinstance(app.screen, RunnerScreen)
        assert not listens(server.port)


async def _no_network_says_so_offers_a_wifi_code_and_no_phone_after_a_while(
    make_app, store, clock
) -> None:
    app = app_for(make_app, store, clock, find_address=lambda: None)
    async with app.run_test(size=SIZE) as pilot:
        await runner_of(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, JoinPanelScreen)
        assert words(HOTSPOT_ADVICE) in words(on_screen(panel))
        assert FIRST_TIME not in [n.message for n in app._notifications]
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"Klas 3", "enter", *"geheim12", "enter")
        await pilot.pause()
        assert app.screen is panel and panel.code == WIFI
        expected = qr_lines(qr_matrix(wifi_payload("Klas 3", "geheim12")))
        assert on_screen(panel.query_one(QrCode)).split("\n") == [x.rstrip() for x in expected]
    # with a network but no phone: after two minutes the panel gives the way out
    app = app_for(make_app, store, clock, quiet_after=120.0)
    async with app.run_test(size=SIZE) as pilot:
        await runner_of(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, JoinPanelScreen)
        clock.advance(119)
        panel.check_quiet()
        assert words(QUIET) not in words(on_screen(panel))
        clock.advance(2)
        panel.check_quiet()
        await pilot.pause()
        assert words(QUIET) in words(on_screen(panel))


async def _moderation_accept_hide_accept_all_and_show_at_once(make_app, store, clock) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runner = await runner_of(pilot)
        room = runner.phones.room
        for text, phone, language in (
            ("أريد أن أفهم المزيد", ANNA, "ar"),
            ("Niet netjes [bold]weg[/]", BOB, "nl"),
            ("Meer koffie", CEM, "nl"),
            ("Graag vaker", CEM, "tr"),
        ):
            room.send_remark(text, Group.OUDERPANEL, language=language, phone=phone, name="Sevda")
        room.live.writer.submit(lambda: None).result(WAIT)
        await pilot.pause()
        assert "4 opmerkingen wachten" in words(on_screen(runner.query_one(PhoneIndicator)))
        assert column_texts(runner, Group.OUDERPANEL) == []
        await pilot.press("ctrl+n")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, ModerationScreen)
        shown = on_screen(queue)
        assert "Wachtrij: 4 opmerkingen wachten" in shown and "Sevda" not in shown
        assert "[bold]weg[/]" in shown  # markup shown literally
        await pilot.press("enter")  # accept the first
        await pilot.pause()
        await pilot.pause()
        assert len(room.waiting()) == 3
        await pilot.press("v")  # hide the (now first) second one
        await pilot.pause()
        await pilot.pause()
        hidden = [r for r in room.live.remarks if r.state is Moderation.HIDDEN]
        assert [r.text for r in hidden] == ["Niet netjes [bold]weg[/]"]
        assert not any("Sevda" in n.message for n in app._notifications)
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        assert room.waiting() == [] and "Wachtrij: er wacht niets" in on_screen(queue)
        await pilot.press("o")  # show at once: stored with the session
        await pilot.pause()
        await pilot.pause()
        assert room.settings.show_at_once and "Meteen tonen: AAN" in on_screen(queue)
        await pilot.press("escape")
        await pilot.pause()
        texts = column_texts(runner, Group.OUDERPANEL)
        assert [t.split("\n")[0] for t in texts] == [
            "أريد أن أفهم المزيد",
            "Meer koffie",
            "Graag vaker",
        ]
        assert "(ar)" in texts[0] and "(tr)" in texts[2]
        assert column_texts(runner, Group.TEAM) == []
        session_id = room.live.session.id
    reopened = open_session(store, session_id, clock)
    assert reopened.session.participation.show_at_once
    assert len(reopened.contributions) == 3
    reopened.close()


async def _voting_from_phones_opens_with_a_budget_and_closing_sorts_the_runner(
    make_app, store, clock
) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runner = await runner_of(pilot)
        room = runner.phones.room
        room.set_show_at_once(True)
        made = [
            room.send_remark(text, Group.TEAM, language="nl", phone=ANNA)
            for text in ("eerste", "tweede", "derde")
        ]
        first, second, third = (f.result(WAIT).contribution for f in made)
        await pilot.pause()
        await pilot.press("ctrl+y")  # the join panel; v opens voting for the runner's step
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        voting = app.screen
        assert isinstance(voting, VotingScreen)
        assert "DICHT" in on_screen(voting) and "3 stemmen" in on_screen(voting)
        await pilot.press("plus", "enter")
        await pilot.pause()
        await pilot.pause()
        assert room.settings.voting is not None and room.settings.vote_budget == 4
        for phone, target in ((ANNA, third), (ANNA, third), (BOB, third), (BOB, second)):
            room.vote(phone, target, 1).result(WAIT)
        await pilot.pause()
        await pilot.pause()
        assert "2 telefoons hebben gestemd (4 stemmen)" in words(on_screen(voting))
        await pilot.press("enter")  # close: the result in the runner, sorted
        await pilot.pause()
        await pilot.pause()
        assert app.screen is runner and room.settings.voting is None
        assert runner.columns.sort_by_votes
        texts = [t.split("\n")[0] for t in column_texts(runner, Group.TEAM)]
        assert texts == ["derde", "tweede", "eerste"]
        assert "3 stemmen" in column_texts(runner, Group.TEAM)[0]
        assert first is not None


async def _scan_from_phones_shows_how_many_answered_and_the_middle_score(
    make_app, store, clock
) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        runner = await runner_of(pilot)
        room = runner.phones.room
        app.push_screen(ScanScreen(runner.live, "indicatoren"))
        await pilot.pause()
        scan = app.screen
        assert isinstance(scan, ScanScreen)
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        assert room.settings.scan == "indicatoren"
        assert "Telefoons: OPEN" in on_screen(scan)
        room.answer_scan(ANNA, Group.OUDERPANEL, {"I1": 1, "I2": None})
        room.answer_scan(BOB, Group.OUDERPANEL, {"I1": 4})
        room.answer_scan(CEM, Group.OUDERPANEL, {"I1": 3}).result(WAIT)
        room.answer_scan(phone_id("team-1"), Group.TEAM, {"I1": 2}).result(WAIT)
        await pilot.pause()
        await pilot.pause()
        status = words(on_screen(scan.query_one("#scan-phones")))
        assert "ingevuld op telefoons: team 1, ouderpanel 3" in status
        await pilot.press("f")
        await pilot.pause()
        result = words(on_screen(scan.query_one("#result-I1")))
        assert "Ouderpanel" in result and "3 klopt grotendeels" in result  # median of 1, 4, 3
        assert "2 klopt een beetje" in result  # the team's one phone
        assert "1 klopt niet" not in result and "4 klopt helemaal" not in result
        assert "van de telefoons" in words(on_screen(scan.query_one("#scan-phones")))
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        assert room.settings.scan is None


# -- the tests (run each scenario in its own event loop) ---------------------------------------


def test_join_panel_counts_phones_live_hides_and_closing_stops_the_server(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(
        _join_panel_counts_phones_live_hides_and_closing_stops_the_server(make_app, store, clock)
    )


def test_closing_the_session_stops_the_server(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_closing_the_session_stops_the_server(make_app, store, clock))


def test_no_network_says_so_offers_a_wifi_code_and_no_phone_after_a_while(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(
        _no_network_says_so_offers_a_wifi_code_and_no_phone_after_a_while(make_app, store, clock)
    )


def test_moderation_accept_hide_accept_all_and_show_at_once(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_moderation_accept_hide_accept_all_and_show_at_once(make_app, store, clock))


def test_voting_from_phones_opens_with_a_budget_and_closing_sorts_the_runner(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(
        _voting_from_phones_opens_with_a_budget_and_closing_sorts_the_runner(make_app, store, clock)
    )


def test_scan_from_phones_shows_how_many_answered_and_the_middle_score(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(
        _scan_from_phones_shows_how_many_answered_and_the_middle_score(make_app, store, clock)
    )


async def long_queue(pilot: Pilot) -> tuple[PhoneRoom, int]:
    """A queue of remarks from a phone, more than three parts long, and the queue opened
    (Ctrl+N, not waited for); the room and how many remarks wait."""
    runner = await runner_of(pilot)
    room = runner.phones.room
    count = 3 * MODERATION_CHUNK + 5
    for n in range(count):
        room.send_remark(f"opmerking {n}", Group.OUDERPANEL, language="nl", phone=ANNA)
    room.live.writer.submit(lambda: None).result(WAIT)
    await pilot.press("ctrl+n")
    return room, count


async def _a_long_queue_is_added_a_part_at_a_time(make_app, store, clock) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        room, count = await long_queue(pilot)
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, ModerationScreen)
        option_list = queue.query_one(OptionList)
        assert option_list.option_count == count
        option_list.clear_options()
        queue.show()  # one screenful now (the old code added all at once, keys waiting meanwhile)
        assert option_list.option_count == SIZE[1] // 2 < MODERATION_CHUNK
        for _ in range(12):
            await pilot.pause()
        assert option_list.option_count == count
        assert option_list.get_option_at_index(count - 1).id == room.waiting()[-1].id


def test_a_long_queue_is_added_a_part_at_a_time(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_a_long_queue_is_added_a_part_at_a_time(make_app, store, clock))


async def _letting_one_through_keeps_the_place_in_a_long_queue(make_app, store, clock) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        room, count = await long_queue(pilot)
        queue = app.screen
        assert isinstance(queue, ModerationScreen)
        option_list = queue.query_one(OptionList)
        await until(pilot, lambda: option_list.option_count == count)
        option_list.highlighted = 100
        next_one = option_list.get_option_at_index(101).id
        await pilot.press("enter")  # let remark 100 through
        await until(pilot, lambda: option_list.option_count == count - 1)
        await settle(pilot)
        assert option_list.highlighted == 100  # not back near the top
        assert option_list.get_option_at_index(100).id == next_one
        assert [r.id for r in room.waiting()][100] == next_one


def test_letting_one_through_keeps_the_place_in_a_long_queue(make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_letting_one_through_keeps_the_place_in_a_long_queue(make_app, store, clock))


async def _a_long_queue_is_drawn_a_part_per_refresh(make_app, store, clock, drawn) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        _, count = await long_queue(pilot)
        for _ in range(12):
            await pilot.pause()
        assert isinstance(app.screen, ModerationScreen)
        assert drawn and drawn[-1] == count
        # The list measures every new option when it is drawn: the first drawing has only what
        # fills the screen, each next one at most a part more (the old code drew all at once).
        assert drawn[0] <= SIZE[1] // 2
        assert all(b - a <= MODERATION_CHUNK for a, b in pairwise(drawn))


def test_a_long_queue_is_drawn_a_part_per_refresh(make_app, store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawn: list[int] = []
    real = OptionList.render_lines

    def render_lines(self: OptionList, crop):  # type: ignore[no-untyped-def]
        if self.id == "queue-list" and self.option_count and drawn[-1:] != [self.option_count]:
            drawn.append(self.option_count)
        return real(self, crop)

    monkeypatch.setattr(OptionList, "render_lines", render_lines)
    asyncio.run(_a_long_queue_is_drawn_a_part_per_refresh(make_app, store, clock, drawn))


async def _starting_participation_keeps_the_app_out_of_full_collections(
    make_app, store, clock
) -> None:
    app = app_for(make_app, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await runner_of(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, JoinPanelScreen) and panel.phones.server is not None
        # What the app holds is frozen, also what was made after the runner showed the session
        # (the panel): a full collection (35-50 ms with 400 remarks, measured in
        # bench/bench_phones.py) no longer walks it while the phones send. (The count of frozen
        # objects alone can go down: a frozen object that is freed leaves it.)
        assert gc.get_freeze_count() > 1000
        assert not any(o is panel for o in gc.get_objects())


def test_starting_participation_keeps_the_app_out_of_full_collections(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    gc.unfreeze()
    collector.pause(whole_process=True)  # as screens.entry.launch_app does
    try:
        asyncio.run(
            _starting_participation_keeps_the_app_out_of_full_collections(make_app, store, clock)
        )
    finally:
        collector.end_whole_process()


def test_phones_freeze_nothing_in_an_app_not_started_by_the_launcher(
    make_app, store, clock
) -> None:  # type: ignore[no-untyped-def]
    """screens.collector owns freezing: an app that is one of many in a process (tests, a
    benchmark) never freezes, also not when its phones start; frozen objects would stay for
    good, as nobody thaws them."""
    gc.unfreeze()

    async def scenario() -> None:
        app = app_for(make_app, store, clock)
        async with app.run_test(size=SIZE) as pilot:
            await runner_of(pilot)
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert isinstance(app.screen, JoinPanelScreen)
            assert app.screen.phones.server is not None  # the phones are on
            assert gc.get_freeze_count() == 0

    try:
        asyncio.run(scenario())
    finally:
        gc.unfreeze()
