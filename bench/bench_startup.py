"""Benchmark: start-up of the app's home screen and of the command line, against baselines.

Every program is started as a fresh Python process (this interpreter, with this environment), the
programs of one part take turns (alternating, so a busy machine hurts them alike), and medians
are reported, with ratios against a baseline measured in the same run:

App (a data folder with ``--sessions`` stored demo sessions; headless Textual at 120x36):
- baseline: a bare Textual app (one line of text) that stops once its first frame is drawn
  (handed to the terminal driver, which writes nothing when headless);
- workshop: started as the ``workshop`` command starts it (``workshop.cli.main`` with the data
  folder hands its store to the launcher ``screens.entry.launch_app``, which makes the app: here
  a subclass of ``WorkshopApp`` that only adds stopping itself), stopping once the home screen
  lists all sessions and shows its keys in the footer, and that frame is drawn (handed to the
  terminal driver);
- for context, the same on an empty data folder.
Two figures each, as wall-clock time and beside it as the process's CPU time (user + system, all
threads; a busy machine disturbs it less): the whole process (interpreter start, imports, app,
exit), and, measured inside the process, up to the first usable screen (wall-clock from the
script's first line; CPU time from the process's start, so with the interpreter's start).

Command line (the same data folder):
- baseline: ``python -c pass``;
- ``workshop --version`` and ``workshop list``, run with the code of the ``workshop`` console
  script (``screens.entry.main``).
Whole-process wall-clock time; beside it the process's CPU time (user + system), which a busy
machine disturbs less.

Byte code: by default the child processes run with the environment as it is, so when
PYTHONDONTWRITEBYTECODE is set, the project's modules are compiled again in every process (the
line "byte code" says which). ``--bytecode cached`` gives the children a private cache of compiled
files instead (PYTHONPYCACHEPREFIX in the benchmark's temporary folder), as an installed program
has; the source folders are never written to.

    python bench/bench_startup.py [--sessions 100] [--runs 9] [--cli-runs 21] [--bytecode cached]

Which code is measured follows PYTHONPATH, e.g. ``PYTHONPATH=/path/to/checkout``.
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()  # before any import below: the in-process figure starts here

import argparse  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

SIZE = (120, 36)
# What the ``workshop`` console script runs (see [project.scripts] in pyproject.toml).
CONSOLE_SCRIPT = "import sys; from screens.entry import main; sys.argv[0] = 'workshop'; main()"


# -- the child processes of the app part -------------------------------------------------------


def report_ready() -> None:
    wall, cpu = time.perf_counter() - PROCESS_START, time.process_time()
    print(f"ready_ms={wall * 1000:.2f} ready_cpu_ms={cpu * 1000:.2f}", flush=True)


# Both apps stop themselves at the first frame handed to the terminal driver (App._display; it
# writes nothing when headless) that shows their first usable screen: for the bare app any frame
# of its screen, for the workshop the home screen with every session listed and its keys shown.


def run_baseline() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class MinimalApp(App[None]):
        _done = False

        def compose(self) -> ComposeResult:
            yield Static("Hallo")

        def _display(self, screen: object, renderable: object) -> None:
            super()._display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None and not self._done and self.query_one(Static).region:
                self._done = True
                report_ready()
                self.exit()

    MinimalApp().run(headless=True, size=SIZE)


def run_workshop(data_dir: Path, expected: int) -> None:
    """The real start path: the CLI parses the arguments and hands its launcher the store; the
    launcher (``screens.entry.launch_app``) makes the app, here a subclass that stops itself."""
    import inspect

    from screens.entry import launch_app
    from workshop.cli import LaunchRequest, main

    def make_app(*args: object, **kwargs: object) -> object:
        from textual.widgets import OptionList

        import screens.app
        from screens.app import WorkshopApp
        from screens.home import HomeScreen

        class BenchApp(WorkshopApp):
            # Textual resolves CSS_PATH next to the subclass; point it at the real app's style.
            CSS_PATH = [
                str(Path(screens.app.__file__).parent / path)
                for path in (
                    WorkshopApp.CSS_PATH
                    if isinstance(WorkshopApp.CSS_PATH, list)
                    else [WorkshopApp.CSS_PATH]
                )
            ]

            def run(self, *args: object, **options: object) -> int | None:
                return super().run(headless=True, size=SIZE)

            _done = False

            def _display(self, screen: object, renderable: object) -> None:
                super()._display(screen, renderable)  # type: ignore[arg-type]
                if renderable is not None and not self._done and self.home_is_usable():
                    self._done = True
                    report_ready()
                    self.exit()

            def home_is_usable(self) -> bool:
                """Every session listed (or the 'no sessions yet' text) and the keys shown, all
                laid out on the screen (a widget not laid out yet has an empty region)."""
                screen = self.screen
                if not isinstance(screen, HomeScreen):
                    return False
                keys = screen.query("FooterKey")
                if not keys or not all(key.region for key in keys):
                    return False
                sessions = screen.query_one("#home-sessions", OptionList)
                if expected:
                    return bool(sessions.region) and sessions.option_count == expected
                return bool(screen.query_one("#home-empty").region) and not sessions.display

        return BenchApp(*args, **kwargs)

    def launch(request: LaunchRequest) -> int:
        if "make_app" in inspect.signature(launch_app).parameters:
            return launch_app(request, make_app=make_app)  # type: ignore[arg-type]
        # Code whose launcher takes no app factory: the steps that launcher takes.
        from screens.app import WorkshopApp

        if "store" in inspect.signature(WorkshopApp.__init__).parameters:
            app = make_app(store=request.store, open_session_id=request.session_id)
        else:  # with the application layer, the app is given a Workspace
            from workshop.app.workspace import Workspace  # type: ignore[import-not-found]

            app = make_app(Workspace(request.store), open_session_id=request.session_id)
        app.run()  # type: ignore[attr-defined]
        return 0

    main(["--data", str(data_dir)], launch=launch)


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


class Child:
    """Starts one kind of child process and keeps its figures."""

    def __init__(self, label: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        # The working folder matters: ``python -c`` imports from it before PYTHONPATH.
        self.label, self.args, self.env, self.cwd = label, args, env, cwd
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.readies: list[float] = []
        self.ready_cpus: list[float] = []

    def start(self, *, record: bool = True) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        result = subprocess.run(
            [sys.executable, *self.args],
            capture_output=True,
            text=True,
            timeout=120,
            env=self.env,
            cwd=self.cwd,
        )
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise SystemExit(
                f"{self.label} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        if not record:
            return
        self.walls.append(wall)
        self.cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        ready = [line for line in result.stdout.splitlines() if line.startswith("ready_ms=")]
        if ready:
            figures = dict(part.split("=") for part in ready[-1].split())
            self.readies.append(float(figures["ready_ms"]) / 1000)
            self.ready_cpus.append(float(figures["ready_cpu_ms"]) / 1000)

    def wall(self) -> float:
        return statistics.median(self.walls)

    def cpu(self) -> float:
        return statistics.median(self.cpus)

    def ready(self) -> float:
        return statistics.median(self.readies)

    def ready_cpu(self) -> float:
        return statistics.median(self.ready_cpus)


def take_turns(children: list[Child], runs: int) -> None:
    for child in children:  # warm the file cache (and the byte-code cache); not counted
        child.start(record=False)
    for _ in range(runs):
        for child in children:
            child.start()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def app_part(
    data_dir: Path, empty_dir: Path, sessions: int, runs: int, env: dict[str, str], cwd: Path
) -> None:
    me = [str(Path(__file__).resolve()), "--child"]
    children = [
        Child("bare Textual app", [*me, "baseline", str(data_dir)], env, cwd),
        Child(
            f"workshop, {sessions} sessions",
            [*me, "workshop", str(data_dir), str(sessions)],
            env,
            cwd,
        ),
        Child("workshop, no sessions", [*me, "workshop", str(empty_dir), "0"], env, cwd),
    ]
    take_turns(children, runs)
    print(f"\nApp: home screen, {runs} runs each (alternating), headless {SIZE[0]}x{SIZE[1]}")
    heads = f"{'whole process':>13} {'(cpu)':>9}   {'to first usable screen':>22} {'(cpu)':>9}"
    print(f"  {'medians':26} {heads}")
    for child in children:
        print(
            f"  {child.label:26} {ms(child.wall()):>13} {ms(child.cpu()):>9}"
            f"   {ms(child.ready()):>22} {ms(child.ready_cpu()):>9}"
            f"   (min {min(child.readies) * 1000:.1f}, max {max(child.readies) * 1000:.1f})"
        )
    base, home = children[0], children[1]
    print(
        f"  {'ratio home / bare app':26} {home.wall() / base.wall():13.2f}"
        f" {home.cpu() / base.cpu():9.2f}   {home.ready() / base.ready():22.2f}"
        f" {home.ready_cpu() / base.ready_cpu():9.2f}"
    )


def cli_part(data_dir: Path, sessions: int, runs: int, env: dict[str, str], cwd: Path) -> None:
    cli_env = {**env, "WORKSHOP_DATA": str(data_dir)}
    children = [
        Child("python -c pass", ["-c", "pass"], cli_env, cwd),
        Child("workshop --version", ["-c", CONSOLE_SCRIPT, "--version"], cli_env, cwd),
        Child(f"workshop list ({sessions})", ["-c", CONSOLE_SCRIPT, "list"], cli_env, cwd),
    ]
    take_turns(children, runs)
    print(f"\nCommand line: whole process, {runs} runs each (alternating)")
    base = children[0]
    for child in children:
        wall, cpu = child.wall(), child.cpu()
        print(
            f"  {child.label:26} wall median {ms(wall)}  ratio {wall / base.wall():5.2f}"
            f"   cpu median {ms(cpu)}  ratio {cpu / base.cpu():5.2f}"
        )


def child_env(bytecode: str, tmp: Path) -> dict[str, str]:
    env = {**os.environ, "TEXTUAL": ""}
    # The children start in a folder of their own: a relative PYTHONPATH (``PYTHONPATH=.``) must
    # name the same code there, or they would load an installed copy instead.
    if env.get("PYTHONPATH"):
        paths = env["PYTHONPATH"].split(os.pathsep)
        env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in paths if p)
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--runs", type=int, default=9, help="runs of each app child")
    parser.add_argument("--cli-runs", type=int, default=21, help="runs of each command")
    parser.add_argument("--bytecode", choices=["env", "cached"], default="env")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.child:
        kind, data, *expected = options.child
        if kind == "baseline":
            run_baseline()
        else:
            run_workshop(Path(data), int(expected[0]))
        return

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as name:
        tmp = Path(name)
        data_dir, empty_dir, cwd = tmp / "data", tmp / "empty", tmp / "cwd"
        empty_dir.mkdir()
        cwd.mkdir()  # children start here: nothing to import by accident
        began = time.perf_counter()
        fill_store(data_dir, options.sessions)
        print(f"stored {options.sessions} demo sessions in {time.perf_counter() - began:.1f} s")
        env = child_env(options.bytecode, tmp)
        compiled = (
            "compiled again in every process (PYTHONDONTWRITEBYTECODE)"
            if env.get("PYTHONDONTWRITEBYTECODE")
            else "cached .pyc files"
        )
        print(f"byte code: {compiled}; python {sys.version.split()[0]}; code from {code_root()}")
        app_part(data_dir, empty_dir, options.sessions, options.runs, env, cwd)
        cli_part(data_dir, options.sessions, options.cli_runs, env, cwd)


def code_root() -> str:
    import workshop

    return str(Path(workshop.__file__).resolve().parent.parent)  # the children's too: child_env


if __name__ == "__main__":
    main()
