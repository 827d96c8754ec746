"""A preview of the plan (plan van aanpak) inside the app, then save it as Markdown or HTML.

Available at any moment of a session. The core renders the document and escapes all user text,
so showing it with Textual's Markdown widget cannot turn typed text into structure. Showing and
saving go through the workspace, as ``workshop export`` does: the same plan, byte for byte, with
the self-scans compared to the trajectory's earlier scan.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, Markdown, Static

from screens.base import WorkshopScreen
from screens.literal import literal

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

FORMAT_LABELS = {"md": "Markdown", "html": "webpagina (HTML)"}


def names_label(anonymous: bool) -> str:
    """Said in words too: the checkbox's colour alone is hard to read on a projector."""
    return "Zonder namen: aan (z)" if anonymous else "Zonder namen: uit (z)"


class ExportPreviewScreen(WorkshopScreen[None]):
    """Shows the plan as it will be saved; m or Ctrl+S saves Markdown, h saves HTML."""

    CSS_PATH = "styles/export_preview.tcss"
    BINDINGS = [
        Binding(
            "m,ctrl+s",
            "save('md')",
            "Opslaan (Markdown)",
            id="export_preview.save_md",
            tooltip="Sla het plan op als Markdown-bestand in de map exports",
        ),
        Binding(
            "h",
            "save('html')",
            "Opslaan (HTML)",
            id="export_preview.save_html",
            tooltip="Sla het plan op als webpagina die je kunt printen",
        ),
        Binding(
            "z",
            "toggle_names",
            "Zonder namen",
            id="export_preview.without_names",
            tooltip="Vervang alle namen door een rol, om het plan buiten het team te delen",
        ),
        Binding(
            "escape",
            "back",
            "Terug",
            id="export_preview.back",
            tooltip="Terug naar het vorige scherm",
        ),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.saved: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="export-head"):
            with Horizontal(id="export-bar"):
                yield Static("Plan bekijken en opslaan", classes="title", id="export-title")
                yield Checkbox(
                    names_label(False),
                    compact=True,
                    id="export-without-names",
                    tooltip="Alle namen worden een rol, zoals 'ouder' of 'teamlid'",
                )
            yield Static(
                "m: opslaan als Markdown · h: als webpagina (om te printen) · PgDn: verder lezen",
                classes="hint-line",
                id="export-keys",
            )
            yield Static("", id="export-saved")
        with VerticalScroll(id="export-scroll"):
            yield Markdown(self.document(), id="export-markdown", open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-saved").display = False
        self.query_one("#export-scroll").focus()

    @property
    def anonymous(self) -> bool:
        return self.query_one("#export-without-names", Checkbox).value

    def document(self, anonymous: bool = False) -> str:
        return self.app.workspace.preview(self.live.stored(), without_names=anonymous)

    async def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        event.checkbox.label = names_label(event.value)
        await self.query_one("#export-markdown", Markdown).update(self.document(event.value))

    def action_toggle_names(self) -> None:
        self.query_one("#export-without-names", Checkbox).toggle()

    def action_save(self, fmt: str) -> None:
        stored, anonymous = self.live.stored(), self.anonymous
        path = self.attempt(
            lambda: self.app.workspace.export(stored, fmt, without_names=anonymous)
        )
        if path is None:
            return
        self.saved.append(path)
        label = FORMAT_LABELS[fmt] + (", zonder namen" if self.anonymous else "")
        shown = self.query_one("#export-saved", Static)
        shown.update(
            Content.assemble(
                (f"Opgeslagen als {label}\n", "bold"),
                "Bestand: ",
                (literal(path.name).plain, "bold"),
                "\nMap: ",
                literal(str(path.parent)),
            )
        )
        shown.display = True
        self.app.notify(
            Content.assemble("Het plan staat in ", literal(str(path))),
            title="Plan opgeslagen",
            timeout=8,
        )

    def action_back(self) -> None:
        self.dismiss(None)
