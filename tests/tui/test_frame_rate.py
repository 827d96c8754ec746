"""The app asks Textual for 120 frames per second (screens.entry): a key's effect then waits at
most about 8 ms for Textual's next frame tick instead of 17 (issue 9, key to frame)."""

from __future__ import annotations

import os
import subprocess
import sys

from screens.entry import FRAMES_PER_SECOND, use_frame_rate

PROBE = """
import sys
import screens.entry
assert "textual" not in sys.modules, "the launcher is imported before Textual"
screens.entry.use_frame_rate()
import textual.constants
print(textual.constants.MAX_FPS)
"""


def frame_rate_in_a_fresh_process(**environ: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"} | environ
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


def test_the_launcher_sets_the_frame_rate_before_textual_reads_it() -> None:
    assert FRAMES_PER_SECOND == 120
    assert frame_rate_in_a_fresh_process() == FRAMES_PER_SECOND


def test_a_frame_rate_set_by_someone_stays() -> None:
    environ = {"TEXTUAL_FPS": "30"}
    use_frame_rate(environ)
    assert environ == {"TEXTUAL_FPS": "30"}
    assert frame_rate_in_a_fresh_process(TEXTUAL_FPS="30") == 30
