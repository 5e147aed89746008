"""The chair's preparation for one conference (not the live meeting).

Three tabs: the conference's details with the dates around it, the invitations with each
report's state, and the quorum each subject child will have. Every field saves itself; after
each save the case is read again (one short read) and the warnings follow. The dates, report
checks and quorum all come from `rules/`; this screen only shows them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import (
    DataTable,
    Header,
    Label,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
)

from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ConferenceDoc
from cpchair.forms import parse_date, parse_text, parse_time, show_date, show_time
from cpchair.rules.conference_due import TRIGGER_LABELS, conference_due, uses_trigger
from cpchair.rules.profiles import Profile, profile_for
from cpchair.rules.reports import ReportCheck, report_checks
from cpchair.screens.base import ChairScreen
from cpchair.screens.requests import OpenMeeting
from cpchair.store.stale import Expect, StaleEdit, of_conference, words
from cpchair.vocab import CONFERENCE_KINDS, KIND_LABELS
from cpchair.widgets.attendee_table import AttendeeTable, detail_line
from cpchair.widgets.due_dates import DueDates, late_warning
from cpchair.widgets.fields import (
    BaseField,
    ChoiceField,
    FieldRefused,
    FieldSaved,
    FlagField,
    TextField,
)
from cpchair.widgets.key_footer import KeyFooter
from cpchair.widgets.quorum_preview import QuorumPreview, quorum_summary

KINDS = [(KIND_LABELS[k], k) for k in CONFERENCE_KINDS]


class ConferenceSetupScreen(ChairScreen):
    DEFAULT_CSS = """
    ConferenceSetupScreen TabPane { padding: 0 1; }
    ConferenceSetupScreen #dues { margin-bottom: 1; }
    ConferenceSetupScreen #attendee-detail { height: auto; min-height: 2; color: $text-muted; }
    ConferenceSetupScreen #quorum-line { height: auto; }
    ConferenceSetupScreen .hint { color: $text-muted; }
    ConferenceSetupScreen #tabs { height: 1fr; }
    ConferenceSetupScreen #late { color: $error; text-style: bold; height: auto; padding: 0 1; }
    ConferenceSetupScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    ConferenceSetupScreen #status.-refused { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Case file", id="setup.back"),
        Binding("a", "add_attendee", "Add attendee", id="setup.add"),
        Binding("enter", "edit_attendee", "Edit", id="setup.edit"),
        Binding("x", "remove_attendee", "Remove", id="setup.remove"),
        Binding("r", "run", "Run meeting", id="setup.run"),
        # From the tab bar only: elsewhere a digit is part of a date or a time being typed.
        Binding(
            "1",
            "show_tab('details')",
            "Details tab",
            id="setup.details",
            show=False,
            tooltip="Details tab (from the tab bar)",
        ),
        Binding(
            "2",
            "show_tab('invitations')",
            "Invitations tab",
            id="setup.invite",
            show=False,
            tooltip="Invitations tab (from the tab bar)",
        ),
        Binding(
            "3",
            "show_tab('quorum')",
            "Quorum tab",
            id="setup.quorum",
            show=False,
            tooltip="Quorum tab (from the tab bar)",
        ),
        Binding(
            "down,enter",
            "into_tab",
            "Into the tab",
            id="setup.into",
            show=False,
            tooltip="From the tab bar: into the tab's table or first field",
        ),
    ]
    help_title = "Preparing a conference"

    def __init__(self, reference: str, conference: str) -> None:
        super().__init__()
        self.reference = reference  # the app reads this to know which case is open
        self.conference = conference
        self.case: CaseDoc | None = None
        self.conf: ConferenceDoc | None = None
        self.profile: Profile | None = None
        self._checks: dict[str, ReportCheck] = {}
        self._late = False  # the date chosen is after the conference's due date

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs"):
            with TabPane("Details", id="details"):
                yield Static("", id="late", markup=False)  # outside the scroll: always seen
                with VerticalScroll(id="details-scroll"):
                    yield DueDates(show_late=False, id="dues")
            with TabPane("Invitations and reports", id="invitations"):
                yield AttendeeTable(id="attendees")
                yield Static("", id="attendee-detail", markup=False)
                yield Static("", id="quorum-line", markup=False)
                yield Static("a invites someone, Enter edits, x removes.", classes="hint")
            with TabPane("Quorum", id="quorum"):
                yield QuorumPreview(id="quorum-preview")
        yield Static("", id="status", markup=False)
        yield KeyFooter()

    async def on_mount(self) -> None:
        if self.reload():
            assert self.conf is not None
            # Built once: a field keeps what is typed in it, so reloads never rebuild them.
            await self.query_one("#details-scroll").mount_all(self._detail_fields(self.conf))
            self._show_trigger(self.conf.kind)

    def on_screen_resume(self) -> None:
        if self.conf is not None:
            self.reload()

    # --- reading and showing -----------------------------------------------------------------

    def reload(self) -> bool:
        """Read the case again (one short read) and redraw everything but the fields."""
        case = self.cpchair.store.load_case(self.reference)
        conf = (
            next((c for c in case.conferences if c.key == self.conference), None) if case else None
        )
        if case is None or conf is None:
            self.notify("That conference is no longer in the case.", severity="error")
            self.dismiss()
            return False
        if self.profile is None or self.profile.name != case.profile:
            self.profile = profile_for(case.profile)
        self.case, self.conf = case, conf
        self.sub_title = f"{case.reference} · {KIND_LABELS[conf.kind]} {show_date(conf.date)}"
        self._show_dates(case, conf)
        self._show_invitations(case, conf)
        self.query_one("#quorum-preview", QuorumPreview).show(conf, case.children, self.today)
        return True

    def _show_dates(self, case: CaseDoc, conf: ConferenceDoc) -> None:
        dues = self.query_one("#dues", DueDates)
        late = self.query_one("#late", Static)
        if self.profile is None:
            dues.show(None, self.today, "The case's practice profile cannot be read.")
            late.display = False
            self._late = False
            return
        due = conference_due(case, conf.kind, conf.date, self.profile,
                             trigger=conf.trigger_date, exclude=conf.key)  # fmt: skip
        dues.show(due, self.today)
        late.update(late_warning(due) if due.late else "")
        late.display = due.late
        self._late = due.late
        # Asked for once the date is after the due date; a reason given stays in view.
        for field in self.query("#late-reason").results(TextField):
            field.display = due.late or bool(conf.late_reason) or field.pending

    def _show_invitations(self, case: CaseDoc, conf: ConferenceDoc) -> None:
        checks = {}
        if self.profile is not None:
            checks = {c.attendee: c for c in report_checks(conf, self.profile, self.today)}
        self._checks = checks
        self.query_one("#attendees", AttendeeTable).show(conf, case.children, checks)
        self._show_detail()
        self.query_one("#quorum-line", Static).update(
            f"Quorum: {quorum_summary(conf, case.children)} The Quorum tab shows each child."
        )

    @on(DataTable.RowHighlighted, "#attendees")
    def _show_detail(self) -> None:
        key = self.query_one("#attendees", AttendeeTable).current_key()
        attendee = self._attendee(key)
        detail = self.query_one("#attendee-detail", Static)
        if attendee is None:
            detail.update("No one is invited yet: a invites someone.")
        else:
            detail.update(detail_line(attendee, self._checks.get(attendee.key)))

    def _attendee(self, key: str | None) -> AttendeeDoc | None:
        if self.conf is None or key is None:
            return None
        return next((a for a in self.conf.attendees if a.key == key), None)

    # --- the conference's own fields -----------------------------------------------------------

    def _detail_fields(self, conf: ConferenceDoc) -> list[BaseField]:
        # What each field was read with, then saved: a save made over a change someone else
        # made meanwhile is refused (store/stale.py); saving again then puts it in place.
        seen: dict[str, Any] = {}
        kinds = words(KIND_LABELS)

        def save(name: str) -> Any:
            seen[name] = getattr(conf, name)

            def write(value: Any) -> None:
                expect = Expect(of_conference(self.conference, name), seen[name], value,
                                kinds if name == "kind" else None)  # fmt: skip
                store = self.cpchair.store
                try:
                    store.update_conference(
                        self.reference, self.conference, expect=expect, **{name: value}
                    )
                except StaleEdit as exc:
                    seen[name] = exc.now
                    raise
                seen[name] = value
                self.reload()
                if name == "kind":
                    self._show_trigger(value)

            return write

        return [
            ChoiceField("Kind", KINDS, conf.kind, save("kind")),
            TextField("Date", show_date(conf.date), save("date"),
                      parse=lambda t: parse_date(t, required=True), placeholder="e.g. 10/12/2026"),
            TextField("Start time", show_time(conf.start_time), save("start_time"),
                      parse=parse_time, placeholder="e.g. 10:00"),
            TextField("Venue", conf.venue or "", save("venue"), parse=parse_text),
            FlagField("Virtual meeting", conf.virtual, save("virtual")),
            TextField("Chair", conf.chair, save("chair"),
                      parse=lambda t: parse_text(t, required=True, what="The chair's name")),
            TextField("Chair's contact", conf.chair_contact or "", save("chair_contact"),
                      parse=parse_text, placeholder="telephone or e-mail, for the family"),
            TextField("Minute-taker", conf.minute_taker or "", save("minute_taker"),
                      parse=parse_text),
            TextField(TRIGGER_LABELS.get(conf.kind, "Strategy discussion"),
                      show_date(conf.trigger_date), save("trigger_date"), parse=parse_date,
                      id="trigger-field"),
            self._late_field(conf, save("late_reason")),
        ]  # fmt: skip

    def _late_field(self, conf: ConferenceDoc, save: Any) -> TextField:
        field = TextField(
            "Why late", conf.late_reason or "", save, parse=parse_text,
            placeholder="the reason for the delay", id="late-reason",
        )  # fmt: skip
        field.display = self._late or bool(conf.late_reason)
        return field

    def _show_trigger(self, kind: str) -> None:
        """The trigger date only counts for initial, pre-birth and transfer-in conferences."""
        field = self.query_one("#trigger-field", TextField)
        field.display = uses_trigger(kind)
        if uses_trigger(kind):
            field.label = TRIGGER_LABELS[kind]
            field.query_one(".field-label", Label).update(field.label)

    def on_field_saved(self, event: FieldSaved) -> None:
        self.say(f"Saved: {event.label.lower()}.")

    def on_field_refused(self, event: FieldRefused) -> None:
        self.say(f"Not saved: {event.label.lower()}. {event.reason}", "refused")

    # --- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_tab_bar = isinstance(self.focused, Tabs)
        if action in ("show_tab", "into_tab"):
            return on_tab_bar
        if action in ("edit_attendee", "remove_attendee"):
            if action == "edit_attendee" and on_tab_bar:
                return False  # Enter on the tab bar goes into the tab first
            return self.query_one("#tabs", TabbedContent).active == "invitations"
        return True

    def action_into_tab(self) -> None:
        self.action_show_tab(self.query_one("#tabs", TabbedContent).active)

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.active = tab
        # Focus follows the tab, so keys typed next go where the chair is looking.
        if tab == "invitations":
            self.query_one("#attendees", AttendeeTable).focus()
        elif tab == "details":
            self.query_one("#details-scroll").query("Select, Input").first().focus()
        else:
            tabs.query_one(Tabs).focus()

    @on(DataTable.RowSelected, "#attendees")
    def action_edit_attendee(self) -> None:
        self._edit(self.query_one("#attendees", AttendeeTable).current_key())

    def action_add_attendee(self) -> None:
        self.action_show_tab("invitations")
        self._edit(None)

    def _edit(self, key: str | None) -> None:
        from cpchair.dialogs.attendee import attendee_editor

        if self.case is None:
            return
        attendee = self._attendee(key)
        if key is not None and attendee is None:
            return

        def changed() -> None:
            self.reload()

        editor = attendee_editor(self.cpchair.store, self.reference, self.conference, self.case,
                                 attendee, self.today, changed)  # fmt: skip

        def closed(key: str | None) -> None:
            self.reload()
            if key is not None:
                table = self.query_one("#attendees", AttendeeTable)
                table.move_cursor(row=table.get_row_index(key))

        self.app.push_screen(editor, closed)

    def action_remove_attendee(self) -> None:
        from cpchair.dialogs.confirm import ConfirmModal

        attendee = self._attendee(self.query_one("#attendees", AttendeeTable).current_key())
        if attendee is None:
            return
        key = attendee.key

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.cpchair.store.remove_attendee(self.reference, self.conference, key)
            self.reload()
            self.notify("Removed from the invitations.", title="Saved")

        self.app.push_screen(
            ConfirmModal(
                f"Remove {attendee.name} from this conference?",
                "Their report dates and the children they have seen go with them.",
                yes="Remove",
            ),
            answered,
        )

    def action_run(self) -> None:
        self.post_message(OpenMeeting(self.reference, self.conference))

    def action_back(self) -> None:
        self.dismiss()
