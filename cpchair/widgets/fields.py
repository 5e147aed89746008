"""Fields that save themselves: a text field commits when it is left or Enter is pressed, a
choice or a tick box the moment it changes. Nothing is typed twice and nothing is lost: a
refused value stays in the field with the reason beside it.

Each field is given a `save(value)` callable. It may raise InputError or EditError (anything
with a message for the user); the field then shows the message and keeps what was typed. It may
raise Held when the value cannot be written yet but will be (a tick on an incident whose words
are still to come): the field keeps it and says when it will be saved, with no refusal.

Before the app quits (or an editor closes) `flush_fields` commits every text field still
holding what was typed but not yet left, and says which could not be saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

from cpchair.forms import InputError
from cpchair.widgets.plain import plain

Save = Callable[[Any], None]
Parse = Callable[[str], Any]
# Given the parsed value, a (question, detail) to ask before saving it, or None to save at once.
Confirm = Callable[[Any], "tuple[str, str] | None"]
Then = Callable[[], None]


def plain_options(options: Sequence[tuple[str | Text, Any]]) -> list[tuple[Text, Any]]:
    """Options whose words are plain text: Select and SelectionList read a str as markup, so a
    name with square brackets would lose words or crash the screen."""
    return [(label if isinstance(label, Text) else plain(label), value) for label, value in options]


class Held(Exception):
    """Raised by a save: the value is kept in the field, to be written with something still
    to come; the message says so in the user's words."""


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


class FieldHeld(Message):
    """A field's value is kept, to be written later (see Held)."""

    def __init__(self, field: BaseField, label: str, note: str) -> None:
        super().__init__()
        self.field = field
        self.label = label
        self.note = note


class BaseField(Vertical):
    DEFAULT_CSS = """
    BaseField { height: auto; margin-bottom: 0; }
    BaseField > Horizontal { height: auto; }
    /* The rest of the row, not the row's whole width: else the end of the box, its ring
       and the text typed there run off the window's edge. */
    BaseField > Horizontal > Input, BaseField > Horizontal > Select { width: 1fr; }
    BaseField .field-label { width: 22; padding: 1 1 0 0; color: $text-muted; }
    BaseField .field-error { color: $error; height: auto; padding-left: 22; display: none; }
    BaseField.-refused .field-error { display: block; }
    BaseField.-held .field-error { display: block; color: $text-muted; }
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
        """Save `value`; False if it was refused (and the reason shown beside the field)."""
        error = self.query_one(".field-error", Static)
        try:
            self.save(value)
        except Held as exc:
            self.remove_class("-refused")
            self.add_class("-held")
            error.update(str(exc))
            self.post_message(FieldHeld(self, self.label, str(exc)))
            return True
        except (InputError, ValueError) as exc:
            # EditError is a ValueError; its message is written for the user.
            self.remove_class("-held")
            self.add_class("-refused")
            error.update(str(exc))
            self.post_message(FieldRefused(self, self.label, str(exc)))
            return False
        self.clear()
        self.post_message(FieldSaved(self, self.label))
        return True

    def clear(self) -> None:
        """No refusal and no note beside the field: its value is saved (or was never changed)."""
        self.remove_class("-refused", "-held")
        self.query_one(".field-error", Static).update("")

    def discard(self) -> None:
        """Give up what was refused, at the person's word (leaving without saving it): the
        field holds its saved value again, so nothing is saved as it is left."""
        self.clear()

    @property
    def held(self) -> bool:
        """Keeps a value to be written later (see Held)."""
        return self.has_class("-held")

    @property
    def pending(self) -> bool:
        """Holds something not saved. Choices and tick boxes save as they change: only a
        refused one is left unsaved."""
        return self.has_class("-refused")

    def flush(self) -> str | None:
        """Save what is typed but not yet saved; None, or why it could not be saved."""
        if self.has_class("-refused"):
            return f"{self.label}: {self.query_one('.field-error', Static).content}"
        return None


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
        confirm: Confirm | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.value = value
        self.parse = parse or (lambda text: text.strip())
        self.placeholder = placeholder
        self.confirm = confirm
        self._committed = value
        self._asking = False  # a confirmation is on screen for this field

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self._label()
            # Not select-all on focus: Tab into a field and a stray key would replace it.
            yield Input(self.value, placeholder=self.placeholder, select_on_focus=False)
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

    @property
    def pending(self) -> bool:
        """Holds text that is not saved: typed and not yet left, or refused."""
        return self.input.value != self._committed or self.has_class("-refused")

    def discard(self) -> None:
        self.input.value = self._committed  # blurred as the screen goes: then nothing to save
        super().discard()

    def show_saved(self, text: str) -> None:
        """Show `text` as the saved value, set elsewhere (by the store): nothing is saved, and
        text being typed is never replaced."""
        if not self.pending:
            self.input.value = text
            self._committed = text

    def flush(self) -> str | None:
        if not self.pending:
            return None
        if self._asking or self._needs_yes(self.input.value):
            # Quitting is no moment to ask: the change is not made, and the chair is told.
            return f"{self.label}: the change was not confirmed."
        self._try(self.input.value)
        return super().flush()

    def ask_pending(self, then: Then) -> bool:
        """Leaving the screen with a change that needs a yes: ask now, then run `then`.

        False (and nothing asked) when there is no such change.
        """
        if self._asking or not self.pending or not self._needs_yes(self.input.value):
            return False
        value = self.parse(self.input.value)
        question = self.confirm(value) if self.confirm is not None else None
        assert question is not None
        self._ask(question, self.input.value, value, then)
        return True

    def _needs_yes(self, text: str) -> bool:
        if self.confirm is None:
            return False
        try:
            return self.confirm(self.parse(text)) is not None
        except InputError:
            return False

    def _try(self, text: str) -> None:
        if self._asking or (text == self._committed and not self.has_class("-refused")):
            return
        try:
            value = self.parse(text)
        except InputError as exc:
            self.add_class("-refused")
            self.query_one(".field-error", Static).update(str(exc))
            self.post_message(FieldRefused(self, self.label, str(exc)))
            return
        question = self.confirm(value) if self.confirm is not None else None
        if question is not None:
            self._ask(question, text, value)
        elif self.commit(value):
            self._committed = text

    def _ask(
        self, question: tuple[str, str], text: str, value: Any, then: Then | None = None
    ) -> None:
        """Some changes are worth a yes first (a case's reference): no puts the old text back."""
        from cpchair.dialogs.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            self._asking = False
            if yes:
                if self.commit(value):
                    self._committed = text
                elif then is not None:
                    return  # refused: stay, with the reason beside the field
            else:
                self.input.value = self._committed
                self.remove_class("-refused")
                self.query_one(".field-error", Static).update("")
            if then is not None:
                then()

        self._asking = True
        self.app.push_screen(ConfirmModal(*question, yes="Change"), answered)


class ChoiceField(BaseField):
    """A choice from a fixed list, saved as soon as it changes. The options' words are shown
    as plain text (they are often names)."""

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str | Text, Any]],
        value: Any,
        save: Save,
        *,
        allow_blank: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.options = plain_options(options)
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
        if value == self.value:
            self.clear()  # back to what is saved: a refusal of another choice no longer holds
        elif self.commit(value):
            self.value = value


class TickBox(Checkbox):
    """A Checkbox whose Space and Enter toggle this box: the one they were typed at.

    Textual looks a widget's key bindings up once the key has bubbled back to the app, against
    whatever has focus by then. In a burst (Space, Tab) the focus has moved on, so the tick was
    lost, or toggled the next box along. A key handler runs on the box the key was sent to.
    """

    def key_space(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.toggle()

    key_enter = key_space


class FlagField(BaseField):
    """A yes/no, saved as soon as it is ticked or cleared. A refused one keeps the box as the
    user set it, with the reason beside it, and is tried again by `flush`."""

    DEFAULT_CSS = """
    FlagField Checkbox { border: none; padding: 0; margin: 1 0 0 0; }
    """

    def __init__(self, label: str, value: bool, save: Save, *, id: str | None = None) -> None:
        super().__init__(label, save, id=id)
        self.value = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("", classes="field-label")
            yield TickBox(self.label, self.value)
        yield self._error()

    @property
    def box(self) -> Checkbox:
        return self.query_one(Checkbox)

    @property
    def ticked(self) -> bool:
        """As the user set the box, saved or not."""
        return self.box.value

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value == self.value:
            self.clear()  # back to what is saved
        elif self.commit(event.value):
            self.value = event.value

    def show(self, value: bool) -> bool:
        """`value` as saved, set elsewhere (the other seat), unless a refused tick is waiting
        here; whether the box now shows it (so its next save is made from it)."""
        if self.has_class("-refused"):
            return False
        self.value = value
        if self.box.value != value:
            with self.box.prevent(Checkbox.Changed):
                self.box.value = value
        return True

    def flush(self) -> str | None:
        if self.has_class("-refused") and self.commit(self.box.value):
            self.value = self.box.value
        return super().flush()


class PickField(BaseField):
    """Several of a few things (the children an agency has seen), saved on each change. The
    options' words are shown as plain text (they are often names)."""

    DEFAULT_CSS = """
    PickField SelectionList { height: auto; max-height: 8; width: 1fr; }
    """

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str | Text, str]],
        chosen: Sequence[str],
        save: Save,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.options = plain_options(options)
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


def flush_fields(root: DOMNode) -> list[str]:
    """Save every field under `root` still holding typed text; a line for each that could not."""
    return [problem for field in root.query(BaseField) if (problem := field.flush())]
