"""Data files are readable by the user only (0600), folders too (0700), whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_sessions import close_folded, filled_session

from workshop.backup import list_backups
from workshop.clock import FakeClock
from workshop.doctor import repair
from workshop.lock import LOCK_FILE
from workshop.model import Group
from workshop.privacy import forget_person
from workshop.session import open_session
from workshop.store import SESSION_FILE, SessionStore

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def modes(root: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in sorted(root.rglob("*")):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def test_everything_the_store_creates_is_private(
    tmp_path: Path, clock: FakeClock, umask: int
) -> None:
    store = SessionStore(tmp_path / "nieuw" / "data")
    store.ensure()
    session_id = filled_session(store, clock)
    for n in range(2):
        live = open_session(store, session_id, clock)  # backups
        live.add_contribution(f"Nog een {n}", Group.OUDERPANEL, author="Sevda")
        if n == 1:
            assert oct(stat.S_IMODE((live.file.folder / LOCK_FILE).stat().st_mode)) == "0o600"
        close_folded(store, live)  # the next open's backup differs from the first
    forget_person(store, "Sevda", clock)  # rewrites the file and its backups

    folder = store.sessions_dir / session_id
    (folder / SESSION_FILE).write_text("kapot")  # a hand-edit, made with the umask's mode
    repair(store, session_id, clock)  # keeps it aside and restores a backup
    found = modes(store.root)
    expected_names = {".", "sessions", f"sessions/{session_id}", f"sessions/{session_id}/backups"}
    assert {k for k, v in found.items() if v == "0o700"} == expected_names
    files = {k: v for k, v in found.items() if k not in expected_names}
    assert len(files) >= 5  # session, summary, 2 backups, the damaged file kept aside
    assert any(".beschadigd-" in name for name in files)
    assert len(list_backups(folder)) >= 2
    assert set(files.values()) == {"0o600"}, files


# -- issue 8, item 14: everything the product creates, also outside the store's own files ------


def test_parent_folders_of_a_new_data_folder_are_private(tmp_path: Path, umask: int) -> None:
    SessionStore(tmp_path / "a" / "b" / "data").ensure()
    for folder in ("a", "a/b", "a/b/data", "a/b/data/sessions"):
        assert oct(stat.S_IMODE((tmp_path / folder).stat().st_mode)) == "0o700", folder


def test_an_existing_folder_above_the_data_folder_is_left_as_it_is(
    tmp_path: Path, umask: int
) -> None:
    (tmp_path / "gedeeld").mkdir(mode=0o755)
    os.chmod(tmp_path / "gedeeld", 0o755)
    SessionStore(tmp_path / "gedeeld" / "data").ensure()
    assert oct(stat.S_IMODE((tmp_path / "gedeeld").stat().st_mode)) == "0o755"


def test_the_exports_folder_its_parents_and_exports_are_private(
    tmp_path: Path, store: SessionStore, clock: FakeClock, umask: int
) -> None:
    from workshop.export.files import export_session

    stored = store.load(filled_session(store, clock))
    path = export_session(stored, "md", None, tmp_path / "werk" / "exports")
    for folder in ("werk", "werk/exports"):
        assert oct(stat.S_IMODE((tmp_path / folder).stat().st_mode)) == "0o700", folder
    assert oct(stat.S_IMODE(path.stat().st_mode)) == "0o600"


@pytest.mark.parametrize("existing", [None, 0o644], ids=["new", "old-0644"])
def test_the_crash_log_is_private(
    make_app,  # type: ignore[no-untyped-def]
    store: SessionStore,
    umask: int,
    existing: int | None,
) -> None:
    import asyncio

    log = store.root / "fout.log"
    if existing is not None:
        log.write_text("een eerdere fout\n")
        os.chmod(log, existing)

    async def scenario() -> None:
        async with make_app().run_test() as pilot:
            pilot.app.call_later(lambda: 1 / 0)  # an unexpected error: the app's last resort
            await pilot.pause()

    with pytest.raises(ZeroDivisionError):
        asyncio.run(scenario())
    assert "ZeroDivisionError" in log.read_text()
    assert oct(stat.S_IMODE(log.stat().st_mode)) == "0o600"
