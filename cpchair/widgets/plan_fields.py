"""Self-saving fields the plan needs beyond `fields.py`: a paragraph, a date with its due
date, and the core group picked from a list that can change while the meeting runs.

Like every field in `fields.py`, each is built once and keeps what was typed: `show()` only
puts saved values back while the chair is not editing the field, and a refusal keeps the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, SelectionList, Static, TextArea

from cpchair.forms import show_date
from cpchair.rules.plan_dates import PlanDate
from cpchair.timescales_view import format_date
from cpchair.widgets.draft_input import DraftKeeper
from cpchair.widgets.fields import BaseField, Save, TextField

SaveDraft = Callable[[str, str], None]  # (slot, text); empty text forgets it


class ParagraphArea(TextArea):
    """A TextArea that says when it is left (Blur does not bubble)."""

    class Left(Message):
        pass

    def on_blur(self, _event: events.Blur) -> None:
        self.post_message(self.Left())


class ParagraphField(BaseField):
    """A few sentences (the contingency plan), saved when left; a draft kept while typed."""

    DEFAULT_CSS = """
    ParagraphField .field-label { width: 1fr; padding: 1 0 0 0; }
    ParagraphField TextArea { height: 5; }
    ParagraphField .field-error { padding-left: 0; }
    ParagraphField.-refused TextArea { border: tall $error; }
    """

    def __init__(
        self,
        label: str,
        value: str,
        save: Save,
        *,
        slot: str,
        save_draft: SaveDraft,
        draft: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(label, save, id=id)
        self.value = value
        self.slot = slot
        self._save_draft = save_draft
        self._draft = draft  # a draft left by a crash is shown in place of the saved text
        self._committed = value
        self._keeper = DraftKeeper(self, self._keep_draft)
        # Held, not looked up: on unmount the area is already gone from the tree, and the
        # draft typed into it in the last moments must still be kept.
        self._area = ParagraphArea(self._draft or value, soft_wrap=True, tab_behavior="focus")

    def compose(self) -> ComposeResult:
        yield self._label()
        yield self._area
        yield self._error()

    @property
    def area(self) -> TextArea:
        return self._area

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._keeper.changed()

    def _keep_draft(self) -> None:
        self._keeper.stop()
        text = self.area.text
        kept = "" if text == self._committed else text
        if kept != self._draft:
            self._save_draft(self.slot, kept)
            self._draft = kept

    @on(ParagraphArea.Left)
    def _left(self, event: ParagraphArea.Left) -> None:
        event.stop()
        self.save_now()

    def save_now(self) -> None:
        text = self.area.text
        if text == self._committed and not self.has_class("-refused"):
            return
        if self.commit(text):
            self._committed = text
            self._keeper.stop()
            if self._draft:
                self._save_draft(self.slot, "")
                self._draft = ""

    def flush(self) -> str | None:
        """Before quitting: save what is written here; None, or why it could not be."""
        self.save_now()
        if self.has_class("-refused"):
            return f"{self.label}: {self.query_one('.field-error', Static).content}"
        return None

    def show_value(self, value: str) -> bool:
        """The saved text, unless the chair is writing here or has a draft; whether the field
        now shows it as saved (so its next save is made from it)."""
        if self.area.has_focus or self._draft or self.has_class("-refused"):
            return False
        if value != self._committed:
            self._committed = value
            self.area.load_text(value)
        return True

    def on_unmount(self) -> None:
        if self._keeper.waiting:  # leaving mid-sentence: keep the draft now
            self._keep_draft()


class PlanDateField(TextField):
    """A date of the plan, with when it is due and a warning when it is set later than that."""

    DEFAULT_CSS = """
    PlanDateField Input { width: 22; }
    PlanDateField > Horizontal > .due { width: 1fr; padding: 1 0 0 1; color: $text-muted; }
    PlanDateField .rule { color: $text-muted; height: auto; padding-left: 22; }
    PlanDateField .rule.-late { color: $warning; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self._label()
            yield Input(self.value, placeholder=self.placeholder, select_on_focus=False)
            yield Static("", classes="due", markup=False)
        yield Static("", classes="rule", markup=False)
        yield self._error()

    def commit_typed(self) -> None:
        """Save what is in the box now, as leaving it would."""
        self._try(self.input.value)

    def show(self, when: PlanDate | None, held: date | None, *, force: bool = False) -> bool:
        """Due date, lateness and `held`, the date set (unless being edited; `force`: even
        then); whether the box now shows `held` as saved (so its next save is made from it)."""
        due, rule = self.query_one(".due", Static), self.query_one(".rule", Static)
        inp = self.input
        if when is None:  # no practice profile: nothing can be worked out
            due.update("")
            rule.update("")
            rule.display = False
            return self._show_held(held, force=force)
        if when.due is not None and when.early:  # the chair chooses how early: no F7
            due.update(Text(f"early review: before {format_date(when.due)}"))
            inp.placeholder = ""
        elif when.due is not None:
            due.update(Text(f"due {format_date(when.due)}"))
            inp.placeholder = f"F7: {show_date(when.due)}"
        else:
            due.update("not due")
            inp.placeholder = ""
        if when.late and when.due is not None:
            days = when.days_late
            limit = f"before {format_date(when.due)}" if when.early else format_date(when.due)
            line = f"⚠ {days} day{'' if days == 1 else 's'} later than due ({limit}: {when.rule})."
        else:
            line = when.rule  # how the due date was worked out, or why nothing is due
        rule.update(line)
        rule.display = bool(line)
        rule.set_class(when.late, "-late")
        return self._show_held(held, force=force)

    def _show_held(self, held: date | None, *, force: bool) -> bool:
        inp = self.input
        if not force and (inp.has_focus or self.has_class("-refused")):
            return False
        text = show_date(held)
        if text != inp.value:
            inp.value = text
        self._committed = text
        return True


class CoreGroupPicker(BaseField):
    """The core group: ticked from the attendees and the family, saved on each tick.

    Options are (label, key). `show()` updates the options in place when the attendance list
    or the family changes, keeping the highlighted line.
    """

    DEFAULT_CSS = """
    CoreGroupPicker .field-label { width: 1fr; padding: 1 0 0 0; }
    CoreGroupPicker SelectionList { height: auto; max-height: 14; width: 1fr; }
    CoreGroupPicker .field-error { padding-left: 0; }
    """

    def __init__(self, label: str, save: Save, *, id: str | None = None) -> None:
        super().__init__(label, save, id=id)
        self.options: list[tuple[str, str]] = []
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield SelectionList[str]()
        yield self._error()

    @property
    def picker(self) -> SelectionList[str]:
        return self.query_one(SelectionList)

    def show(self, options: Sequence[tuple[str, str]], chosen: Sequence[str]) -> None:
        options, chosen = list(options), [k for k in chosen if k in {o[1] for o in options}]
        if options == self.options and chosen == self.chosen:
            return
        self.options, self.chosen = options, chosen
        picker = self.picker
        highlighted = picker.highlighted
        with picker.prevent(SelectionList.SelectedChanged):
            picker.clear_options()
            picker.add_options([(Text(text), key, key in chosen) for text, key in options])
        if highlighted is not None and options:
            picker.highlighted = min(highlighted, len(options) - 1)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        # Keep the list's order, whatever order they were ticked in.
        picked = [key for _, key in self.options if key in event.selection_list.selected]
        if picked == self.chosen:
            return
        before = self.chosen
        if self.commit(picked):
            self.chosen = picked
        else:  # refused: show the group as it still is
            with self.picker.prevent(SelectionList.SelectedChanged):
                for _, key in self.options:
                    if key in before:
                        self.picker.select(key)
                    else:
                        self.picker.deselect(key)
