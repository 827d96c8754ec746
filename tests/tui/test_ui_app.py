"""App-wide behaviour: themes, the too-small notice, help, the command palette, bindings."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil

import pytest
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets import DataTable, Static

import screens
from screens.app import MIN_HEIGHT, MIN_WIDTH, WorkshopApp
from screens.help import HelpScreen, key_name
from screens.home import HomeScreen
from screens.new_session import NewSessionScreen
from screens.themes import DEFAULT_THEME, PROJECTOR_DARK, PROJECTOR_LIGHT
from screens.too_small import TooSmallScreen
from screens.widgets import CaptureBar
from workshop.demo import create_demo_session

SIZE = (120, 36)


def test_projector_themes_are_registered_and_light_is_the_default(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            assert DEFAULT_THEME == PROJECTOR_LIGHT
            assert app.theme == PROJECTOR_LIGHT
            assert {PROJECTOR_LIGHT, PROJECTOR_DARK} <= set(app.available_themes)
            assert app.current_theme.dark is False

    asyncio.run(scenario())


def test_another_theme_can_be_chosen_in_the_palette(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"thema")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)  # now the list of themes
            await pilot.press(*"donker")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.theme == PROJECTOR_DARK
            assert app.current_theme.dark is True

    asyncio.run(scenario())


def test_too_small_says_how_big_and_goes_away_when_big_enough(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            await pilot.resize_terminal(90, 25)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            message = str(app.screen.query_one("#too-small-message", Static).render())
            assert f"{MIN_WIDTH} tekens breed" in message
            assert f"{MIN_HEIGHT} regels hoog" in message
            assert "Nu: 90 breed en 25 hoog" in message

            await pilot.resize_terminal(100, 29)  # wide enough, not yet high enough
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            assert "Nu: 100 breed en 29 hoog" in str(
                app.screen.query_one("#too-small-message", Static).render()
            )

            await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

    asyncio.run(scenario())


def test_two_quick_resizes_before_the_notice_is_drawn_show_the_last_size(make_app) -> None:
    """A second resize could reach the notice before it had composed its text; the app crashed."""

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            await pilot.pause()  # the start's own resize is handled first
            app.check_size(90, 25)
            app.check_size(95, 26)  # the notice is pushed but not mounted yet
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            message = str(app.screen.query_one("#too-small-message", Static).render())
            assert "Nu: 95 breed en 26 hoog" in message

    asyncio.run(scenario())


def test_starting_too_small_shows_the_notice_on_top(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=(90, 25)) as pilot:
            app = pilot.app
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(*SIZE)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)

    asyncio.run(scenario())


def help_rows(app: App) -> list[tuple[str, str]]:
    table = app.screen.query_one("#help-keys", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def test_f1_lists_the_keys_of_the_current_screen(make_app, store, clock) -> None:
    create_demo_session(store, clock).close()

    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            rows = help_rows(app)
            explained = {text for _, text in rows}
            for binding in HomeScreen.BINDINGS:
                assert isinstance(binding, Binding)
                assert binding.tooltip in explained
            assert ("n", HomeScreen.BINDINGS[1].tooltip) in rows
            assert ("Enter", HomeScreen.BINDINGS[0].tooltip) in rows
            assert ("Delete of v", HomeScreen.BINDINGS[3].tooltip) in rows  # one row, both keys
            assert "Focus Next" not in explained  # Textual's own keys stay out
            tips = str(app.screen.query_one("#help-capture", Static).render())
            assert "waar je was gebleven" in tips
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)

            await pilot.press("n", "f1")
            rows = help_rows(app)
            assert any(text.startswith("Bewaar de nieuwe sessie") for _, text in rows)
            assert not any(text.startswith("Maak een nieuwe sessie") for _, text in rows)
            await pilot.press("escape")
            assert isinstance(app.screen, NewSessionScreen)

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("ctrl+s", "Ctrl+S"),
        ("enter", "Enter"),
        ("escape", "Esc"),
        ("f1", "F1"),
        ("n", "n"),
        ("plus", "+"),
        ("question_mark", "?"),
        ("shift+tab", "Shift+Tab"),
    ],
)
def test_help_names_keys_as_printed_on_the_keyboard(key: str, name: str) -> None:
    assert key_name(key) == name


def test_palette_lists_this_screens_actions_in_dutch(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            titles = [command.title for command in app.get_system_commands(app.screen)]
            assert "Nieuwe sessie (n)" in titles
            assert "Voorbeeld (d)" in titles
            assert "Thema kiezen" in titles
            assert not {"Quit", "Keys", "Screenshot", "Theme"} & set(titles)

            await pilot.press("n")
            titles = [command.title for command in app.get_system_commands(app.screen)]
            assert "Sessie maken (^s)" in titles
            assert "Nieuwe sessie (n)" not in titles

            # And through the palette itself: choose an action by typing part of its name.
            await pilot.press("escape", "ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"nieuwe")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, NewSessionScreen)

    asyncio.run(scenario())


def test_palette_holds_only_dutch_commands(make_app) -> None:
    async def scenario() -> None:
        async with make_app().run_test(size=SIZE) as pilot:
            app = pilot.app
            ours = {
                f"{b.description} ({app.get_key_display(b)})"
                for cls in (HomeScreen, NewSessionScreen, WorkshopApp)
                for b in cls.BINDINGS
                if isinstance(b, Binding)
            } | {"Thema kiezen", "Stoppen"}
            for screen_key in ("", "n"):
                if screen_key:
                    await pilot.press(screen_key)
                titles = {command.title for command in app.get_system_commands(app.screen)}
                assert titles <= ours, sorted(titles - ours)

    asyncio.run(scenario())


# -- every binding has an id and a tooltip ------------------------------------------------------

def screen_modules() -> list[str]:
    """Every module of the UI package, widgets included."""
    return sorted(m.name for m in pkgutil.walk_packages(screens.__path__, "screens."))


def bound_classes(module_name: str) -> list[type]:
    """The classes a module defines that can have key bindings: apps, screens and widgets."""
    module = importlib.import_module(module_name)
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module_name and issubclass(cls, DOMNode)
    ]


@pytest.mark.parametrize("module_name", screen_modules())
def test_every_binding_has_an_id_and_a_tooltip(module_name: str) -> None:
    problems: list[str] = []
    for cls in bound_classes(module_name):
        ids: list[str] = []
        for binding in cls.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding):
                problems.append(f"{cls.__name__}: {binding!r} is not a Binding")
                continue
            if not binding.id:
                problems.append(f"{cls.__name__}: '{binding.key}' has no id")
            if not binding.tooltip:
                problems.append(f"{cls.__name__}: '{binding.key}' has no tooltip")
            ids.append(binding.id or "")
        duplicates = {i for i in ids if i and ids.count(i) > 1}
        if duplicates:
            problems.append(f"{cls.__name__}: ids used twice: {sorted(duplicates)}")
    assert problems == []


def test_the_binding_check_sees_our_screens() -> None:
    # Guards the test above against silently checking nothing.
    modules = screen_modules()
    assert {"screens.runner", "screens.widgets.capture_bar", "screens.agreements"} <= set(modules)
    assert HomeScreen in bound_classes("screens.home")
    assert NewSessionScreen in bound_classes("screens.new_session")
    assert WorkshopApp in bound_classes("screens.app")
    assert CaptureBar in bound_classes("screens.widgets.capture_bar")
