"""The garbage collector waits while the app starts, and never walks an open session again.

Starting up (importing Textual, building the first screen) makes many objects that stay and
hardly any garbage; collecting again and again meanwhile takes about a tenth of the start. The
launcher pauses the collector before it imports the app, the app pauses it when it loads (if
nobody did), and resumes it once its first frame is shown or when it stops. A collector that
was already off (someone else's choice) stays off.

Paused by the launcher, which runs one app per process, everything made so far is frozen on
resuming (``gc.freeze``): it stays for the life of the process anyway, and is then never examined
again, so resuming costs no long collection. The same holds for an open session: its remarks,
agreements and the runner's widgets stay while it is open, and a full collection that walks them
all (10,000 remarks: 0.5 s and more on a busy machine, in the middle of typing) finds nothing.
So once the runner is shown, everything is frozen again (``session_shown``); back on the home
screen it is thawed and collected once (``session_left``), so that what the closed session leaves
is freed and not frozen with the next one.
While the session is open, the screens opened from the runner, their drawn lines and Textual's
caches of them (some 80,000 objects after a few F10s and F12s) are made after that freeze. A full
collection walked them all in the middle of a key: pauses of 30-60 ms. So at a quiet moment (no
key for ``QUIET_SECONDS`` after some keys: ``quiet_moment``) what the keys left is collected and
what stays is frozen too (``settle``): the collection then walks only what the last keys made,
a few ms. Frozen objects are still freed when nothing refers to them any more; only a cycle that
is dropped while frozen (a closed dialog, old footer keys: some 25,000 objects per round of F10,
F12 and the agreement form) is kept. Once those may have grown past ``TIDY_GROWTH`` objects, a
longer quiet moment (``TIDY_SECONDS``) thaws everything and collects it once (``tidy``), as
``session_left`` does; the memory a long session takes stays bounded.
An app started otherwise (tests start many in one process) never freezes: its objects must stay
collectable.
"""

from __future__ import annotations

import gc

_paused_here = False
_whole_process = False  # the launcher's choice: one app for the rest of this process
_session_frozen = False
_settled_at = 0.0  # when ``quiet_moment`` last settled (the keys' clock)
_frozen_at_start = 0  # objects frozen when the session was shown, or at the last ``tidy``

QUIET_SECONDS = 0.2
TIDY_SECONDS = 3.0
TIDY_GROWTH = 250_000


def pause(*, whole_process: bool = False) -> None:
    """Pause collecting; ``whole_process``: the caller runs one app for the rest of the process."""
    global _paused_here, _whole_process
    _whole_process = _whole_process or whole_process
    if gc.isenabled():
        gc.disable()
        _paused_here = True


def resume() -> None:
    global _paused_here
    if _paused_here:
        _paused_here = False
        if _whole_process:
            gc.freeze()
        gc.enable()


def session_shown() -> None:
    """A session is open in the runner (or its phones start): freeze what exists now (see the
    module); ``session_left`` thaws it all. With ``settle`` and ``tidy`` the only places that
    freeze for a session."""
    global _session_frozen, _frozen_at_start
    if _whole_process:
        gc.freeze()
        _session_frozen = True
        _frozen_at_start = gc.get_freeze_count()


def settle() -> None:
    """While a frozen session is open: collect what is garbage now, freeze what stays."""
    if _session_frozen:
        gc.collect()
        gc.freeze()


def tidy() -> None:
    """While a frozen session is open: thaw everything, collect once, freeze what stays."""
    global _frozen_at_start
    if _session_frozen:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen_at_start = gc.get_freeze_count()


def quiet_moment(last_key: float, now: float) -> str:
    """What a quiet moment allows (``last_key`` and ``now`` from one monotonic clock): "tidy"
    after ``TIDY_SECONDS`` without keys once enough may be kept that is garbage; else "settle"
    once keys came since the last time and none for ``QUIET_SECONDS``; else "" (nothing)."""
    global _settled_at
    if not _session_frozen:
        return ""
    quiet = now - last_key
    if quiet >= TIDY_SECONDS and gc.get_freeze_count() - _frozen_at_start > TIDY_GROWTH:
        _settled_at = now
        tidy()
        return "tidy"
    if last_key > _settled_at and quiet >= QUIET_SECONDS:
        _settled_at = now
        settle()
        return "settle"
    return ""


def session_left() -> None:
    """Back on the home screen: the session is closed; thaw, and collect what it left now (on
    the home screen, after its frame), not frozen with the next session that opens."""
    global _session_frozen, _settled_at
    _settled_at = 0.0
    if _session_frozen:
        _session_frozen = False
        gc.unfreeze()
        gc.collect()


def end_whole_process() -> None:
    """Forget the launcher's choice and thaw everything (a benchmark running apps in turn)."""
    global _whole_process, _session_frozen, _settled_at
    _whole_process = _session_frozen = False
    _settled_at = 0.0
    gc.unfreeze()
