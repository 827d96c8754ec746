"""Benchmark: every key in the runner, from the key to the first frame that shows its effect.

    PYTHONPATH=. /work/venv/bin/python bench/bench_keys.py [--rounds 10] [--scenarios A,B]

Prints figures, not a test (nothing in tests/ depends on them). Drives the real app
(``WorkshopApp`` under ``App.run_test()`` at 120x36, with a real store in a temporary folder and
real durable saves) on three sessions, generated through the store, not by typing:

empty  nothing but the few remarks the benchmark types into it: the baseline (ratio column)
A      500 remarks spread over the 18 steps (28 in the measured step), 100 agreements
B      10,000 remarks, 2,000 of them in the measured step (1,000 per column), 100 agreements

Targets (issue 9): at most 50 ms in A, at most 100 ms in B. Each session opens one step AFTER
the measured step, so a round starts with PageUp INTO the (big) step and ends with PageDown out
of it. A round presses: PageUp, three letters (each timed), Enter (saves a remark), F10
(agreements) and Escape back, F12 (export preview) and Escape back, ``a`` on the highlighted
remark (the agreement form; the list is focused first with an untimed Escape) and Escape to
close it, PageDown. Round 0 is a warm-up (column "first"; in the empty session, which runs
first, it includes loading the screens' modules); the ``--rounds`` after it give median and max.
Before round 0 the benchmark waits until the app is idle after opening the session; meanwhile
the runner builds its F10 screen and agreement form ahead (screens.runner_ahead), as it does
while a facilitator looks at the screen. So "first" is the first press of a session in use, not
a press within the first second after opening (then the first ``a`` took 63-70 ms in A).
A screen key whose warm-up press took over 3 s is not pressed again (shown as n = 1*: that one
press): repeating a key that slow would only make the run long.

Latency: from the moment the key is posted to the app (as the terminal driver posts it) to the
first frame whose content shows the key's effect: the letter in the line; the saved remark in
its column with the column's new count; the new step's title and both column counts; the other
screen with its content (agreements in the table, the form with its remark); the runner back
with its step and counts. F12 is timed twice: "F12 export" to the first frame of the preview
screen (its "Plan wordt klaargezet…" line, or the plan if that is already there), "F12 plan
shown" to the first frame with the plan's title (the plan is made and rendered in a thread).
Frames are taken where Textual hands them to the driver (``App._display``), turned into the
escape sequences a terminal would get (Textual skips that under the headless driver; we do it,
and count it) and applied to a virtual terminal on which the effect is checked. NOT included:
writing those bytes to a real terminal, the terminal's own drawing, and the keyboard and
terminal before the key is posted. The time the instruments themselves take (virtual terminal,
checks) is measured and subtracted.

Block: the longest time the event loop could not run anything (a task sleeps 1 ms and measures
how late it wakes), from the key until the app is idle again; a key typed meanwhile waits that
long. After each key the benchmark waits until the app is idle (100 ms without a block over
5 ms and with under 20% CPU in the process), so one key's tail does not land in the next key's
figures; real typing does not wait (see the block column). Per session it also prints the
longest block over all timed rounds with the UI thread's CPU time in it (the rest: another
thread holding the GIL, such as a background compaction, or a busy machine), the time spent in
garbage collection (a pause of the whole interpreter) and the objects it tracks before and after
the rounds (growth means something is kept that should not be).

Frame rate: 120 frames per second at most, as the ``workshop`` command asks Textual for it
(``screens.entry.use_frame_rate``; an own TEXTUAL_FPS in the environment stays).

Garbage collector: by default (``--gc launcher``) set up as the ``workshop`` command sets it up
(screens.collector: paused while the app starts, everything frozen after its first frame and again
once the runner shows the session); ``--gc plain`` leaves it as tests have it (never frozen), to
compare. Each session starts from a thawed collector. Resident memory is printed per session.

Baselines in the same run: the same keys in the empty session (ratio column), and for Enter one
append+fsync of a journal line like a remark's, in the same folder (the floor for any durable
save), measured once per round in each session.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from screens.entry import use_frame_rate

use_frame_rate()  # as the ``workshop`` command does, before Textual is imported (screens.entry)

from key_probe import Check, FrameWatch, LoopWatch  # noqa: E402  # beside this script
from key_report import Figures, print_table  # noqa: E402
from key_sessions import HOME, NEXT, SCENARIOS, Scenario, build_session  # noqa: E402
from textual import events  # noqa: E402
from textual.keys import _character_to_key, _get_unicode_name_from_key  # noqa: E402

from screens import collector  # noqa: E402
from screens.agreement_form import AgreementFormScreen  # noqa: E402
from screens.agreements import AgreementsScreen  # noqa: E402
from screens.app import WorkshopApp  # noqa: E402
from screens.export_preview import ExportPreviewScreen  # noqa: E402
from screens.runner import RunnerScreen  # noqa: E402
from screens.widgets import ContributionList  # noqa: E402
from workshop.app.workspace import Workspace  # noqa: E402
from workshop.clock import SystemClock  # noqa: E402
from workshop.journal import encode_record  # noqa: E402
from workshop.model import Contribution, Group  # noqa: E402

SIZE = (120, 36)
TIMEOUT = 600.0  # seconds to wait for a key's effect before giving up
SLOW = 3.0  # seconds: a screen key this slow in the warm-up round is not pressed again
LETTERS = "kof"  # typed one by one, each timed


class BenchError(Exception):
    """A key's effect never showed: the check or the app is wrong. Printed, then stop."""


def key_event(app: WorkshopApp, key: str) -> events.Key:
    """The event a terminal driver posts for ``key`` (as Pilot makes it)."""
    import unicodedata

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


class Session:
    """One running app on one generated session, and the keys pressed in it."""

    def __init__(self, app: WorkshopApp, scenario: Scenario, folder: Path) -> None:
        self.app = app
        self.scenario = scenario
        self.loop_watch = LoopWatch()
        self.watch = FrameWatch(app, self.loop_watch, SIZE)
        self.figures = Figures()
        self.timed = False  # False during the warm-up round
        self.append_path = folder / "append.jsonl"
        self.seq = 0

    # -- pressing keys --------------------------------------------------------------------------

    async def press(
        self, key: str, check: Check, label: str = "", early: tuple[Check, str] | None = None
    ) -> None:
        """Post ``key``, wait for the first frame that passes ``check``, then for quiet.
        ``early``: a check for an earlier sign of the effect and its label, timed too."""
        event = key_event(self.app, key)
        self.loop_watch.reset_window()
        self.watch.expect(check, early[0] if early else None)
        self.app._driver.send_message(event)  # type: ignore[union-attr]
        try:
            await asyncio.wait_for(self.watch.shown.wait(), TIMEOUT)
        except TimeoutError:
            raise BenchError(
                f"{self.scenario.name}, {label or key}: no frame showed the effect within "
                f"{TIMEOUT:.0f} s. Last frame:\n{self.watch.dump()}"
            ) from None
        latency = self.watch.latency
        assert latency is not None
        await self.loop_watch.quiet()
        if label:
            self.record(label, latency, self.loop_watch.window_max)
        if early and self.watch.early_latency is not None:
            self.record(early[1], self.watch.early_latency, self.loop_watch.window_max)

    def record(self, label: str, latency: float, block: float) -> None:
        figures = self.figures
        if not self.timed:
            figures.first.setdefault(label, latency)
            figures.first_block[label] = max(figures.first_block.get(label, 0.0), block)
            return
        figures.times.setdefault(label, []).append(latency)
        figures.blocks[label] = max(figures.blocks.get(label, 0.0), block)

    async def settle(self) -> None:
        await self.loop_watch.quiet()

    # -- what the screen should show ------------------------------------------------------------

    @property
    def runner(self) -> RunnerScreen:
        screen = self.app.screen
        if not isinstance(screen, RunnerScreen):
            raise BenchError(f"{self.scenario.name}: expected the runner, found {screen!r}")
        return screen

    def step_texts(self, place: tuple[int, int]) -> tuple[str, ...]:
        """The step line and both column headings the runner shows at ``place``, as now stored."""
        live = self.runner.live
        phase = live.template.phases[place[0]]
        step_line = f"Stap {place[1] + 1} van {len(phase.steps)}: {phase.steps[place[1]].title}"
        headings = []
        for group, name in ((Group.TEAM, "TEAM"), (Group.OUDERPANEL, "OUDERPANEL")):
            count = len(live.contributions_at(*place, group))
            headings.append(f"{name}  ({count})" if count else name)
        return (step_line, *headings)

    def runner_at(self, place: tuple[int, int]) -> Check:
        texts = self.step_texts(place)
        return lambda w: isinstance(self.app.screen, RunnerScreen) and w.shows(*texts)

    # -- one round ------------------------------------------------------------------------------

    async def round(self, number: int) -> None:
        await self.press("pageup", self.runner_at(HOME), "PageUp (into step)")
        await self.type_letters()
        await self.enter(number)
        self.measure_append()
        back = self.runner_at(HOME)
        has_agreements = bool(self.runner.live.agreements)
        table_text = "Afspraak nr. " if has_agreements else "Nog geen afspraken"
        await self.there_and_back(
            "f10",
            lambda w: isinstance(self.app.screen, AgreementsScreen) and w.shows(table_text),
            "F10 agreements",
            back,
            "Escape from F10",
        )
        title = self.runner.live.session.title
        await self.there_and_back(
            "f12",
            lambda w: (
                isinstance(self.app.screen, ExportPreviewScreen)
                and w.shows("Plan bekijken en opslaan", title)
            ),
            "F12 plan shown",
            back,
            "Escape from F12",
            early=(
                lambda w: (
                    isinstance(self.app.screen, ExportPreviewScreen)
                    and w.shows("Plan bekijken en opslaan")
                ),
                "F12 export",
            ),
        )
        await self.agreement_form()
        await self.press("pagedown", self.runner_at(NEXT), "PageDown (out of step)")

    async def there_and_back(
        self,
        key: str,
        check: Check,
        label: str,
        back: Check,
        back_label: str,
        early: tuple[Check, str] | None = None,
    ) -> None:
        """A key that opens a screen, then Escape back; skipped in the timed rounds when its
        warm-up press took longer than SLOW (the table then shows that one press)."""
        if self.timed and label in self.figures.slow:
            return
        await self.press(key, check, label, early)
        await self.press("escape", back, back_label)
        if not self.timed and self.figures.first[label] > SLOW:
            self.figures.slow.update((label, back_label, *([early[1]] if early else [])))

    async def type_letters(self) -> None:
        field_input = self.runner.capture.input
        field_input.value = "Typtest "
        field_input.cursor_position = len(field_input.value)
        await self.settle()
        for letter in LETTERS:
            expected = field_input.value + letter
            await self.press(letter, lambda w, text=expected: w.shows(text), "letter")
        field_input.value = ""
        await self.settle()

    async def enter(self, number: int) -> None:
        runner = self.runner
        text = f"Meting {self.scenario.name} ronde {number}"
        runner.capture.input.value = text
        runner.capture.input.cursor_position = len(text)
        await self.settle()
        count = len(runner.live.contributions_at(*HOME, Group.TEAM)) + 1
        bar = runner.capture.region
        bar_rows = range(bar.y, bar.bottom)

        def saved_and_shown(w: FrameWatch) -> bool:
            lines = w.terminal.lines()
            in_list = any(text in line for y, line in enumerate(lines) if y not in bar_rows)
            return in_list and w.shows(f"TEAM  ({count})")

        await self.press("enter", saved_and_shown, "Enter (save)")

    async def agreement_form(self) -> None:
        form_texts = ("Nieuwe afspraak", "Uit inbreng van het")
        await self.press("escape", lambda w: isinstance(self.app.focused, ContributionList))
        back = self.runner_at(HOME)
        await self.press(
            "a",
            lambda w: isinstance(self.app.screen, AgreementFormScreen) and w.shows(*form_texts),
            "a (agreement form)",
        )
        await self.press("escape", lambda w: back(w) and w.hides(*form_texts), "Escape from form")
        field_input = self.runner.capture.input
        await self.press("i", lambda w: self.app.focused is field_input)

    def measure_append(self) -> None:
        """The floor for a durable save: one journal line like a remark's, appended and fsynced."""
        remark = Contribution(
            text=f"Meting {self.scenario.name}: een regel zo lang als een opmerking",
            group=Group.TEAM,
            phase=HOME[0],
            step=HOME[1],
            created=self.runner.live.session.created or SystemClock().now(),
        )
        self.seq += 1
        line = encode_record(self.seq, [("contributions", remark.id, remark.to_dict())])
        fd = os.open(self.append_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            start = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            elapsed = time.perf_counter() - start
        finally:
            os.close(fd)
        self.loop_watch.excluded += elapsed  # ours, not the app's: not a loop block
        if self.timed:
            self.figures.append.append(elapsed)


def resident_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


async def run_scenario(scenario: Scenario, root: Path, rounds: int, gc_mode: str) -> Figures:
    folder = root / scenario.name
    store, session_id = build_session(folder, scenario)
    workspace = Workspace(store, SystemClock(), folder / "exports")
    if gc_mode == "launcher":  # as the ``workshop`` launcher starts the app (screens.entry)
        collector.pause(whole_process=True)
    app = WorkshopApp(workspace, open_session_id=session_id)
    session = Session(app, scenario, folder)
    started = time.perf_counter()
    async with app.run_test(size=SIZE):
        session.loop_watch.start()
        while not isinstance(app.screen, RunnerScreen) or not app.screen.is_mounted:
            await asyncio.sleep(0.01)  # not pilot.pause(): that draws a frame itself
        session.watch.expect(session.runner_at(NEXT))
        await asyncio.wait_for(session.watch.shown.wait(), TIMEOUT)
        session.figures.opened = time.perf_counter() - started
        await session.settle()
        session.loop_watch.reset_longest()
        objects_before = len(gc.get_objects())
        for number in range(rounds + 1):
            session.timed = number > 0
            await session.round(number)
        session.figures.longest = session.loop_watch.longest
        session.figures.longest_cpu = session.loop_watch.longest_cpu
        session.figures.gc_total = session.loop_watch.gc_total
        session.figures.gc_longest = session.loop_watch.gc_longest
        session.figures.frames = session.watch.frames
        session.figures.objects = (objects_before, len(gc.get_objects()))
        session.figures.frozen = gc.get_freeze_count()
        session.figures.rss_mb = resident_mb()
        await session.loop_watch.stop()
    return session.figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="timed rounds per session")
    parser.add_argument("--folder", type=Path, help="where the sessions go (default: temporary)")
    parser.add_argument(
        "--scenarios", default="A,B", help="which besides the empty baseline (default: A,B)"
    )
    parser.add_argument(
        "--gc",
        choices=["launcher", "plain"],
        default="launcher",
        help="launcher: the garbage collector as the workshop command sets it up (paused for the "
        "start, frozen once a session is shown); plain: as in tests (never frozen)",
    )
    args = parser.parse_args()
    chosen = {name.strip() for name in args.scenarios.split(",")}
    scenarios = [s for s in SCENARIOS if s.name == "empty" or s.name in chosen]
    load = os.getloadavg()
    print(
        f"bench_keys: {args.rounds} timed rounds (+1 warm-up) per session, {SIZE[0]}x{SIZE[1]}, "
        f"{len(LETTERS)} letters per round; garbage collector: {args.gc}; load average "
        f"{load[0]:.2f} at the start"
    )
    results: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        os.chmod(folder, 0o700)
        for scenario in scenarios:
            print(f"{scenario.name}: {scenario.describe} ...", end=" ", flush=True)
            started = time.perf_counter()
            try:
                results[scenario.name] = asyncio.run(
                    run_scenario(scenario, Path(folder), args.rounds, args.gc)
                )
            except BenchError as error:
                sys.exit(f"bench_keys: {error}")
            finally:
                collector.end_whole_process()  # the next session starts as a fresh process would
                gc.collect()  # without what this one left
            print(f"done in {time.perf_counter() - started:.0f} s", flush=True)
    print_table(scenarios, results, SLOW)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
