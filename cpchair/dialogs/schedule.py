"""Schedule a conference: kind, when and where, who chairs and minutes, what it counts from,
how the family reaches the chair, and why it is late when the date is after its due date.

The timescales for it follow what is typed (from `rules/conference_due.py`), with a warning
when the date chosen is later than the conference is due, and another, under the date, when
the case already has a conference of that kind on that day (the store refuses a second).
Ctrl+S, or Enter on the last field, creates it through the store (a review starts from the
last conference). A refusal is shown under the field it is about, goes as soon as the field
is put right, and nothing typed is lost. Dismisses with the new conference's key (None:
cancelled).

The date is filled in with the review date the last plan set, unless a conference of that
kind is already prepared: the next one's date depends on what that one decides, so it is left
to the chair.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from cpchair.forms import InputError, parse_date, parse_text, parse_time, show_date, show_time
from cpchair.rules.conference_due import (
    TRIGGER_LABELS,
    conference_due,
    default_kind,
    uses_trigger,
)
from cpchair.rules.edit_rules import same_conference
from cpchair.rules.profiles import Profile, profile_for
from cpchair.vocab import CONFERENCE_KINDS, KIND_LABELS, STATUS_LABELS
from cpchair.widgets.due_dates import DueDates
from cpchair.widgets.fields import TickBox

if TYPE_CHECKING:
    from cpchair.caseio.schema import CaseDoc
    from cpchair.store import Store

INPUTS = ("date", "start", "venue", "chair", "minute-taker", "trigger", "chair-contact", "late")
# Grid rows as laid out, each followed by the error lines of its inputs.
ROWS = (("date",), ("start", "venue"), ("chair", "minute-taker"), ("trigger",),
        ("chair-contact", "late"))  # fmt: skip


class ScheduleModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ScheduleModal { align: center middle; }
    ScheduleModal > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    /* The refusal and the keys stay in sight at 80x24 however many warnings are shown. */
    ScheduleModal #foot { dock: bottom; height: auto; background: $surface; }
    ScheduleModal #title { text-style: bold; }
    ScheduleModal Grid {
        grid-size: 4; grid-columns: 13 1fr 20 1fr; grid-rows: 1; grid-gutter: 0 1;
        height: auto;
    }
    ScheduleModal Grid.first { margin-top: 1; }
    ScheduleModal Grid.last { margin-bottom: 1; }
    ScheduleModal Grid Label { color: $text-muted; }
    ScheduleModal Input.-wrong { background: $error-muted; }
    ScheduleModal .field-error { color: $error; height: auto; display: none; }
    ScheduleModal .field-error.-shown { display: block; }
    ScheduleModal .field-error.-warning { color: $warning; }
    ScheduleModal #error { color: $error; height: auto; display: none; }
    ScheduleModal #error.-shown { display: block; }
    ScheduleModal #hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create", id="schedule.create"),
        Binding("escape", "cancel", "Cancel", id="schedule.cancel"),
    ]
    AUTO_FOCUS = "#kind"
    help_title = "Scheduling a conference"
    help_intro = (
        "Nothing is created until Ctrl+S (or Enter on the last field). A problem is shown "
        "under its field. Escape closes this help."
    )

    def __init__(self, reference: str, store: Store, today: dt.date) -> None:
        super().__init__()
        self.reference = reference
        self.store = store
        self.today = today
        self.case: CaseDoc | None = None
        self.profile: Profile | None = None
        self._prefill_note = ""  # why the date was left empty, shown until one is typed
        self._first: dict[str, str] = {}  # each box as it opened: changed means typed

    def compose(self) -> ComposeResult:
        self.case = self.store.load_case(self.reference)  # one short read (~10 ms)
        with VerticalScroll(can_focus=False):  # the fields take the focus, not the frame
            if self.case is None:
                yield Static("That case is no longer here. Escape closes.", id="title")
                return
            self.profile = profile_for(self.case.profile)
            yield Static(f"Schedule a conference · {self.reference}", id="title", markup=False)
            yield from self._fields(self.case)
            yield DueDates(id="dues")
            with Vertical(id="foot"):
                yield Static("", id="error", markup=False)
                yield Static(
                    "Ctrl+S or Enter on the last field schedules it; Escape cancels.", id="hint"
                )

    def _fields(self, case: CaseDoc) -> ComposeResult:
        kind = default_kind(case)
        last = max(case.conferences, key=lambda c: c.date, default=None)
        # A first conference: the chair is, to begin with, the one whose laptop this is.
        from cpchair.settings import load_settings

        mine = load_settings()
        date = self._prefill_date(case, kind)
        kinds = [(KIND_LABELS[k], k) for k in CONFERENCE_KINDS]
        # One grid a row, each followed by its fields' error lines: an error spanning a grid's
        # columns would be measured by its first column and leave a gap under it.
        with Grid(classes="first"):
            yield Label("Kind")
            yield Select(kinds, value=kind, allow_blank=False, compact=True, id="kind")
            yield Label("Date")
            yield Input(date, placeholder="e.g. 10/12/2026", compact=True, id="date")
        yield from _errors(ROWS[0])
        with Grid():
            yield Label("Start time")
            yield Input(show_time(last.start_time) if last else "", placeholder="e.g. 10:00",
                        compact=True, id="start")  # fmt: skip
            yield Label("Venue")
            yield Input((last.venue or "") if last else "", compact=True, id="venue")
        yield from _errors(ROWS[1])
        with Grid():
            yield Label("Chair")
            yield Input(last.chair if last else (mine.chair_name or ""), compact=True,
                        id="chair")  # fmt: skip
            yield Label("Minute-taker")
            yield Input((last.minute_taker or "") if last else "", compact=True, id="minute-taker")
        yield from _errors(ROWS[2])
        with Grid():
            yield Label("")
            yield TickBox("Virtual meeting", last.virtual if last else False, compact=True,
                           id="virtual")  # fmt: skip
            yield Label("", id="trigger-label")
            yield Input(placeholder="date", compact=True, id="trigger")
        yield from _errors(ROWS[3])
        with Grid(classes="last"):
            yield Label("Chair contact")
            yield Input((last.chair_contact or "") if last else (mine.chair_contact or ""),
                        compact=True,
                        placeholder="for the family", id="chair-contact")  # fmt: skip
            yield Label("Why late", id="late-label")
            yield Input(placeholder="the reason for the delay", compact=True, id="late")
        yield from _errors(ROWS[4])

    def _prefill_date(self, case: CaseDoc, kind: str) -> str:
        """The review date the last plan set, unless one of this kind is already booked."""
        if kind != "review" or self.profile is None:
            return ""
        booked = [c for c in case.conferences if c.kind == kind and c.status != "concluded"]
        if booked:
            first = min(booked, key=lambda c: c.date)
            self._prefill_note = (
                f"A {KIND_LABELS[kind].lower()} is already {STATUS_LABELS[first.status].lower()} "
                f"for {first.date:%a} {show_date(first.date)}. Give the date of the one after it."
            )
            return ""
        due = conference_due(case, kind, self.today, self.profile).due_by
        return show_date(due) if due is not None and due >= self.today else ""

    def on_mount(self) -> None:
        if self.case is not None:
            self._first = {i: self.query_one(f"#{i}", Input).value for i in INPUTS}
            self._kind_changed()

    def unsaved_on_quit(self) -> list[str]:
        """Asked by the app before quitting: a conference half set up is not created yet."""
        if self.case is None:
            return []
        typed = any(self.query_one(f"#{i}", Input).value != self._first.get(i) for i in INPUTS)
        return ["The conference being scheduled (not created yet)."] if typed else []

    # --- live timescales -------------------------------------------------------------------

    def _kind(self) -> str:
        return str(self.query_one("#kind", Select).value)

    def _kind_changed(self) -> None:
        kind = self._kind()
        shown = uses_trigger(kind)
        self.query_one("#trigger-label", Label).update(TRIGGER_LABELS.get(kind, ""))
        self.query_one("#trigger-label").display = shown
        self.query_one("#trigger").display = shown
        if not shown:  # an error about a field no longer asked for goes with it
            self.query_one("#trigger", Input).remove_class("-wrong")
            self._say("trigger", "")
        self._recompute()

    @on(Select.Changed, "#kind")
    def _on_kind(self) -> None:
        self._kind_changed()

    @on(Input.Changed, "#date")
    @on(Input.Changed, "#trigger")
    def _recompute(self) -> None:
        dues = self.query_one("#dues", DueDates)
        self._show_twice()
        if self.case is None or self.profile is None:
            dues.show(None, self.today, "The case's practice profile cannot be read.")
            return
        # A half-typed date is not an error yet: it is said under the field when it is left.
        on = _quietly(self.query_one("#date", Input).value)
        if on is None:
            hint = self._prefill_note or "Give the date (e.g. 10/12/2026) to see the timescales."
            dues.show(None, self.today, hint)
            self._show_late(False)
            return
        trigger = _quietly(self.query_one("#trigger", Input).value)
        due = conference_due(self.case, self._kind(), on, self.profile, trigger=trigger)
        dues.show(due, self.today)
        self._show_late(due.late)

    def _show_late(self, late: bool) -> None:
        """Why late is asked for once the date is after the due date; typed text stays."""
        box = self.query_one("#late", Input)
        shown = late or bool(box.value.strip())
        box.display = shown
        self.query_one("#late-label").display = shown

    def _twice(self) -> str:
        """The warning when the case already has a conference of this kind on the date typed."""
        on = _quietly(self.query_one("#date", Input).value)
        if self.case is None or on is None:
            return ""
        held = [(c.key, c.kind, c.date) for c in self.case.conferences]
        key = same_conference(held, self._kind(), on)
        if key is None:
            return ""
        twin = next(c for c in self.case.conferences if c.key == key)
        return (
            f"⚠ Already booked: a {KIND_LABELS[twin.kind].lower()} on {show_date(on)} "
            f"({STATUS_LABELS[twin.status].lower()}). Choose another date."
        )

    def _show_twice(self) -> None:
        """Under the date, unless the date itself is wrong (that is said there first)."""
        if self.case is None or self.query_one("#date", Input).has_class("-wrong"):
            return
        self._say("date", self._twice(), warning=True)

    # --- errors beside the fields ------------------------------------------------------------

    def _say(self, input_id: str, message: str, *, warning: bool = False) -> None:
        line = self.query_one(f"#{input_id}-error", Static)
        line.update(message)
        line.set_class(bool(message), "-shown")
        line.set_class(warning, "-warning")

    def _read(self, input_id: str) -> Any:
        """One field's value; an InputError (marked on the box and said under it) if wrong."""
        kind = self._kind()
        box = self.query_one(f"#{input_id}", Input)
        reader, label = _READERS[input_id]
        try:
            value = reader(box.value)
        except InputError as exc:
            box.add_class("-wrong")
            message = f"{label or TRIGGER_LABELS.get(kind, '')}: {exc}"
            self._say(input_id, message)
            raise InputError(message) from None
        box.remove_class("-wrong")
        self._say(input_id, "")
        if input_id == "date":
            self._show_twice()
        return value

    @on(Input.Changed)
    def _clear_when_right(self, event: Input.Changed) -> None:
        """An error goes as soon as the field is put right (a new one waits for leaving it)."""
        box = event.input
        if box.id in _READERS and box.has_class("-wrong"):
            try:
                _READERS[box.id][0](box.value)
            except InputError:
                return
            box.remove_class("-wrong")
            self._say(box.id, "")
            if box.id == "date":
                self._show_twice()
        if not any(b.has_class("-wrong") for b in self.query(Input)):
            self.query_one("#error", Static).remove_class("-shown")

    @on(Input.Blurred)
    def _check_when_left(self, event: Input.Blurred) -> None:
        # Only while this window is in front: not as it closes, nor under the help.
        if event.input.id in _READERS and event.input.display and self.app.screen is self:
            with suppress(InputError):  # said under the field
                self._read(event.input.id)

    # --- creating --------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        visible = [i for i in self.query(Input) if i.display]
        if event.input is visible[-1]:
            self.action_create()
        else:
            self.focus_next()

    def _values(self) -> dict[str, Any]:
        """What was typed, read; every wrong field is marked and said, then InputError."""
        kind = self._kind()
        values: dict[str, Any] = {"kind": kind, "status": "prepared"}
        wrong: list[str] = []
        for input_id in INPUTS:
            name = _NAMES[input_id]
            hidden = input_id == "late" and not self.query_one("#late", Input).display
            if hidden or (input_id == "trigger" and not uses_trigger(kind)):
                values[name] = None
                continue
            try:
                values[name] = self._read(input_id)
            except InputError:
                wrong.append(input_id)
        if wrong:
            self.query_one(f"#{wrong[0]}", Input).focus()
            raise InputError("Put right what is shown under the fields.")
        if self._twice():
            self.query_one("#date", Input).focus()
            raise InputError("This conference is already booked: choose another date or kind.")
        values["virtual"] = self.query_one("#virtual", Checkbox).value
        return values

    def action_create(self) -> None:
        if self.case is None:
            return
        error = self.query_one("#error", Static)
        try:
            key = self.store.add_conference(self.reference, **self._values())
        except ValueError as exc:  # InputError or EditError: both say it for the user
            error.update(str(exc))
            error.add_class("-shown")
            return
        self.dismiss(key)

    def action_cancel(self) -> None:
        self.dismiss(None)


_READERS: dict[str, tuple[Any, str]] = {
    "date": (lambda t: parse_date(t, required=True), "Date"),
    "start": (parse_time, "Start time"),
    "venue": (parse_text, "Venue"),
    "chair": (lambda t: parse_text(t, required=True, what="The chair's name"), "Chair"),
    "minute-taker": (parse_text, "Minute-taker"),
    "trigger": (parse_date, ""),  # labelled by the kind: strategy discussion or transfer
    "chair-contact": (parse_text, "Chair contact"),
    "late": (parse_text, "Why late"),
}
_NAMES = {"date": "date", "start": "start_time", "venue": "venue", "chair": "chair",
          "minute-taker": "minute_taker", "trigger": "trigger_date",
          "chair-contact": "chair_contact", "late": "late_reason"}  # fmt: skip


def _errors(row: tuple[str, ...]) -> ComposeResult:
    """The error lines under a row of the grid, one per field, hidden while there is none."""
    for input_id in row:
        yield Static("", id=f"{input_id}-error", classes="field-error", markup=False)


def _quietly(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except InputError:
        return None
