"""The JSON interchange format: round trips, the schema, the first bad field, and import."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers_export import demo_stored, hostile_session, stored_sessions
from helpers_paths import REPO
from helpers_trajectory import three_sessions
from hypothesis import HealthCheck, given, settings

from workshop import interchange
from workshop import schema as session_schema
from workshop.cli import main
from workshop.clock import FakeClock
from workshop.errors import ValidationError
from workshop.interchange import (
    COPY_SUFFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    ImportedSession,
    ImportFileError,
    dump_session,
    dumps_session,
    import_file,
    parse_session,
)
from workshop.resources import content_dir
from workshop.store import SessionStore, StoredSession

Document = dict[str, Any]


@pytest.fixture(scope="module")
def schema() -> jsonschema.Draft202012Validator:
    loaded = json.loads((content_dir() / "session.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> StoredSession:
    return demo_stored(tmp_path_factory.mktemp("demo"))


def through_json(document: Document) -> Any:
    return json.loads(json.dumps(document, ensure_ascii=False))


# ---------------------------------------------------------------- round trips and the schema


def test_document_says_what_it_is(demo: StoredSession) -> None:
    document = dump_session(demo)
    assert document["format"] == FORMAT_NAME == "workshop-sessie"
    assert document["version"] == FORMAT_VERSION == 1
    assert list(document) == [
        "format",
        "version",
        "session",
        "contributions",
        "goals",
        "agreements",
        "scan_scores",
        "phone_remarks",
        "phone_votes",
        "scan_answers",
    ]
    assert document["session"]["template"]["phases"][0]["steps"][0]["questions"]


def test_demo_round_trip_gives_an_equal_session(
    demo: StoredSession, schema: jsonschema.Draft202012Validator
) -> None:
    document = through_json(dump_session(demo))
    schema.validate(document)
    assert parse_session(document) == demo


def test_hostile_round_trip_gives_an_equal_session(
    schema: jsonschema.Draft202012Validator,
) -> None:
    stored = hostile_session()
    document = json.loads(dumps_session(stored))
    schema.validate(document)
    assert parse_session(document) == stored


def test_parsed_session_shares_nothing_with_the_document(demo: StoredSession) -> None:
    document = through_json(dump_session(demo))
    parsed = parse_session(document)
    document["session"]["template"]["phases"][0]["name"] = "veranderd"
    assert parsed.session.template == demo.session.template


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=stored_sessions())
def test_any_session_round_trips_and_fits_the_schema(
    stored: StoredSession, schema: jsonschema.Draft202012Validator
) -> None:
    document = through_json(dump_session(stored, notes=True))
    schema.validate(document)
    assert parse_session(document) == stored


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=stored_sessions())
def test_any_imported_session_is_stored_and_loads_back_equal(stored: StoredSession) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_document(Path(folder) / "sessie.json", dump_session(stored, notes=True))
        store = SessionStore(Path(folder) / "data")
        imported = import_file(store, path, FakeClock())
        assert not imported.is_copy
        assert store.load(stored.session.id) == stored


# ---------------------------------------------------------------- bad documents

Change = Callable[[Document], None]


def setter(path: str, value: Any) -> Change:
    """A change that sets the value at ``path`` ('session.participants[0].group')."""

    def change(document: Document) -> None:
        *parents, last = _steps(path)
        target: Any = document
        for step in parents:
            target = target[step]
        target[last] = value

    return change


def remover(path: str) -> Change:
    def change(document: Document) -> None:
        *parents, last = _steps(path)
        target: Any = document
        for step in parents:
            target = target[step]
        del target[last]

    return change


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        name, *indexes = part.replace("]", "").split("[")
        steps.append(name)
        steps.extend(int(i) for i in indexes)
    return steps


SCORE = {"scan": "indicatoren", "code": "I1", "group": "team", "score": 3}

# Refused by the schema and by parse_session; the field is what parse_session names.
REFUSED_BY_BOTH: list[tuple[str, Change]] = [
    ("format", setter("format", "andere-app")),
    ("version", setter("version", 2)),
    ("version", setter("version", "1")),
    ("agreements", remover("agreements")),
    ("extra", setter("extra", True)),
    ("session.id", setter("session.id", "../x")),
    ("session.id", setter("session.id", "AB")),
    # Python's '$' also matches before a final line break: such an id would become a folder name
    ("session.id", setter("session.id", "abc-def\n")),
    ("agreements[0].carried_from", setter("agreements[0].carried_from", "abc-def\n")),
    ("session.title", setter("session.title", "")),
    ("session.title", setter("session.title", "   ")),
    ("session.title", setter("session.title", "twee\nregels")),
    ("session.title", setter("session.title", "x" * 121)),
    ("session.title", setter("session.title", "\x1b[31mrood")),
    # issue 8: invisible characters that let one title pass for another
    ("session.title", setter("session.title", "Ouderavond \u202e5202-30-01")),
    ("session.title", setter("session.title", "Ouder\u2066avond\u2069")),
    ("session.participants[0].name", setter("session.participants[0].name", "Sev\u200bda")),
    ("agreements[0].owner", setter("agreements[0].owner", "\ufeffSevda")),
    ("session.template.name", setter("session.template.name", "Stappenplan\u202d")),
    # issue 8: numbers and dates out of range
    ("session.template.phases[0].minutes", setter("session.template.phases[0].minutes", 601)),
    ("session.timers[0].planned", setter("session.timers[0].planned", 1.7e308)),
    ("session.timers[0].remaining", setter("session.timers[0].remaining", -1e9)),
    ("contributions[0].votes", setter("contributions[0].votes", 10**400)),
    ("agreements[1].due", setter("agreements[1].due", "9999-12-31")),
    ("session.date", setter("session.date", "1899-12-31")),
    ("goals[0].by", setter("goals[0].by", "2201-01-01")),
    ("contributions[0].created", setter("contributions[0].created", "9999-12-31T23:59:59+00:00")),
    ("session.date", setter("session.date", "10-03-2026")),
    ("session.facilitator", setter("session.facilitator", None)),
    ("session.participants[0].group", setter("session.participants[0].group", "ouders")),
    ("session.participants[0].name", setter("session.participants[0].name", "n" * 81)),
    ("session.bell", setter("session.bell", "ja")),
    ("session.created", setter("session.created", "2026-03-10T09:00:00")),
    ("session.timers[0].planned", setter("session.timers[0].planned", -1)),
    ("session.timers[0].remaining", setter("session.timers[0].remaining", "10")),
    ("session.timing_log[0].started", setter("session.timing_log[0].started", "gisteren")),
    ("session.position", remover("session.position")),
    ("session.template.phases[0].number", setter("session.template.phases[0].number", 7)),
    ("session.template.phases[0].minutes", setter("session.template.phases[0].minutes", 0)),
    ("session.template.phases[0].hints.tips", setter("session.template.phases[0].hints.tips", [])),
    (
        "session.template.phases[0].steps[0].kind",
        setter("session.template.phases[0].steps[0].kind", "praten"),
    ),
    (
        "session.template.phases[1].steps[2].questions[0]",
        setter("session.template.phases[1].steps[2].questions[0]", " "),
    ),
    ("session.template.phases", setter("session.template.phases", [])),
    ("contributions", setter("contributions", {})),
    ("contributions[3].group", setter("contributions[3].group", "ouders")),
    ("contributions[0].id", setter("contributions[0].id", "")),
    ("contributions[0].text", setter("contributions[0].text", 42)),
    ("contributions[0].kind", remover("contributions[0].kind")),
    ("contributions[0].votes", setter("contributions[0].votes", -1)),
    ("contributions[0].votes", setter("contributions[0].votes", True)),
    ("contributions[0].votes", setter("contributions[0].votes", 1.5)),
    ("contributions[0].phase", setter("contributions[0].phase", -1)),
    ("contributions[0].created", setter("contributions[0].created", "2026-03-10 09:00")),
    ("contributions[0].edited", setter("contributions[0].edited", "")),
    ("contributions[0].form", setter("contributions[0].form", "sportief")),
    ("contributions[0].author", setter("contributions[0].author", "a\tb")),
    ("agreements[0].owner", setter("agreements[0].owner", "")),
    ("agreements[0].due", setter("agreements[0].due", "morgen")),
    ("agreements[0].status", setter("agreements[0].status", "af")),
    ("agreements[0].source", setter("agreements[0].source", 3)),
    ("agreements[0].with_whom", setter("agreements[0].with_whom", "w" * 201)),
    ("agreements[1]", setter("agreements[1]", "een afspraak")),
    ("session.series", setter("session.series", "twee\nregels")),
    ("contributions[0].aim", setter("contributions[0].aim", "sportief")),
    ("goals", setter("goals", {})),
    ("goals[0].criterion", setter("goals[0].criterion", " ")),
    ("goals[0].target_percent", setter("goals[0].target_percent", 101)),
    ("goals[0].by", setter("goals[0].by", "1 oktober")),
    ("goals[0].judgement", setter("goals[0].judgement", "misschien")),
    ("goals[0].origin", setter("goals[0].origin", "../x")),
    ("goals[0].extra", setter("goals[0].extra", 1)),
    ("agreements[0].note", setter("agreements[0].note", "n" * 201)),
    ("agreements[0].carried_from", setter("agreements[0].carried_from", "AB")),
    ("agreements[0].status_before", setter("agreements[0].status_before", "af")),
    ("agreements[0].reviewed", setter("agreements[0].reviewed", "ja")),
    ("scan_scores[0].scan", setter("scan_scores", [dict(SCORE, scan="andere-scan")])),
    ("scan_scores[0].score", setter("scan_scores", [dict(SCORE, score=5)])),
    ("scan_scores[0].score", setter("scan_scores", [dict(SCORE, score=True)])),
    ("scan_scores[0].group", setter("scan_scores", [dict(SCORE, group="ouders")])),
    (
        "scan_scores[0].score",
        setter("scan_scores", [{k: v for k, v in SCORE.items() if k != "score"}]),
    ),
]

# Refused by parse_session; the schema cannot say these (references, positions, uniqueness).
REFUSED_BY_PARSER_ONLY: list[tuple[str, Change]] = [
    ("agreements[0].source", setter("agreements[0].source", "bestaat-niet")),
    ("agreements[0].phase", setter("agreements[0].phase", 6)),
    ("contributions[0].phase", setter("contributions[0].phase", 6)),
    ("contributions[0].step", setter("contributions[0].step", 3)),
    ("session.position.step", setter("session.position.step", 9)),
    ("session.timers", remover("session.timers[5]")),
    ("contributions[1].id", lambda d: d["contributions"][1].update(id=d["contributions"][0]["id"])),
    (
        "session.timing_log[0].stopped",
        setter("session.timing_log[0].stopped", "2000-01-01T00:00:00+00:00"),
    ),
    ("session.timers[0].remaining", setter("session.timers[0].remaining", float("nan"))),
    ("session.title", setter("session.title", "los \ud800 teken")),
    ("session.date", setter("session.date", "2026-02-30")),
    ("session.template.phases[1].number", setter("session.template.phases[1].number", 1)),
    ("agreements[0].goal", setter("agreements[0].goal", "geen-doel")),
    ("scan_scores[0].code", setter("scan_scores", [dict(SCORE, code="C1")])),
    ("scan_scores[1]", setter("scan_scores", [SCORE, dict(SCORE, score=1)])),
    ("goals[1].id", lambda d: d["goals"].append(dict(d["goals"][0]))),
]


def bad_copy(demo: StoredSession, change: Change) -> Any:
    document = through_json(dump_session(demo))
    change(document)
    return document


@pytest.mark.parametrize(("field", "change"), REFUSED_BY_BOTH, ids=[f for f, _ in REFUSED_BY_BOTH])
def test_bad_document_is_refused_by_schema_and_parser(
    demo: StoredSession, schema: jsonschema.Draft202012Validator, field: str, change: Change
) -> None:
    document = bad_copy(demo, change)
    assert not schema.is_valid(document)
    with pytest.raises(ValidationError) as caught:
        parse_session(document)
    assert caught.value.field == field
    assert f"'{field}'" in str(caught.value)
    assert str(caught.value).startswith("Het bestand klopt niet bij")


@pytest.mark.parametrize(
    ("field", "change"), REFUSED_BY_PARSER_ONLY, ids=[f for f, _ in REFUSED_BY_PARSER_ONLY]
)
def test_what_the_schema_cannot_say_is_refused_by_the_parser(
    demo: StoredSession, field: str, change: Change
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_session(bad_copy(demo, change))
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("field", "change"),
    REFUSED_BY_BOTH + REFUSED_BY_PARSER_ONLY,
    ids=[f for f, _ in REFUSED_BY_BOTH + REFUSED_BY_PARSER_ONLY],
)
def test_every_refusal_says_what_the_field_may_hold(
    demo: StoredSession, field: str, change: Change
) -> None:
    """The reason comes from what the field's type allows, never a general 'does not fit'."""
    with pytest.raises(ValidationError) as caught:
        parse_session(bad_copy(demo, change))
    message = str(caught.value)
    assert message.count("\n") == 0 and len(message) < 400
    assert "klopt niet." not in message.split(": ", 1)[1], message


def test_not_an_object_is_refused(schema: jsonschema.Draft202012Validator) -> None:
    for document in ([], "sessie", None, 3):
        assert not schema.is_valid(document)
        with pytest.raises(ValidationError) as caught:
            parse_session(document)
        assert caught.value.field == "$"


def test_deeply_nested_value_gives_a_plain_message(demo: StoredSession) -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    for field in ("version", "session.title", "contributions[0].votes"):
        with pytest.raises(ValidationError) as caught:
            parse_session(bad_copy(demo, setter(field, deep)))
        assert caught.value.field == field
        assert len(str(caught.value)) < 200


def test_the_first_bad_field_is_named(demo: StoredSession) -> None:
    document = through_json(dump_session(demo))
    document["agreements"][0]["owner"] = ""
    document["contributions"][5]["group"] = "ouders"
    document["contributions"][2]["votes"] = -3
    with pytest.raises(ValidationError) as caught:
        parse_session(document)
    assert caught.value.field == "contributions[2].votes"


def test_unknown_field_gets_a_suggestion(demo: StoredSession) -> None:
    document = through_json(dump_session(demo))
    document["session"]["titel"] = document["session"].pop("title")
    with pytest.raises(ValidationError, match="Bedoel je 'title'") as caught:
        parse_session(document)
    assert caught.value.field == "session.titel"


def test_valid_documents_with_edge_values_are_accepted(demo: StoredSession) -> None:
    document = through_json(dump_session(demo))
    document["session"]["title"] = "x" * 120
    document["session"]["created"] = None
    document["session"]["participants"] = []
    document["agreements"][0]["due"] = "2027-01-31"
    document["agreements"][0]["source"] = None
    document["contributions"][0]["created"] = "2026-03-10T09:00:00Z"
    # The joiners that emoji and Persian or Arabic words need are no invisible trick.
    document["session"]["location"] = "Gezin \U0001f469\u200d\U0001f469\u200d\U0001f467"
    document["session"]["facilitator"] = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    document["session"]["timers"][0].update(planned=86400, remaining=-31622400)
    document["goals"][0]["by"] = "2200-12-31"
    parsed = parse_session(document)
    assert parsed.session.title == "x" * 120
    assert parsed.agreements[0].due is not None and parsed.agreements[0].due.on is not None
    assert "\u200d" in parsed.session.location and "\u200c" in parsed.session.facilitator


def test_document_from_before_goals_and_scans_still_reads(
    demo: StoredSession, schema: jsonschema.Draft202012Validator
) -> None:
    document = through_json(dump_session(demo))
    del document["goals"], document["scan_scores"], document["session"]["series"]
    for agreement in document["agreements"]:
        for key in ("goal", "note", "carried_from", "origin", "status_before", "reviewed"):
            del agreement[key]
    for contribution in document["contributions"]:
        del contribution["aim"]
    schema.validate(document)
    parsed = parse_session(document)
    assert (parsed.goals, parsed.scan_scores, parsed.session.series) == ([], [], "")
    assert all(a.goal is None and not a.reviewed and a.note == "" for a in parsed.agreements)
    assert parsed.contributions == [replace(c, aim=None) for c in demo.contributions]


def test_trajectory_sessions_round_trip_with_every_new_field(
    tmp_path: Path, schema: jsonschema.Draft202012Validator
) -> None:
    store = SessionStore(tmp_path / "data")
    store.ensure()
    trajectory = three_sessions(store, FakeClock())
    second = store.load(trajectory.ids[1])
    assert second.goals and second.scan_scores and any(a.reviewed for a in second.agreements)
    for session_id in trajectory.ids:
        stored = store.load(session_id)
        document = through_json(dump_session(stored))
        schema.validate(document)
        assert parse_session(document) == stored
    other = SessionStore(tmp_path / "ander")
    path = write_document(tmp_path / "tweede.json", dump_session(second))
    import_file(other, path, FakeClock())
    assert other.load(second.session.id) == second


# ---------------------------------------------------------------- import


def write_document(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def stored_ids(store: SessionStore) -> list[str]:
    return [s.id for s in store.list_sessions()]


def test_import_stores_an_equal_session(
    demo: StoredSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    path = write_document(tmp_path / "sessie.json", dump_session(demo))
    imported = import_file(store, path, clock)
    assert isinstance(imported, ImportedSession)
    assert not imported.is_copy
    assert imported.session == demo.session
    assert store.load(demo.session.id) == demo


def test_import_of_an_existing_session_makes_a_visible_copy(
    demo: StoredSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    path = write_document(tmp_path / "sessie.json", dump_session(demo))
    import_file(store, path, clock)
    copy_ = import_file(store, path, clock)
    assert copy_.is_copy and copy_.copy_of == demo.session.id
    assert copy_.session.id != demo.session.id
    assert copy_.session.title == demo.session.title + COPY_SUFFIX
    assert sorted(stored_ids(store)) == sorted([demo.session.id, copy_.session.id])
    again = store.load(copy_.session.id)
    assert again.contributions == demo.contributions
    assert store.load(demo.session.id) == demo  # the original is untouched


def test_copy_of_a_long_title_stays_within_the_limit(
    demo: StoredSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    document = through_json(dump_session(demo))
    document["session"]["title"] = "t" * 120
    path = write_document(tmp_path / "sessie.json", document)
    import_file(store, path, clock)
    copy_ = import_file(store, path, clock)
    assert len(copy_.session.title) == 120
    assert copy_.session.title.endswith(COPY_SUFFIX)


@pytest.mark.parametrize(("field", "change"), REFUSED_BY_BOTH[:8] + REFUSED_BY_PARSER_ONLY[:4])
def test_bad_import_leaves_the_store_as_it_was(
    demo: StoredSession,
    store: SessionStore,
    clock: FakeClock,
    tmp_path: Path,
    field: str,
    change: Change,
) -> None:
    path = write_document(tmp_path / "sessie.json", bad_copy(demo, change))
    with pytest.raises(ValidationError) as caught:
        import_file(store, path, clock)
    assert caught.value.field == field
    assert stored_ids(store) == []
    assert not store.sessions_dir.exists() or list(store.sessions_dir.iterdir()) == []


def test_missing_file(store: SessionStore, clock: FakeClock, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="bestaat niet"):
        import_file(store, tmp_path / "weg.json", clock)


def test_folder_instead_of_file(store: SessionStore, clock: FakeClock, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="is een map"):
        import_file(store, tmp_path, clock)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{niet: json}", "geen geldig JSON-bestand \\(regel 1"),
        (b"", "geen geldig JSON-bestand"),
        (b'{"a": NaN}', "geen geldig JSON-bestand"),
        (b"\xff\xfe\x00", "geen tekstbestand"),
        (b"[" * 100_000 + b"]" * 100_000, "te diep genest|geen geldig JSON"),
    ],
)
def test_file_that_is_not_json(
    store: SessionStore, clock: FakeClock, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "sessie.json"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        import_file(store, path, clock)
    assert stored_ids(store) == []


def test_file_over_20_mb_is_refused_before_reading(
    store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "groot.json"
    with path.open("wb") as file:
        file.truncate(20 * 1024 * 1024 + 1)  # sparse: costs no disk
    with pytest.raises(ImportFileError, match=r"te groot .* hoogstens 20 MB"):
        import_file(store, path, clock)


def test_file_with_byte_order_mark_is_read(
    demo: StoredSession, store: SessionStore, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "sessie.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_session(demo).encode("utf-8"))
    assert import_file(store, path, clock).session == demo.session


def test_failed_write_leaves_nothing_behind(
    demo: StoredSession,
    store: SessionStore,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_document(tmp_path / "sessie.json", dump_session(demo))

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr("workshop.storage.write_atomically", full_disk)
    monkeypatch.setattr("workshop.store.write_atomically", full_disk, raising=False)
    with pytest.raises(Exception):  # noqa: B017 - the store decides which error it gives
        import_file(store, path, clock)
    monkeypatch.undo()
    assert stored_ids(store) == []
    assert not store.folder(demo.session.id).exists()


# ---------------------------------------------------------------- the command line


def test_cli_export_then_import_gives_the_same_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "laptop-1", tmp_path / "laptop-2"
    original = demo_stored(first)
    out = tmp_path / "reservekopie.json"
    assert (
        main(
            [
                "--data",
                str(first),
                "export",
                original.session.id,
                "--format",
                "json",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert main(["--data", str(second), "import", str(out)]) == 0
    assert f"code {original.session.id}" in capsys.readouterr().out
    assert SessionStore(second).load(original.session.id) == original


def test_cli_import_of_a_bad_file_names_the_field_in_one_line(
    demo: StoredSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = through_json(dump_session(demo))
    document["contributions"][3]["group"] = "ouders"
    path = write_document(tmp_path / "kapot.json", document)
    assert main(["--data", str(tmp_path / "data"), "import", str(path)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "'contributions[3].group'" in error and "kies uit 'team', 'ouderpanel'" in error
    assert "Traceback" not in error


def test_document_is_checked_before_anything_is_built(
    demo: StoredSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing from the document reaches the model before the last field has been checked."""
    built: list[str] = []
    real = session_schema.build

    def build(wire: object, hint: Any) -> Any:
        if hint is interchange.SessionDocument:  # not the built-in scans, read on first use
            built.append("x")
        return real(wire, hint)

    monkeypatch.setattr(session_schema, "build", build)
    document = bad_copy(demo, setter("agreements[3].status", "af"))
    with pytest.raises(ValidationError):
        parse_session(copy.deepcopy(document))
    assert built == []
    parse_session(through_json(dump_session(demo)))
    assert built == ["x"]


# ---------------------------------------------------------------- the documentation

DOCS = REPO / "docs" / "session-format.md"


def test_example_in_the_docs_is_a_valid_session(schema: jsonschema.Draft202012Validator) -> None:
    text = DOCS.read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    schema.validate(example)
    stored = parse_session(example)
    assert stored.agreements[0].source == stored.contributions[0].id
    assert dump_session(stored) == example


def test_error_shown_in_the_docs_is_the_real_one(
    demo: StoredSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documented = DOCS.read_text(encoding="utf-8").split("```\nworkshop: ", 1)[1].split("\n")[0]
    document = bad_copy(demo, setter("contributions[3].group", "ouders"))
    main(
        [
            "--data",
            str(tmp_path / "data"),
            "import",
            str(write_document(tmp_path / "x.json", document)),
        ]
    )
    assert capsys.readouterr().err == f"workshop: {documented}\n"
