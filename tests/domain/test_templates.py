"""The built-in workshop templates and the strict template loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_templates import VALID, changed

from workshop.errors import TemplateError
from workshop.template import (
    DEFAULT_TEMPLATE_ID,
    HINT_KINDS,
    STEP_KINDS,
    Template,
    builtin_templates,
    get_template,
    load_template,
)

PHASE_NAMES = {
    1: "Behoefte en kansen vaststellen",
    2: "Visie ontwikkelen",
    3: "Plan opstellen",
    4: "Plan uitwerken",
    5: "Plan uitvoeren",
    6: "Evaluatie",
}
# Open questions start with a question word (the first word of the question, lower case).
QUESTION_WORDS = {"wat", "hoe", "waarom", "wie", "welke", "welk", "wanneer", "waar", "hoeveel"}
QUESTION_WORDS |= {"waarin", "waaraan", "waarover", "waarmee"}


# ---------------------------------------------------------------- the built-in content


def test_default_template_is_the_six_phase_step_plan():
    template = get_template(DEFAULT_TEMPLATE_ID)
    assert template.id == "stappenplan"
    assert [p.number for p in template.phases] == [1, 2, 3, 4, 5, 6]
    assert {p.number: p.name for p in template.phases} == PHASE_NAMES
    assert 100 <= template.minutes <= 130
    for phase in template.phases:
        assert phase.minutes > 0
        assert phase.opbrengst.strip()
        assert len(phase.steps) == 3
        for step in phase.steps:
            assert step.kind == "gesprek"
            assert 3 <= len(step.questions) <= 6
        for kind in HINT_KINDS:
            assert 2 <= len(getattr(phase.hints, kind)) <= 4, (phase.number, kind)


def test_short_template_is_a_90_minute_team_meeting_on_phases_1_3_4():
    template = get_template("partnerschapsteam-90")
    assert [p.number for p in template.phases] == [1, 3, 4]
    assert {p.number: p.name for p in template.phases} == {n: PHASE_NAMES[n] for n in (1, 3, 4)}
    assert template.minutes == 90
    default = {p.number: p for p in get_template(DEFAULT_TEMPLATE_ID).phases}
    for phase in template.phases:
        assert len(phase.steps) == 3
        for step, long_step in zip(phase.steps, default[phase.number].steps, strict=True):
            assert 1 <= len(step.questions) < len(long_step.questions)
        for kind in HINT_KINDS:
            assert getattr(phase.hints, kind), (phase.number, kind)


PHONE_LANGUAGES = ("en", "ar", "tr", "pl", "uk")


def test_every_step_of_the_default_template_is_translated_question_for_question():
    """The parents' phones show the step in their language: every step of the step plan has a
    translation in each of the five languages, with as many questions as the Dutch step (so the
    facilitator's question 3 is the parent's question 3)."""
    template = get_template(DEFAULT_TEMPLATE_ID)
    for phase in template.phases:
        for step in phase.steps:
            where = f"fase {phase.number}, {step.title}"
            languages = [t.language for t in step.translations]
            assert sorted(languages) == sorted(PHONE_LANGUAGES), where
            for translation in step.translations:
                assert translation.title.strip(), (where, translation.language)
                assert len(translation.questions) == len(step.questions), (
                    where,
                    translation.language,
                )
                for question in translation.questions:
                    assert question.strip() and question != step.questions[0], where
                    assert question.rstrip().endswith(("?", "؟")), (where, question)
                assert translation.questions != step.questions, where


def test_a_wrong_translation_is_named_as_a_translation(tmp_path: Path):
    path = tmp_path / "vertaald.toml"
    path.write_text(
        changed(
            '[[phases.steps]]\ntitle = "Ouders en de groep"',
            '[[phases.steps.translations]]\nlanguage = "EN"\n\n'
            '[[phases.steps]]\ntitle = "Ouders en de groep"',
        ),
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert caught.value.field == "phases[1].steps[1].translations"
    assert caught.value.reason.startswith("vertaling 1: een taalcode")


def test_builtin_templates_finds_both():
    ids = {t.id for t in builtin_templates()}
    assert {"stappenplan", "partnerschapsteam-90"} <= ids


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.id)
def test_builtin_texts_are_short_sentences_and_open_questions(template: Template):
    assert template.name.strip() and template.description.strip()
    for phase in template.phases:
        for step in phase.steps:
            assert step.kind in STEP_KINDS
            assert step.title.strip()
            for question in step.questions:
                assert question.endswith("?"), question
                assert question.split()[0].lower() in QUESTION_WORDS, question
        for kind in HINT_KINDS:
            for hint in getattr(phase.hints, kind):
                assert hint.strip() and len(hint) <= 100, hint


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.id)
def test_to_dict_from_dict_round_trip(template: Template):
    data = template.to_dict()
    assert Template.from_dict(data) == template
    assert Template.from_dict(data).to_dict() == data


def test_get_template_by_path_and_unknown_name(tmp_path: Path):
    path = tmp_path / "eigen.toml"
    path.write_text(VALID, encoding="utf-8")
    assert get_template(path).id == "eigen"
    assert get_template(str(path)).name == "Proef"
    with pytest.raises(TemplateError) as caught:
        get_template("bestaat-niet")
    assert caught.value.field == "id"


# ---------------------------------------------------------------- the loader's checks

# VALID up to (not including) the steps of the second phase, for the "no steps" cases.
BEFORE_STEPS_OF_PHASE_2 = VALID[: VALID.index('[[phases.steps]]\ntitle = "Doelen')]


# (id, text, expected line, expected field)
BAD_TEMPLATES = [
    # TOML syntax errors: the line comes from tomllib, the field from the line locator
    ("syntax-value", changed("minutes = 30", "minutes = 30 minuten"), 28, "phases[2].minutes"),
    (
        "syntax-string",
        changed('title = "Ouders en de groep"', 'title = "Ouders en de groep'),
        19,
        "phases[1].steps[2].title",
    ),
    ("syntax-header", changed("[phases.hints]", "[phases.hints"), 10, "phases[1]"),
    # missing required fields: the key line is absent, so the table header (or None) is named
    ("missing-name", changed('name = "Proef"\n', ""), None, "name"),
    ("missing-phases", 'name = "Leeg"\n', None, "phases"),
    ("missing-minutes", changed("minutes = 30\n", ""), 25, "phases[2].minutes"),
    ("missing-number", changed("number = 1\n", ""), 4, "phases[1].number"),
    ("missing-title", changed('title = "Doelen kiezen"\n', ""), 31, "phases[2].steps[1].title"),
    (
        "missing-questions",
        changed('questions = ["Wat willen we bereiken?"]\n', ""),
        31,
        "phases[2].steps[1].questions",
    ),
    ("missing-steps", BEFORE_STEPS_OF_PHASE_2, 25, "phases[2].steps"),
    # wrong types
    ("name-not-text", changed('name = "Proef"', "name = 12"), 1, "name"),
    ("phase-name-empty", changed('name = "Plan opstellen"', 'name = " "'), 27, "phases[2].name"),
    ("minutes-zero", changed("minutes = 30", "minutes = 0"), 28, "phases[2].minutes"),
    ("minutes-negative", changed("minutes = 20", "minutes = -5"), 7, "phases[1].minutes"),
    ("minutes-fraction", changed("minutes = 20", "minutes = 20.5"), 7, "phases[1].minutes"),
    ("minutes-text", changed("minutes = 20", 'minutes = "20"'), 7, "phases[1].minutes"),
    ("minutes-bool", changed("minutes = 20", "minutes = true"), 7, "phases[1].minutes"),
    # issue 8: the same ranges and characters as an imported session's template
    ("minutes-too-many", changed("minutes = 20", "minutes = 601"), 7, "phases[1].minutes"),
    ("minutes-huge", changed("minutes = 20", "minutes = 1" + "0" * 400), 7, "phases[1].minutes"),
    ("name-escape", changed('name = "Proef"', 'name = "Proef\\u001b[2J"'), 1, "name"),
    (
        "question-bidi",
        changed('"Hoe gaat het brengen?"]', '"Hoe gaat \\u202ehet brengen?"]'),
        16,
        "phases[1].steps[1].questions",
    ),
    ("name-too-long", changed('name = "Proef"', f'name = "{"x" * 10_001}"'), 1, "name"),
    (
        "title-not-text",
        changed('title = "Doelen kiezen"', "title = 5"),
        32,
        "phases[2].steps[1].title",
    ),
    (
        "questions-not-list",
        changed('questions = ["Wat willen we bereiken?"]', 'questions = "Wat willen we bereiken?"'),
        33,
        "phases[2].steps[1].questions",
    ),
    (
        "questions-empty-text",
        changed('"Wie komt er in de groep?"', '""'),
        20,
        "phases[1].steps[2].questions",
    ),
    (
        "questions-number-in-list",
        changed('"Hoe gaat het brengen?"]', "5]"),
        16,
        "phases[1].steps[1].questions",
    ),
    (
        "hint-not-list",
        changed('vuistregels = ["Luister eerst."]', 'vuistregels = "Luister eerst."'),
        11,
        "phases[1].hints.vuistregels",
    ),
    (
        "hints-not-table",
        changed(
            '[phases.hints]\nvuistregels = ["Luister eerst."]\nvalkuilen = ["Te snel oplossen."]\n',
            'hints = "Luister eerst."\n',
        ),
        10,
        "phases[1].hints",
    ),
    # empty lists
    ("phases-empty", 'name = "Leeg"\nphases = []\n', 2, "phases"),
    ("steps-empty", BEFORE_STEPS_OF_PHASE_2 + "steps = []\n", 31, "phases[2].steps"),
    (
        "questions-empty",
        changed('questions = ["Wat willen we bereiken?"]', "questions = []"),
        33,
        "phases[2].steps[1].questions",
    ),
    # phase numbers
    ("number-seven", changed("number = 3", "number = 7"), 26, "phases[2].number"),
    ("number-zero", changed("number = 1", "number = 0"), 5, "phases[1].number"),
    ("number-text", changed("number = 3", 'number = "3"'), 26, "phases[2].number"),
    ("number-repeated", changed("number = 3", "number = 1"), 26, "phases[2].number"),
    # unknown names: typos are never silently ignored
    ("unknown-hint-kind", changed("valkuilen =", "tips ="), 12, "phases[1].hints.tips"),
    ("unknown-top-key", changed("description =", "descripton ="), 2, "descripton"),
    ("unknown-top-table", VALID + "\n[extra]\nx = 1\n", 36, "extra"),
    (
        "unknown-phase-key",
        changed('opbrengst = "Een plan', 'opbrenst = "Een plan'),
        29,
        "phases[2].opbrenst",
    ),
    ("unknown-phase-table", changed("[phases.hints]", "[phases.hint]"), 10, "phases[1].hint"),
    (
        "unknown-step-key",
        changed('kind = "gesprek"', 'soort = "gesprek"'),
        34,
        "phases[2].steps[1].soort",
    ),
    # a step's translations: a syntax error in or after one still names the right phase and step
    (
        "translation-syntax",
        changed(
            '[[phases.steps]]\ntitle = "Ouders en de groep"',
            '[[phases.steps.translations]]\nlanguage = "en"\ntitle = "Parents\n\n'
            '[[phases.steps]]\ntitle = "Ouders en de groep"',
        ),
        20,
        "phases[1].steps[1].translations.title",
    ),
    (
        "syntax-after-translation",
        changed(
            '[[phases.steps]]\ntitle = "Ouders en de groep"',
            '[[phases.steps.translations]]\nlanguage = "en"\ntitle = "Parents"\n\n'
            '[[phases.steps]]\ntitle = "Ouders en de groep',
        ),
        23,
        "phases[1].steps[2].title",
    ),
    (
        "unknown-step-kind",
        changed('kind = "gesprek"', 'kind = "quiz"'),
        34,
        "phases[2].steps[1].kind",
    ),
]


def test_the_valid_example_loads(tmp_path: Path):
    path = tmp_path / "proef.toml"
    path.write_text(VALID, encoding="utf-8")
    template = load_template(path)
    assert [p.number for p in template.phases] == [1, 3]
    assert template.phases[0].hints.vaardigheden == ()
    assert template.phases[1].steps[0].kind == "gesprek"


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [case[1:] for case in BAD_TEMPLATES],
    ids=[case[0] for case in BAD_TEMPLATES],
)
def test_malformed_template_names_file_line_and_field(tmp_path: Path, text, line, field):
    path = tmp_path / "kapot.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    error = caught.value
    assert error.path == path
    assert (error.line, error.field) == (line, field)
    assert error.reason.strip()
    message = str(error)
    assert str(path) in message
    assert f"'{field}'" in message
    if line is not None:
        assert f"regel {line}," in message


def test_a_typo_gets_a_suggestion(tmp_path: Path):
    path = tmp_path / "typo.toml"
    path.write_text(changed("questions = [\n", "qestions = [\n"), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert (caught.value.line, caught.value.field) == (20, "phases[1].steps[2].qestions")
    assert "Bedoel je 'questions'?" in caught.value.reason


@pytest.mark.parametrize("kind", [k for k in STEP_KINDS if k != "gesprek"])
def test_other_step_kinds_may_do_without_questions(tmp_path: Path, kind: str):
    path = tmp_path / "soort.toml"
    text = changed('questions = ["Wat willen we bereiken?"]\nkind = "gesprek"', f'kind = "{kind}"')
    path.write_text(text, encoding="utf-8")
    step = load_template(path).phases[1].steps[0]
    assert (step.kind, step.questions) == (kind, ())


def test_a_missing_file_is_a_template_error(tmp_path: Path):
    with pytest.raises(TemplateError) as caught:
        load_template(tmp_path / "weg.toml")
    assert caught.value.line is None
    assert "bestaat niet" in caught.value.reason
