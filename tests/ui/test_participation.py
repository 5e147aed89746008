"""Participation in the app: the opening's list by name, views not given, children without an
advocate, the record an excluded person gets, confidential views, incidents and actions (never
on the wall), and the reason for an absence in the attendee editor."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, Input, Select, Static

from cpchair.app import CpchairApp
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.stages.history import HistoryPanel
from cpchair.screens.stages.opening import OpeningPanel
from cpchair.screens.wall import WallScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import BaseField, FlagField, TextField
from cpchair.widgets.text_lines import TextLines

from .helpers import enter_text, rows, settle
from .meeting_helpers import (
    REF,
    TODAY,
    conference,
    in_meeting,
    load_demo,
    meeting_app,
    status,
)


def field(editor: RecordEditor, label: str) -> BaseField:
    return next(f for f in editor.query(BaseField) if f.label == label)


def participation_text(screen: object) -> str:
    return str(screen.query_one("#participation", Static).content)  # type: ignore[attr-defined]


async def test_the_opening_names_who_still_needs_what(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        text = participation_text(screen)
        assert "✗ Jodie Hadley: no view yet" in text
        assert "✗ Liam Carver: no view yet" in text
        await pilot.press(*["down"] * 10, "a")  # Liam Carver sends apologies
        await pilot.pause()
        assert "✗ Liam Carver: why not there?" in participation_text(screen)
        line = str(screen.query_one("#attendee-line", Static).content)
        assert line.startswith("Liam Carver, Father") and "why not there?" in line
        await pilot.press("enter")  # his editor: the reason is asked for now he is away
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        why = field(editor, "Why not there")
        assert why.display
        why.query_one(Input).value = "Phoned at nine: his car broke down " * 8
        await pilot.press("tab")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Liam Carver: why not there?" not in participation_text(screen)
    liam = next(a for a in conference(store).attendees if a.key == "liam")
    assert liam.absence_reason == ("Phoned at nine: his car broke down " * 8).strip()


async def test_the_opening_says_when_a_view_is_given_and_also_why_not(store: Store) -> None:
    """A view beside a reason none was given: one of them is wrong. Shown by name at the
    opening as worth a look (!), not as a must."""
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(
        edits.history.add_view, whose="mum", how="in_person", summary="Wants the girls home"
    )
    meeting.edit(edits.participation.add_view_not_given, whose="mum", reason="Did not come")
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        text = participation_text(screen)
        assert "! Jodie Hadley: a view is recorded and also why none was given" in text
        assert "Jodie Hadley: no view yet" not in text


async def test_the_absence_reason_is_only_asked_while_someone_is_away(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot)
        await pilot.press("enter")  # Priya Nandra, present
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        why = field(editor, "Why not there")
        assert not why.display
        field(editor, "Expected to be").query_one(Select).value = "report_only"
        await settle(pilot)
        assert why.display
        contact = field(editor, "Contact").query_one(Input)
        contact.value = "01632 960210, p.nandra@example.org"
        contact.focus()
        await pilot.press("enter")
        await settle(pilot)
    sw = next(a for a in conference(store).attendees if a.key == "sw")
    assert (sw.attendance, sw.contact) == ("report_only", "01632 960210, p.nandra@example.org")


async def test_a_family_member_as_interpreter_is_refused_and_the_choice_kept(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        await in_meeting(pilot)
        await pilot.press(*["down"] * 11, "enter")  # Carol Hadley, the grandmother
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        agency = field(editor, "Agency")
        agency.query_one(Select).value = "interpreter"
        await settle(pilot)
        assert agency.has_class("-refused")
        assert "family member cannot be the interpreter" in str(
            editor.query_one("#status", Static).content
        )
        assert agency.query_one(Select).value == "interpreter"  # what was chosen stays
    carol = next(a for a in conference(store).attendees if a.key == "carol")
    assert carol.agency == "family"


async def test_a_view_not_given_and_a_child_without_an_advocate(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        panel = screen.query_one(OpeningPanel)
        panel.query_one("#not-given").focus()
        await pilot.press("a")
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        reason = field(editor, "Why there is none").query_one(Input)
        reason.value = "Has not replied to two letters from the chair"
        reason.focus()
        await pilot.press("enter")  # not enough yet: kept as typed, in the draft
        await settle(pilot)
        field(editor, "Whose view").query_one(Select).value = "dad"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert rows(pilot.app, "#not-given") == [
            ["Liam Carver", "Has not replied to two letters from the chair"]
        ]
        assert "Liam Carver: no view" not in participation_text(screen)

        panel.query_one("#no-advocate").focus()
        await pilot.press("a")
        await settle(pilot)
        editor = pilot.app.screen
        field(editor, "Child").query_one(Select).value = "c1"
        await settle(pilot)
        box = field(editor, "Why no advocate").query_one(Input)
        box.value = "Offered; Ruby wants Nan to speak for her"
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert rows(pilot.app, "#no-advocate")[0][0] == "Ruby"
    conf = conference(store)
    assert [(v.whose, v.reason) for v in conf.views_not_given] == [
        ("dad", "Has not replied to two letters from the chair")
    ]
    assert [(x.child, x.reason) for x in conf.advocate_not_used] == [
        ("c1", "Offered; Ruby wants Nan to speak for her")
    ]


async def test_an_empty_reason_is_refused_and_what_was_there_kept(store: Store) -> None:
    load_demo(store)
    row = (
        Meeting(store, REF, "rcpc1")
        .edit(edits.participation.add_view_not_given, whose="dad", reason="No reply")
        .value
    )
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        screen.query_one("#not-given").focus()
        await pilot.press("enter")
        await settle(pilot)
        editor = pilot.app.screen
        reason = field(editor, "Why there is none")
        reason.query_one(Input).value = "   "
        reason.query_one(Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert reason.has_class("-refused")
        assert reason.query_one(Input).value == "   "
    assert Meeting(store, REF, "rcpc1").load().conf.views_not_given[0].reason == "No reply"
    assert row


async def test_the_chair_chooses_the_record_for_an_exclusion(store: Store) -> None:
    load_demo(store)
    Meeting(store, REF, "rcpc1").edit(
        edits.history.add_exclusion, attendee="liam", scope="part", reason="Bail"
    )
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        assert rows(pilot.app, "#exclusions")[0][3] == "to choose"
        screen.query_one("#exclusions").focus()
        await pilot.press("enter")
        await settle(pilot)
        editor = pilot.app.screen
        field(editor, "Record they get").query_one(Select).value = "attended"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert rows(pilot.app, "#exclusions")[0][3] == "part attended"
    assert conference(store).exclusions[0].record == "attended"


async def test_a_confidential_view_is_marked_here_and_never_on_the_wall(store: Store) -> None:
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(
        edits.history.add_view,
        whose="mum",
        how="in_person",
        summary="Told the chair about the new partner",
    )
    meeting.edit(edits.history.set_incident, which="worst", text="The night the table was smashed")
    async with meeting_app(store).run_test(size=(160, 45)) as pilot:
        screen = await in_meeting(pilot)
        screen.query_one("#views").focus()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert rows(pilot.app, "#views")[0][0] == "!"
        assert "confidential" in status(pilot)
        await screen.go("history")
        await pilot.pause()
        history = screen.query_one(HistoryPanel)
        history.query_one("#worst-confidential").query_one(Checkbox).value = True
        await settle(pilot)
        assert "CONFIDENTIAL" in str(history.query_one("#worst-title", Static).content)
        await pilot.press("f5")
        await pilot.pause()
        wall = pilot.app.screen
        assert isinstance(wall, WallScreen)
        shown = " ".join(lines.plain() for lines in wall.query(TextLines))
        assert "new partner" not in shown
        assert "table was smashed" not in shown
    conf = conference(store)
    assert conf.views[0].confidential and conf.incidents[0].confidential


async def test_a_tick_before_the_words_is_kept_and_saved_with_them(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "history")
        flag = screen.query_one("#first-confidential", FlagField)
        flag.query_one(Checkbox).value = True  # nothing written yet: kept in the box, and said so
        await settle(pilot)
        assert flag.has_class("-held") and not flag.has_class("-refused")
        assert flag.query_one(Checkbox).value is True
        assert status(pilot) == (
            "Not saved yet. Ticked: saved with the incident once you write what happened."
        )
        assert conference(store).incidents == []
        date = screen.query_one("#first-date", TextField)
        await enter_text(pilot, date.input, "2/3/2025")  # a date alone: refused, kept
        assert date.has_class("-refused")
        words = screen.query_one("#first-text", TextField)
        await enter_text(pilot, words.input, "Ruby told her teacher about the shouting")
        await settle(pilot)
        assert not any(f.has_class("-held") or f.has_class("-refused") for f in (flag, date, words))
    [incident] = conference(store).incidents
    assert (incident.date, incident.text, incident.confidential) == (
        dt.date(2025, 3, 2), "Ruby told her teacher about the shouting", True,
    )  # fmt: skip


async def test_a_confidential_action_is_marked_in_the_plan(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot, "plan")
        from textual.widgets import TabbedContent

        screen.query_one("#plan-tabs", TabbedContent).active = "part-actions"
        await pilot.pause()
        screen.query_one("#actions").focus()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert rows(pilot.app, "#actions")[0][0].endswith("!")
    plan = conference(store).plan
    assert plan is not None and plan.actions[0].confidential


async def test_the_late_reason_is_asked_in_the_opening_when_late(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 40)) as pilot:
        screen = await in_meeting(pilot)
        late = screen.query_one("#late-reason", TextField)
        assert not late.display  # the review is on its due date
        store.update_conference(REF, "rcpc1", date=conference(store).date.replace(day=27))
        screen.reload()
        await settle(pilot)
        assert late.display
        assert "Held after its due date" in participation_text(screen)
        late.input.value = "The chair was ill on the day it was due " * 4
        late.input.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Held after its due date" not in participation_text(screen)
    assert conference(store).late_reason == ("The chair was ill on the day it was due " * 4).strip()


async def test_the_case_file_records_contact_no_contact_and_interpreters(store: Store) -> None:
    from .test_case_file import app_for, open_case

    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, "people")
        screen.query_one("#people-table").focus()
        await pilot.press("down", "enter")  # Liam Carver
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, RecordEditor)
        contact = field(editor, "Contact").query_one(Input)
        contact.value = "14 Orchard Row, Hawthorn " * 5
        language = field(editor, "Interpreter").query_one(Input)
        language.focus()  # leaving the contact saves it
        language.value = "Romanian"
        await pilot.press("enter")
        await settle(pilot)
        no_contact = field(editor, "Under a no-contact condition (bail, an order)")
        no_contact.query_one(Checkbox).value = False
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        screen.query_one("#tabs").active = "children"  # type: ignore[attr-defined]
        await settle(pilot)
        screen.query_one("#children-table").focus()
        await pilot.press("enter")  # Ruby
        await settle(pilot)
        box = field(app.screen, "Interpreter").query_one(Input)  # type: ignore[arg-type]
        box.value = "British Sign Language"
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
    case = store.load_case(REF)
    assert case is not None
    liam = next(p for p in case.people if p.key == "dad")
    assert liam.contact == ("14 Orchard Row, Hawthorn " * 5).strip()
    assert (liam.interpreter_language, liam.no_contact) == ("Romanian", False)
    assert case.children[0].interpreter_language == "British Sign Language"


async def test_preparation_records_the_chairs_contact_and_why_late(store: Store) -> None:
    from .test_conference_setup import open_setup

    load_demo(store)
    app = CpchairApp(store, today=TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_setup(app, pilot)
        late = screen.query_one("#late-reason", TextField)
        assert not late.display  # on its due date
        contact = next(f for f in screen.query(TextField) if f.label == "Chair's contact")
        contact.input.value = "01632 960499"
        contact.input.focus()
        await pilot.press("enter")
        await settle(pilot)
        date = next(f for f in screen.query(TextField) if f.label == "Date")
        date.input.value = "3/12/2026"
        date.input.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert late.display  # after its due date: why is asked
        late.input.value = "The room fell through; the family agreed the new date"
        late.input.focus()
        await pilot.press("enter")
        await settle(pilot)
    conf = conference(store)
    assert conf.chair_contact == "01632 960499"
    assert conf.late_reason == "The room fell through; the family agreed the new date"


async def test_x_asks_before_it_removes_a_row_of_the_opening(store: Store) -> None:
    load_demo(store)
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(
        edits.history.add_exclusion, attendee="liam", scope="part", reason="Bail conditions"
    )
    meeting.edit(
        edits.history.add_view, whose="mum", how="in_person", summary="Wants the children home"
    )
    meeting.edit(
        edits.participation.add_view_not_given, whose="dad", reason="No reply to two letters"
    )
    meeting.edit(
        edits.participation.add_advocate_not_used, child="c1", reason="Offered; she said no"
    )
    tables = {  # each table, and what the question says of its row
        "#exclusions": "Liam Carver: Bail conditions",
        "#views": "Jodie Hadley: Wants the children home",
        "#not-given": "Liam Carver: No reply to two letters",
        "#no-advocate": "Ruby: Offered; she said no",
    }
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await in_meeting(pilot)
        for table, said in tables.items():
            screen.query_one(table).focus()
            await pilot.press("x")
            await settle(pilot)
            asked = pilot.app.screen
            assert isinstance(asked, ConfirmModal), table
            assert str(asked.query_one("#detail", Static).render()) == said
            await pilot.press("n")  # kept
            await settle(pilot)
            assert len(rows(pilot.app, table)) == 1, table
            await pilot.press("x", "y")  # removed
            await settle(pilot)
            assert rows(pilot.app, table) == [], table
    conf = conference(store)
    assert (conf.exclusions, conf.views, conf.views_not_given, conf.advocate_not_used) == (
        [], [], [], [],
    )  # fmt: skip
