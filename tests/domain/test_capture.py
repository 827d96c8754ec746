"""The capture line's prefixes (workshop/capture.py): what they set and what stays text."""

from __future__ import annotations

import pytest

from workshop.capture import GROUP_PREFIXES, KIND_PREFIXES, parse_capture
from workshop.model import Aim, Group, Kind, Participant, PartnershipForm

PEOPLE = [
    Participant(Group.TEAM, "Fatima El Amrani"),
    Participant(Group.TEAM, "Joost de Vries"),
    Participant(Group.TEAM, "Marieke Jansen"),
    Participant(Group.TEAM, "Mark Bakker"),
    Participant(Group.OUDERPANEL, "Sevda"),
    Participant(Group.OUDERPANEL, ""),  # anonymous parent: never matched
]


def test_plain_line_sets_nothing() -> None:
    capture = parse_capture("Ouders willen meer uitleg")
    assert capture.text == "Ouders willen meer uitleg"
    assert (capture.group, capture.kind, capture.form, capture.author) == (None, None, None, None)


@pytest.mark.parametrize(("word", "kind"), sorted(KIND_PREFIXES.items()))
def test_every_kind_prefix(word: str, kind: Kind) -> None:
    capture = parse_capture(f"#{word} De brieven zijn te lang")
    assert capture.kind is kind
    assert capture.text == "De brieven zijn te lang"


@pytest.mark.parametrize(("word", "group"), sorted(GROUP_PREFIXES.items()))
def test_every_group_prefix(word: str, group: Group) -> None:
    capture = parse_capture(f"{word} Meer koffieochtenden")
    assert capture.group is group
    assert capture.text == "Meer koffieochtenden"


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("did", PartnershipForm.DIDACTISCH),
        ("ped", PartnershipForm.PEDAGOGISCH),
        ("inf", PartnershipForm.INFORMEEL),
        ("for", PartnershipForm.FORMEEL),
        ("maa", PartnershipForm.MAATSCHAPPELIJK),
        ("pedagogisch", PartnershipForm.PEDAGOGISCH),
        ("Maatschappelijk", PartnershipForm.MAATSCHAPPELIJK),
    ],
)
def test_every_form_prefix(word: str, form: PartnershipForm) -> None:
    capture = parse_capture(f"+{word} Samen met het consultatiebureau")
    assert capture.form is form
    assert capture.text == "Samen met het consultatiebureau"


def test_prefixes_are_case_insensitive() -> None:
    capture = parse_capture("OUDER: #Wens Vaker een praatje")
    assert capture.group is Group.OUDERPANEL
    assert capture.kind is Kind.WENS
    assert capture.text == "Vaker een praatje"


def test_all_prefixes_together_in_any_order() -> None:
    capture = parse_capture("+ped @sev #wens ouder: Vraag ook hoe het thuis gaat", PEOPLE)
    assert capture == capture.__class__(
        text="Vraag ook hoe het thuis gaat",
        group=Group.OUDERPANEL,
        kind=Kind.WENS,
        form=PartnershipForm.PEDAGOGISCH,
        author="Sevda",
    )


@pytest.mark.parametrize(
    "line",
    [
        "#onbekend De brieven zijn te lang",
        "+xyz De brieven zijn te lang",
        "+di De brieven zijn te lang",  # too short to tell which form
        "+ De brieven zijn te lang",
        "@ De brieven zijn te lang",
        "team; De brieven zijn te lang",
    ],
)
def test_unknown_prefix_stays_in_the_text(line: str) -> None:
    capture = parse_capture(line, PEOPLE)
    assert capture.text == line
    assert (capture.group, capture.kind, capture.form, capture.author) == (None, None, None, None)


def test_unknown_prefix_ends_the_prefixes() -> None:
    capture = parse_capture("#kn #onbekend #wens tekst")
    assert capture.kind is Kind.KNELPUNT
    assert capture.text == "#onbekend #wens tekst"


def test_a_second_prefix_of_the_same_sort_is_text() -> None:
    capture = parse_capture("#kn #ka Te weinig tijd")
    assert capture.kind is Kind.KNELPUNT
    assert capture.text == "#ka Te weinig tijd"


@pytest.mark.parametrize(
    "line",
    [
        "Dit is een #knelpunt voor ons",
        "Mail naar info@school.nl of bel @Sevda",
        "Het kost +5 minuten per gesprek, zegt team: ja",
        "Wat vinden ouder: en kind ervan?",
    ],
)
def test_markers_later_in_the_line_stay_text(line: str) -> None:
    capture = parse_capture(line, PEOPLE)
    assert capture.text == line
    assert (capture.group, capture.kind, capture.form, capture.author) == (None, None, None, None)


@pytest.mark.parametrize(
    ("word", "author"),
    [
        ("Sevda", "Sevda"),
        ("sev", "Sevda"),
        ("Joost", "Joost de Vries"),
        ("jo", "Joost de Vries"),
        ("fatima", "Fatima El Amrani"),
        ("Marie", "Marieke Jansen"),
    ],
)
def test_author_matches_a_participant_by_first_name(word: str, author: str) -> None:
    capture = parse_capture(f"@{word} We hebben meer tijd nodig", PEOPLE)
    assert capture.author == author
    assert capture.text == "We hebben meer tijd nodig"


def test_ambiguous_author_keeps_the_word_as_typed() -> None:
    # "Ma" fits both Marieke and Mark: no guessing.
    capture = parse_capture("@Ma We hebben meer tijd nodig", PEOPLE)
    assert capture.author == "Ma"
    assert capture.text == "We hebben meer tijd nodig"


def test_unknown_author_keeps_the_word_as_typed() -> None:
    capture = parse_capture("@Piet Goed idee", PEOPLE)
    assert capture.author == "Piet"


def test_author_without_participants_keeps_the_word() -> None:
    assert parse_capture("@Sevda Goed idee").author == "Sevda"


def test_only_prefixes_leaves_empty_text() -> None:
    capture = parse_capture("ouder: #wens")
    assert capture.text == ""
    assert capture.group is Group.OUDERPANEL


def test_spaces_around_and_between_are_tidied() -> None:
    capture = parse_capture("   ouder:  Meer uitleg   ")
    assert capture.group is Group.OUDERPANEL
    assert capture.text == "Meer uitleg"


def test_markup_and_unicode_pass_through_untouched() -> None:
    line = "#idee [b]vet[/b] مرحبا 👋🏽 e\u0301"
    capture = parse_capture(line)
    assert capture.kind is Kind.IDEE
    assert capture.text == "[b]vet[/b] مرحبا 👋🏽 e\u0301"


@pytest.mark.parametrize(
    ("line", "aim"),
    [
        ("=ped Thuis en op de groep hetzelfde", Aim.PEDAGOGISCH),
        ("=toe Cursus voor ouders", Aim.TOERUSTING),
        ("=org Ouders helpen bij het feest", Aim.ORGANISATORISCH),
        ("=democratisch Ouders denken mee", Aim.DEMOCRATISCH),
    ],
)
def test_aim_prefix(line: str, aim: Aim) -> None:
    parsed = parse_capture(line)
    assert parsed.aim is aim
    assert not parsed.text.startswith("=")


def test_short_or_unknown_aim_stays_text() -> None:
    assert parse_capture("=pe te kort").aim is None
    assert parse_capture("=pe te kort").text == "=pe te kort"
    assert parse_capture("= 3 is een som").text == "= 3 is een som"
