"""Opening: the attendance register, reports, quorum, confidentiality, exclusions and views.

The register is built for speed: one key per person marks them present (p), sent apologies
(a), sent a report only (r) or absent (b); x opens their exclusion, and they are marked
excluded once it is recorded with its reason (never a bare "excluded"); i and o stamp the time
they came in or left; n adds someone who arrives late. Quorum is worked out again after every
change.

Under the register, "Taking part" lists, by name, what participation still needs
(`rules/participation.py`): a view or why not, an advocate, an interpreter, the reason for an
absence, why the conference is late (asked for here too). The views, the views not given and
the children without an advocate are tables of their own; ! marks a view confidential.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cpchair.caseio.schema import AttendeeDoc
from cpchair.forms import parse_text, show_time
from cpchair.rules import participation as part
from cpchair.rules.child_names import first_name_of
from cpchair.rules.quorum import quorum_state
from cpchair.rules.reports import ReportCheck, report_checks
from cpchair.screens.stages.base import StagePanel, saver
from cpchair.store import edits
from cpchair.store.meeting import MeetingState
from cpchair.store.rows import LOCKED
from cpchair.store.stale import Expect, in_conference, of_conference, words
from cpchair.vocab import AGENCY_LABELS, ATTENDANCE_LABELS, STAGE_LABELS, RecordShare
from cpchair.widgets.attendee_table import report_cell
from cpchair.widgets.fields import FlagField, TextField
from cpchair.widgets.item_table import ItemTable, MarkedItemTable
from cpchair.widgets.keyed_table import KeyedTable
from cpchair.widgets.plain import plain_row
from cpchair.widgets.quorum_preview import QuorumPreview

# What each participation need asks of the chair, with the person's name in front.
SAY = {
    part.VIEW: "no view yet, nor the reason why not",
    part.VIEW_AND_WHY_NOT: "a view is recorded and also why none was given: remove the wrong one",
    part.ADVOCATE: "offer an advocate, or record why there is none",
    part.INTERPRETER: "needs an interpreter ({language}); none is present",
    part.FAMILY_INTERPRETER: "a family member cannot be the interpreter",
    part.ABSENCE: "why not there? Enter on the register",
    part.LATE: "Held after its due date: say why under Why late",
}
# Tables of the opening, the kind of row each removes, and the word for it.
TABLES = {
    "exclusions": ("exclusion", "exclusion"),
    "views": ("view", "view"),
    "not-given": ("view_not_given", "view not given"),
    "no-advocate": ("advocate_not_used", "child without an advocate"),
}

WORDS_SHOWN = 100  # of a row's text, in the question before it is removed

RECORD_WORDS: dict[RecordShare | None, str] = {"whole": "whole", "attended": "part attended"}
VIEW_HOW = {
    "in_person": "in person",
    "advocate": "through an advocate",
    "written": "in writing",
    "social_worker": "through the social worker",
    "other": "another way",
}


def _say_time(value: Any) -> str:
    return show_time(value) if isinstance(value, dt.time) else str(value)


def _row_words(table: ItemTable, key: str) -> str:
    """Whose row it is and how its words begin, so the chair sees which one is going."""
    cells = [str(cell) for cell in table.get_row(key)]
    whose = next((c for c in cells if c and c != "!"), "")
    words = cells[-1] if len(cells) > 1 else ""
    if len(words) > WORDS_SHOWN:
        words = words[: WORDS_SHOWN - 1].rstrip() + "…"
    return f"{whose}: {words}" if words else whose


class RegisterTable(KeyedTable):
    DEFAULT_CSS = """
    RegisterTable { height: auto; max-height: 16; margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "mark('present')", "Present", id="register.present"),
        Binding("a", "mark('apologies')", "Apologies", id="register.apologies"),
        Binding("r", "mark('report_only')", "Report only", id="register.report"),
        Binding("x", "mark('excluded')", "Excluded", id="register.excluded"),
        Binding("b", "mark('absent')", "Absent", id="register.absent"),
        Binding("i", "stamp('arrived')", "Came in now", id="register.arrived"),
        Binding("o", "stamp('left')", "Left now", id="register.left"),
        Binding("n", "late", "Late arrival", id="register.late"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        self.add_columns("Name", "Agency", "Here", "In", "Out", "Report")

    @property
    def panel(self) -> OpeningPanel:
        return self.query_ancestor(OpeningPanel)

    def action_mark(self, attendance: str) -> None:
        if (key := self.current_key()) is not None:
            self.panel.mark(key, attendance)

    def action_stamp(self, which: str) -> None:
        if (key := self.current_key()) is not None:
            self.panel.stamp(key, which)

    def action_late(self) -> None:
        self.panel.edit_attendee(None)


class OpeningPanel(StagePanel):
    stage = "opening"
    DEFAULT_CSS = """
    OpeningPanel #attendee-line { height: auto; min-height: 1; padding: 0 1; color: $text-muted; }
    OpeningPanel #quorum { padding: 0 1; }
    OpeningPanel #participation { height: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        conf = self.state.conf
        with VerticalScroll():
            yield Static("Attendance", classes="section-title")
            yield RegisterTable(id="register")
            yield Static("", id="attendee-line", markup=False)
            yield Static(
                "p present · a apologies · r report only · x excluded · b absent · "
                "i came in · o left · n late arrival · Enter edits",
                classes="hint",
            )
            yield Static("Taking part", classes="section-title")
            yield Static("", id="participation", markup=False)
            yield TextField(
                "Why late",
                conf.late_reason or "",
                self._saver("late_reason", conf.late_reason),
                parse=parse_text,
                placeholder="the reason for the delay",
                id="late-reason",
            )
            yield Static("Quorum", classes="section-title")
            yield QuorumPreview(id="quorum")
            yield TextField(
                "Going ahead anyway",
                conf.quorum_override or "",
                self._saver("quorum_override", conf.quorum_override),
                parse=parse_text,
                placeholder="the chair's reason to go ahead inquorate",
                id="override",
            )
            yield FlagField(
                "Confidentiality statement read",
                conf.confidentiality_statement_read,
                saver(
                    self,
                    lambda v: self.meeting.edit(
                        edits.conference.update, confidentiality_statement_read=v
                    ),
                ),
                id="confidentiality",
            )
            yield Static("Exclusions", classes="section-title")
            yield ItemTable(("Who", "Scope", "Stages", "Record", "Reason"), id="exclusions")
            yield Static("a adds an exclusion, Enter edits, x removes.", classes="hint")
            yield Static("Views of the children and the family", classes="section-title")
            yield MarkedItemTable(("", "Whose", "How", "What they said"), id="views")
            yield Static(
                "a adds a view, Enter edits, ! confidential (kept out of family copies), "
                "x removes.",
                classes="hint",
            )
            yield Static("Views not given, and why", classes="section-title")
            yield ItemTable(("Whose", "Why there is no view"), id="not-given")
            yield Static("a adds a reason, Enter edits, x removes.", classes="hint")
            yield Static("Children without an advocate, and why", classes="section-title")
            yield ItemTable(("Child", "Why there is no advocate"), id="no-advocate")
            yield Static("a adds a reason, Enter edits, x removes.", classes="hint")

    def _saver(self, name: str, was: Any) -> Callable[[Any], None]:
        """A field of the conference, saved from the value it was read with: refused if the
        other seat changed it meanwhile (store/stale.py)."""

        def change(value: Any, was: Any) -> None:
            expect = Expect(of_conference(self.meeting.conference, name), was, value)
            self.meeting.edit_if(expect, edits.conference.update, **{name: value})

        return saver(self, change, was)

    def focus_first(self) -> None:
        self.query_one("#register", RegisterTable).focus()

    def show(self, state: MeetingState) -> None:
        conf, case = state.conf, state.case
        checks = self._checks(state)
        register = self.query_one("#register", RegisterTable)
        keep = register.current_key()
        register.clear()
        no_reason = part.excluded_without_reason(conf)
        for a in conf.attendees:
            # Never a bare "excluded": one with no exclusion recorded asks for the reason.
            here = "Excluded: why?" if a.key in no_reason else ATTENDANCE_LABELS[a.attendance]
            register.add_row(
                *plain_row(
                    a.name,
                    AGENCY_LABELS[a.agency],
                    here,
                    show_time(a.arrived),
                    show_time(a.left),
                    report_cell(checks.get(a.key)),
                ),
                key=a.key,
            )
        keys = [a.key for a in conf.attendees]
        if keep in keys:
            register.move_cursor(row=keys.index(keep))
        self._show_attendee()
        self.query_one("#quorum", QuorumPreview).show(conf, case.children, self.today)
        self.query_one("#override").display = quorum_state(conf, case.children) != "quorate"

        names = {a.key: a.name for a in conf.attendees}
        self.query_one("#exclusions", ItemTable).fill(
            [
                (
                    str(row_id),
                    (
                        names.get(x.attendee, "?"),
                        x.scope,
                        self._span(x.from_stage, x.to_stage),
                        RECORD_WORDS.get(x.record, "to choose"),
                        x.reason,
                    ),
                )
                for row_id, x in zip(state.ids["exclusions"], conf.exclusions, strict=True)
            ]
        )
        whose = {c.key: first_name_of(c) for c in case.children} | {
            p.key: p.name for p in case.people
        }
        self.query_one("#views", ItemTable).fill(
            [
                (
                    str(row_id),
                    (
                        "!" if v.confidential else "",
                        whose.get(v.whose, "?"),
                        VIEW_HOW[v.how],
                        v.summary,
                    ),
                )
                for row_id, v in zip(state.ids["views"], conf.views, strict=True)
            ]
        )
        self.query_one("#not-given", ItemTable).fill(
            [
                (str(row_id), (whose.get(v.whose, "?"), v.reason))
                for row_id, v in zip(state.ids["views_not_given"], conf.views_not_given,
                                     strict=True)
            ]
        )  # fmt: skip
        self.query_one("#no-advocate", ItemTable).fill(
            [
                (str(row_id), (whose.get(x.child, "?"), x.reason))
                for row_id, x in zip(state.ids["advocate_not_used"], conf.advocate_not_used,
                                     strict=True)
            ]
        )  # fmt: skip
        self._show_participation(state)

    @property
    def _needs(self) -> tuple[part.Need, ...]:
        state = self.state
        return part.participation(state.case, state.conf, self.conference.profile)

    def _say(self, need: part.Need) -> str:
        case = self.state.case
        languages = {c.key: c.interpreter_language for c in case.children} | {
            p.key: p.interpreter_language for p in case.people
        }
        say = SAY.get(need.code, need.message)
        return say.format(language=languages.get(need.whose or "") or "")

    def _show_participation(self, state: MeetingState) -> None:
        """Who still needs what to take part, by name, as the register changes."""
        case, conf = state.case, state.conf
        needs = self._needs
        names = {c.key: first_name_of(c) for c in case.children} | {
            p.key: p.name for p in case.people
        }
        names |= {a.key: a.name for a in conf.attendees}
        lines = []
        for need in needs:
            key = need.whose or need.attendee
            say = self._say(need)
            line = f"{names[key]}: {say}" if key in names else say
            lines.append(("✗ " if need.must else "! ") + line)
        late = any(n.code == part.LATE for n in needs)
        field = self.query_one("#late-reason", TextField)
        field.display = late or bool(conf.late_reason) or field.pending
        box = self.query_one("#participation", Static)
        if not lines:
            box.update("Everyone's part is recorded: views, advocates, interpreters, absences.")
        else:
            box.update("\n".join(lines) + "\n✗ must be settled before the close; ! worth a look.")

    @staticmethod
    def _span(start: str | None, end: str | None) -> str:
        if not start and not end:
            return "all"
        first = STAGE_LABELS.get(start or "opening", "")
        last = STAGE_LABELS.get(end or "close", "")
        return first if first == last else f"{first} to {last}"

    def _checks(self, state: MeetingState) -> dict[str, ReportCheck]:
        profile = self.conference.profile
        if profile is None:
            return {}
        return {c.attendee: c for c in report_checks(state.conf, profile, self.today)}

    @on(DataTable.RowHighlighted, "#register")
    def _show_attendee(self) -> None:
        key = self.query_one("#register", RegisterTable).current_key()
        attendee: AttendeeDoc | None = self.state.attendee(key)
        line = self.query_one("#attendee-line", Static)
        if attendee is None:
            line.update("No one is on the list yet: n adds someone.")
            return
        text = f"{attendee.name}, {attendee.role or 'no role given'}"
        text += "; votes" if attendee.votes else "; does not vote"
        if attendee.key in part.excluded_without_reason(self.state.conf):
            text += ". Excluded, with no reason recorded: x gives it"
        check = self._checks(self.state).get(attendee.key)
        if check is not None and (warning := check.warning()):
            text += f". Report: {warning}"
        # What their taking part still needs, where the cursor is (the full list is below).
        for need in self._needs:
            if need.attendee == attendee.key or (attendee.person and need.whose == attendee.person):
                text += f". {'✗' if need.must else '!'} {self._say(need)}"
        line.update(text)

    # --- the register ----------------------------------------------------------------------------

    def mark(self, key: str, attendance: str) -> None:
        if attendance == "excluded":
            self.exclude(key)
            return
        who = self.state.attendee(key)
        expect = self._shown(key, "attendance", attendance)
        self.edit(
            lambda: self.meeting.edit_if(
                expect, edits.register.update_attendee, key, attendance=attendance
            ),
            f"{who.name if who else 'attendee'}: {ATTENDANCE_LABELS[attendance].lower()}.",
        )

    def _shown(self, key: str, field: str, to: Any) -> Expect:
        """A key's change to `field` of attendee `key`, made from what the register shows:
        refused if the other seat changed it meanwhile (unless to the same), and the register
        then shows theirs (store/stale.py)."""
        who = self.state.attendee(key)
        say = words(ATTENDANCE_LABELS) if field == "attendance" else _say_time
        found = in_conference(self.meeting.conference, "attendees", key, field)
        return Expect(found, getattr(who, field) if who else None, to, say, key=True)

    def exclude(self, key: str) -> None:
        """x: never a bare "excluded". It opens the person's exclusion, or a new one for them,
        and they are marked excluded as it is recorded with its reason; closed without one,
        nothing changes and the status line says why."""
        if self.state.conf.status == "concluded":
            self.refuse(LOCKED)
            return
        conf, ids = self.state.conf, self.state.ids["exclusions"]
        row_id = next((ids[i] for i, x in enumerate(conf.exclusions) if x.attendee == key), None)
        if row_id is None:
            self.edit_exclusion(None, attendee=key, closed=self._excluded_or_not)
            return
        who = self.state.attendee(key)
        if who is not None and who.attendance != "excluded":
            expect = self._shown(key, "attendance", "excluded")
            made, _ = self.attempt(
                lambda: self.meeting.edit_if(
                    expect, edits.register.update_attendee, key, attendance="excluded"
                ),
                f"{who.name}: excluded.",
            )
            if not made:
                return  # the register shows why, and theirs: x again to exclude them
        self.edit_exclusion(row_id)

    def _excluded_or_not(self, recorded: object) -> None:
        if recorded is None:
            self.refuse("Not excluded: an exclusion needs its reason. x again to give it.")

    def stamp(self, key: str, which: str) -> None:
        now = self.conference.now().time().replace(second=0)
        expect = self._shown(key, which, now)
        self.edit(
            lambda: self.meeting.edit_if(
                expect, edits.register.update_attendee, key, **{which: now}
            ),
            f"{'came in' if which == 'arrived' else 'left'} at {show_time(now)}.",
        )

    @on(DataTable.RowSelected, "#register")
    def _edit_highlighted(self, event: DataTable.RowSelected) -> None:
        self.edit_attendee(event.row_key.value)

    def edit_attendee(self, key: str | None) -> None:
        from cpchair.dialogs.attendee import attendee_editor

        if self.state.conf.status == "concluded":
            self.refuse(LOCKED)
            return
        state = self.state
        editor = attendee_editor(self.meeting.store, state.case.reference,
                                 state.conf.key, state.case, state.attendee(key), self.today,
                                 self.reload, late=key is None)  # fmt: skip

        def closed(new_key: str | None) -> None:
            if key is None and new_key is not None:  # a late arrival: they came in now
                self.stamp(new_key, "arrived")
            self.reload()
            self.query_one("#register", RegisterTable).focus()

        self.app.push_screen(editor, closed)

    # --- exclusions and views --------------------------------------------------------------------

    @on(ItemTable.Add)
    def _add(self, event: ItemTable.Add) -> None:
        self._edit_row(str(event.table.id), None)

    @on(DataTable.RowSelected, "#exclusions, #views, #not-given, #no-advocate")
    def _open(self, event: DataTable.RowSelected) -> None:
        self._edit_row(str(event.data_table.id), int(event.row_key.value))  # type: ignore[arg-type]

    def _edit_row(self, table: str, row_id: int | None) -> None:
        from cpchair.dialogs.opening_rows import no_advocate_editor, not_given_editor

        if table == "exclusions":
            self.edit_exclusion(row_id)
        elif table == "views":
            self.edit_view(row_id)
        elif table in ("not-given", "no-advocate"):
            make = not_given_editor if table == "not-given" else no_advocate_editor
            editor = make(self.meeting, self.state, row_id, self.reload)
            self._open_editor(editor, f"#{table}")

    @on(ItemTable.Remove)
    def _remove(self, event: ItemTable.Remove) -> None:
        """x asks first, as everywhere else a row is removed; No (n, Escape) keeps it."""
        from cpchair.dialogs.confirm import ConfirmModal

        kind, word = TABLES[str(event.table.id)]
        row_id = int(event.key)

        def answered(yes: bool | None) -> None:
            if yes:
                self.edit(
                    lambda: self.meeting.edit(edits.history.remove_row, kind, row_id),
                    f"{word} removed.",
                )

        self.app.push_screen(
            ConfirmModal(f"Remove this {word}?", _row_words(event.table, event.key),
                         yes="Remove"),
            answered,
        )  # fmt: skip

    @on(MarkedItemTable.Confidential)
    def _toggle_confidential(self, event: MarkedItemTable.Confidential) -> None:
        if event.table.id != "views":
            return
        row_id = int(event.key)
        ids = self.state.ids["views"]
        if row_id not in ids:
            return
        now = not self.state.conf.views[ids.index(row_id)].confidential
        self.edit(
            lambda: self.meeting.edit(edits.history.update_view, row_id, confidential=now),
            "view: confidential, kept out of family copies." if now else "view: not confidential.",
        )

    def edit_exclusion(
        self,
        row_id: int | None,
        attendee: str | None = None,
        closed: Callable[[object], None] | None = None,
    ) -> None:
        """An exclusion; one for `attendee` comes from the register (x), and goes back there."""
        from cpchair.dialogs.opening_rows import exclusion_editor

        editor = exclusion_editor(
            self.meeting,
            self.state,
            row_id,
            attendee,
            self.reload,
            from_register=attendee is not None,
        )
        back_to = "#register" if attendee is not None else "#exclusions"
        self._open_editor(editor, back_to, closed)

    def edit_view(self, row_id: int | None) -> None:
        from cpchair.dialogs.opening_rows import view_editor

        self._open_editor(view_editor(self.meeting, self.state, row_id, self.reload),
                          "#views")  # fmt: skip

    def _open_editor(
        self, editor: Any, back_to: str, then: Callable[[object], None] | None = None
    ) -> None:
        def closed(key: object) -> None:
            self.reload()
            self.query_one(back_to).focus()
            if then is not None:
                then(key)

        self.app.push_screen(editor, closed)
