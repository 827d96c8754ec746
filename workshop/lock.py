"""One writer per session: a lock file in the session folder.

The lock file holds who has the session open (host, process id, since when). It is first written
in full to a private temporary file (created with O_CREAT|O_EXCL), then published with a hard link,
which fails when a lock already exists. So a lock file, once there, is always complete: a reader
never sees half a lock, also not after a crash in the middle of taking one.

A lock left by a process that no longer runs on this machine is stale and is taken over. Stale
means: the process id does not exist, or it now belongs to a process started later (Linux), or the
machine has restarted since (Linux boot id). Locks from other machines (a shared folder) are never
taken over automatically: we cannot see their processes. The user can release one on purpose
(``workshop ontgrendel``, see ``release_foreign``) when nobody works there any more.

A lock file is read only when it is a regular file, never through a link. Anything else in its
place (a link, a pipe, a folder) counts as a lock nobody holds, and is set aside, not deleted.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workshop.backup import DAMAGED_MARK
from workshop.clock import Clock
from workshop.errors import DamagedFileError, NotFoundError, StoreError, WorkshopError
from workshop.safe_files import kind, read_regular
from workshop.storage import FILE_MODE, TMP_SUFFIX, fsync_dir, save_error, write_problem
from workshop.text import format_moment
from workshop.visible import visible

LOCK_FILE = "lock.json"
_ATTEMPTS = 5
_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")

# Tokens of the locks this process holds: a lock with our pid but another token was left by an
# earlier process that happened to have the same pid.
_held: set[str] = set()
_held_guard = threading.Lock()


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    since: datetime | None
    token: str = ""
    boot: str = ""  # Linux boot id, empty elsewhere
    started: str = ""  # process start time in clock ticks (Linux), empty elsewhere

    @property
    def since_label(self) -> str:
        return format_moment(self.since) if self.since else "onbekend"

    def to_dict(self) -> dict[str, object]:
        return {
            "host": self.host,
            "pid": self.pid,
            "since": self.since.isoformat() if self.since else None,
            "token": self.token,
            "boot": self.boot,
            "started": self.started,
        }

    @classmethod
    def from_dict(cls, data: object) -> LockHolder | None:
        """None for anything that is not a lock we wrote."""
        if not isinstance(data, dict):
            return None
        host, pid, since = data.get("host"), data.get("pid"), data.get("since")
        if not isinstance(host, str) or type(pid) is not int or pid <= 0:
            return None
        try:
            moment = datetime.fromisoformat(since) if isinstance(since, str) else None
        except ValueError:
            moment = None
        extra = {k: data.get(k) for k in ("token", "boot", "started")}
        return cls(
            host=host,
            pid=pid,
            since=moment,
            **{k: v if isinstance(v, str) else "" for k, v in extra.items()},
        )


class SessionLockedError(WorkshopError):
    """The session is open for writing somewhere else. ``holder`` says where."""

    def __init__(self, holder: LockHolder, session_id: str = "") -> None:
        self.holder = holder
        self.foreign = holder.host != this_host()
        self.session_id = session_id
        message = (
            f"Deze sessie is al open op {visible(holder.host)} (proces {holder.pid}, sinds "
            f"{holder.since_label}). Je kunt hem wel bekijken (alleen-lezen)."
        )
        if session_id and self.foreign:
            message += " " + foreign_lock_advice(session_id)
        super().__init__(message)


def foreign_lock_advice(session_id: str) -> str:
    return (
        "Werkt daar niemand meer aan (bijvoorbeeld na een crash of een gekopieerde map)? Geef "
        f"het slot dan vrij met 'workshop ontgrendel {session_id}'."
    )


class LockWriteError(StoreError):
    """The lock could not be written: the disk is read-only, full or not ours to write.

    Nothing was changed; the session can still be looked at (read-only). ``reason`` says why.
    """

    def __init__(self, error: OSError) -> None:
        self.reason = write_problem(error)[0]
        super().__init__(str(save_error(error, "De sessie openen om te schrijven")))


def this_host() -> str:
    return socket.gethostname() or "deze computer"


def _boot_id() -> str:
    try:
        return _BOOT_ID.read_text().strip()
    except OSError:
        return ""


def _process_started(pid: int) -> str:
    """Start time of a process in clock ticks since boot (Linux); "" when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()  # the name in (...) may hold spaces
    return fields[19] if len(fields) > 19 else ""


def _pid_exists(pid: int) -> bool:
    if os.name == "nt":
        return _windows_pid_exists(pid)  # os.kill would end the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, but belongs to someone else
    return True


def _windows_pid_exists(pid: int) -> bool:  # pragma: no cover - not run on Linux CI
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists, someone else's
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def is_stale(holder: LockHolder) -> bool:
    """True when the lock's process certainly no longer runs."""
    if holder.host != this_host():
        return False
    if holder.pid <= 0:
        return True  # an unreadable lock file: no process to wait for
    if holder.boot and _boot_id() and holder.boot != _boot_id():
        return True  # the machine restarted since the lock was taken
    if holder.pid == os.getpid():
        with _held_guard:
            return holder.token not in _held
    if not _pid_exists(holder.pid):
        return True
    if holder.started:
        started = _process_started(holder.pid)
        if started and started != holder.started:
            return True  # the pid was given to a newer process
    return False


def read_holder(folder: Path) -> LockHolder | None:
    """Who holds the lock; None when there is no lock (or it vanished while reading)."""
    path = folder / LOCK_FILE
    try:
        raw = read_regular(path)
    except NotFoundError:
        return None
    except DamagedFileError:  # a link, a pipe, a folder: never read, held by nobody
        raw = b""
    try:
        holder = LockHolder.from_dict(json.loads(raw.decode("utf-8")))
    except (ValueError, RecursionError):  # not JSON, not UTF-8, a huge number, too deep
        holder = None
    # A lock file that is not ours (hand-made, or from a file system without hard links that
    # crashed mid-write) is treated as held by an unknown process that no longer runs.
    return holder or LockHolder(host=this_host(), pid=0, since=None, token="onleesbaar")


@contextlib.contextmanager
def _folder_guard(folder: Path) -> Iterator[None]:
    """Serialise taking over a stale lock between processes (flock on the folder itself)."""
    try:
        import fcntl
    except ImportError:  # Windows: stale locks are never taken over there anyway
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _publish(folder: Path, content: bytes, token: str) -> bool:
    """Create the lock file with ``content`` in one step. False when a lock already exists."""
    path = folder / LOCK_FILE
    tmp = folder / f".{LOCK_FILE}.{token}{TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.write(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except FileNotFoundError:
            return False  # the lock holder cleared our temporary file: it is busy, try again
        except OSError:
            return _publish_without_links(path, content)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    fsync_dir(folder)
    return True


def _publish_without_links(path: Path, content: bytes) -> bool:
    """For file systems without hard links (some USB sticks): O_EXCL on the lock itself."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


class SessionLock:
    """The lock on one session folder, held by this process until ``release``."""

    def __init__(self, folder: Path, holder: LockHolder) -> None:
        self.folder = folder
        self.holder = holder
        self._released = False

    @property
    def path(self) -> Path:
        return self.folder / LOCK_FILE

    @classmethod
    def acquire(cls, folder: Path, clock: Clock | None = None) -> SessionLock:
        """Take the lock, or raise SessionLockedError naming who has it. Recovers stale locks."""
        moment = clock.now() if clock else datetime.now().astimezone()
        holder = LockHolder(
            host=this_host(),
            pid=os.getpid(),
            since=moment,
            token=secrets.token_hex(8),
            boot=_boot_id(),
            started=_process_started(os.getpid()),
        )
        content = json.dumps(holder.to_dict(), ensure_ascii=False).encode("utf-8")
        current: LockHolder | None = None
        for _ in range(_ATTEMPTS):
            try:
                if _publish(folder, content, holder.token):
                    with _held_guard:
                        _held.add(holder.token)
                    return cls(folder, holder)
            except OSError as error:
                raise LockWriteError(error) from None
            current = read_holder(folder)
            if current is None:
                continue  # released meanwhile: try again
            if not is_stale(current):
                raise SessionLockedError(current, folder.name)
            _remove_if_still(folder, current)
        raise SessionLockedError(current or holder, folder.name)

    def release(self) -> None:
        """Remove the lock file, if it is still ours. Safe to call more than once."""
        if self._released:
            return
        self._released = True
        with _held_guard:
            _held.discard(self.holder.token)
        current = read_holder(self.folder)
        if current is not None and current.token == self.holder.token:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def forget(self) -> None:
        """The folder is gone (session deleted): only drop the bookkeeping."""
        self._released = True
        with _held_guard:
            _held.discard(self.holder.token)


def _remove_if_still(folder: Path, holder: LockHolder) -> bool:
    """Remove the lock when it is still ``holder``'s, not one taken since by another. A lock
    that is no regular file is set aside instead (kept, never deleted). True when removed."""
    path = folder / LOCK_FILE
    with _folder_guard(folder):
        if read_holder(folder) != holder:
            return False
        try:
            if kind(path) == "file":
                path.unlink()
            else:
                os.rename(path, folder / f"{LOCK_FILE}{DAMAGED_MARK}-{secrets.token_hex(4)}")
        except FileNotFoundError:
            return False
        except OSError as error:
            raise save_error(error, "Het slot opruimen") from None
    fsync_dir(folder)
    return True


def release_foreign(folder: Path, holder: LockHolder) -> bool:
    """Release a lock the user judged abandoned (``workshop ontgrendel``), only when it is still
    exactly ``holder`` and not held by a running process on this computer. True when released.
    """
    if holder.host == this_host() and not is_stale(holder):
        raise SessionLockedError(holder)
    return _remove_if_still(folder, holder)
