"""The garbage collector waits while the app starts.

Starting up (importing Textual, building the first screen) makes many objects that stay and
hardly any garbage; collecting again and again meanwhile takes about a tenth of the start. The
launcher pauses the collector before it imports the app, the app pauses it when it loads (if
nobody did), and resumes it once its first frame is shown or when it stops. A collector that
was already off (someone else's choice) stays off.

Paused by the launcher, which runs one app per process, everything made so far is frozen on
resuming (``gc.freeze``): it stays for the life of the process anyway, and is then never examined
again, so resuming costs no long collection. An app started otherwise (tests start many in one
process) does not freeze: its objects must stay collectable.
"""

from __future__ import annotations

import gc

_paused_here = False
_freeze_on_resume = False


def pause(*, whole_process: bool = False) -> None:
    """Pause collecting; ``whole_process``: the caller runs one app for the rest of the process."""
    global _paused_here, _freeze_on_resume
    if gc.isenabled():
        gc.disable()
        _paused_here = True
        _freeze_on_resume = whole_process


def resume() -> None:
    global _paused_here
    if _paused_here:
        _paused_here = False
        if _freeze_on_resume:
            gc.freeze()
        gc.enable()
