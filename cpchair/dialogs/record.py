"""A modal that edits one record (a child, a family member) with self-saving fields.

A new record starts as a draft: its fields collect values until the minimum the format needs is
there, then the record is created and every later change saves itself. Escape first saves the
field being typed in; it then closes, unless the record is still an unfinished draft with
something typed in it: that is only thrown away after a yes. A field whose change was refused
keeps what was typed, and Escape asks before closing without it.

Two seats may have the same record open. A field given `was` (its value as read) saves from
the value it last knew, and the store refuses the save if someone else changed the field
meanwhile (StaleEdit, store/stale.py), saying what it now holds. The editor then knows theirs:
saving again (Enter, or leaving the field again) puts what was typed in its place. Escape is
no such save: it asks before closing without it, as for any refusal.
The window's foot, docked, says what was saved or refused and the keys: in sight at 80x24
however long the window is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, overload

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cpchair.store.errors import StaleEdit
from cpchair.widgets.fields import BaseField, FieldRefused, FieldSaved, Save, flush_fields

_ARTICLES = ("Add a ", "Add an ")
_UNKNOWN: Any = object()

Update = Callable[[str, Any], None]  # update(name, value)
# update(name, value, was): `was` the value the editor last knew the field to hold.
UpdateFrom = Callable[[str, Any, Any], None]


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
        # What each field given `was` is known to hold in the store: as read, then as saved,
        # or, after a StaleEdit, as someone else changed it.
        self.seen: dict[str, Any] = {}
        self._stale: dict[str, StaleEdit] = {}  # refused as changed meanwhile, not saved since
        self._closing = False

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

    @overload
    def saver(self, name: str, update: Update) -> Save: ...
    @overload
    def saver(self, name: str, update: UpdateFrom, was: Any) -> Save: ...
    def saver(self, name: str, update: Callable[..., None], was: Any = _UNKNOWN) -> Save:
        """A field's save: into the draft until the record exists, then to the store. With
        `was` (the field's value as read), `update(name, value, was)` is handed the value the
        field was last known to hold, for the store to refuse the save if it changed
        meanwhile."""
        if was is not _UNKNOWN:
            self.seen[name] = was

        def save(value: Any) -> None:
            if self.key is None:
                self._typed = True
                self.draft[name] = value
                if name in self.seen:
                    self.seen[name] = value  # what the record is created with
                assert self.create is not None
                self.key = self.create(dict(self.draft))  # None: not enough yet, keep drafting
            elif name not in self.seen:
                update(name, value)
            else:
                self._save_from(name, value, update)

        return save

    def _save_from(self, name: str, value: Any, update: UpdateFrom) -> None:
        if self._closing and name in self._stale:
            raise self._stale[name]  # closing is no deliberate save over theirs
        try:
            update(name, value, self.seen[name])
        except StaleEdit as exc:
            self.seen[name] = exc.now  # saved again, it goes in place of theirs
            self._stale[name] = exc
            raise
        self._stale.pop(name, None)
        self.seen[name] = value

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

    def _flush(self) -> list[str]:
        """Saves what is typed but not saved; a field refused as changed meanwhile is not
        saved over theirs on the way out."""
        self._closing = True
        try:
            return flush_fields(self)
        finally:
            self._closing = False

    def unsaved_on_quit(self) -> list[str]:
        """Saves what can be saved; says what would be lost (the app asks before quitting)."""
        problems = self._flush()
        if self.unfinished:
            return [f"The unfinished {self.what} (not added yet).", *problems]
        return problems

    def action_close(self) -> None:
        problems = self._flush()  # what is being typed is saved (or, in a draft, kept) first
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
