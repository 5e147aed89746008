"""A modal that edits one record (a child, a family member) with self-saving fields.

A new record starts as a draft: its fields collect values until the minimum the format needs is
there, then the record is created and every later change saves itself. Escape first saves the
field being typed in; it then closes, unless the record is still an unfinished draft with
something typed in it: that is only thrown away after a yes. A field whose change was refused
keeps what was typed, and Escape asks before closing without it.
The window's foot, docked, says what was saved or refused and the keys: in sight at 80x24
however long the window is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cpchair.widgets.fields import BaseField, FieldRefused, FieldSaved, flush_fields

_ARTICLES = ("Add a ", "Add an ")


class RecordEditor(ModalScreen[str | None]):
    """Dismisses with the record's key (None if a draft was never created)."""

    DEFAULT_CSS = """
    RecordEditor { align: center middle; }
    RecordEditor > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    RecordEditor #title { text-style: bold; padding: 0 0 1 0; }
    RecordEditor #foot { dock: bottom; height: auto; background: $panel; }
    RecordEditor #status { color: $text-muted; }
    RecordEditor #status.-refused { color: $text-error; text-style: bold; }
    RecordEditor #keys { color: $text-muted; }
    """
    AUTO_FOCUS = ""  # on_mount chooses: the first field
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="editor.close"),
    ]

    def __init__(
        self,
        title: str,
        fields: Callable[[RecordEditor], list[BaseField]],
        key: str | None,
        create: Callable[[dict[str, Any]], str | None] | None = None,
        draft_hint: str = "",
        *,
        what: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.help_title = title
        self.make_fields = fields
        self.key = key
        self.create = create
        self.draft: dict[str, Any] = {}
        self.draft_hint = draft_hint
        # What the record is, for "Discard this unfinished child?"; else read from the title.
        self.what = what or _what(title)
        self._typed = False  # the chair gave a draft field a value (presets do not count)

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):  # the fields take the focus, not the frame
            yield Static(self.title_text, id="title", markup=False)
            yield from self.make_fields(self)
            with Vertical(id="foot"):
                hint = self.draft_hint if self.key is None else "Each change saves itself."
                yield Static(hint, id="status", markup=False)
                yield Static("Tab: next field · Enter saves a line · Escape closes", id="keys")

    def on_mount(self) -> None:
        first = self.query(BaseField).first()
        first.query("Input, Select, Checkbox").first().focus()

    def saver(self, name: str, update: Callable[[str, Any], None]) -> Callable[[Any], None]:
        """A field's save: into the draft until the record exists, then to the store."""

        def save(value: Any) -> None:
            if self.key is not None:
                update(name, value)
                return
            self._typed = True
            self.draft[name] = value
            assert self.create is not None
            self.key = self.create(dict(self.draft))  # None: not enough yet, keep drafting

        return save

    def on_field_saved(self, event: FieldSaved) -> None:
        status = self.query_one("#status", Static)
        status.remove_class("-refused")
        if self.key is None:
            status.update(self.draft_hint)
        else:
            status.update(f"Saved: {event.label.lower()}.")

    def on_field_refused(self, event: FieldRefused) -> None:
        status = self.query_one("#status", Static)
        status.add_class("-refused")
        status.update(f"Not saved: {event.label.lower()}. {event.reason}")

    @property
    def unfinished(self) -> bool:
        """A draft not yet created that holds something the chair typed or chose."""
        if self.key is not None:
            return False
        return self._typed or any(f.pending for f in self.query(BaseField))

    def unsaved_on_quit(self) -> list[str]:
        """Saves what can be saved; says what would be lost (the app asks before quitting)."""
        problems = flush_fields(self)
        if self.unfinished:
            return [f"The unfinished {self.what} (not added yet).", *problems]
        return problems

    def action_close(self) -> None:
        problems = flush_fields(self)  # what is being typed is saved (or, in a draft, kept) first
        if not self.unfinished and not problems:
            self.dismiss(self.key)
            return
        from cpchair.dialogs.confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None if self.unfinished else self.key)
                return
            refused = [f for f in self.query(BaseField) if f.pending]
            if refused:  # back to the first to put right, its text still there
                refused[0].query("Input, Select, Checkbox, SelectionList").first().focus()

        if self.unfinished:
            question = f"Discard this unfinished {self.what}?"
            detail = f"It is not saved yet. {self.draft_hint}"
        else:
            question = "Close without saving this?"
            detail = "Not saved:\n" + "\n".join(f"· {p}" for p in problems)
            detail += "\nPress n to go back and put it right."
        self.app.push_screen(ConfirmModal(question, detail, yes="Discard"), answered)


def _what(title: str) -> str:
    """ "Add a family member" -> "family member"; "Safety goal" -> "safety goal"."""
    for article in _ARTICLES:
        if title.startswith(article):
            return title[len(article) :]
    return title.lower() if len(title.split()) <= 3 else "record"
