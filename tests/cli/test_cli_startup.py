"""Start-up stays fast: the CLI loads only what a command needs (issue 9, item 6).

Each check runs in a fresh interpreter, because this test process has long imported everything.
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

# Heavy libraries that printing a version or a list of sessions has no use for (msgspec: a
# summary as we write it is read without it, workshop.summary_plain).
HEAVY = [
    "tinydb",
    "textual",
    "markdown_it",
    "icalendar",
    "msgspec",
    "aiohttp",
    "segno",
    "babel",
    "typst",
]


def modules_after(argv: list[str]) -> tuple[str, list[str]]:
    """Run ``workshop.cli.main(argv)`` in a fresh interpreter; its output and loaded modules."""
    code = (
        "import json, sys\n"
        "import workshop.cli\n"
        "try:\n"
        f"    workshop.cli.main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    *output, modules = result.stdout.splitlines()
    return "\n".join(output), json.loads(modules)


def loaded(modules: list[str], package: str) -> bool:
    return any(name == package or name.startswith(f"{package}.") for name in modules)


def test_version_loads_no_store_and_no_heavy_library() -> None:
    output, modules = modules_after(["--version"])
    assert output.startswith("workshop ")
    assert [name for name in HEAVY if loaded(modules, name)] == []
    assert "workshop.store" not in modules


def test_list_reads_only_the_summaries(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    live = create_session(
        store, FakeClock(), title="Avond met ouders", template=get_template(DEFAULT_TEMPLATE_ID)
    )
    live.close()
    output, modules = modules_after(["--data", str(tmp_path), "list"])
    assert "Avond met ouders" in output  # it really listed the session
    assert [name for name in HEAVY if loaded(modules, name)] == []
    # Neither the session files' module, the session model, templates nor scans are needed.
    needless = {"workshop.store", "workshop.model", "workshop.template", "workshop.scan"}
    assert needless.isdisjoint(modules)
    # Good summaries need no Dutch reasons for a refusal: those load only when one is refused.
    assert "workshop.schema_errors" not in modules
