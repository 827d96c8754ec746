"""A preview of the plan (plan van aanpak) inside the app, then save it as Markdown, HTML or PDF.

Available at any moment of a session. The core renders the document and escapes all user text,
so showing it as Markdown cannot turn typed text into structure. Showing and saving go through
the workspace, as ``workshop export`` does: the same plan, byte for byte, with the self-scans
compared to the trajectory's earlier scan.

Nothing heavy runs on the UI thread: the screen opens at once with the plan's top (title, facts
and the first agreements: a screenful, made without the contributions), the whole plan is made in
a worker thread and drawn by ``PlanView`` (top first, only the lines in sight).
Saving writes the file in a worker thread too; the keys typed after a save key wait until the
file is written (``OrderedKeys.hold_keys``), so Escape right after m still shows the result and
never lands on the runner while a file is half written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from screens.base import WorkshopScreen
from screens.key_order import OrderedKeys
from screens.literal import literal
from screens.steady_footer import SteadyFooter
from screens.widgets.plan_view import PlanView
from screens.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from workshop.app.live import LiveSession

T = TypeVar("T")

NOT_MADE = "Het plan kon niet worden klaargezet."
SAVING = "Wordt opgeslagen…"

FORMAT_LABELS = {"md": "Markdown", "html": "webpagina (HTML)", "pdf": "PDF"}


def names_label(anonymous: bool) -> str:
    """Said in words too: the checkbox's colour alone is hard to read on a projector."""
    return "Zonder namen: aan (z)" if anonymous else "Zonder namen: uit (z)"


class ExportPreviewScreen(WorkshopScreen[None]):
    """Shows the plan as it will be saved; m or Ctrl+S saves Markdown, h HTML, p PDF."""

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
            "p",
            "save('pdf')",
            "Opslaan (PDF)",
            id="export_preview.save_pdf",
            tooltip="Sla het plan op als PDF, om te mailen of te printen",
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
        self.writing_file = False  # a file is being written; the keys after the save key wait

    def compose(self) -> ComposeResult:
        with Vertical(id="export-head"):
            with Horizontal(id="export-bar"):
                yield Static("Plan bekijken en opslaan", classes="title", id="export-title")
                yield TickBox(
                    names_label(False),
                    compact=True,
                    id="export-without-names",
                    tooltip="Alle namen worden een rol, zoals 'ouder' of 'teamlid'",
                )
            yield Static(
                "m: opslaan als Markdown · h: als webpagina · p: als PDF · PgDn: verder lezen",
                classes="hint-line",
                id="export-keys",
            )
            yield Static("", id="export-saved")
        yield PlanView(id="export-plan", heading_colour=self.app.current_theme.primary)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.view.focus()
        self.make_plan(anonymous=False)

    @property
    def view(self) -> PlanView:
        return self.query_one("#export-plan", PlanView)

    @property
    def anonymous(self) -> bool:
        return self.query_one("#export-without-names", TickBox).value

    def document(self, anonymous: bool = False) -> str:
        """The plan as Markdown, as it is saved (made on the calling thread)."""
        return self.app.workspace.preview(self.live.stored(), without_names=anonymous)

    def off_ui_thread(
        self, operation: Callable[[], T], then: Callable[[T | Exception], None], group: str
    ) -> None:
        """Run ``operation`` in a worker thread; hand its result (or the error it raised) to
        ``then`` on the UI thread, through the screen's own queue."""

        def work() -> None:
            try:
                outcome: T | Exception = operation()
            except Exception as error:  # shown (or raised, if it is a bug) on the UI thread
                outcome = error
            self.call_later(then, outcome)  # safe from another thread

        self.run_worker(work, thread=True, group=group)

    # -- the plan, made in a worker thread ------------------------------------------------------

    def make_plan(self, anonymous: bool) -> None:
        """Show the plan's top now, and make the whole plan (with names or without) and render
        it in one worker thread; a plan asked for earlier is dropped by the view."""
        workspace, stored = self.app.workspace, self.live.stored()
        self.view.make_and_show(
            lambda: workspace.preview(stored, without_names=anonymous),
            self.plan_width(),
            head=lambda: workspace.preview_head(stored, without_names=anonymous),
            # Agreements in the top drawn at once: a row takes a few lines, the screen's height
            # is the rest; what is below comes with the plan's first part.
            draft_rows=max(4, self.app.size.height // 5),
        )

    def plan_width(self) -> int:
        """The width the plan's lines will have once laid out (its style says what it takes
        from the screen's width), so that they can be rendered before the first layout."""
        view = self.view
        chrome = (
            self.styles.gutter.width
            + view.styles.gutter.width
            + view.styles.scrollbar_size_vertical
        )
        return self.app.size.width - chrome

    def on_plan_view_not_made(self, event: PlanView.NotMade) -> None:
        event.stop()
        self.view.wait(NOT_MADE)
        self.show_failure(event.error)

    async def on_checkbox_changed(self, event: TickBox.Changed) -> None:
        event.stop()
        event.checkbox.label = names_label(event.value)
        self.make_plan(event.value)

    def action_toggle_names(self) -> None:
        self.query_one("#export-without-names", TickBox).toggle()

    # -- saving, in a worker thread -------------------------------------------------------------

    def action_save(self, fmt: str) -> None:
        workspace, stored, anonymous = self.app.workspace, self.live.stored(), self.anonymous
        self.writing_file = True
        self._show_saved(Content(SAVING))
        self.off_ui_thread(
            lambda: workspace.export(stored, fmt, without_names=anonymous),
            partial(self._saved, fmt, anonymous),
            "save",
        )
        if isinstance(self.app, OrderedKeys):  # the next keys wait until the file is written
            self.app.hold_keys(lambda: not self.writing_file, lambda: None)

    def _saved(self, fmt: str, anonymous: bool, outcome: Path | Exception) -> None:
        self.writing_file = False
        try:
            if isinstance(outcome, Path):
                self._show_result(fmt, anonymous, outcome)
            else:
                self.query_one("#export-saved").display = False
                self.show_failure(outcome)
        finally:
            if isinstance(self.app, OrderedKeys):
                self.app.wake_keys()

    def _show_result(self, fmt: str, anonymous: bool, path: Path) -> None:
        self.saved.append(path)
        label = FORMAT_LABELS[fmt] + (", zonder namen" if anonymous else "")
        self._show_saved(
            Content.assemble(
                (f"Opgeslagen als {label}\n", "bold"),
                "Bestand: ",
                (literal(path.name).plain, "bold"),
                "\nMap: ",
                literal(str(path.parent)),
            )
        )
        self.app.notify(
            Content.assemble("Het plan staat in ", literal(str(path))),
            title="Plan opgeslagen",
            timeout=8,
        )

    def _show_saved(self, content: Content) -> None:
        shown = self.query_one("#export-saved", Static)
        shown.update(content)
        shown.display = True

    def action_back(self) -> None:
        self.dismiss(None)
