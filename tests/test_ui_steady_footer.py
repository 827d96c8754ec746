"""The home screen's footer is rebuilt less when it opens, and still follows later changes."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets._footer import FooterKey

from screens.steady_footer import SteadyFooter
from workshop.session import create_session
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

SIZE = (120, 36)


def footer_keys(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [key.description for key in screen.query(FooterKey)]


def test_footer_is_rebuilt_less_on_opening_and_follows_the_list(
    make_app, store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = create_session(store, clock, title="Avond", template=get_template(DEFAULT_TEMPLATE_ID))
    live.close()
    rebuilds: list[int] = []
    rebuild = SteadyFooter.recompose

    async def counted(self: SteadyFooter) -> None:
        rebuilds.append(1)
        await rebuild(self)

    monkeypatch.setattr(SteadyFooter, "recompose", counted)

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.pause()
            home = pilot.app.screen
            # Focus, resume and the list each change the bindings. Textual's Footer is rebuilt
            # four times here; this one at most once before the list is read and once after.
            assert len(rebuilds) <= 2
            assert "Verder" in footer_keys(home) and "Verwijderen" in footer_keys(home)
            store.delete(live.session.id)
            home.refresh_sessions()
            await pilot.pause()
            await pilot.pause()
            # No session left: the keys that need one are gone from the footer.
            assert "Verder" not in footer_keys(home) and "Nieuwe sessie" in footer_keys(home)

    asyncio.run(scenario())
