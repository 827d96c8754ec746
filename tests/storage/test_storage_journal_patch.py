"""Session-level journal records hold only what changed (workshop.journal_patch), not the whole
session with its copy of the template; older journals with whole rows still replay (issue 9)."""

from __future__ import annotations

import json

from helpers_sessions import crash, new_session

from workshop import journal
from workshop.clock import FakeClock
from workshop.journal_patch import Patch, apply, diff
from workshop.model import Group
from workshop.session import open_session
from workshop.store import SessionStore
from workshop.stored_session import SESSION_TABLE


def last_line(store: SessionStore, session_id: str) -> bytes:
    (segment,) = journal.segments(store.sessions_dir / session_id)
    return segment.read_bytes().splitlines()[-1]


def test_a_step_change_records_only_the_changed_fields(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    live.add_contribution("Eerst iets gezegd", Group.TEAM)
    whole = len(json.dumps(live.session.to_dict()))
    live.go_to(2, 1)
    line = last_line(store, live.session.id)
    record = json.loads(line)
    assert record["op"] == "patch" and record["table"] == SESSION_TABLE
    assert "template" not in record["set"]  # the template did not change
    assert record["set"]["position"] == {"phase": 2, "step": 1}
    assert len(line) < 1000 < whole  # before: the whole session, over 10 KB
    crash(live)
    stored = store.load(live.session.id)  # replayed from the journal
    assert (stored.session.position.phase, stored.session.position.step) == (2, 1)
    assert stored.session == live.session


def test_a_journal_with_whole_session_records_from_before_still_replays(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    live.add_contribution("Iets", Group.TEAM)
    crash(live)
    folder = store.sessions_dir / live.session.id
    (segment,) = journal.segments(folder)
    seq = journal.highest_seq([journal.parse_segment(segment)]) + 1
    document = {**live.session.to_dict(), "title": "Oude vorm", "position": {"phase": 3, "step": 0}}
    with segment.open("ab") as out:  # a whole row, as journals were written before patches
        out.write(journal.encode_record(seq, [(SESSION_TABLE, live.session.id, document)]))
    reopened = open_session(store, live.session.id, clock)
    try:
        assert reopened.session.title == "Oude vorm"
        assert reopened.session.position.phase == 3
        reopened.go_to(4, 0)  # a patch on top of the row a whole record wrote
    finally:
        reopened.close()
    stored = store.load(live.session.id)
    assert (stored.session.title, stored.session.position.phase) == ("Oude vorm", 4)


def test_patches_on_patches_replay_in_order_and_survive_reopening(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock)
    for phase in (1, 2, 3, 2):
        live.go_to(phase, 0)
    crash(live)
    stored = store.load(live.session.id)
    assert stored.session == live.session
    reopened = open_session(store, live.session.id, clock)
    reopened.close()
    assert store.load(live.session.id).session == live.session


def test_diff_and_apply_compare_as_json_and_remove_fields() -> None:
    old = {"id": "a", "n": 1, "gone": "x", "same": {"k": [1, 2]}}
    new = {"id": "a", "n": True, "same": {"k": [1, 2]}, "added": None}
    patch = diff(old, new)
    assert patch == Patch({"n": True, "added": None}, ("gone",))  # 1 and True differ as JSON
    assert apply(old, patch) == new
    assert apply(json.dumps(old).encode(), patch) == new  # a row still encoded as JSON
    assert diff(None, new) is None and diff({"id": "b"}, new) is None  # a whole row then
    assert apply(None, patch) is None


def test_a_patch_that_would_change_the_id_is_no_good_record() -> None:
    line = journal.encode_record(4, [(SESSION_TABLE, "a", Patch({"id": "b"}))])
    assert journal.decode_record(line.rstrip(b"\n")) is None
    line = journal.encode_record(4, [(SESSION_TABLE, "a", Patch({"title": "t"}, ("id",)))])
    assert journal.decode_record(line.rstrip(b"\n")) is None
    good = journal.encode_record(4, [(SESSION_TABLE, "a", Patch({"title": "t"}, ("oud",)))])
    assert journal.decode_record(good.rstrip(b"\n")) == (
        4,
        [(SESSION_TABLE, "a", Patch({"title": "t"}, ("oud",)))],
    )
