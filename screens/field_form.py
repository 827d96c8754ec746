"""What the small modal forms share: reading their fields, errors beside a field, Enter and Escape.

A form's fields carry the class ``form-input`` and the id ``input-<name>``, where ``<name>`` is the
field a core ValidationError names; beside each stands a Static ``error-<name>``. The save button
has the id ``form-save``; any other button cancels. Subclasses give ``values_to_fill`` and
``save_values``, which saves through the core; it runs on the session's single writer
(``WorkshopScreen.save``), and the form closes once the change is on disk.
"""

from __future__ import annotations

from typing import TypeVar

from textual.actions import SkipAction
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from screens.base import WorkshopModal
from screens.confirm import close_form
from screens.literal import literal
from screens.suggestions import take_suggestion
from workshop.errors import ValidationError

ResultT = TypeVar("ResultT")


class FieldForm(WorkshopModal[ResultT]):
    _initial: dict[str, str]

    def values_to_fill(self) -> dict[str, str]:
        """What the fields hold when the form opens, by field name."""
        return {}

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        """Put ``values_to_fill`` in the fields, no errors, the first field focused."""
        values = self.values_to_fill()
        for field_input in self.field_inputs():
            value = values.get(self.field_name(field_input), "")
            if isinstance(field_input, TextArea):
                field_input.load_text(value)
                field_input.move_cursor(field_input.document.end)
            else:
                field_input.value = value
                field_input.cursor_position = len(value)
        self._initial = self.values()
        self.clear_errors()
        self.set_focus(self.field_inputs()[0])

    # -- reading the fields ---------------------------------------------------------------------

    def field_inputs(self) -> list[Input | TextArea]:
        return [w for w in self.query(".form-input") if isinstance(w, Input | TextArea)]

    @staticmethod
    def field_name(field_input: Widget) -> str:
        return (field_input.id or "").removeprefix("input-")

    def values(self) -> dict[str, str]:
        return {
            self.field_name(i): i.text if isinstance(i, TextArea) else i.value
            for i in self.field_inputs()
        }

    def show_error(self, field: str, message: str) -> bool:
        """Show the message next to its field; False when the form has no such field."""
        error = next(iter(self.query(f"#error-{field}").results(Static)), None)
        if error is None:
            return False
        error.update(literal(message))
        error.display = True
        self.set_focus(self.query_one(f"#input-{field}"))
        return True

    def show_invalid(self, error: ValidationError) -> None:
        """A refused value beside its field; one the form has no field for, as a notice."""
        if not self.show_error(error.field, error.message):
            self.app.report(error)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.clear_error_of(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.clear_error_of(event.text_area)

    def clear_error_of(self, field_input: Widget) -> None:
        """A message about a field goes as soon as that field is changed: it is about the old
        value (a red "who is the owner?" stayed after the owner was typed)."""
        for error in self.query(f"#error-{self.field_name(field_input)}").results(Static):
            if error.display:
                error.update("")
                error.display = False

    def clear_errors(self) -> None:
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.display = False

    # -- keys and buttons -----------------------------------------------------------------------

    def action_next_field(self) -> None:
        """Enter: take a shown suggestion, then on to the next field; on the last one, save."""
        inputs = self.field_inputs()
        focused = self.focused
        if focused not in inputs:
            raise SkipAction()  # a button has focus: Enter presses it
        take_suggestion(focused)  # also when its grey text is not drawn yet: no race with Enter
        index = inputs.index(focused)  # type: ignore[arg-type]
        if index + 1 < len(inputs):
            self.set_focus(inputs[index + 1])  # at once: keys typed next must land there
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        close_form(self, changed=self.values() != self._initial)

    def action_save(self) -> None:
        """Hand the values to the session's writer; the form closes once they are on disk. A
        refused value shows beside its field, with everything typed still there."""
        if self.saving:
            return  # Enter again while the first is being saved: it is saved once
        self.clear_errors()
        values = self.values()
        self.save(lambda: self.save_values(values), self.dismiss)

    def save_values(self, values: dict[str, str]) -> ResultT:
        """Save through the core; raises ValidationError or another WorkshopError."""
        raise NotImplementedError
