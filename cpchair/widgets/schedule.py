"""Schedule a conference: kind, when and where, who chairs and minutes, what it counts from.

The timescales for it follow what is typed (from `rules/conference_due.py`), with a warning
when the date chosen is later than the conference is due. Ctrl+S, or Enter on the last field,
creates it through the store (a review starts from the last conference); a refusal is shown
here and nothing typed is lost. Dismisses with the new conference's key (None: cancelled).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from cpchair.forms import InputError, parse_date, parse_text, parse_time, show_date, show_time
from cpchair.rules.conference_due import (
    TRIGGER_LABELS,
    conference_due,
    default_kind,
    uses_trigger,
)
from cpchair.rules.profiles import Profile, ProfileError, load_profile
from cpchair.vocab import CONFERENCE_KINDS, KIND_LABELS
from cpchair.widgets.due_dates import DueDates

if TYPE_CHECKING:
    from cpchair.caseio.schema import CaseDoc
    from cpchair.store import Store

INPUTS = ("date", "start", "venue", "chair", "minute-taker", "trigger")


class ScheduleModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ScheduleModal { align: center middle; }
    ScheduleModal > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    ScheduleModal #title { text-style: bold; }
    ScheduleModal Grid {
        grid-size: 4; grid-columns: 13 1fr 20 1fr; grid-rows: 1; grid-gutter: 0 1;
        height: auto; margin: 1 0;
    }
    ScheduleModal Grid Label { color: $text-muted; }
    ScheduleModal Input.-invalid { background: $error-muted; }
    ScheduleModal #error { color: $error; height: auto; }
    ScheduleModal #error { display: none; }
    ScheduleModal #error.-shown { display: block; }
    ScheduleModal #hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create", id="schedule.create"),
        Binding("escape", "cancel", "Cancel", id="schedule.cancel"),
    ]
    AUTO_FOCUS = "#kind"

    def __init__(self, reference: str, store: Store, today: dt.date) -> None:
        super().__init__()
        self.reference = reference
        self.store = store
        self.today = today
        self.case: CaseDoc | None = None
        self.profile: Profile | None = None

    def compose(self) -> ComposeResult:
        self.case = self.store.load_case(self.reference)  # one short read (~10 ms)
        with Vertical():
            if self.case is None:
                yield Static("That case is no longer here. Escape closes.", id="title")
                return
            try:
                self.profile = load_profile(self.case.profile)
            except ProfileError:
                self.profile = None
            yield Static(f"Schedule a conference · {self.reference}", id="title", markup=False)
            yield from self._fields(self.case)
            yield DueDates(id="dues")
            yield Static("", id="error", markup=False)
            yield Static(
                "Ctrl+S or Enter on the last field schedules it; Escape cancels.", id="hint"
            )

    def _fields(self, case: CaseDoc) -> ComposeResult:
        kind = default_kind(case)
        last = max(case.conferences, key=lambda c: c.date, default=None)
        date = ""
        if kind == "review" and self.profile is not None:
            due = conference_due(case, kind, self.today, self.profile).due_by
            if due is not None and due >= self.today:  # the date the last plan set
                date = show_date(due)
        kinds = [(KIND_LABELS[k], k) for k in CONFERENCE_KINDS]
        with Grid():
            yield Label("Kind")
            yield Select(kinds, value=kind, allow_blank=False, compact=True, id="kind")
            yield Label("Date")
            yield Input(date, placeholder="e.g. 10/12/2026", compact=True, id="date")
            yield Label("Start time")
            yield Input(show_time(last.start_time) if last else "", placeholder="e.g. 10:00",
                        compact=True, id="start")  # fmt: skip
            yield Label("Venue")
            yield Input((last.venue or "") if last else "", compact=True, id="venue")
            yield Label("Chair")
            yield Input(last.chair if last else "", compact=True, id="chair")
            yield Label("Minute-taker")
            yield Input((last.minute_taker or "") if last else "", compact=True, id="minute-taker")
            yield Label("")
            yield Checkbox("Virtual meeting", last.virtual if last else False, compact=True,
                           id="virtual")  # fmt: skip
            yield Label("", id="trigger-label")
            yield Input(placeholder="date", compact=True, id="trigger")

    def on_mount(self) -> None:
        if self.case is not None:
            self._kind_changed()

    # --- live timescales -------------------------------------------------------------------

    def _kind(self) -> str:
        return str(self.query_one("#kind", Select).value)

    def _kind_changed(self) -> None:
        kind = self._kind()
        shown = uses_trigger(kind)
        self.query_one("#trigger-label", Label).update(TRIGGER_LABELS.get(kind, ""))
        self.query_one("#trigger-label").display = shown
        self.query_one("#trigger").display = shown
        self._recompute()

    @on(Select.Changed, "#kind")
    def _on_kind(self) -> None:
        self._kind_changed()

    @on(Input.Changed, "#date")
    @on(Input.Changed, "#trigger")
    def _recompute(self) -> None:
        dues = self.query_one("#dues", DueDates)
        if self.case is None or self.profile is None:
            dues.show(None, self.today, "The case's practice profile cannot be read.")
            return
        # A half-typed date is not an error yet: it is said beside the field on Enter or Ctrl+S.
        on = _quietly(self.query_one("#date", Input).value)
        if on is None:
            dues.show(None, self.today, "Give the date (e.g. 10/12/2026) to see the timescales.")
            return
        trigger = _quietly(self.query_one("#trigger", Input).value)
        due = conference_due(self.case, self._kind(), on, self.profile, trigger=trigger)
        dues.show(due, self.today)

    # --- creating --------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        visible = [i for i in self.query(Input) if i.display]
        if event.input is visible[-1]:
            self.action_create()
        else:
            self.focus_next()

    def _values(self) -> dict[str, Any]:
        """What was typed, read; raises InputError naming the field (and marks it)."""
        kind = self._kind()
        readers: dict[str, tuple[str, str, Any]] = {
            "date": ("date", "Date", lambda t: parse_date(t, required=True)),
            "start": ("start_time", "Start time", parse_time),
            "venue": ("venue", "Venue", parse_text),
            "chair": ("chair", "Chair",
                      lambda t: parse_text(t, required=True, what="The chair's name")),
            "minute-taker": ("minute_taker", "Minute-taker", parse_text),
            "trigger": ("trigger_date", TRIGGER_LABELS.get(kind, ""), parse_date),
        }  # fmt: skip
        values: dict[str, Any] = {"kind": kind, "status": "prepared"}
        for input_id, (name, label, read) in readers.items():
            box = self.query_one(f"#{input_id}", Input)
            box.remove_class("-invalid")
            if input_id == "trigger" and not uses_trigger(kind):
                values[name] = None
                continue
            try:
                values[name] = read(box.value)
            except InputError as exc:
                box.add_class("-invalid")
                box.focus()
                raise InputError(f"{label}: {exc}") from None
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


def _quietly(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except InputError:
        return None
