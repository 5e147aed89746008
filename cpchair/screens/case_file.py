"""The case file: details, children, family and network, conferences (oldest first).

Each field saves itself when left; children and family members are edited in a small modal.
It shows the case's outline (store/outline.py), never a conference's content (but for the
Scaling tab, which reads the whole case only when it is shown): the first read
is made as the screen is built (a few ms, and in WAL a read never waits for a writer), so the
first frame shows the case filled in; reads after a change run in a worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane, Tabs

from cpchair.caseio.schema import ChildDoc
from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_date, parse_text, show_date
from cpchair.rules.ages import describe_age
from cpchair.rules.child_names import first_name_of, full_name_of
from cpchair.rules.profiles import load_profile, profile_names
from cpchair.rules.scaling_trend import Trend, scaling_trend
from cpchair.screens.base import ChairScreen
from cpchair.screens.outside import ChangedOutside, Following
from cpchair.screens.requests import ExportCase, OpenMeeting
from cpchair.store.stale import Expect, Find, Say, StaleEdit, in_case, of_case, words
from cpchair.vocab import KIND_LABELS, STATUS_LABELS
from cpchair.widgets.fields import (
    BaseField,
    ChoiceField,
    FieldRefused,
    FieldSaved,
    FlagField,
    TextField,
)
from cpchair.widgets.key_footer import KeyFooter
from cpchair.widgets.plain import plain_row
from cpchair.widgets.scaling_trend import TREND_COLUMNS, ScalingTrendChart, trend_row
from cpchair.widgets.status_row import StatusRow

if TYPE_CHECKING:
    from cpchair.store import CaseOutline, audit

SEX_OPTIONS = [("Female", "female"), ("Male", "male"), ("Unknown", "unknown")]


# What else names a child (`store.child_links`), one of each.
LINK_ONE = {"views": "view", "votes": "vote", "decisions": "decision", "scores": "score"}


# The case's own details: where each is found in the case, for a save to be checked against.
DETAILS: dict[str, Find] = {
    "reference": of_case("reference"),
    "family_name": of_case("family_name"),
    "lead_social_worker": of_case("lead_social_worker", "name"),
    "lead_social_worker_team": of_case("lead_social_worker", "team"),
    "profile": of_case("profile"),
}
FIELD_IDS = {
    "field-reference": "reference",
    "field-family": "family_name",
    "field-worker": "lead_social_worker",
    "field-team": "lead_social_worker_team",
}


def _count(n: int, what: str) -> str:
    """ "1 view", "2 views"."""
    return f"{n} {LINK_ONE.get(what, what) if n == 1 else what}"


def _required(what: str) -> Callable[[str], Any]:
    return lambda text: parse_text(text, required=True, what=what)


class CaseFileScreen(ChairScreen):
    DEFAULT_CSS = """
    CaseFileScreen TabPane { padding: 0 1; }
    CaseFileScreen DataTable { height: auto; max-height: 12; }
    CaseFileScreen .hint { color: $text-muted; padding: 1 0 0 0; }
    CaseFileScreen #tabs { height: 1fr; }
    CaseFileScreen #audit-state.broken { color: $error; text-style: bold; }
    """
    # Few shown, so the footer fits 80 columns; F1 lists them all. Add and Remove only show
    # on the tabs they work on.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="case.back", tooltip="Back to the caseload"),
        Binding("a", "add", "Add", id="case.add"),
        Binding("x", "remove", "Remove", id="case.remove"),
        Binding("s", "schedule", "Schedule", id="case.schedule"),
        Binding("r", "run", "Meeting", id="case.run", tooltip="Run the live meeting"),
        Binding("e", "export", "Export", id="case.export", show=False),
        Binding(
            "down,enter",
            "into_tab",
            "Into the tab",
            id="case.into",
            show=False,
            tooltip="From the tab bar: into the tab's table or first field",
        ),
    ]
    help_title = "Case file"

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference
        self.doc: CaseOutline | None = None
        self._version: dt.datetime | None = None  # of the case as last read
        self._covered = False  # another screen has been on top since the case was read
        self.following = Following(self)
        # What each detail field is known to hold in the store: as read when the person
        # started typing in it, then as saved, or, after a StaleEdit, as the other seat left it.
        self.seen: dict[str, Any] = {}
        self._profile_words: Say | None = None  # the profiles' titles, for a refusal

    def compose(self) -> ComposeResult:
        self.doc = self.cpchair.store.case_outline(self.reference)
        yield Header()
        with TabbedContent(id="tabs"):
            # The fields take the focus, not the page: no invisible stop between them.
            with (
                TabPane("Details", id="details"),
                VerticalScroll(id="details-fields", can_focus=False),
            ):
                if self.doc is not None:
                    yield from self._details(self.doc)
            with TabPane("Children", id="children"):
                yield DataTable(id="children-table", cursor_type="row")
                yield Static("a adds a child, Enter edits, x removes.", classes="hint")
            with TabPane("Family and network", id="people"):
                yield DataTable(id="people-table", cursor_type="row")
                yield Static("a adds a person, Enter edits, x removes.", classes="hint")
            with TabPane("Conferences", id="conferences"):
                yield DataTable(id="conferences-table", cursor_type="row")
                yield Static(
                    "s schedules a conference (a review starts from the last one); "
                    "Enter opens its preparation; r runs its live meeting.",
                    classes="hint",
                )
            with TabPane("Scaling", id="trend"), VerticalScroll(id="trend-scroll"):
                yield ScalingTrendChart(id="trend-chart")
                yield DataTable(id="trend-table", cursor_type="row")
            with TabPane("Audit", id="audit"):
                yield DataTable(id="audit-table", cursor_type="row")
                yield Static("", id="audit-state", classes="hint")
        yield StatusRow(id="status-row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#children-table", DataTable).add_columns(
            "Name", "Age", "Born / due", "Sex", "Subject"
        )
        self.query_one("#people-table", DataTable).add_columns(
            "Name", "Relationship", "PR", "Contact confidential"
        )
        self.query_one("#conferences-table", DataTable).add_columns(
            "Date", "Kind", "Status", "Chair", "Venue"
        )
        self.query_one("#audit-table", DataTable).add_columns("Line", "When", "Who", "What")
        self.query_one("#trend-table", DataTable).add_columns(*TREND_COLUMNS)
        self._show(self.doc, first=True)

    def on_screen_resume(self) -> None:
        if self._covered:  # not on first showing: the case was read as the screen was built
            self._covered = False
            self.reload()

    def on_screen_suspend(self) -> None:
        self._covered = True
        self.following.stop()  # underneath another screen: it reads again when back on top

    def on_unmount(self) -> None:
        self.following.stop()

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="case-file")
    def _load(self) -> None:
        doc = self.cpchair.store.case_outline(self.reference)
        self.app.call_from_thread(self._show, doc)

    def _show(self, doc: CaseOutline | None, *, first: bool = False) -> None:
        if self not in self.app.screen_stack:
            return  # left while it was reading (a field saved on the way out)
        if doc is None:
            self.notify("That case is no longer here.", severity="error")
            self.dismiss()
            return
        self.doc = doc
        self._version = doc.version
        self.sub_title = f"{doc.reference} · {doc.family_name}"
        if not first:  # the first read's fields were built with it
            self._show_details(doc)
        # From the first read on, changes made elsewhere show here.
        store = self.cpchair.store
        self.following.start(store, lambda: store.case_version(self.reference))
        self._fill_children(doc)
        self._fill_people(doc)
        self._fill_conferences(doc)
        if self._tab() == "audit":
            self._load_audit()
        if self._tab() == "trend":
            self._load_trend()

    @work(thread=True, exclusive=True, group="case-file-trend")
    def _load_trend(self) -> None:
        """The scaling of every conference: the whole case is read, so only when the tab is
        shown (the outline holds no conference's content)."""
        store = self.cpchair.store
        case = store.load_case(self.reference)
        # A round still written down shows its grading alone, as the scaling stage does.
        hidden = store.unrevealed(self.reference)
        trend = scaling_trend(case.conferences, hidden=hidden) if case is not None else None
        self.app.call_from_thread(self._fill_trend, trend)

    def _fill_trend(self, trend: Trend | None) -> None:
        if self not in self.app.screen_stack or trend is None:
            return
        self.query_one("#trend-chart", ScalingTrendChart).show(trend)
        rows = [(p.conference, trend_row(p)) for p in trend.points]
        table = self.query_one("#trend-table", DataTable)
        self._refill(table, rows)
        table.display = bool(rows)

    @work(thread=True, exclusive=True, group="case-file-audit")
    def _load_audit(self) -> None:
        """The case's audit lines, and whether the whole trail's chain holds (it walks every
        line, so only when the tab is shown)."""
        store = self.cpchair.store
        lines = store.audit_lines(self.reference)
        broken = store.check_audit()
        self.app.call_from_thread(self._fill_audit, lines, broken)

    def _fill_audit(self, lines: list[audit.Line], broken: audit.Break | None) -> None:
        if self not in self.app.screen_stack:
            return
        rows = []
        for n in reversed(lines):  # newest first; the time as the chair's clock tells it
            when = n.at.astimezone()
            cells = (str(n.number), f"{show_date(when)} {when:%H:%M}", n.who, n.what)
            rows.append((str(n.number), cells))
        self._refill(self.query_one("#audit-table", DataTable), rows)
        state = self.query_one("#audit-state", Static)
        if broken is not None:
            state.update(broken.message() + " Keep this database as it is; tell your data lead.")
        else:
            count = f"{len(lines)} change{'s' * (len(lines) != 1)}" if lines else "No changes"
            state.update(f"{count} recorded here, newest first. The audit trail is intact.")
        state.set_class(broken is not None, "broken")

    def _details(self, doc: CaseOutline) -> list[TextField | ChoiceField]:
        profiles = [(load_profile(n).title, n) for n in profile_names()]
        self._profile_words = words({n: title for title, n in profiles})
        self.seen = {name: self._held(doc, name) for name in DETAILS}
        return [
            TextField("Reference", doc.reference, self._save_reference, id="field-reference",
                      parse=_required("The reference"), confirm=self._confirm_reference),
            TextField("Family name", doc.family_name, self._save_case("family_name"),
                      parse=_required("The family name"), id="field-family"),
            TextField("Lead social worker", doc.lead_social_worker.name,
                      self._save_case("lead_social_worker"), parse=lambda t: t.strip(),
                      id="field-worker"),
            TextField("Team", doc.lead_social_worker.team or "",
                      self._save_case("lead_social_worker_team"), parse=parse_text,
                      id="field-team"),
            ChoiceField("Practice profile", profiles, doc.profile, self._save_case("profile")),
        ]  # fmt: skip

    @staticmethod
    def _held(doc: CaseOutline, name: str) -> Any:
        worker = doc.lead_social_worker
        if name == "lead_social_worker":
            return worker.name
        if name == "lead_social_worker_team":
            return worker.team
        return getattr(doc, name)

    def _show_details(self, doc: CaseOutline) -> None:
        """The details as saved now; a field being typed in keeps what is typed, and its save
        is still made from what it showed when the typing began: a change the other seat
        made meanwhile is then refused, not overwritten."""
        for field in self.query(TextField):
            name = FIELD_IDS.get(field.id or "")
            if name is None:
                continue
            held = self._held(doc, name)
            if not field.pending:
                field.show_saved(held or "")
                self.seen[name] = held

    @on(ChangedOutside)
    def _changed_outside(self, message: ChangedOutside) -> None:
        store = self.cpchair.store
        if store.explains(self.reference, self._version, message.version):
            self._version = message.version  # this window's own edits
            return
        self.reload()
        self.say("Brought up to date with a change made outside this window.")

    def _row(self, table_id: str) -> str | None:
        table = self.query_one(table_id, DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    @staticmethod
    def _refill(table: DataTable[Any], rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        cursor = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*plain_row(*cells), key=key)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def _fill_children(self, doc: CaseOutline) -> None:
        self._refill(
            self.query_one("#children-table", DataTable),
            [
                (
                    c.key,
                    (
                        full_name_of(c),
                        describe_age(c.date_of_birth, None, self.today),
                        show_date(c.date_of_birth)
                        if c.date_of_birth
                        else f"due {show_date(c.expected_birth_date)}",
                        (c.sex or "").capitalize(),
                        "yes" if c.subject else "no",
                    ),
                )
                for c in doc.children
            ],
        )

    def _fill_people(self, doc: CaseOutline) -> None:
        self._refill(
            self.query_one("#people-table", DataTable),
            [
                (
                    p.key,
                    (
                        p.name,
                        p.relationship,
                        "yes" if p.parental_responsibility else "no",
                        "yes" if p.contact_confidential else "no",
                    ),
                )
                for p in doc.people
            ],
        )

    def _fill_conferences(self, doc: CaseOutline) -> None:
        self._refill(
            self.query_one("#conferences-table", DataTable),
            [
                (
                    c.key,
                    (
                        f"{c.date:%a} {show_date(c.date)}",
                        KIND_LABELS[c.kind],
                        STATUS_LABELS[c.status],
                        c.chair,
                        "virtual" if c.virtual else (c.venue or ""),
                    ),
                )
                for c in doc.conferences
            ],
        )

    # --- saving the case details -----------------------------------------------------------------

    def _save_case(self, name: str) -> Callable[[Any], None]:
        def save(value: Any) -> None:
            self._update_case(name, value)

        return save

    def _save_reference(self, value: str) -> None:
        self._update_case("reference", value)
        self.reference = value

    def _update_case(self, name: str, value: Any) -> None:
        """Saved from the value the field was last known to hold: refused (StaleEdit) if the
        other seat changed it meanwhile; saving again then puts this in place of theirs."""
        say = self._profile_words if name == "profile" else None
        expect = Expect(DETAILS[name], self.seen.get(name), value, say)
        try:
            self.cpchair.store.update_case(self.reference, expect=expect, **{name: value})
        except StaleEdit as exc:
            self.seen[name] = exc.now
            raise
        self.seen[name] = value

    def _confirm_reference(self, value: str) -> tuple[str, str] | None:
        """The council's case number is not changed by a stray key: it asks first."""
        if value == self.reference:
            return None
        return (
            f"Change this case's reference from {self.reference} to {value}?",
            "The reference is the council's case number: exports and documents carry it. "
            "Change it only to correct it.",
        )

    @on(FieldSaved)
    def _saved(self, event: FieldSaved) -> None:
        self.say(f"Saved: {event.label.lower()}.")
        self.reload()

    @on(FieldRefused)
    def _refused(self, event: FieldRefused) -> None:
        self.say(f"Not saved: {event.label.lower()}. {event.reason}", "refused")

    def turned_away(self, typed: str) -> None:
        """Text typed where letters are commands: nothing was changed (see key_mode)."""
        self.say(f"Not used (letters are commands here; Enter opens a row): “{typed}”", "hint")

    # --- children and people ---------------------------------------------------------------------

    def _tab(self) -> str:
        return self.query_one("#tabs", TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "remove"):
            return self._tab() not in ("details", "audit", "trend")  # nothing to add or remove
        if action == "into_tab":  # only from the tab bar: elsewhere Down and Enter are theirs
            return isinstance(self.focused, Tabs)
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()
        if self._tab() == "audit":
            self._load_audit()
        elif self._tab() == "trend":
            self._load_trend()

    def action_into_tab(self) -> None:
        """From the tab bar, Down or Enter goes into the tab: its table or first field."""
        pane = self.query_one("#tabs", TabbedContent).active_pane
        targets = pane.query("DataTable, Input, Select") if pane is not None else None
        if targets:
            targets.first().focus()

    def action_add(self) -> None:
        tab = self._tab()
        if tab == "children":
            self._edit_child(None)
        elif tab == "people":
            self._edit_person(None)
        elif tab == "conferences":
            self.action_schedule()

    @on(DataTable.RowSelected, "#children-table")
    def _child_chosen(self, event: DataTable.RowSelected) -> None:
        self._edit_child(event.row_key.value)

    @on(DataTable.RowSelected, "#people-table")
    def _person_chosen(self, event: DataTable.RowSelected) -> None:
        self._edit_person(event.row_key.value)

    @on(DataTable.RowSelected, "#conferences-table")
    def _conference_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_conference(event.row_key.value)  # type: ignore[arg-type]

    def _edit_child(self, key: str | None) -> None:
        assert self.doc is not None
        store = self.cpchair.store
        child = next((c for c in self.doc.children if c.key == key), None)
        family = self.doc.family_name

        def create(draft: dict[str, Any]) -> str | None:
            values = {"last_name": family, "subject": True, **draft}
            # An unborn child may wait for a name; a child born may not.
            born = values.get("first_name") and values.get("date_of_birth")
            if not (born or values.get("expected_birth_date")):
                return None
            return store.add_child(self.reference, **values)

        def update(name: str, value: Any, was: Any) -> None:
            assert editor.key is not None
            # Refused if someone else changed this field since the editor read it.
            say = words({code: label for label, code in SEX_OPTIONS}) if name == "sex" else None
            expect = Expect(in_case("children", editor.key, name), was, value, say)
            if name == "date_of_birth" and value is not None:
                # Born at last: the expected date gives way to the real one.
                store.update_child(self.reference, editor.key, date_of_birth=value,
                                   expected_birth_date=None, expect=expect)  # fmt: skip
                editor.seen["expected_birth_date"] = None  # this save's, not someone else's
            else:
                store.update_child(self.reference, editor.key, expect=expect, **{name: value})

        def fields(ed: RecordEditor) -> list[Any]:
            c = child or ChildDoc.model_construct(
                key="", first_name="", last_name=family, date_of_birth=None,
                expected_birth_date=None, sex=None, subject=True, interpreter_language=None,
            )  # fmt: skip
            return [
                TextField("First name", c.first_name, ed.saver("first_name", update, c.first_name),
                          parse=lambda t: t.strip(),
                          placeholder="none yet for an unborn child: left empty"),
                TextField("Last name", c.last_name, ed.saver("last_name", update, c.last_name),
                          parse=lambda t: t.strip()),
                TextField("Date of birth", show_date(c.date_of_birth),
                          ed.saver("date_of_birth", update, c.date_of_birth), parse=parse_date,
                          placeholder="e.g. 6/1/2020"),
                TextField("Expected birth date", show_date(c.expected_birth_date),
                          ed.saver("expected_birth_date", update, c.expected_birth_date),
                          parse=parse_date, placeholder="an unborn child only"),
                ChoiceField("Sex", SEX_OPTIONS, c.sex, ed.saver("sex", update, c.sex),
                            allow_blank=True),
                FlagField("Subject of the conference", c.subject,
                          ed.saver("subject", update, c.subject)),
                TextField("Interpreter", c.interpreter_language or "",
                          ed.saver("interpreter_language", update, c.interpreter_language),
                          parse=parse_text,
                          placeholder="language, if the child needs an interpreter"),
            ]  # fmt: skip

        title = "Add a child" if child is None else full_name_of(child)
        editor = RecordEditor(
            title, fields, key, create,
            draft_hint="Give a first name and a date of birth (or, unborn, an expected birth "
            "date, with a first name if there is one yet) and the child is added.",
            what="child",
        )  # fmt: skip
        self.app.push_screen(editor, lambda _key: self.reload())

    def _edit_person(self, key: str | None) -> None:
        from cpchair.dialogs.person import person_editor

        assert self.doc is not None
        person = next((p for p in self.doc.people if p.key == key), None)
        editor = person_editor(self.cpchair.store, self.reference, person, lambda: None)
        self.app.push_screen(editor, lambda _key: self.reload())

    def action_remove(self) -> None:
        from cpchair.dialogs.confirm import ConfirmModal

        tab = self._tab()
        assert self.doc is not None
        store = self.cpchair.store
        if tab == "children" and (key := self._row("#children-table")):
            child = next(c for c in self.doc.children if c.key == key)
            links = store.child_links(self.reference, key)
            detail = (
                "Also removed: " + ", ".join(_count(n, what) for what, n in links.items()) + "."
                if links
                else "Nothing else in the case mentions this child."
            )

            child_key = key

            def remove() -> None:
                store.remove_child(self.reference, child_key)

            question = f"Remove {first_name_of(child)} from this case?"
        elif tab == "people" and (key := self._row("#people-table")):
            who = next(p for p in self.doc.people if p.key == key)

            person_key = key

            def remove() -> None:
                store.remove_person(self.reference, person_key)

            question = f"Remove {who.name} from the family and network?"
            detail = "They stay on the attendance of any conference they came to."
        elif tab == "conferences" and (key := self._row("#conferences-table")):
            conf = next(c for c in self.doc.conferences if c.key == key)

            def remove() -> None:
                store.remove_conference(self.reference, key)

            question = (
                f"Remove the {KIND_LABELS[conf.kind].lower()} conference of {show_date(conf.date)}?"
            )
            detail = "Everything recorded for it goes too."
        else:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                remove()
                self.notify("Removed.", title="Saved")
                self.reload()

        self.app.push_screen(ConfirmModal(question, detail, yes="Remove"), answered)

    # --- conferences -----------------------------------------------------------------------------

    def action_schedule(self) -> None:
        from cpchair.dialogs.schedule import ScheduleModal

        def scheduled(key: str | None) -> None:
            self.reload()
            if key:
                self.notify("Conference scheduled.", title="Saved")
                self.open_conference(key)

        self.app.push_screen(
            ScheduleModal(self.reference, self.cpchair.store, self.today), scheduled
        )

    def open_conference(self, key: str) -> None:
        from cpchair.screens.conference_setup import ConferenceSetupScreen

        self.app.push_screen(ConferenceSetupScreen(self.reference, key))

    def action_run(self) -> None:
        """The live meeting: of the highlighted conference, else of the current one."""
        key = self._row("#conferences-table") if self._tab() == "conferences" else None
        self.post_message(OpenMeeting(self.reference, key))

    def action_export(self) -> None:
        self.post_message(ExportCase(self.reference))

    def action_back(self) -> None:
        # A typed reference is asked about before leaving, not after (its field saves on leaving).
        def leave() -> None:
            self.dismiss()

        if any(f.ask_pending(then=leave) for f in self.query(TextField)):
            return
        # A field whose save was refused (the other seat changed it meanwhile, or what was
        # typed cannot be used) still holds the typed text: leaving would drop it unasked.
        refused = [f for f in self.query(BaseField) if f.has_class("-refused")]
        if not refused:
            self.dismiss()
            return
        from cpchair.dialogs.confirm import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                for field in refused:
                    field.discard()  # left as it is, its typed text would be saved on the way
                self.dismiss()
            else:  # back to the first to put right, its text still there
                refused[0].query("Input, Select, Checkbox, SelectionList").first().focus()

        # (Not `flush()`: that would try the save again, over theirs.)
        why = [f"· {f.label}: {f.query_one('.field-error', Static).content}" for f in refused]
        detail = "Not saved:\n" + "\n".join(why)
        self.app.push_screen(
            ConfirmModal("Leave without saving this?",
                         detail + "\nPress n to go back and put it right.", yes="Leave"),
            answered,
        )  # fmt: skip
