"""Fields that save themselves: a text field commits when it is left or Enter is pressed, a
choice or a tick box the moment it changes. Nothing is typed twice and nothing is lost: a
refused value stays in the field with the reason beside it.

Each field is given a `save(value)` callable. It may raise InputError or EditError (anything
with a message for the user); the field then shows the message and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

from cpchair.forms import InputError

Save = Callable[[Any], None]
Parse = Callable[[str], Any]


class FieldSaved(Message):
    """A field's value reached the database."""

    def __init__(self, field: BaseField, label: str) -> None:
        super().__init__()
        self.field = field
        self.label = label


class FieldRefused(Message):
    def __init__(self, field: BaseField, label: str, reason: str) -> None:
        super().__init__()
        self.field = field
        self.label = label
        self.reason = reason


class BaseField(Vertical):
    DEFAULT_CSS = """
    BaseField { height: auto; margin-bottom: 0; }
    BaseField > Horizontal { height: auto; }
    BaseField .field-label { width: 22; padding: 1 1 0 0; color: $text-muted; }
    BaseField .field-error { color: $error; height: auto; padding-left: 22; display: none; }
    BaseField.-refused .field-error { display: block; }
    BaseField.-refused Input { border: tall $error; }
    """

    def __init__(self, label: str, save: Save, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.save = save

    def _label(self) -> Label:
        return Label(self.label, classes="field-label")

    def _error(self) -> Static:
        return Static("", classes="field-error", markup=False)

    def commit(self, value: Any) -> bool:
        error = self.query_one(".field-error", Static)
        try:
            self.save(value)
        except (InputError, ValueError) as exc:
            # EditError is a ValueError; its message is written for the user.
            self.add_class("-refused")
            error.update(str(exc))
            self.post_message(FieldRefused(self, self.label, str(exc)))
            return False
        self.remove_class("-refused")
        error.update("")
        self.post_message(FieldSaved(self, self.label))
        return True


class TextField(BaseField):
    """One line of text, parsed by `parse` (which raises InputError on bad input)."""

    def __init__(
        self,
        label: str,
        value: str,
        save: Save,
        *,
        parse: Parse | None = None,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.value = value
        self.parse = parse or (lambda text: text.strip())
        self.placeholder = placeholder
        self._committed = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self._label()
            yield Input(self.value, placeholder=self.placeholder)
        yield self._error()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._try(event.value)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self._try(event.value)

    def _try(self, text: str) -> None:
        if text == self._committed and not self.has_class("-refused"):
            return
        try:
            value = self.parse(text)
        except InputError as exc:
            self.add_class("-refused")
            self.query_one(".field-error", Static).update(str(exc))
            self.post_message(FieldRefused(self, self.label, str(exc)))
            return
        if self.commit(value):
            self._committed = text


class ChoiceField(BaseField):
    """A choice from a fixed list, saved as soon as it changes."""

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str, Any]],
        value: Any,
        save: Save,
        *,
        allow_blank: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.options = list(options)
        self.value = value
        self.allow_blank = allow_blank

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self._label()
            yield Select(
                self.options,
                value=self.value if self.value is not None else Select.NULL,
                allow_blank=self.allow_blank,
            )
        yield self._error()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value != self.value and self.commit(value):
            self.value = value


class FlagField(BaseField):
    """A yes/no, saved as soon as it is ticked or cleared."""

    DEFAULT_CSS = """
    FlagField Checkbox { border: none; padding: 0; margin: 1 0 0 0; }
    """

    def __init__(self, label: str, value: bool, save: Save, *, id: str | None = None) -> None:
        super().__init__(label, save, id=id)
        self.value = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("", classes="field-label")
            yield Checkbox(self.label, self.value)
        yield self._error()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.value:
            if self.commit(event.value):
                self.value = event.value
            else:
                with event.checkbox.prevent(Checkbox.Changed):
                    event.checkbox.value = self.value


class PickField(BaseField):
    """Several of a few things (the children an agency has seen), saved on each change."""

    DEFAULT_CSS = """
    PickField SelectionList { height: auto; max-height: 8; width: 1fr; }
    """

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str, str]],
        chosen: Sequence[str],
        save: Save,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.options = list(options)
        self.chosen = list(chosen)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self._label()
            yield SelectionList[str](
                *[(text, key, key in self.chosen) for text, key in self.options]
            )
        yield self._error()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        # Keep the options' order, whatever order they were ticked in.
        picked = [key for _, key in self.options if key in event.selection_list.selected]
        if picked != self.chosen and self.commit(picked):
            self.chosen = picked
