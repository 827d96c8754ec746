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
An app started otherwise (tests start many in one process) never freezes: its objects must stay
collectable.
"""

from __future__ import annotations

import gc

_paused_here = False
_whole_process = False  # the launcher's choice: one app for the rest of this process
_session_frozen = False


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
    module); ``session_left`` thaws it all. The only place that freezes for a session."""
    global _session_frozen
    if _whole_process:
        gc.freeze()
        _session_frozen = True


def session_left() -> None:
    """Back on the home screen: the session is closed; thaw, and collect what it left now (on
    the home screen, after its frame), not frozen with the next session that opens."""
    global _session_frozen
    if _session_frozen:
        _session_frozen = False
        gc.unfreeze()
        gc.collect()


def end_whole_process() -> None:
    """Forget the launcher's choice and thaw everything (a benchmark running apps in turn)."""
    global _whole_process, _session_frozen
    _whole_process = _session_frozen = False
    gc.unfreeze()
