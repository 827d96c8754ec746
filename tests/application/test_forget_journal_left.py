"""`workshop vergeet` when a small journal was left beside session.json (a plain close leaves
one): the snapshot under it may still hold a name that later changes took out of the session."""

from __future__ import annotations

from helpers_forget import files_naming
from helpers_sessions import close_folded, new_session

from workshop import journal
from workshop.clock import FakeClock
from workshop.model import Group
from workshop.privacy import forget_person
from workshop.session import open_session
from workshop.store import SESSION_FILE, SessionStore

FATIMA = "Fatima El Amrani"


def test_a_name_only_the_snapshot_still_holds_is_taken_out_of_it(
    store: SessionStore, clock: FakeClock
) -> None:
    live = new_session(store, clock, title="Avond")
    remark = live.add_contribution(f"{FATIMA} regelt de tolk.", Group.TEAM)
    close_folded(store, live)  # the name is in session.json, not in the journal
    again = open_session(store, live.session.id, clock)
    again.edit_contribution(remark.id, text="De tolk wordt geregeld.")
    again.close()  # the edit stays in a small journal, which does not hold the name
    folder = store.sessions_dir / live.session.id
    assert journal.segments(folder)
    assert f"sessions/{live.session.id}/{SESSION_FILE}" in files_naming(store.root, FATIMA)

    report = forget_person(store, FATIMA, clock)

    assert report.complete
    assert files_naming(store.root, FATIMA) == []
    assert [c.text for c in store.load(live.session.id).contributions] == [
        "De tolk wordt geregeld."
    ]
