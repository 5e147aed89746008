"""Scheduling a conference and preparing it: fields that save themselves, invitations, quorum.

Against a throwaway database holding the demo case dated for Thu 26 Nov 2026: an initial
conference (concluded; its plan set the review for Thu 26 Nov) and the prepared review `rcpc1`
on that day, whose reports were due by Mon 23 Nov (3 working days before).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from cpchair.app import CpchairApp
from cpchair.caseio.schema import ConferenceDoc
from cpchair.demo import DEMO_REFERENCE, demo_case
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.dialogs.schedule import ScheduleModal
from cpchair.screens.conference_setup import ConferenceSetupScreen
from cpchair.store import Store
from cpchair.widgets.attendee_table import AttendeeTable
from cpchair.widgets.fields import TextField

TODAY = dt.date(2026, 11, 26)
REF = DEMO_REFERENCE


@pytest.fixture
def demo(store: Store) -> Store:
    store.import_case(demo_case(TODAY))
    return store


def conference(store: Store, key: str = "rcpc1") -> ConferenceDoc:
    case = store.load_case(REF)
    assert case is not None
    return next(c for c in case.conferences if c.key == key)


def text_of(app: CpchairApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def rendered(app: CpchairApp, selector: str) -> str:
    """What a Static holding a rich table shows, as text."""
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None, file=io.StringIO())
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


async def open_setup(app: CpchairApp, pilot: Pilot[None]) -> ConferenceSetupScreen:
    screen = ConferenceSetupScreen(REF, "rcpc1")
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def submit(pilot: Pilot[None], box: Input, value: str) -> None:
    box.value = value
    await box.action_submit()
    await pilot.pause()


def field_input(app: CpchairApp, label: str) -> Input:
    field = next(f for f in app.screen.query(TextField) if f.label == label)
    return field.input


async def test_scheduling_a_review_warns_refuses_and_carries_forward(demo: Store) -> None:
    app = CpchairApp(demo, today=TODAY)
    results: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ScheduleModal(REF, demo, TODAY), results.append)
        await pilot.pause()
        modal = app.screen
        assert modal.query_one("#kind", Select).value == "review"  # the case has held one
        date = modal.query_one("#date", Input)
        # The review the last plan set is already prepared: its date is not offered again.
        assert date.value == ""
        assert "A review is already prepared for Thu 26 Nov 2026" in text_of(app, "#dues #dates")

        date.value = "26/11/2026"  # the same review again: said at once, refused on Ctrl+S
        await pilot.pause()
        assert "Already booked: a review on 26 Nov 2026 (prepared)" in text_of(app, "#date-error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal and len(demo.load_case(REF).conferences) == 2
        assert "already booked" in text_of(app, "#error")

        date.value = "10/12/2026"  # two weeks after it is due
        await pilot.pause()
        assert not modal.query_one("#date-error").display  # the warning went with the date
        assert "Later than due" in text_of(app, "#dues #late")
        assert "14 days after" in text_of(app, "#dues #late")
        # The rules no date key carries: 002's core groups, 004's outline plan, 002's record.
        dates = rendered(app, "#dues #dates")
        assert "Later core groups" in dates and "every 28 days" in dates
        assert "Outline plan to parents" in dates and "Record to the family" in dates

        date.value = "31/11/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app, "#date-error") == "Date: There is no such date."  # beside the field
        assert date.value == "31/11/2026" and date.has_class("-wrong")
        assert len(demo.load_case(REF).conferences) == 2  # nothing created

        date.value = "10/12/2026"
        await pilot.pause()
        late = modal.query_one("#late", Input)
        assert late.display  # the date is after the due date: why is asked
        late.focus()  # the last field
        late.value = "The family asked for a date after the school holiday"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not modal

    [key] = results
    assert key is not None
    new = conference(demo, key)
    assert (new.kind, new.date, new.status) == ("review", dt.date(2026, 12, 10), "prepared")
    assert new.chair == conference(demo).chair  # prefilled from the last conference
    assert new.chair_contact == conference(demo).chair_contact is not None
    assert new.late_reason == "The family asked for a date after the school holiday"
    # A review starts from the conference before it: the same people are invited.
    assert [a.key for a in new.attendees] == [a.key for a in conference(demo).attendees]


async def test_schedule_errors_go_when_put_right_and_show_beside_their_field(demo: Store) -> None:
    app = CpchairApp(demo, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ScheduleModal(REF, demo, TODAY))
        await pilot.pause()
        modal = app.screen
        start, chair = modal.query_one("#start", Input), modal.query_one("#chair", Input)
        start.value, chair.value = "25:99", ""
        modal.query_one("#date", Input).value = "3/12/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app, "#start-error") == "Start time: There is no such time."
        assert text_of(app, "#chair-error") == "Chair: The chair's name cannot be empty."
        assert app.focused is start  # the first field to put right
        start.value = "14:30"  # corrected: its error goes at once, the other stays
        await pilot.pause()
        assert not modal.query_one("#start-error").display and not start.has_class("-wrong")
        assert modal.query_one("#chair-error").display
        chair.value = "Sam Okoro"
        await pilot.pause()
        assert not modal.query_one("#chair-error").display
        assert not modal.query_one("#error").display  # "put right what is shown" went too

        start.focus()
        start.value = "9.7.5"  # a wrong value is said when the field is left, not mid-typing
        await pilot.pause()
        assert not modal.query_one("#start-error").display
        await pilot.press("tab")
        await pilot.pause()
        assert "Start time:" in text_of(app, "#start-error")


async def test_the_review_date_the_plan_set_is_offered_when_none_is_booked(demo: Store) -> None:
    demo.remove_conference(REF, "rcpc1")
    app = CpchairApp(demo, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ScheduleModal(REF, demo, TODAY))
        await pilot.pause()
        assert app.screen.query_one("#date", Input).value == "26 Nov 2026"


async def test_a_conference_field_saves_itself_and_the_warnings_follow(demo: Store) -> None:
    app = CpchairApp(demo, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        assert not app.screen.query_one("#late").display

        date = field_input(app, "Date")
        await submit(pilot, date, "3/12/2026")
        assert conference(demo).date == dt.date(2026, 12, 3)
        assert text_of(app, "#status") == "Saved: date."
        assert app.screen.query_one("#late").display
        assert "7 days after" in text_of(app, "#late")

        await submit(pilot, date, "32/12/2026")  # refused: shown, kept, nothing written
        assert text_of(app, "#status").startswith("Not saved: date.")
        assert date.value == "32/12/2026"
        assert conference(demo).date == dt.date(2026, 12, 3)

        venue = field_input(app, "Venue")  # typed, then straight out with Escape: still saved
        venue.focus()
        await pilot.pause()
        venue.value = "Room 4, Civic Centre"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConferenceSetupScreen)
        assert conference(demo).venue == "Room 4, Civic Centre"


async def test_inviting_someone_starts_as_a_draft_then_each_field_saves(demo: Store) -> None:
    app = CpchairApp(demo, today=TODAY)
    before = len(conference(demo).attendees)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RecordEditor)

        await submit(pilot, field_input(app, "Name"), "Dr Amy Holt")
        assert len(conference(demo).attendees) == before  # a draft until it has an agency
        agency = editor.query(Select).first()
        agency.value = "health"
        await pilot.pause()
        added = conference(demo).attendees[-1]
        assert (len(conference(demo).attendees), added.name) == (before + 1, "Dr Amy Holt")
        assert added.votes  # professionals vote unless the chair says otherwise
        assert editor.query(Checkbox).first().value  # and the box says so

        editor.query_one(SelectionList).select("c2")
        await pilot.pause()
        assert conference(demo).attendees[-1].direct_contact == ["c2"]

        # Both a day before a review whose reports were due 3 working days before.
        await submit(pilot, field_input(app, "Report received"), "25/11/2026")
        await submit(pilot, field_input(app, "Shared with family"), "25/11/2026")
        added = conference(demo).attendees[-1]
        assert added.report_received == added.report_shared_with_family == dt.date(2026, 11, 25)
        assert "Saved: shared with family." in text_of(app, "#status")

        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#attendees", AttendeeTable)
        assert table.current_key() == added.key
        assert str(table.get_row(added.key)[1]) == "⚠ late"
        detail = text_of(app, "#attendee-detail")
        assert "reached the chair 1 working day before" in detail
        assert "due 3 working days before" in detail


async def test_removing_asks_first_and_the_quorum_follows(demo: Store) -> None:
    app = CpchairApp(demo, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        await pilot.press("3")
        assert "✓ Quorate for every subject child (3)." in text_of(app, "#quorum-preview")

        await pilot.press("2")  # the invitations; the cursor is on the social worker
        assert app.screen.query_one("#attendees", AttendeeTable).current_key() == "sw"
        await pilot.press("enter")  # Enter edits
        assert isinstance(app.screen, RecordEditor) and app.screen.key == "sw"
        await pilot.press("escape")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert "sw" in [a.key for a in conference(demo).attendees]

        await pilot.press("x", "y")
        await pilot.pause()
        assert "sw" not in [a.key for a in conference(demo).attendees]
        assert app.screen.query_one("#attendees", AttendeeTable).row_count == 12
        quorum = text_of(app, "#quorum-preview")
        assert "✗ Not quorate for 3 of 3 subject children." in quorum
        assert "no one from children's social care" in quorum
        assert "Not quorate" in text_of(app, "#quorum-line")


async def test_digits_switch_tabs_only_from_the_tab_bar(demo: Store) -> None:
    from textual.widgets import TabbedContent, Tabs

    app = CpchairApp(demo, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(app, pilot)
        tabs = screen.query_one("#tabs", TabbedContent)
        screen.query_one(Checkbox).focus()  # Virtual meeting: a tick box, not a text box
        await pilot.press("2", "3")  # the start of "23/12/2026", typed into the wrong place
        assert tabs.active == "details"  # nothing jumps away from the chair
        date = field_input(app, "Date")
        date.focus()
        await pilot.press("end", "2")
        assert tabs.active == "details" and date.value.endswith("2")

        screen.query_one(Tabs).focus()
        await pilot.press("3")
        assert tabs.active == "quorum"
        await pilot.press("2")  # and focus follows into the invitations
        assert tabs.active == "invitations"
        assert app.focused is screen.query_one("#attendees", AttendeeTable)
        screen.query_one(Tabs).focus()
        await pilot.press("left", "down")  # Details; Down goes into its first field
        assert tabs.active == "details"
        assert app.focused is screen.query_one("#details-scroll").query("Select").first()


async def test_a_conference_detail_changed_elsewhere_meanwhile_is_refused(demo: Store) -> None:
    """Preparing on the laptop while someone else changes the venue: the save is refused with
    theirs shown and the typed text kept; saving again puts it in place of theirs."""
    app = CpchairApp(demo, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(app, pilot)
        demo.update_conference(REF, "rcpc1", venue="Meeting Room 2, Civic Centre")
        venue = field_input(app, "Venue")
        await submit(pilot, venue, "Room 4, Civic Centre")
        assert text_of(app, "#status").startswith("Not saved: venue.")
        assert 'it now reads "Meeting Room 2, Civic Centre"' in text_of(app, "#status")
        assert venue.value == "Room 4, Civic Centre"
        assert conference(demo).venue == "Meeting Room 2, Civic Centre"
        await submit(pilot, venue, "Room 4, Civic Centre")  # again, knowing theirs
        assert conference(demo).venue == "Room 4, Civic Centre"
        minute_taker = field_input(app, "Minute-taker")  # another field: no conflict
        await submit(pilot, minute_taker, "Ade Lawal")
        assert conference(demo).minute_taker == "Ade Lawal"
