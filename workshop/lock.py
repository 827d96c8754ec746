"""One writer per session: a lock file in the session folder.

The lock file holds who has the session open (host, process id, since when). It is first written
in full to a private temporary file (created with O_CREAT|O_EXCL), then published with a hard link,
which fails when a lock already exists. So a lock file, once there, is always complete: a reader
never sees half a lock, also not after a crash in the middle of taking one.

A lock left by a process that no longer runs on this machine is stale and is taken over. Stale
means: the process id does not exist, or it now belongs to a process started later (Linux), or the
machine has restarted since (Linux boot id). Locks from other machines (a shared folder) are never
taken over automatically: we cannot see their processes.
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

from workshop.clock import Clock
from workshop.errors import StoreError, WorkshopError
from workshop.storage import FILE_MODE, TMP_SUFFIX, fsync_dir, save_error
from workshop.text import format_moment

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

    def __init__(self, holder: LockHolder) -> None:
        self.holder = holder
        super().__init__(
            f"Deze sessie is al open op {holder.host} (proces {holder.pid}, sinds "
            f"{holder.since_label}). Je kunt hem wel bekijken (alleen-lezen)."
        )


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
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"Het slot {path} kan niet worden gelezen: {error.strerror}.") from None
    try:
        holder = LockHolder.from_dict(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError):
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
                raise save_error(error, "De sessie openen om te schrijven") from None
            current = read_holder(folder)
            if current is None:
                continue  # released meanwhile: try again
            if not is_stale(current):
                raise SessionLockedError(current)
            with _folder_guard(folder):
                # Only remove the very lock we judged stale, not one taken since by another.
                if read_holder(folder) == current:
                    with contextlib.suppress(FileNotFoundError):
                        (folder / LOCK_FILE).unlink()
        raise SessionLockedError(current or holder)

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
