"""screens.backdrop: a dialog's backdrop looks exactly as Textual's, tinting each style once."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

from screens import backdrop
from screens.backdrop import TintedBackdrop

STYLES = [
    None,
    Style(),
    Style(color="red", bgcolor="blue", bold=True),
    Style(color="#102030", link="https://example.org"),
    Style.from_meta({"@click": "app.bell"}) + Style(bgcolor="green"),
    Style(italic=True),
]


def segments(repeat: int = 1) -> list[Segment]:
    made = [Segment(f"tekst {n}", style) for n, style in enumerate(STYLES * repeat)]
    made.append(Segment("\x1b[0m", None, [(1,)]))  # type: ignore[list-item]  # a control one
    return made


@pytest.mark.parametrize("color", [Color(0, 0, 0, 0.6), Color(10, 20, 30, 0.0)])
def test_the_same_segments_as_textuals_own_backdrop(color: Color) -> None:
    ours = list(TintedBackdrop.process_segments(segments(), color))
    textuals = list(BackgroundScreen.process_segments(segments(), color))
    assert ours == textuals


def test_each_style_is_tinted_once_however_often_it_occurs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backdrop._tinted.clear()
    cleared: list[Style] = []
    clear = Style.clear_meta_and_links

    def counted(self: Style) -> Style:
        cleared.append(self)
        return clear(self)

    monkeypatch.setattr(Style, "clear_meta_and_links", counted)
    list(TintedBackdrop.process_segments(segments(repeat=200), Color(0, 0, 0, 0.6)))
    assert len(cleared) <= len(STYLES)  # Textual's own: once per segment, 1,200 times
