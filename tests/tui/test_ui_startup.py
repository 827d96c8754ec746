"""Start-up stays fast: the home screen loads only what it needs (issue 9, item 6).

The app is started in a fresh interpreter (this test process has long imported everything), the
home screen lists a stored session, and then the loaded modules are checked: no TinyDB, no session
files, templates or export libraries, and none of the screens that are only opened later.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from workshop.clock import FakeClock
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template

# Started the way the ``workshop`` command starts it: the CLI hands over its store, which the
# app holds in a Workspace (as screens.entry does).
CHILD = """
import asyncio, json, sys
from workshop.cli import main

def launch(request):
    from screens.app import WorkshopApp
    from workshop.app.workspace import Workspace

    async def run():
        workspace = Workspace(request.store, exports_dir=request.store.root / "exports")
        app = WorkshopApp(workspace)
        async with app.run_test(size=(120, 36)) as pilot:
            sessions = pilot.app.screen.query_one("#home-sessions")
            prompt = str(sessions.get_option_at_index(0).prompt)
            print(json.dumps([prompt, sorted(sys.modules)]))

    asyncio.run(run())
    return 0

main(["--data", sys.argv[1]], launch=launch)
"""

NOT_AT_START = [
    "tinydb",
    # The libraries of the phones, export and the schema: a summary as we write it is read
    # without msgspec (workshop.summary_plain).
    "msgspec",
    "aiohttp",
    "segno",
    "babel",
    "typst",
    "workshop.schema",
    "markdown_it",
    "icalendar",
    "workshop.store",
    "workshop.model",
    "workshop.template",
    "workshop.scan",
    "workshop.session",
    "workshop.trajectory",
    "workshop.export",
    "workshop.privacy",
    "workshop.demo",
    "screens.runner",
    "screens.new_session",
    "screens.export_preview",
    "screens.review",
    "screens.scan",
    "screens.agreement_form",
    "screens.goal_form",
    "screens.help",
    "screens.widgets",
    # Dialogs, the menu and the writer of an open session: loaded when first used.
    "screens.confirm",
    "screens.menu_palette",
    "screens.too_small",
    "screens.writes",
    "workshop.app.writer",
]


def test_home_screen_loads_no_store_and_no_later_screen(tmp_path: Path) -> None:
    live = create_session(
        SessionStore(tmp_path),
        FakeClock(),
        title="Avond met ouders",
        template=get_template(DEFAULT_TEMPLATE_ID),
    )
    live.close()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first_prompt, modules = json.loads(result.stdout.splitlines()[-1])
    assert first_prompt.startswith("Avond met ouders")  # the home screen really listed it
    loaded = [
        name
        for name in NOT_AT_START
        if any(module == name or module.startswith(f"{name}.") for module in modules)
    ]
    assert loaded == []
