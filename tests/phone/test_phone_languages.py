"""The phone page in the parent's language, over real HTTP: the step's title and questions from the
template's translations (Dutch where a step has none), and catalogues that translate every
message the pages use."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from helpers_paths import REPO
from helpers_phone import Phone

from workshop.app.participation import Room
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.phone.i18n import translations
from workshop.phone.server import PhoneServer
from workshop.resources import content_dir
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, Template, get_template

OTHER_LANGUAGES = ("en", "ar", "tr", "pl", "uk")


def _without_translations(template: Template, phase: int, step: int) -> Template:
    """The template with the translations of one step left out (as in a facilitator's own copy)."""
    phases = list(template.phases)
    steps = list(phases[phase].steps)
    steps[step] = dataclasses.replace(steps[step], translations=())
    phases[phase] = dataclasses.replace(phases[phase], steps=tuple(steps))
    return dataclasses.replace(template, phases=tuple(phases))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PhoneServer]:
    template = _without_translations(get_template(DEFAULT_TEMPLATE_ID), 0, 1)
    live = create_session(
        SessionStore(tmp_path), FakeClock(), title="Ouderavond", template=template
    )
    server = PhoneServer(Room(live))
    server.start()
    yield server
    server.stop()
    live.close()


def test_an_arabic_page_shows_the_step_in_arabic_and_an_untranslated_step_in_dutch(
    server: PhoneServer,
) -> None:
    live = server.room.live
    step = live.template.phases[0].steps[0]
    [arabic] = [t for t in step.translations if t.language == "ar"]
    parent = Phone(server, "ouderpanel", language="ar")
    page = parent.page()
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    assert escape(arabic.title) in page and escape(step.title) not in page
    assert all(escape(q) in page for q in arabic.questions)
    assert not any(escape(q) in page for q in step.questions)
    assert translations("ar").gettext(live.phase.name) in page  # the phase's name too

    live.go_to(0, 1)  # a step whose translations were left out: Dutch, read left to right
    untranslated = live.template.phases[0].steps[1]
    page = parent.page()
    assert 'lang="ar"' in page and escape(untranslated.title) in page
    assert all(f'<li dir="auto">{escape(q)}</li>' in page for q in untranslated.questions)

    live.go_to(0, 0)
    parent.get("/taal/nl")  # the switch: the same step in Dutch
    page = parent.page()
    assert escape(step.title) in page and all(escape(q) in page for q in step.questions)
    assert escape(arabic.questions[0]) not in page


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_language_shows_its_own_questions(server: PhoneServer, language: str) -> None:
    step = server.room.live.template.phases[0].steps[0]
    [translated] = [t for t in step.translations if t.language == language]
    page = Phone(server, "team", language=language).page()
    assert all(escape(q) in page for q in translated.questions)
    assert escape(translated.title) in page


def test_the_votes_left_agree_with_the_number(server: PhoneServer) -> None:
    """'Nog 1 stem', not 'Nog 1 stemmen': the count is a plural form of the catalogue."""
    room = server.room
    for text in ("eerste", "tweede"):
        room.live.add_contribution(text, Group.TEAM)  # before the server's first write
    room.open_voting().result(5)
    dutch, english = Phone(server, "team"), Phone(server, "team", language="en")
    first, second = (c.id for c in room.live.contributions)
    for phone in (dutch, english):
        phone.post("/stem", id=first, delta="1")
        phone.post("/stem", id=second, delta="1")
    assert "Nog 1 stem<" in dutch.page() and "Nog 1 stemmen" not in dutch.page()
    assert "1 vote left" in english.page()
    dutch.post("/stem", id=second, delta="-1")
    assert "Nog 2 stemmen" in dutch.page()


# -- the catalogues -------------------------------------------------------------------------------

# Calls whose argument (by position) is a message of the pages: t("..."), pages.flash(t, "..."),
# _reply(request, "...", 403), raise _Refused("...", 403), plural("...", "...", n) (its msgid).
_MESSAGE_ARGUMENTS = {"t": (0,), "flash": (1,), "_reply": (1,), "_Refused": (0,), "plural": (0,)}


def _messages_in_the_code() -> set[str]:
    """Every literal text the phone pages pass through the catalogue, read from the source."""
    found: set[str] = set()
    for path in (REPO / "workshop" / "phone").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                for position in _MESSAGE_ARGUMENTS.get(name, ()):
                    if position < len(node.args):
                        argument = node.args[position]
                        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                            found.add(argument.value)
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "STATE_WORDS"
                for target in node.targets
            ):
                assert isinstance(node.value, ast.Dict)
                found |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
    return found


def _catalogue(language: str) -> dict[str, object]:
    path = content_dir() / "locale" / language / "LC_MESSAGES" / "phone.po"
    with path.open("rb") as file:
        return {
            (m.id[0] if isinstance(m.id, tuple) else m.id): m.string for m in read_po(file) if m.id
        }


def test_the_catalogues_hold_every_message_of_the_pages_and_nothing_stale() -> None:
    in_code = _messages_in_the_code()
    assert {"Versturen", "Ontvangen", "Dit bericht is te groot.", "Nog {n} stem"} <= in_code
    phase_names = {phase.name for phase in get_template(DEFAULT_TEMPLATE_ID).phases}
    for language in ("nl", *OTHER_LANGUAGES):
        catalogue = _catalogue(language)
        assert in_code - catalogue.keys() == set(), language  # missing from the catalogue
        assert catalogue.keys() - in_code - phase_names == set(), language  # no longer used


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    catalogue = translations(language)
    for message in _messages_in_the_code() - {"Nog {n} stem"}:
        translated = catalogue.gettext(message)
        assert translated != message and translated.strip(), (language, message)
        assert ("{n}" in translated) == ("{n}" in message), (language, message)
    for n in (0, 1, 2, 3, 5, 11, 22, 100):
        text = catalogue.ngettext("Nog {n} stem", "Nog {n} stemmen", n)
        assert "{n}" in text and "Nog" not in text, (language, n)
    for phase in get_template(DEFAULT_TEMPLATE_ID).phases:
        assert catalogue.gettext(phase.name) != phase.name, (language, phase.name)
