"""Issue 8, item 12 and the smaller CLI items: what the command line prints is safe to see.

Seen: escape sequences from files printed raw (unknown field names in an import file, the lock's
host name, template names, stored titles in doctor, templates and list), a 5 MB field name gave
a 5 MB error line; ``--out ""`` wrote into the current folder; ``workshop doctor | head`` said
"Broken pipe"; an unwritable current folder gave no hint at ``--out``; right-to-left overrides
and zero-width characters let one session pass for another.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_cli import run_cli

from workshop.cli import main
from workshop.clock import FakeClock
from workshop.console import LINE_MAX, VisibleStream
from workshop.demo import create_demo_session
from workshop.errors import ValidationError
from workshop.interchange import dump_session
from workshop.session import create_session
from workshop.store import SessionStore
from workshop.template import DEFAULT_TEMPLATE_ID, get_template
from workshop.text import clean_line
from workshop.visible import visible

ESCAPES = "\x1b]0;gehackt\x07\x1b[2J\x1b[H\x1b[31m\x9b"
RLO = "\u202e"


def run(data: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data", str(data), *args])
    return code, out.getvalue(), err.getvalue()


def assert_nothing_raw(text: str) -> None:
    """No control character but the line break, and no invisible reordering, reached the output."""
    for ch in text:
        assert ch == "\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F), repr(text[:200])
        assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    live = create_demo_session(SessionStore(data), FakeClock())
    session_id = live.session.id
    live.close()
    return data, session_id


# -- the one place: visible() and the wrapped output ---------------------------------------------


def test_visible_shows_controls_and_cuts_long_values() -> None:
    assert visible("a\x1bb\x07c\x7fd\x9be") == "a␛b␇c␡d\\x9be"
    assert visible(f"Ouder{RLO}avond\u200b") == "Ouder<U+202E>avond<U+200B>"
    assert visible("x" * 81) == "x" * 80 + "…"
    assert visible("x" * 80) == "x" * 80
    assert visible("\ud800", limit=None) == "\\ud800"
    assert visible("gewoon 👩\u200d👩\u200d👧 مرحبا") == "gewoon 👩\u200d👩\u200d👧 مرحبا"


def test_the_wrapped_stream_keeps_line_breaks_and_cuts_overlong_lines() -> None:
    target = io.StringIO()
    stream = VisibleStream(target, line_max=10)
    stream.write("ab\x1b[2Jc\n")
    stream.write("0123456")
    stream.write("789abcdef")  # the same line, past the limit
    stream.write("gh\nkort\n")
    assert target.getvalue() == "ab␛[2Jc\n0123456789…\nkort\n"


# -- where file text is printed ------------------------------------------------------------------


def test_unknown_field_names_in_an_import_file_are_shown_not_obeyed(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    """The real program in a terminal-less child: one short line, nothing a terminal obeys."""
    data, session_id = demo
    document = dump_session(SessionStore(data).load(session_id))
    for key, shown in ((ESCAPES, "'␛]0;gehackt␇␛[2J"), ("k" * 5_000_000, "'" + "k" * 40 + "…'")):
        path = tmp_path / "vijandig.json"
        path.write_text(json.dumps({**document, key: 1}), encoding="utf-8")
        result = run_cli("import", str(path), env_data=data)
        assert result.returncode == 1
        [line] = result.stderr.splitlines()
        assert_nothing_raw(result.stderr)
        assert len(line) < 300
        assert shown in line and "dit veld is onbekend" in line


def test_an_escape_in_a_field_name_is_visible_in_the_message(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    data, session_id = demo
    document = {**dump_session(SessionStore(data).load(session_id)), ESCAPES: 1}
    path = tmp_path / "vijandig.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run(data, "import", str(path))
    assert code == 1
    assert "'␛]0;gehackt␇␛[2J␛[H␛[31m\\x9b': dit veld is onbekend" in err
    assert_nothing_raw(err)


def put_title(data: Path, session_id: str, title: str) -> None:
    """A title written by hand into the session's files (the app itself cleans what is typed)."""
    folder = data / "sessions" / session_id
    summary = json.loads((folder / "summary.json").read_text())
    summary["title"] = title
    (folder / "summary.json").write_text(json.dumps(summary))
    stored = json.loads((folder / "session.json").read_text())
    stored["session"]["1"]["title"] = title
    (folder / "session.json").write_text(json.dumps(stored))


def test_list_and_doctor_show_a_stored_title_with_its_controls_visible(
    demo: tuple[Path, str],
) -> None:
    data, session_id = demo
    put_title(data, session_id, f"Avond{ESCAPES}{RLO}tset")
    code, out, _ = run(data, "list")
    assert code == 0
    assert "Avond␛]0;gehackt␇␛[2J␛[H␛[31m\\x9b<U+202E>tset" in out
    assert_nothing_raw(out)
    code, out, _ = run(data, "doctor")
    assert f"{session_id} (Avond␛]0;gehackt␇" in out
    assert_nothing_raw(out)


def test_a_template_name_and_file_name_are_shown_not_obeyed(tmp_path: Path) -> None:
    from helpers_templates import VALID

    own = tmp_path / "data" / "sjablonen"
    own.mkdir(parents=True)
    (own / "eigen.toml").write_text(VALID, encoding="utf-8")
    (own / "kapot\x1b[2J.toml").write_text(VALID, encoding="utf-8")
    code, out, err = run(tmp_path / "data", "templates")
    assert code == 0
    assert "eigen  Proef" in out
    assert "kapot␛[2J.toml" in err
    assert_nothing_raw(out + err)


def test_the_host_name_of_a_lock_is_shown_not_obeyed(demo: tuple[Path, str]) -> None:
    data, session_id = demo
    lock = {"host": f"laptop{ESCAPES}", "pid": 4242, "since": None, "token": "t"}
    (data / "sessions" / session_id / "lock.json").write_text(json.dumps(lock))
    code, _, err = run(data, "verwijder", session_id, "--ja")
    assert code == 1
    assert "al open op laptop␛]0;gehackt␇" in err
    assert_nothing_raw(err)


# -- right-to-left overrides and zero-width characters -------------------------------------------


def test_typed_text_loses_overrides_and_zero_width_characters_but_keeps_joiners() -> None:
    assert clean_line(f"Ouderavond {RLO}5202-30-01\u202c") == "Ouderavond 5202-30-01"
    assert clean_line("\ufeffSev\u200bda\u2060\u2066\u2069") == "Sevda"
    family = "👩\u200d👩\u200d👧 feest"
    assert clean_line(family) == family
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert clean_line(persian) == persian
    assert clean_line("\u200d\u200c Sevda \u200c") == "Sevda"
    with pytest.raises(ValidationError):  # nothing visible left: a required field is empty
        create_session(
            SessionStore(Path("/nonexistent")),
            FakeClock(),
            title=f"{RLO}\u200b\u200d",
            template=get_template(DEFAULT_TEMPLATE_ID),
        )


def test_a_title_typed_with_an_override_is_stored_without_it(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "data")
    live = create_session(
        store,
        FakeClock(),
        title=f"Ouderavond{RLO} 10-03",
        facilitator="Sev\u200bda",
        template=get_template(DEFAULT_TEMPLATE_ID),
    )
    live.close()
    stored = store.load(live.session.id).session
    assert (stored.title, stored.facilitator) == ("Ouderavond 10-03", "Sevda")


# -- the smaller ones ----------------------------------------------------------------------------


def test_an_empty_out_is_refused_and_writes_nothing(
    demo: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, session_id = demo
    here = tmp_path / "hier"
    here.mkdir()
    monkeypatch.chdir(here)
    for command in (["export", session_id], ["agenda", session_id], ["afspraken"]):
        option = "--md" if command[0] == "afspraken" else "--out"
        for empty in ("", " "):
            code, out, err = run(data, *command, option, empty)
            assert code == 1, (command, out)
            [line] = err.splitlines()
            assert "geen plek" in line or "geen bestaande map" in line
    assert list(here.iterdir()) == []


def test_a_closed_pipe_ends_quietly(demo: tuple[Path, str]) -> None:
    """`workshop doctor | head`: the reader is gone before we write."""
    data, _ = demo
    read_end, write_end = os.pipe()
    os.close(read_end)
    code = "import sys; from screens.entry import main; sys.argv[0] = 'workshop'; main()"
    try:
        for command in ("doctor", "list", "afspraken"):
            result = subprocess.run(
                [sys.executable, "-c", code, "--data", str(data), command],
                stdout=write_end,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
            )
            assert result.stderr == ""
            assert result.returncode == 141
    finally:
        os.close(write_end)


def test_an_unwritable_current_folder_hints_at_out(
    demo: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, who may write anywhere: the refusal is simulated."""
    data, session_id = demo
    monkeypatch.chdir(tmp_path)
    exports = tmp_path / "exports"
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self == exports:
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    for command in (["export", session_id], ["agenda", session_id]):
        code, _, err = run(data, *command)
        assert code == 1
        [line] = err.splitlines()
        assert "kan niet worden gemaakt" in line and "--out" in line


def test_a_full_exports_folder_hints_at_out_too(
    demo: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, session_id = demo
    monkeypatch.chdir(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir()
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)).parent == exports:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("workshop.export.files.os.open", refuse)
    code, _, err = run(data, "export", session_id)
    assert code == 1
    [line] = err.splitlines()
    assert "niet gelukt" in line and "--out" in line
    assert len(line) < LINE_MAX


def test_the_app_gets_the_real_terminal_back(tmp_path: Path) -> None:
    """The app draws with escape sequences itself: they must not be made visible."""
    seen: list[object] = []
    real = sys.stdout
    assert main(["--data", str(tmp_path)], launch=lambda r: seen.append(sys.stdout) or 0) == 0
    assert seen == [real]
    assert sys.stdout is real


def test_printable_text_is_printed_unchanged_without_a_look_per_character() -> None:
    """visible() and the console skip show_char for printable text (the list is printed fast);
    that is only right while show_char changes no character str.isprintable accepts."""
    import sys

    from workshop.visible import show_char

    changed = [
        ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isprintable() and show_char(ch) != ch
    ]
    assert changed == []
    assert visible("a\x1b[2Jb\u202e") == "a␛[2Jb<U+202E>"  # unprintable text is still looked at
