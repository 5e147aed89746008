"""The plan stage: outcomes, actions and their status, people, dates, arrangements, services.

The demo review (rcpc1, Thu 26 Nov 2026) starts with the initial conference's plan carried
forward: 4 outcomes, 8 actions (3 still open), the core group, contingency and visiting, and
no dates. Due after a review: first core group Thu 24 Dec 2026 (28 days), next review Fri 19
Mar 2027 (6 months would be Wed 26 May 2027, but the baby, still unborn, is expected Sat 20 Feb
and the review is due within a month of the birth); no first visit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static, TabbedContent

from cpchair.caseio.schema import PlanDoc
from cpchair.dialogs.confirm import ConfirmModal
from cpchair.dialogs.record import RecordEditor
from cpchair.screens.conference import ConferenceScreen
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.draft_input import DraftKeeper
from cpchair.widgets.plan_fields import ParagraphField, PlanDateField
from cpchair.widgets.plan_tables import ActionTable, OutcomeTable

from .helpers import burst, rows
from .meeting_helpers import REF, conference, in_meeting, load_demo, meeting_app, status


def plan(store: Store) -> PlanDoc:
    found = conference(store).plan
    assert found is not None
    return found


async def to_plan(pilot: Pilot[Any], part: str | None = None) -> ConferenceScreen:
    screen = await in_meeting(pilot, "plan")
    if part is not None:
        screen.query_one("#plan-tabs", TabbedContent).active = f"part-{part}"
        await pilot.pause()
        screen.current_panel()._focus_part()  # type: ignore[union-attr]
        await pilot.pause()
    return screen


async def type_in(pilot: Pilot[Any], box: Input, text: str) -> None:
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_a_review_opens_on_the_actions_to_update(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot)
        assert screen.query_one("#plan-tabs", TabbedContent).active == "part-actions"
        assert isinstance(screen.focused, ActionTable)
        line = str(screen.query_one("#review-line", Static).content)
        assert line.startswith("8 carried forward, 3 still open")
        marks = [r[0] for r in rows(pilot.app, "#actions")]
        assert marks == [" K ", "?K ", "?K ", " K ", " K ", "   ", "?  ", "   "]
        await pilot.press("f6")
        await pilot.pause()
        assert screen.query_one("#plan-tabs", TabbedContent).active == "part-people"
        await pilot.press("shift+f6", "shift+f6")
        await pilot.pause()
        assert screen.query_one("#plan-tabs", TabbedContent).active == "part-outcomes"
        assert isinstance(screen.focused, OutcomeTable)


async def test_a_carried_forward_actions_status_is_one_key(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot)
        await pilot.press("down", "s")  # action 2, open: done
        await pilot.pause()
        assert "action 2: done" in status(pilot)
        assert plan(store).actions[1].status == "done"
        await pilot.press("down", "s", "s")  # action 3: done, then ongoing (it runs on)
        await pilot.pause()
        assert plan(store).actions[2].status == "ongoing"
        row = rows(pilot.app, "#actions")[2]
        assert (row[0], row[4]) == (" K ", "Ongoing")  # no "?": its status has been given
        line = str(screen.query_one("#review-line", Static).content)
        assert "1 still open" in line  # an ongoing action has had its answer
        await pilot.press("k")  # no longer a key safeguarding action
        await pilot.pause()
        assert not plan(store).actions[2].key_safeguarding
        await pilot.press("left_square_bracket")  # up one
        await pilot.pause()
        assert plan(store).actions[1].what.startswith("Attend the community alcohol")
        assert screen.query_one("#actions", ActionTable).cursor_row == 1  # it follows the row


async def test_an_action_is_added_edited_and_removed(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        await to_plan(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        what, who, by = editor.query(Input)[:3]
        await type_in(pilot, what, "Book the family group conference")
        assert len(plan(store).actions) == 8  # not yet: who is still missing
        await type_in(pilot, who, "Priya Nandra, social worker")
        assert plan(store).actions[-1].what == "Book the family group conference"
        await type_in(pilot, by, "31/2/2027")  # no such date: refused, kept
        assert by.value == "31/2/2027"
        assert "no such date" in str(editor.query_one("#status", Static).content)
        await type_in(pilot, by, "18/12/2026")
        editor.query_one(SelectionList).select("c1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        added = plan(store).actions[-1]
        assert (added.who, added.by, added.children, added.status) == (
            "Priya Nandra, social worker", dt.date(2026, 12, 18), ["c1"], "open",
        )  # fmt: skip
        table = pilot.app.screen.query_one("#actions", ActionTable)
        assert table.cursor_row == 8  # on the new action
        await pilot.press("enter")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        await type_in(pilot, editor.query(Input)[0], "Book and hold the family group conference")
        await pilot.press("escape")
        await pilot.pause()
        assert plan(store).actions[-1].what == "Book and hold the family group conference"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert len(plan(store).actions) == 8


async def test_closing_with_a_refused_date_asks_and_keeps_it(store: Store) -> None:
    """Issue 10: Escape used to close the window over a refused date, and the date typed was
    gone. Now the window asks first; n goes back to the date, as typed."""
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await to_plan(pilot)
        await burst(pilot, "enter")  # the first action
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        by = editor.query(Input)[2]
        by.focus()
        by.value = "31/2/2027"  # no such date
        await burst(pilot, "escape")
        ask = pilot.app.screen
        assert isinstance(ask, ConfirmModal) and ask.question == "Close without saving this?"
        assert "no such date" in ask.detail
        await burst(pilot, "n")
        assert pilot.app.screen is editor
        assert editor.focused is by and by.value == "31/2/2027"
        by.value = "18/12/2026"
        await burst(pilot, "escape")
        assert isinstance(pilot.app.screen, ConferenceScreen)
    assert plan(store).actions[0].by == dt.date(2026, 12, 18)


async def test_an_outcome_is_added_edited_and_removed(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        await to_plan(pilot, "outcomes")
        await pilot.press("a")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, RecordEditor)
        box = editor.query_one(Input)
        await type_in(pilot, box, "   ")  # empty: refused
        assert "cannot be empty" in str(editor.query_one("#status", Static).content)
        await type_in(pilot, box, "Tyler's weekend stays are [safe] and settled.")
        await pilot.press("escape")
        await pilot.pause()
        typed = "Tyler's weekend stays are [safe] and settled."  # brackets: not markup
        assert plan(store).outcomes[-1] == typed
        assert rows(pilot.app, "#outcomes")[-1][1] == typed
        await pilot.press("enter")
        await pilot.pause()
        await type_in(pilot, pilot.app.screen.query_one(Input), "Tyler's stays are settled.")
        await pilot.press("escape")
        await pilot.pause()
        assert plan(store).outcomes[-1] == "Tyler's stays are settled."
        await pilot.press("x", "y")
        await pilot.pause()
        assert len(plan(store).outcomes) == 4


async def test_the_core_group_is_picked_from_attendees_and_family(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "people")
        picker = screen.query_one("#core-group").query_one(SelectionList)
        values = [picker.get_option_at_index(i).value for i in range(picker.option_count)]
        # Professionals from the list, then the family once each (not also as attendees).
        assert values == ["sw", "pol", "hv", "sch", "mw", "gp", "nur", "ida", "adv",
                          "mum", "dad", "nan", "aunt"]  # fmt: skip
        assert set(picker.selected) == {"sw", "hv", "sch", "mw", "nur", "ida", "mum", "dad",
                                        "nan", "aunt"}  # fmt: skip
        picker.select("pol")
        picker.deselect("aunt")
        await pilot.pause()
        assert "core group" in status(pilot).lower()
    assert plan(store).core_group == ["sw", "pol", "hv", "sch", "mw", "nur", "ida", "mum",
                                      "dad", "nan"]  # fmt: skip


async def test_the_dates_are_filled_from_the_timescales_and_flagged_when_late(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "dates")
        core = screen.query_one("#date-first_core_group", PlanDateField)
        review = screen.query_one("#date-review_conference", PlanDateField)
        assert core.input.placeholder == "F7: 24 Dec 2026"
        assert core.input.has_focus
        await pilot.press("f7")
        await pilot.pause()
        assert "first core group, review conference" in status(pilot)
        assert (core.input.value, review.input.value) == ("24 Dec 2026", "19 Mar 2027")
        got = plan(store)
        assert (got.first_core_group, got.first_visit, got.review_conference) == (
            dt.date(2026, 12, 24), None, dt.date(2027, 3, 19),
        )  # fmt: skip
        await type_in(pilot, core.input, "5/1/2027")
        rule = str(core.query_one(".rule", Static).content)
        assert rule.startswith("⚠ 12 days later than due (Thu 24 Dec 2026")
        assert plan(store).first_core_group == dt.date(2027, 1, 5)
        visit = screen.query_one("#date-first_visit", PlanDateField)
        assert "No first visit is due after a review" in str(visit.query_one(".rule").content)
        # The standing rules the chair would otherwise never see (england: 002 and 004).
        assert str(screen.query_one("#date-rules", Static).content).splitlines() == [
            "Later core groups: every 28 days after the first core group (england)",
            "Outline plan to parents: at the end of the review conference (england)",
            "Record to the family: by Thu 24 Dec 2026, 20 working days after the review "
            "conference (england)",
        ]


async def test_after_an_inquorate_conference_the_review_is_early_and_left_to_the_chair(
    store: Store,
) -> None:
    """The health visitor sends apologies too: Mia has only the police, so the review goes
    ahead inquorate and (004) "an early review conference should be arranged"."""
    from cpchair.demo import demo_case

    from .meeting_helpers import TODAY

    doc = demo_case(TODAY)
    review = doc.conferences[1]
    for a in review.attendees:
        if a.key == "hv":
            a.attendance = "apologies"
    review.quorum_override = "Delay would harm the children."
    store.import_case(doc)
    async with meeting_app(store).run_test(size=(100, 30)) as pilot:
        screen = await to_plan(pilot, "dates")
        field = screen.query_one("#date-review_conference", PlanDateField)
        due = str(field.query_one(".due", Static).content)
        assert due == "early review: before Fri 19 Mar 2027"
        assert str(field.query_one(".rule", Static).content).startswith(
            "early review: held without a quorum, so before the usual limit"
        )
        await pilot.press("f7")
        await pilot.pause()
        assert plan(store).review_conference is None  # the chair decides how early
        assert plan(store).first_core_group == dt.date(2026, 12, 24)
        await type_in(pilot, field.input, "19/3/2027")
        assert str(field.query_one(".rule", Static).content).startswith(
            "⚠ 1 day later than due (before Fri 19 Mar 2027"
        )


async def test_a_bad_date_is_refused_and_what_was_typed_kept(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "dates")
        review = screen.query_one("#date-review_conference", PlanDateField)
        await type_in(pilot, review.input, "the spring")
        assert review.input.value == "the spring"
        assert review.has_class("-refused")
        assert status(pilot).startswith("Not saved. Review conference: Write a date")
        await type_in(pilot, review.input, "1/11/2026")  # before the conference
        assert "cannot be before this conference" in status(pilot)
        assert review.input.value == "1/11/2026"
        await pilot.press("f7")  # fills the core group, not the box holding typed text
        await pilot.pause()
        assert review.input.value == "1/11/2026"
    got = plan(store)
    assert (got.first_core_group, got.review_conference) == (dt.date(2026, 12, 24), None)


async def test_lead_social_worker_contingency_services_and_embassy(store: Store) -> None:
    load_demo(store)
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "people")
        lead = screen.query_one("#lead").query_one(Input)
        await type_in(pilot, lead, "")
        assert "The name cannot be empty" in status(pilot)
        await type_in(pilot, lead, "Sam Patel")
        screen.query_one("#plan-tabs", TabbedContent).active = "part-arrangements"
        await pilot.pause()
        contingency = screen.query_one("#contingency", ParagraphField)
        contingency.area.focus()
        contingency.area.load_text("Call the police at once.")
        await pilot.press("tab")  # leaving the box saves it
        await pilot.pause()
        await pilot.press("f6")  # the services
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_in(pilot, pilot.app.screen.query_one(Input), "A parenting course.")
        await pilot.press("escape")
        await pilot.pause()
        screen.query_one("#embassy").query_one("Checkbox").toggle()  # type: ignore[attr-defined]
        await pilot.pause()
    case = conference(store)
    assert case.plan is not None
    assert case.plan.contingency == "Call the police at once."
    assert case.plan.recommendations[-1] == "A parenting course."
    assert case.plan.embassy_notification
    loaded = store.load_case("DEMO-0001")
    assert loaded is not None and loaded.lead_social_worker.name == "Sam Patel"


async def test_a_paragraph_being_written_survives_a_crash(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_demo(store)
    monkeypatch.setattr(DraftKeeper, "within", 0.0)  # every change written as it is handled
    meeting = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "arrangements")
        visiting = screen.query_one("#visiting", ParagraphField)
        assert visiting.area.text.startswith("The social worker will make")
        screen.query_one("#contingency", ParagraphField).area.focus()
        await pilot.press("ctrl+a", *"Police ")  # typed at the start of the line
        await pilot.pause()
        # Had the laptop died now, this is what the database holds:
        assert meeting.read(edits.working.drafts)["plan.contingency"].startswith(
            "Police If there is"
        )
        assert plan(store).contingency.startswith("If there is")  # type: ignore[union-attr]
    meeting.edit(
        edits.plan.update_plan, contingency="If there is a further incident"
    )  # as it was; draft kept
    meeting.keep(edits.working.save_draft, "plan.contingency", "Police will be called")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "arrangements")
        contingency = screen.query_one("#contingency", ParagraphField)
        assert contingency.area.text == "Police will be called"  # the draft, put back
        contingency.area.focus()
        await pilot.press("tab")  # left: saved, and the draft forgotten
        await pilot.pause()
    assert plan(store).contingency == "Police will be called"
    assert "plan.contingency" not in meeting.read(edits.working.drafts)


async def test_a_concluded_initial_conference_shows_its_dates_and_refuses_edits(
    store: Store,
) -> None:
    load_demo(store)
    async with meeting_app(store, "icpc").run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot)
        assert screen.query_one("#plan-tabs", TabbedContent).active == "part-outcomes"
        await pilot.press("f6", "s")  # the actions: a status change is refused
        await pilot.pause()
        assert "concluded" in status(pilot)
        visit = screen.query_one("#date-first_visit", PlanDateField)
        assert visit.input.value == "7 Sep 2026"
        assert str(visit.query_one(".due", Static).content) == "due Mon 7 Sep 2026"
        assert not visit.query_one(".rule").has_class("-late")
    assert conference(store, "icpc").plan.actions[0].status == "open"  # type: ignore[union-attr]
