"""The interchange format: one session as a JSON document (see docs/session-format.md).

    {"format": "workshop-sessie", "version": 1,
     "session": {...}, "contributions": [...], "goals": [...], "agreements": [...],
     "scan_scores": [...]}

``goals`` and ``scan_scores``, and the fields added with them (the trajectory fields of an
agreement, a session's ``series``, a contribution's ``aim``), may be missing: documents written
before they existed still read, with the defaults.

``parse_session`` checks everything before anything is built, and stops at the first problem with
a ``ValidationError`` whose ``field`` is a JSON-path-like name such as ``contributions[3].group``
(positions count from 0, as in JSON Path). ``data/session.schema.json`` describes the same format;
the checks it cannot express (references between parts, unique ids, positions that must exist in
the template) are listed in the docs.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

from workshop.clock import Clock
from workshop.errors import StoreError, ValidationError, WorkshopError
from workshop.goals import Goal, Judgement
from workshop.limits import (
    PERCENT,
    PHASE_MINUTES,
    PHASE_NUMBER,
    TIMER_PLANNED,
    TIMER_REMAINING,
    VOTES,
    YEARS_TEXT,
    Range,
    iso_day,
    iso_moment,
)
from workshop.model import (
    Agreement,
    Aim,
    Contribution,
    Group,
    Horizon,
    Kind,
    PartnershipForm,
    Session,
    Status,
    new_id,
)
from workshop.scan import SCALE, Scan, ScanScore, builtin_scans
from workshop.store import SessionStore, StoredSession, valid_session_id
from workshop.template import HINT_KINDS, STEP_KINDS
from workshop.text import (
    NAME_MAX,
    SHORT_MAX,
    TEMPLATE_TEXT_MAX,
    TEXT_MAX,
    TITLE_MAX,
    is_forbidden_in_line,
    is_forbidden_in_text,
)
from workshop.visible import visible

FORMAT_NAME = "workshop-sessie"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
COPY_SUFFIX = " (kopie)"

TOP_KEYS = ("format", "version", "session", "contributions", "goals", "agreements", "scan_scores")
SESSION_KEYS = (
    "id",
    "title",
    "location",
    "series",
    "date",
    "facilitator",
    "template",
    "participants",
    "position",
    "timers",
    "timing_log",
    "bell",
    "created",
)
TEMPLATE_KEYS = ("id", "name", "description", "phases")
PHASE_KEYS = ("number", "name", "minutes", "opbrengst", "hints", "steps")
STEP_KEYS = ("title", "questions", "kind")
PARTICIPANT_KEYS = ("id", "group", "name")
POSITION_KEYS = ("phase", "step")
TIMER_KEYS = ("planned", "remaining", "ends_at")
TIMING_KEYS = ("phase", "started", "stopped")
CONTRIBUTION_KEYS = (
    "id",
    "text",
    "group",
    "phase",
    "step",
    "kind",
    "form",
    "aim",
    "author",
    "votes",
    "created",
    "edited",
)
AGREEMENT_KEYS = (
    "id",
    "what",
    "owner",
    "with_whom",
    "due",
    "instrument",
    "form",
    "status",
    "source",
    "phase",
    "created",
    "goal",
    "note",
    "carried_from",
    "origin",
    "status_before",
    "reviewed",
)
GOAL_KEYS = (
    "id",
    "description",
    "criterion",
    "target_percent",
    "by",
    "result",
    "judgement",
    "carried_from",
    "origin",
)
SCAN_SCORE_KEYS = ("scan", "code", "group", "score")

_HIDDEN = "een stuurteken of een onzichtbaar teken (zoals een teken dat de leesrichting omdraait)"
_KEY_SHOWN = 40  # an unknown field's name in a message: at most this many characters
_ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class ImportFileError(WorkshopError):
    """A file that cannot be read as a session: missing, too large, or not JSON."""


@dataclass(eq=False)
class ImportedSession(StoredSession):
    """What ``import_file`` stored. ``copy_of`` is the id in the file when that id was already
    taken here, so the session was stored as a copy with a new id and '(kopie)' in its title."""

    copy_of: str | None = None

    @property
    def is_copy(self) -> bool:
        return self.copy_of is not None


# -- writing ------------------------------------------------------------------------------------


def dump_session(stored: StoredSession) -> dict[str, Any]:
    """The session as an interchange document (plain JSON-ready values)."""
    session = stored.session.to_dict()
    session["template"] = copy.deepcopy(session["template"])
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "session": session,
        "contributions": [c.to_dict() for c in stored.contributions],
        "goals": [g.to_dict() for g in stored.goals],
        "agreements": _agreement_documents(stored),
        "scan_scores": [s.to_dict() for s in stored.scan_scores],
    }


def _agreement_documents(stored: StoredSession) -> list[dict[str, Any]]:
    """The agreements; a link to a contribution that was deleted since becomes null.

    The session keeps the link (undoing the delete restores it), but a document may only name
    what is in it.
    """
    contributions = {c.id for c in stored.contributions}
    goals = {g.id for g in stored.goals}
    documents = []
    for agreement in stored.agreements:
        document = agreement.to_dict()
        if document["source"] not in contributions:
            document["source"] = None
        if document["goal"] not in goals:
            document["goal"] = None
        documents.append(document)
    return documents


def dumps_session(stored: StoredSession) -> str:
    """The document as JSON text, readable by people too."""
    return json.dumps(dump_session(stored), ensure_ascii=False, indent=2) + "\n"


# -- reading ------------------------------------------------------------------------------------


def parse_session(data: object) -> StoredSession:
    """Check a whole interchange document and build the session from it.

    Raises ValidationError naming the first field that is wrong. Nothing is built before all of
    it has been checked.
    """
    _Checker().document(data)
    assert isinstance(data, dict)  # checked above
    return StoredSession(
        session=Session.from_dict(copy.deepcopy(data["session"])),
        contributions=[Contribution.from_dict(c) for c in data["contributions"]],
        agreements=[Agreement.from_dict(a) for a in data["agreements"]],
        goals=[Goal.from_dict(g) for g in data.get("goals", [])],
        scan_scores=[ScanScore.from_dict(s) for s in data.get("scan_scores", [])],
    )


def read_document(path: Path) -> object:
    """The JSON in a file, with a clear message for each way reading can go wrong."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(f"Het bestand {path} bestaat niet.") from None
    except OSError as error:
        raise ImportFileError(
            f"Het bestand {path} kan niet worden gelezen ({error.strerror})."
        ) from None
    if path.is_dir():
        raise ImportFileError(f"{path} is een map. Kies een JSON-bestand.")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"Het bestand {path} is te groot ({size / 1024 / 1024:.1f} MB). "
            f"Het mag hoogstens {MAX_FILE_BYTES // 1024 // 1024} MB zijn."
        )
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ImportFileError(
            f"Het bestand {path} kan niet worden gelezen ({error.strerror})."
        ) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew since we looked
        raise ImportFileError(f"Het bestand {path} is te groot. Het mag hoogstens 20 MB zijn.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"Het bestand {path} is geen tekstbestand (UTF-8).") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError) as error:
        where = (
            f" (regel {error.lineno}, teken {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise ImportFileError(
            f"Het bestand {path} is geen geldig JSON-bestand{where}. "
            "Gebruik een bestand dat met 'workshop export --format json' is gemaakt."
        ) from None
    except RecursionError:
        raise ImportFileError(f"Het bestand {path} is te diep genest om te lezen.") from None


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is geen getal in JSON")


def import_file(store: SessionStore, path: Path, clock: Clock) -> ImportedSession:
    """Read, check and store a session file, all or nothing.

    When a session with the same id is already stored, the file is stored as a copy: a new id,
    and ' (kopie)' after the title. The returned object says so in ``copy_of``.
    """
    stored = parse_session(read_document(Path(path)))
    copy_of = None
    if store.exists(stored.session.id):
        copy_of = stored.session.id
        stored.session.id = _free_id(store)
        stored.session.title = _copy_title(stored.session.title)
    _store_new(store, stored, clock)
    return ImportedSession(
        stored.session,
        stored.contributions,
        stored.agreements,
        goals=stored.goals,
        scan_scores=stored.scan_scores,
        copy_of=copy_of,
    )


def _free_id(store: SessionStore) -> str:
    while store.exists(candidate := new_id()):
        pass
    return candidate


def _copy_title(title: str) -> str:
    return title[: TITLE_MAX - len(COPY_SUFFIX)].rstrip() + COPY_SUFFIX


def _store_new(store: SessionStore, stored: StoredSession, clock: Clock) -> None:
    """Store in one atomic write; if that fails halfway, remove what this import made."""
    folder = store.folder(stored.session.id)
    existed = folder.exists()
    try:
        store.create(stored, clock.now()).close()
    except (StoreError, OSError):
        if not existed and folder.exists() and not store.exists(stored.session.id):
            store.delete(stored.session.id)
        raise


# -- the checks ---------------------------------------------------------------------------------


def _ordinal_path(path: str, index: int) -> str:
    return f"{path}[{index}]"


class _Checker:
    """Walks a document in the documented order and raises at the first problem."""

    def __init__(self) -> None:
        self.phase_steps: list[int] = []  # number of steps per phase of the template
        self.contribution_ids: set[str] = set()
        self.agreement_ids: set[str] = set()
        self.goal_ids: set[str] = set()
        self.scored: set[tuple[str, str, str]] = set()
        self._scans: dict[str, Scan] | None = None

    def fail(self, field: str, reason: str) -> NoReturn:
        raise ValidationError(field, f"Het bestand klopt niet bij '{field}': {reason}")

    # -- whole document

    def document(self, data: object) -> None:
        if not isinstance(data, dict):
            self.fail("$", "dit is geen sessiebestand van workshop (geen JSON-object).")
        self.keys(data, "", TOP_KEYS)
        if self.present(data, "format", "") != FORMAT_NAME:
            self.fail(
                "format", f"dit is geen sessiebestand van workshop (verwacht '{FORMAT_NAME}')."
            )
        version = self.present(data, "version", "")
        if type(version) is not int or version != FORMAT_VERSION:
            self.fail(
                "version",
                f"versie {_short(version)} ken ik niet. "
                f"Deze versie van workshop leest versie {FORMAT_VERSION}.",
            )
        self.session(self.present(data, "session", ""), "session")
        for i, item in enumerate(self.list(data, "contributions", "")):
            self.contribution(item, _ordinal_path("contributions", i))
        # Goals before agreements, as agreements name the goal they serve.
        for i, item in enumerate(self.list(data, "goals", "") if "goals" in data else []):
            self.goal(item, _ordinal_path("goals", i))
        for i, item in enumerate(self.list(data, "agreements", "")):
            self.agreement(item, _ordinal_path("agreements", i))
        for i, item in enumerate(
            self.list(data, "scan_scores", "") if "scan_scores" in data else []
        ):
            self.scan_score(item, _ordinal_path("scan_scores", i))

    def session(self, value: object, path: str) -> None:
        data = self.object(value, path, SESSION_KEYS)
        self.session_id(data, path)
        self.line(data, "title", path, TITLE_MAX, required=True)
        self.line(data, "location", path, SHORT_MAX)
        if "series" in data:
            self.line(data, "series", path, SHORT_MAX)
        self.date(data, "date", path)
        self.line(data, "facilitator", path, NAME_MAX)
        self.template(self.present(data, "template", path), f"{path}.template")
        participant_ids: set[str] = set()
        for i, item in enumerate(self.list(data, "participants", path)):
            where = _ordinal_path(f"{path}.participants", i)
            participant = self.object(item, where, PARTICIPANT_KEYS)
            self.unique_id(participant, where, participant_ids)
            self.enum(participant, "group", where, Group)
            self.line(participant, "name", where, NAME_MAX)
        self.position(self.present(data, "position", path), f"{path}.position")
        self.timers(data, path)
        for i, item in enumerate(self.list(data, "timing_log", path)):
            self.timing_entry(item, _ordinal_path(f"{path}.timing_log", i))
        self.boolean(data, "bell", path)
        self.datetime(data, "created", path, nullable=True)

    def session_id(self, data: dict[str, Any], path: str) -> None:
        value = self.present(data, "id", path)
        if not isinstance(value, str) or not valid_session_id(value):
            self.fail(
                f"{path}.id",
                "de code moet 3 tot 64 tekens zijn: kleine letters, cijfers en streepjes, "
                "beginnend met een letter of cijfer.",
            )

    # -- the template

    def template(self, value: object, path: str) -> None:
        data = self.object(value, path, TEMPLATE_KEYS)
        self.line(data, "id", path, SHORT_MAX, required=True)
        self.template_text(data, "name", path, required=True)
        self.template_text(data, "description", path)
        phases = self.list(data, "phases", path)
        if not phases:
            self.fail(f"{path}.phases", "er moet minstens één fase zijn.")
        previous = 0
        for i, item in enumerate(phases):
            where = _ordinal_path(f"{path}.phases", i)
            phase = self.object(item, where, PHASE_KEYS)
            number = self.integer(phase, "number", where, PHASE_NUMBER.lowest, PHASE_NUMBER.highest)
            if number <= previous:
                self.fail(
                    f"{where}.number",
                    f"fase {number} komt na fase {previous}; zet de fasen op volgorde.",
                )
            previous = number
            self.template_text(phase, "name", where, required=True)
            self.integer(phase, "minutes", where, PHASE_MINUTES.lowest, PHASE_MINUTES.highest)
            self.template_text(phase, "opbrengst", where)
            self.hints(self.present(phase, "hints", where), f"{where}.hints")
            steps = self.list(phase, "steps", where)
            if not steps:
                self.fail(f"{where}.steps", "een fase heeft minstens één stap.")
            for s, step_value in enumerate(steps):
                self.step(step_value, _ordinal_path(f"{where}.steps", s))
            self.phase_steps.append(len(steps))

    def hints(self, value: object, path: str) -> None:
        data = self.object(value, path, HINT_KINDS)
        for kind in HINT_KINDS:
            self.template_texts(data, kind, path)

    def step(self, value: object, path: str) -> None:
        data = self.object(value, path, STEP_KEYS)
        self.template_text(data, "title", path, required=True)
        self.template_texts(data, "questions", path)
        kind = self.present(data, "kind", path)
        if kind not in STEP_KINDS:
            self.fail(f"{path}.kind", f"kies uit: {', '.join(STEP_KINDS)}.")

    # -- position and time

    def phase_index(
        self, data: dict[str, Any], key: str, path: str, nullable: bool = False
    ) -> int | None:
        if nullable and self.present(data, key, path) is None:
            return None
        count = len(self.phase_steps)
        return self.integer(
            data,
            key,
            path,
            lowest=0,
            highest=count - 1,
            reason=f"dit moet een fase uit het sjabloon zijn: 0 tot en met {count - 1}.",
        )

    def step_index(self, data: dict[str, Any], key: str, path: str, phase: int) -> None:
        count = self.phase_steps[phase]
        self.integer(
            data,
            key,
            path,
            lowest=0,
            highest=count - 1,
            reason=f"dit moet een stap uit die fase zijn: 0 tot en met {count - 1}.",
        )

    def position(self, value: object, path: str) -> None:
        data = self.object(value, path, POSITION_KEYS)
        phase = self.phase_index(data, "phase", path)
        assert phase is not None
        self.step_index(data, "step", path, phase)

    def timers(self, data: dict[str, Any], path: str) -> None:
        items = self.list(data, "timers", path)
        if len(items) != len(self.phase_steps):
            self.fail(
                f"{path}.timers",
                f"er moet precies één timer per fase zijn ({len(self.phase_steps)}).",
            )
        for i, item in enumerate(items):
            where = _ordinal_path(f"{path}.timers", i)
            timer = self.object(item, where, TIMER_KEYS)
            self.number(timer, "planned", where, TIMER_PLANNED)
            self.number(timer, "remaining", where, TIMER_REMAINING)
            self.datetime(timer, "ends_at", where, nullable=True)

    def timing_entry(self, value: object, path: str) -> None:
        data = self.object(value, path, TIMING_KEYS)
        self.phase_index(data, "phase", path)
        started = self.datetime(data, "started", path)
        stopped = self.datetime(data, "stopped", path, nullable=True)
        if started and stopped and stopped < started:
            self.fail(f"{path}.stopped", "het einde ligt voor het begin.")

    # -- contributions and agreements

    def contribution(self, value: object, path: str) -> None:
        data = self.object(value, path, CONTRIBUTION_KEYS)
        self.unique_id(data, path, self.contribution_ids)
        self.line(data, "text", path, TEXT_MAX, required=True)
        self.enum(data, "group", path, Group)
        phase = self.phase_index(data, "phase", path)
        assert phase is not None
        self.step_index(data, "step", path, phase)
        self.enum(data, "kind", path, Kind)
        self.enum(data, "form", path, PartnershipForm, nullable=True)
        if "aim" in data:
            self.enum(data, "aim", path, Aim, nullable=True)
        self.line(data, "author", path, NAME_MAX)
        self.integer(data, "votes", path, VOTES.lowest, VOTES.highest)
        self.datetime(data, "created", path)
        self.datetime(data, "edited", path, nullable=True)

    def agreement(self, value: object, path: str) -> None:
        data = self.object(value, path, AGREEMENT_KEYS)
        self.unique_id(data, path, self.agreement_ids)
        self.line(data, "what", path, TEXT_MAX, required=True)
        self.line(data, "owner", path, NAME_MAX, required=True)
        self.line(data, "with_whom", path, SHORT_MAX)
        self.due(data, path)
        self.line(data, "instrument", path, SHORT_MAX)
        self.enum(data, "form", path, PartnershipForm, nullable=True)
        self.enum(data, "status", path, Status)
        source = self.present(data, "source", path)
        if source is not None and not (isinstance(source, str) and source in self.contribution_ids):
            self.fail(
                f"{path}.source", "dit moet de id van een inbreng in dit bestand zijn, of null."
            )
        self.phase_index(data, "phase", path, nullable=True)
        self.datetime(data, "created", path)
        self.trajectory_fields(data, path)

    def trajectory_fields(self, data: dict[str, Any], path: str) -> None:
        """The fields of an agreement about goals and reviews; each may be missing."""
        goal = data.get("goal")
        if goal is not None and not (isinstance(goal, str) and goal in self.goal_ids):
            self.fail(f"{path}.goal", "dit moet de id van een doel in dit bestand zijn, of null.")
        if "note" in data:
            self.line(data, "note", path, SHORT_MAX)
        self.lineage(data, path)
        if "status_before" in data:
            self.enum(data, "status_before", path, Status, nullable=True)
        if "reviewed" in data:
            self.boolean(data, "reviewed", path)

    def lineage(self, data: dict[str, Any], path: str) -> None:
        """Where a goal or agreement was brought along from: a session id and the first id."""
        carried_from = data.get("carried_from")
        if carried_from is not None and not (
            isinstance(carried_from, str) and valid_session_id(carried_from)
        ):
            self.fail(f"{path}.carried_from", "dit moet de code van een sessie zijn, of null.")
        origin = data.get("origin")
        if origin is not None and not (isinstance(origin, str) and _ITEM_ID.fullmatch(origin)):
            self.fail(f"{path}.origin", "dit moet een id zijn (letters, cijfers, - of _), of null.")

    # -- goals and scan scores

    def goal(self, value: object, path: str) -> None:
        data = self.object(value, path, GOAL_KEYS)
        self.unique_id(data, path, self.goal_ids)
        self.line(data, "description", path, TEXT_MAX, required=True)
        self.line(data, "criterion", path, SHORT_MAX, required=True)
        if data.get("target_percent") is not None:
            self.integer(data, "target_percent", path, PERCENT.lowest, PERCENT.highest)
        if data.get("by") is not None:
            self.date(data, "by", path)
        if "result" in data:
            self.line(data, "result", path, TEXT_MAX)
        if "judgement" in data:
            self.enum(data, "judgement", path, Judgement, nullable=True)
        self.lineage(data, path)

    def scan_score(self, value: object, path: str) -> None:
        data = self.object(value, path, SCAN_SCORE_KEYS)
        scans = self.scans()
        scan_id = self.present(data, "scan", path)
        scan = scans.get(scan_id) if isinstance(scan_id, str) else None
        if scan is None:
            choices = ", ".join(f"'{name}'" for name in scans)
            self.fail(f"{path}.scan", f"deze scan ken ik niet. Kies uit {choices}.")
        code = self.present(data, "code", path)
        codes = [s.code for s in scan.statements]
        if not isinstance(code, str) or code not in codes:
            self.fail(f"{path}.code", f"kies een uitspraak uit de scan: {', '.join(codes)}.")
        self.enum(data, "group", path, Group)
        if data.get("score") is not None or "score" not in data:
            self.integer(data, "score", path, lowest=min(SCALE), highest=max(SCALE))
        key = (scan.id, code, data["group"])
        if key in self.scored:
            self.fail(path, "deze groep heeft deze uitspraak al eerder een score gegeven.")
        self.scored.add(key)

    def scans(self) -> dict[str, Scan]:
        if self._scans is None:
            self._scans = {scan.id: scan for scan in builtin_scans()}
        return self._scans

    def due(self, data: dict[str, Any], path: str) -> None:
        value = self.present(data, "due", path)
        if value is None or value in {h.value for h in Horizon}:
            return
        if iso_day(value) is not None:
            return
        horizons = ", ".join(f"'{h.value}'" for h in Horizon)
        self.fail(
            f"{path}.due",
            f"kies uit {horizons}, een datum als '2026-10-01' ({YEARS_TEXT}), of null.",
        )

    # -- single values

    def present(self, data: dict[str, Any], key: str, path: str) -> Any:
        if key not in data:
            self.fail(_join(path, key), "dit veld ontbreekt.")
        return data[key]

    def object(self, value: object, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "dit moet een object zijn, tussen { en }.")
        self.keys(value, path, keys)
        return value

    def keys(self, data: dict[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1) if len(key) < 100 else []
                advice = f" Bedoel je '{close[0]}'?" if close else ""
                self.fail(_join(path, visible(key, _KEY_SHOWN)), f"dit veld is onbekend.{advice}")

    def list(self, data: dict[str, Any], key: str, path: str) -> list[Any]:
        value = self.present(data, key, path)
        if not isinstance(value, list):
            self.fail(_join(path, key), "dit moet een lijst zijn, tussen [ en ].")
        return value

    def unique_id(self, data: dict[str, Any], path: str, seen: set[str]) -> None:
        value = self.present(data, "id", path)
        if not isinstance(value, str) or not _ITEM_ID.fullmatch(value):
            self.fail(f"{path}.id", "de id moet 1 tot 64 letters, cijfers, - of _ zijn.")
        if value in seen:
            self.fail(f"{path}.id", f"de id '{value}' komt twee keer voor.")
        seen.add(value)

    def line(
        self, data: dict[str, Any], key: str, path: str, limit: int, required: bool = False
    ) -> str:
        """One line of user text, as the app stores it: no line breaks or control characters."""
        value = self.present(data, key, path)
        where = _join(path, key)
        if not isinstance(value, str):
            self.fail(where, "dit moet een tekst zijn, tussen aanhalingstekens.")
        if any(map(is_forbidden_in_line, value)):
            self.fail(where, f"deze tekst bevat een regeleinde of {_HIDDEN}. Dat mag hier niet.")
        self.text_limits(value, where, limit, required)
        return value

    def template_text(
        self, data: dict[str, Any], key: str, path: str, required: bool = False
    ) -> None:
        value = self.present(data, key, path)
        self.template_string(value, _join(path, key), required)

    def template_texts(self, data: dict[str, Any], key: str, path: str) -> None:
        for i, item in enumerate(self.list(data, key, path)):
            self.template_string(item, _ordinal_path(_join(path, key), i), required=True)

    def template_string(self, value: object, where: str, required: bool) -> None:
        """Template texts may hold line breaks and tabs (TOML allows them), no other controls."""
        if not isinstance(value, str):
            self.fail(where, "dit moet een tekst zijn, tussen aanhalingstekens.")
        if any(map(is_forbidden_in_text, value)):
            self.fail(where, f"deze tekst bevat {_HIDDEN}. Dat mag hier niet.")
        self.text_limits(value, where, TEMPLATE_TEXT_MAX, required)

    def text_limits(self, value: str, where: str, limit: int, required: bool) -> None:
        if required and not value.strip():
            self.fail(where, "deze tekst mag niet leeg zijn.")
        if len(value) > limit:
            self.fail(where, f"deze tekst is te lang: {len(value)} tekens, het maximum is {limit}.")

    def enum(
        self, data: dict[str, Any], key: str, path: str, kind: type[StrEnum], nullable: bool = False
    ) -> None:
        value = self.present(data, key, path)
        if nullable and value is None:
            return
        allowed = [member.value for member in kind]
        if value not in allowed:
            choices = ", ".join(f"'{a}'" for a in allowed) + (" of null" if nullable else "")
            self.fail(_join(path, key), f"kies uit {choices}.")

    def integer(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        lowest: int | None = None,
        highest: int | None = None,
        reason: str | None = None,
    ) -> int:
        value = self.present(data, key, path)
        # bool is a kind of int in Python, but true is no number in JSON
        ok = (
            type(value) is int
            and (lowest is None or value >= lowest)
            and (highest is None or value <= highest)
        )
        if not ok:
            if reason is None:
                bounds = "" if lowest is None else f" van {lowest} of meer"
                if highest is not None:
                    bounds = f" van {lowest} tot en met {highest}"
                reason = f"dit moet een heel getal zijn{bounds}."
            self.fail(_join(path, key), reason)
        return value

    def number(self, data: dict[str, Any], key: str, path: str, bounds: Range) -> None:
        if self.present(data, key, path) not in bounds:
            self.fail(_join(path, key), f"dit moet een getal zijn {bounds.text}.")

    def boolean(self, data: dict[str, Any], key: str, path: str) -> None:
        if not isinstance(self.present(data, key, path), bool):
            self.fail(_join(path, key), "dit moet true of false zijn.")

    def date(self, data: dict[str, Any], key: str, path: str) -> None:
        if iso_day(self.present(data, key, path)) is None:
            self.fail(
                _join(path, key), f"dit moet een datum zijn, zoals '2026-03-10', {YEARS_TEXT}."
            )

    def datetime(
        self, data: dict[str, Any], key: str, path: str, nullable: bool = False
    ) -> datetime | None:
        value = self.present(data, key, path)
        if nullable and value is None:
            return None
        if (moment := iso_moment(value)) is not None:
            return moment
        self.fail(
            _join(path, key),
            "dit moet een tijdstip met tijdzone zijn, zoals '2026-03-10T09:30:00+01:00', "
            f"{YEARS_TEXT}" + (", of null." if nullable else "."),
        )


def _short(value: object) -> str:
    """A value from the document, shown in a message: simple values only, and not too long."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 20 else shown[:19] + "…"
    return "(geen getal)"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
