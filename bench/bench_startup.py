"""Benchmark: start-up to the first usable home screen, with 100 stored sessions.

Both programs are started the same way, as a fresh Python process running a headless Textual
app at 120x36, and stop themselves once their first screen is up:

- baseline: a minimal Textual app (one line of text);
- workshop: the real app on a data folder with 100 stored demo sessions, stopping once the home
  screen lists all of them and that frame has been drawn;
- for context, the real app on an empty data folder.

Each is started ``--runs`` times, alternating, and the median is reported: the whole process
(interpreter, imports, app, exit) and, measured inside the process, from the first line of the
script to the first usable screen. Prints plain lines with the figures and their ratios.

    .venv/bin/python bench/bench_startup.py [--sessions 100] [--runs 9]
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()  # before any import below: the in-process figure starts here

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

SIZE = (120, 36)


# -- the child processes ----------------------------------------------------------------------


def report_ready() -> None:
    print(f"ready_ms={(time.perf_counter() - PROCESS_START) * 1000:.2f}", flush=True)


def run_baseline() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class MinimalApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hallo")

        def on_ready(self) -> None:
            self.call_after_refresh(self.finish)

        def finish(self) -> None:
            report_ready()
            self.exit()

    MinimalApp().run(headless=True, size=SIZE)


def run_workshop(data_dir: Path, expected: int) -> None:
    from textual.widgets import OptionList

    import screens.app
    from screens.app import WorkshopApp
    from screens.home import HomeScreen
    from workshop.store import SessionStore

    class BenchApp(WorkshopApp):
        # Textual resolves CSS_PATH next to the subclass; point it at the real app's style.
        CSS_PATH = str(Path(screens.app.__file__).parent / str(WorkshopApp.CSS_PATH))

        def on_ready(self) -> None:
            self.wait_for_home()

        def wait_for_home(self) -> None:
            screen = self.screen
            if isinstance(screen, HomeScreen):
                sessions = screen.query_one("#home-sessions", OptionList)
                if sessions.option_count == expected:
                    self.call_after_refresh(self.finish)
                    return
            self.set_timer(0.001, self.wait_for_home)

        def finish(self) -> None:
            report_ready()
            self.exit()

    BenchApp(SessionStore(data_dir), exports_dir=data_dir / "exports").run(headless=True, size=SIZE)


# -- the parent -------------------------------------------------------------------------------


def fill_store(data_dir: Path, sessions: int) -> None:
    """``sessions`` full sessions: the demo (contributions, agreements, timers), a day apart.

    The demo is built once through the app's own calls, then stored again under new ids.
    """
    from dataclasses import replace

    from workshop.clock import FakeClock
    from workshop.demo import create_demo_session
    from workshop.model import new_id
    from workshop.store import SessionStore

    store = SessionStore(data_dir)
    clock = FakeClock()
    demo = create_demo_session(store, clock)
    stored = demo.stored()
    demo.close()
    for number in range(1, sessions):
        clock.advance(timedelta(days=1).total_seconds())
        session = replace(
            stored.session,
            id=new_id(),
            title=f"{stored.session.title} ({number + 1})",
            day=clock.now().date(),
        )
        store.create(replace(stored, session=session), clock.now()).close()
    found = len(store.list_sessions())
    if found != sessions:
        raise SystemExit(f"expected {sessions} sessions in the store, found {found}")


def start(args: list[str]) -> tuple[float, float]:
    """Run one child; return (whole process seconds, in-process seconds to ready)."""
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TEXTUAL": ""},
    )
    wall = time.perf_counter() - began
    ready = [line for line in result.stdout.splitlines() if line.startswith("ready_ms=")]
    if result.returncode != 0 or not ready:
        raise SystemExit(
            f"child {args[-2]} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return wall, float(ready[-1].split("=")[1]) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.child:
        kind, data = options.child
        if kind == "baseline":
            run_baseline()
        else:
            run_workshop(Path(data), options.sessions)
        return

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp) / "data"
        began = time.perf_counter()
        fill_store(data_dir, options.sessions)
        print(f"stored {options.sessions} demo sessions in {time.perf_counter() - began:.1f} s")

        empty_dir = Path(tmp) / "empty"
        empty_dir.mkdir()
        kinds = {
            "baseline": ["--child", "baseline", str(data_dir)],
            "workshop": ["--sessions", str(options.sessions), "--child", "workshop", str(data_dir)],
            # For context: the same app on an empty data folder.
            "empty": ["--sessions", "0", "--child", "workshop", str(empty_dir)],
        }
        for args in kinds.values():  # warm the file cache and .pyc files; not counted
            start(args)
        walls: dict[str, list[float]] = {kind: [] for kind in kinds}
        readies: dict[str, list[float]] = {kind: [] for kind in kinds}
        for _ in range(options.runs):
            for kind, args in kinds.items():
                wall, ready = start(args)
                walls[kind].append(wall)
                readies[kind].append(ready)

    median = statistics.median
    print(f"runs per program: {options.runs} (alternating), terminal {SIZE[0]}x{SIZE[1]}, headless")
    labels = {
        "baseline": "minimal Textual app",
        "workshop": f"workshop, {options.sessions} sessions",
        "empty": "workshop, no sessions",
    }
    for kind in kinds:
        print(
            f"{labels[kind]:24} whole process median {median(walls[kind]) * 1000:7.1f} ms"
            f"   to first usable screen median {median(readies[kind]) * 1000:7.1f} ms"
            f"   (min {min(readies[kind]) * 1000:.1f}, max {max(readies[kind]) * 1000:.1f})"
        )
    wall_ratio = median(walls["workshop"]) / median(walls["baseline"])
    ready_ratio = median(readies["workshop"]) / median(readies["baseline"])
    print(f"ratio workshop/baseline, whole process:         {wall_ratio:.2f}")
    print(f"ratio workshop/baseline, to first usable screen: {ready_ratio:.2f}")


if __name__ == "__main__":
    main()
