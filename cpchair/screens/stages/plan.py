"""The plan: outcomes for the children, actions (what, who, by when, for whom, key
safeguarding, status), the lead social worker and the core group, the dates, the contingency
plan and visiting arrangements, services recommended and whether the embassy is told.

Six parts, one tab each, F6 to the next. Tables: a adds, Enter edits, x removes, [ and ] move;
on the actions s steps the status (open, done, not done, dropped), so the actions a review
carries forward are brought up to date a key each, and k marks a key safeguarding action.
The dates show when each is due (`rules/plan_dates.py`); F7 writes the due date into every
date still empty, and a date set later than due is flagged with the days it is late. After a
conference held without a quorum the review must be early: it shows the date it must come
before, and F7 leaves it to the chair. Under the dates, the profile's standing rules: how often
later core groups meet, when the outline plan and the record reach the parents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from cpchair.caseio.schema import ActionDoc, PlanDoc
from cpchair.forms import parse_date, parse_text, show_date
from cpchair.rules.child_names import first_name_of
from cpchair.rules.plan_actions import (
    carried_forward,
    is_overdue,
    next_status,
    to_review,
)
from cpchair.rules.plan_dates import PLAN_DATES, PlanDate, dates_to_fill, plan_dates
from cpchair.rules.timescales import Standing, standing_rules
from cpchair.screens.stages.base import Seen, StagePanel, saver
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.store.rows import LOCKED
from cpchair.store.stale import Expect, of_case, of_conference, planned, words
from cpchair.timescales_view import format_date
from cpchair.vocab import ACTION_STATUS_LABELS, AGENCY_LABELS, ATTENDANCE_LABELS, PLAN_DATE_LABELS
from cpchair.widgets.fields import FlagField, TextField
from cpchair.widgets.item_table import ItemTable
from cpchair.widgets.plan_fields import CoreGroupPicker, ParagraphField, PlanDateField
from cpchair.widgets.plan_tables import ActionTable, OutcomeTable, PlanTable, ServiceTable

PARTS = ("outcomes", "actions", "people", "dates", "arrangements", "services")
KINDS = {"outcomes": "outcomes", "actions": "actions", "services": "recommendations"}
DETAILS = {"outcomes": "#outcome-detail", "actions": "#action-detail",
           "services": "#service-detail"}  # fmt: skip
WORDS = {"outcomes": "outcome", "actions": "action", "recommendations": "service recommended"}
DRAFTS = {"contingency": "plan.contingency", "visiting": "plan.visiting"}


def _standing_line(rule: Standing, conference_date: dt.date) -> str:
    """ "Record to the family: by Tue 12 Jan 2027, 20 working days after the initial
    conference (england)"; a frequency or a hand-over at the meeting needs no date."""
    if rule.date is None or rule.date == conference_date:
        return f"{rule.label}: {rule.rule}"
    return f"{rule.label}: by {format_date(rule.date)}, {rule.rule}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _numbered(texts: list[str], ids: list[int]) -> list[tuple[str, tuple[str, str]]]:
    return [(str(i), (str(n), t)) for n, (i, t) in enumerate(zip(ids, texts, strict=True), 1)]


class PlanPanel(StagePanel):
    stage = "plan"
    DEFAULT_CSS = """
    PlanPanel #plan-tabs { height: 1fr; }
    PlanPanel #plan-tabs > ContentSwitcher { height: 1fr; }
    PlanPanel TabPane { height: 1fr; padding: 0; }
    PlanPanel #plan-note { height: auto; padding: 0 1; color: $warning; }
    PlanPanel .detail { height: auto; max-height: 5; padding: 0 1; background: $boost; }
    PlanPanel #review-line { height: auto; padding: 0 1; color: $text-accent; }
    PlanPanel #services-box { height: auto; max-height: 12; }
    """
    # Priority: a TextArea has its own F6 and F7 (select the line, select all).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "next_part(1)", "Next part", id="plan.next_part", priority=True),
        Binding("shift+f6", "next_part(-1)", "Back a part", id="plan.previous_part", show=False,
                priority=True),
        Binding("f7", "fill_dates", "Due dates", id="plan.fill_dates", priority=True),
    ]  # fmt: skip

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ids: dict[str, list[int]] = {"outcomes": [], "actions": [], "recommendations": []}
        self.dates: dict[str, PlanDate] = {}
        self.seen: dict[str, Seen] = {}  # the plan's dates and paragraphs, as last shown
        self._placed = False  # the first showing picks the part to open on

    # --- building ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        case, plan = self.state.case, self.state.conf.plan or PlanDoc()
        drafts = self.conference.drafts
        yield Static("", id="plan-note", markup=False)
        with TabbedContent(id="plan-tabs"):
            with TabPane("Outcomes", id="part-outcomes"):
                yield OutcomeTable([("", 2), ("Outcome for the children", None)], id="outcomes")
                yield Static("", id="outcome-detail", classes="detail", markup=False)
                yield Static("a adds · Enter edits · x removes · [ ] move", classes="hint")
            with TabPane("Actions", id="part-actions"):
                yield Static("", id="review-line", markup=False)
                yield ActionTable(
                    [("", 3), ("What", None), ("Who", 14), ("By", 11), ("Status", 8)],
                    id="actions",
                )
                yield Static("", id="action-detail", classes="detail", markup=False)
                yield Static(
                    "a adds · Enter edits · s status · k key safeguarding · ! confidential · "
                    "x removes · [ ] move",
                    classes="hint",
                )
            with TabPane("People", id="part-people"), VerticalScroll(can_focus=False):
                yield TextField(
                    "Lead social worker",
                    case.lead_social_worker.name,
                    self._lead_saver("name", case.lead_social_worker.name),
                    parse=lambda t: parse_text(t, required=True, what="The name"),
                    id="lead",
                )
                yield TextField(
                    "Team",
                    case.lead_social_worker.team or "",
                    self._lead_saver("team", case.lead_social_worker.team),
                    parse=parse_text,
                    id="lead-team",
                )
                yield CoreGroupPicker(
                    "Core group: space ticks who carries the plan out between conferences",
                    saver(self, lambda keys: self.meeting.edit(edits.plan.set_core_group, keys)),
                    id="core-group",
                )
            with TabPane("Dates", id="part-dates"), VerticalScroll(can_focus=False):
                for name in PLAN_DATES:
                    yield PlanDateField(
                        PLAN_DATE_LABELS[name], show_date(getattr(plan, name)),
                        self._plan_saver(name, getattr(plan, name)), parse=parse_date,
                        id=f"date-{name}",
                    )  # fmt: skip
                yield Static("", id="date-rules", classes="hint", markup=False)
                yield Static(
                    "F7 fills every empty date with its due date; each date stays editable.",
                    classes="hint",
                )
            with TabPane("Arrangements", id="part-arrangements"), VerticalScroll(can_focus=False):
                for name, label in (("contingency", "Contingency plan: if things do not "
                                     "change, or get worse"),
                                    ("visiting", "Visiting arrangements: who sees the "
                                     "children, how often, alone or not")):  # fmt: skip
                    yield ParagraphField(
                        label, getattr(plan, name) or "",
                        self._plan_saver(name, getattr(plan, name)),
                        slot=DRAFTS[name], save_draft=self.save_draft,
                        draft=drafts.get(DRAFTS[name], ""), id=name,
                    )  # fmt: skip
            with TabPane("Services", id="part-services"), VerticalScroll():
                yield Static("Services recommended", classes="section-title")
                yield ServiceTable([("", 2), ("Service", None)], id="services")
                yield Static("", id="service-detail", classes="detail", markup=False)
                yield Static("a adds · Enter edits · x removes · [ ] move", classes="hint")
                # A tick has two values: whatever the other seat did, this one sets what the
                # chair wants, so it is saved as it stands (and follows theirs on a reload).
                yield FlagField(
                    "The embassy is to be told (the child has links abroad)",
                    plan.embassy_notification,
                    saver(
                        self,
                        lambda v: self.meeting.edit(edits.plan.update_plan, embassy_notification=v),
                    ),
                    id="embassy",
                )

    def _lead_saver(self, name: str, was: Any) -> Any:
        """The lead social worker's name or team, saved from the value the field was read
        with: refused if the other seat changed it meanwhile (store/stale.py)."""

        def change(value: Any, was: Any) -> None:
            expect = Expect(of_case("lead_social_worker", name), was, value)
            self.meeting.edit_if(expect, edits.plan.set_lead_social_worker, **{name: value})

        return saver(self, change, was)

    def _plan_saver(self, name: str, was: Any) -> Any:
        """A date or paragraph of the plan, saved from the value the field last showed as
        saved (`self.seen`, kept up to date by each reload while nothing is typed there):
        refused if the other seat changed it meanwhile (store/stale.py)."""
        self.seen[name] = Seen(was)

        def change(value: Any, was: Any) -> None:
            expect = Expect(of_conference(self.meeting.conference, "plan", name), was, value)
            self.meeting.edit_if(expect, edits.plan.update_plan, **{name: value})

        return saver(self, change, self.seen[name])

    # --- showing -----------------------------------------------------------------------------

    def show(self, state: MeetingState) -> None:
        self.ids = self.meeting.read(edits.plan.plan_ids)
        plan = state.conf.plan or PlanDoc()
        self._show_note(state)
        self.query_one("#outcomes", OutcomeTable).fill(
            _numbered(plan.outcomes, self.ids["outcomes"])
        )
        self.query_one("#services", ServiceTable).fill(
            _numbered(plan.recommendations, self.ids["recommendations"])
        )
        self._show_actions(state, plan)
        self._show_people(state, plan)
        self._show_dates(state)
        for name in DRAFTS:
            held = getattr(plan, name)
            if self.query_one(f"#{name}", ParagraphField).show_value(held or ""):
                self.seen[name].value = held
        self.query_one("#embassy", FlagField).show(plan.embassy_notification)
        self._detail("outcomes")
        self._detail("actions")
        self._detail("services")
        if not self._placed:
            self._placed = True
            # At a review with actions still to update, open where they are.
            if to_review(plan.actions, self._previous_plan(state)):
                self.query_one("#plan-tabs", TabbedContent).active = "part-actions"

    def _previous_plan(self, state: MeetingState) -> PlanDoc | None:
        previous = state.previous
        return previous.plan if previous is not None and state.conf.kind == "review" else None

    def _show_note(self, state: MeetingState) -> None:
        decisions = state.conf.decisions
        note = ""
        if decisions and not any(d.outcome == "plan" for d in decisions):
            note = (
                "No child is on a plan: record the services recommended (Services) "
                "for the help that follows."
            )
        elif self.conference.profile is None:
            note = "This case's practice profile cannot be read, so no due dates are shown."
        line = self.query_one("#plan-note", Static)
        line.update(note)
        line.display = bool(note)

    def _show_actions(self, state: MeetingState, plan: PlanDoc) -> None:
        previous = self._previous_plan(state)
        carried = carried_forward(plan.actions, previous)
        rows = []
        for n, (row_id, action, came) in enumerate(
            zip(self.ids["actions"], plan.actions, carried, strict=True), start=1
        ):
            mark = (
                ("?" if came and action.status == "open" else " ")
                + ("K" if action.key_safeguarding else " ")
                + ("!" if action.confidential else " ")
            )
            by = Text(show_date(action.by))
            if is_overdue(action, state.conf.date):
                by.stylize("bold red")
            rows.append((str(row_id), (mark, f"{n}. {action.what}", action.who, by,
                                       ACTION_STATUS_LABELS[action.status])))  # fmt: skip
        self.query_one("#actions", ActionTable).fill(rows)
        line = self.query_one("#review-line", Static)
        count, still = sum(carried), to_review(plan.actions, previous)
        if count:
            line.update(
                f"{count} carried forward, {still} still open (?): s steps the status. "
                "K: key safeguarding. !: confidential."
            )
        else:
            line.update(
                "K: key safeguarding action. !: confidential." if plan.actions
                else "No actions yet."
            )  # fmt: skip

    def _show_people(self, state: MeetingState, plan: PlanDoc) -> None:
        conf, case = state.conf, state.case
        as_person = {a.key: a.person for a in conf.attendees if a.person}
        options = []
        for a in conf.attendees:
            if a.person:  # a family member on the list: offered once, as the person
                continue
            label = f"{a.name} · {a.role or AGENCY_LABELS[a.agency]}"
            if a.attendance != "present":
                label += f" ({ATTENDANCE_LABELS[a.attendance].lower()})"
            options.append((_cut(label, 64), a.key))
        options += [(_cut(f"{p.name} · {p.relationship}", 64), p.key) for p in case.people]
        chosen = [as_person.get(k, k) for k in plan.core_group]
        self.query_one("#core-group", CoreGroupPicker).show(options, chosen)

    def _show_dates(self, state: MeetingState, *, filled: frozenset[str] = frozenset()) -> None:
        profile = self.conference.profile
        found = plan_dates(state.case, state.conf, profile) if profile is not None else ()
        self.dates = {d.field: d for d in found}
        plan = state.conf.plan or PlanDoc()
        for name in PLAN_DATES:
            field = self.query_one(f"#date-{name}", PlanDateField)
            held = getattr(plan, name)
            if field.show(self.dates.get(name), held, force=name in filled):
                self.seen[name].value = held
        conf = state.conf
        standing = standing_rules(conf.kind, conf.date, profile) if profile is not None else []
        rules = self.query_one("#date-rules", Static)
        rules.update("\n".join(_standing_line(r, conf.date) for r in standing))
        rules.display = bool(standing)

    # --- the highlighted row in full ---------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id in KINDS:
            self._detail(event.data_table.id)

    def _detail(self, table_id: str) -> None:
        table = self.query_one(f"#{table_id}", PlanTable)
        detail = self.query_one(DETAILS[table_id], Static)
        key = table.current_key()
        plan = self.state.conf.plan
        kind = KINDS[table_id]
        ids = self.ids[kind]
        if key is None or plan is None or int(key) not in ids:
            detail.update("None yet: a adds one.")
            return
        i = ids.index(int(key))
        if kind == "actions":
            detail.update(self._describe(plan.actions[i], i))
        else:
            detail.update((plan.outcomes if kind == "outcomes" else plan.recommendations)[i])

    def _describe(self, action: ActionDoc, i: int) -> str:
        names = {c.key: first_name_of(c) for c in self.state.case.children}
        whom = ", ".join(names.get(k, "?") for k in action.children) or "all the children"
        by = f"by {show_date(action.by)}" if action.by else "no date set"
        status = ACTION_STATUS_LABELS[action.status].lower()
        if is_overdue(action, self.state.conf.date):
            status += ", overdue"
        key = "; key safeguarding" if action.key_safeguarding else ""
        secret = (
            "; CONFIDENTIAL: family copies show only who and when" if action.confidential else ""
        )
        return f"{i + 1}. {action.what}\n{action.who}, {by}; for {whom}{key}; {status}{secret}."

    # --- moving between the parts ------------------------------------------------------------

    def focus_first(self) -> None:
        self._focus_part()

    def _focus_part(self) -> None:
        tabs = self.query_one("#plan-tabs", TabbedContent)
        pane = tabs.get_pane(tabs.active)
        first = pane.query("DataTable, Input, TextArea, SelectionList, Checkbox").first()
        first.focus()

    def action_next_part(self, step: int) -> None:
        tabs = self.query_one("#plan-tabs", TabbedContent)
        here = PARTS.index(tabs.active.removeprefix("part-"))
        tabs.active = f"part-{PARTS[(here + step) % len(PARTS)]}"
        self.call_after_refresh(self._focus_part)

    # --- the dates ---------------------------------------------------------------------------

    def action_fill_dates(self) -> None:
        profile = self.conference.profile
        if profile is None:
            self.refuse("The practice profile cannot be read: no due dates.")
            return
        fields = {name: self.query_one(f"#date-{name}", PlanDateField) for name in PLAN_DATES}
        for field in fields.values():
            if field.input.has_focus:  # what is being typed counts first
                field.commit_typed()
        due = dates_to_fill(plan_dates(self.state.case, self.state.conf, profile))
        # A box holding typed text (a refused date, say) is left as the chair has it.
        fill = {k: v for k, v in due.items() if not fields[k].input.value.strip()}
        early = next((d for d in self.dates.values() if d.early and d.set is None), None)
        if not fill:
            if early is not None and early.due is not None:
                self.notify(
                    f"Held without a quorum: choose the early review's date, before "
                    f"{format_date(early.due)}.",
                    title="Due dates",
                )
            else:
                self.notify("Every date the plan needs is already set.", title="Due dates")
            return
        filled: list[str] = []

        def change() -> bool:
            filled.extend(self.meeting.edit(edits.plan.fill_dates, **fill).value)
            return True

        if not self.edit(change, "", reload=False):
            return
        named = ", ".join(PLAN_DATE_LABELS[name].lower() for name in filled)
        kept = [PLAN_DATE_LABELS[name].lower() for name in fill if name not in filled]
        done = f"due dates filled in: {named}." if filled else "no date filled in."
        if kept:  # the other seat set these meanwhile: theirs stand
            done += f" Set meanwhile by someone else, and kept: {', '.join(kept)}."
        self.saved(done)
        self.reload()
        self._show_dates(self.state, filled=frozenset(filled))

    # --- tables ------------------------------------------------------------------------------

    @on(ItemTable.Add)
    def _add(self, event: ItemTable.Add) -> None:
        if event.table.id in KINDS:
            self._open_editor(event.table.id, None)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in KINDS:
            self._open_editor(event.data_table.id, int(str(event.row_key.value)))

    def _open_editor(self, table_id: str, row_id: int | None) -> None:
        from cpchair.dialogs.plan_rows import action_editor, text_editor

        if self.state.conf.status == "concluded":
            self.refuse(LOCKED)
            return
        kind = KINDS[table_id]
        if kind == "actions":
            editor = action_editor(self.meeting, self.state, row_id)
        else:
            editor = text_editor(self.meeting, self.state, kind, row_id)

        def closed(key: str | None) -> None:
            self.reload()
            table = self.query_one(f"#{table_id}", PlanTable)
            table.focus()
            keys = [r.key.value for r in table.ordered_rows]
            if key is not None and key in keys:  # the one just written
                table.move_cursor(row=keys.index(key))

        self.app.push_screen(editor, closed)

    @on(ItemTable.Remove)
    def _remove(self, event: ItemTable.Remove) -> None:
        from cpchair.dialogs.confirm import ConfirmModal

        if event.table.id not in KINDS:
            return
        kind, row_id = KINDS[event.table.id], int(event.key)
        what = WORDS[kind]

        def answered(yes: bool | None) -> None:
            if yes:
                self.edit(
                    lambda: self.meeting.edit(edits.plan.remove_row, kind, row_id),
                    f"{what} removed.",
                )

        self.app.push_screen(ConfirmModal(f"Remove this {what}?", yes="Remove"), answered)

    @on(PlanTable.Move)
    def _move(self, event: PlanTable.Move) -> None:
        kind = KINDS[str(event.table.id)]
        self.edit(
            lambda: self.meeting.edit(edits.plan.move_row, kind, int(event.key), event.step),
            f"{WORDS[kind]} moved {'up' if event.step < 0 else 'down'}.",
        )

    def _action(self, key: str) -> tuple[int, ActionDoc] | None:
        plan, ids = self.state.conf.plan, self.ids["actions"]
        if plan is None or int(key) not in ids:
            return None
        i = ids.index(int(key))
        return i, plan.actions[i]

    @on(ActionTable.Status)
    def _step_status(self, event: ActionTable.Status) -> None:
        if (found := self._action(event.key)) is None:
            return
        i, action = found
        status = next_status(action.status)
        # Stepped from the status shown: refused if the other seat changed it meanwhile.
        expect = Expect(
            planned(self.meeting.conference, "actions", int(event.key), "status"),
            action.status, status, words(ACTION_STATUS_LABELS), key=True,
        )  # fmt: skip
        self.edit(
            lambda: self.meeting.edit_if(
                expect, edits.plan.update_action, int(event.key), status=status
            ),
            f"action {i + 1}: {ACTION_STATUS_LABELS[status].lower()}.",
        )

    # The ! and k marks are ticks: two values, so whatever the other seat did, the key sets
    # the one shown as the chair's aim, and no change of theirs can be lost to it.

    @on(ActionTable.Confidential)
    def _toggle_confidential(self, event: ActionTable.Confidential) -> None:
        if (found := self._action(event.key)) is None:
            return
        i, action = found
        now = not action.confidential
        self.edit(
            lambda: self.meeting.edit(edits.plan.update_action, int(event.key), confidential=now),
            f"action {i + 1}: {'confidential' if now else 'not confidential'}.",
        )

    @on(ActionTable.KeySafeguarding)
    def _toggle_key(self, event: ActionTable.KeySafeguarding) -> None:
        if (found := self._action(event.key)) is None:
            return
        i, action = found
        now = not action.key_safeguarding
        self.edit(
            lambda: self.meeting.edit(
                edits.plan.update_action, int(event.key), key_safeguarding=now
            ),
            f"action {i + 1}: {'a' if now else 'not a'} key safeguarding action.",
        )
