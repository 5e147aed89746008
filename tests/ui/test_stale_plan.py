"""Two seats on one plan: its dates, paragraphs, F7 and an action's status are never
overwritten silently by the seat that had not seen the other's change (store/stale.py).

A field that nothing is being typed in follows the other seat's change when the meeting is
read again, and its next save is made from that; one being typed in keeps its text, and its
save is refused with theirs shown, until made again."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from textual.widgets import Static

from cpchair.screens.stages.plan import PlanPanel
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting
from cpchair.widgets.fields import FlagField
from cpchair.widgets.plan_fields import ParagraphField, PlanDateField

from .helpers import rows, settle
from .meeting_helpers import REF, load_demo, meeting_app, status
from .test_plan import plan, to_plan, type_in


def panel(screen: Any) -> PlanPanel:
    return cast(PlanPanel, screen.current_panel())


def error(field: Any) -> str:
    return str(field.query_one(".field-error", Static).render())


async def test_a_date_follows_the_other_seat_and_one_being_typed_is_refused(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")  # the minute-taker's seat
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "dates")
        core = screen.query_one("#date-first_core_group", PlanDateField)
        review = screen.query_one("#date-review_conference", PlanDateField)
        # Not being typed in: their date is shown, and a later save here is made from it.
        other.edit(edits.plan.update_plan, review_conference=dt.date(2027, 3, 12))
        panel(screen).reload()
        await settle(pilot)
        assert review.input.value == "12 Mar 2027"
        await type_in(pilot, review.input, "15/3/2027")
        assert not review.has_class("-refused")
        assert plan(store).review_conference == dt.date(2027, 3, 15)
        # Being typed in when theirs arrives: what is typed stays, and leaving is refused.
        core.input.focus()
        await pilot.pause()
        core.input.value = "28/12/2026"
        other.edit(edits.plan.update_plan, first_core_group=dt.date(2026, 12, 22))
        panel(screen).reload()
        await settle(pilot)
        assert core.input.value == "28/12/2026"
        await pilot.press("enter")
        await settle(pilot)
        assert 'it now reads "22 December 2026"' in error(core)
        assert core.input.value == "28/12/2026"
        assert plan(store).first_core_group == dt.date(2026, 12, 22)
        await pilot.press("enter")  # made again, knowing theirs
        await settle(pilot)
        assert not core.has_class("-refused")
        assert plan(store).first_core_group == dt.date(2026, 12, 28)


async def test_f7_keeps_a_date_the_other_seat_set_meanwhile(store: Store) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "dates")
        review = screen.query_one("#date-review_conference", PlanDateField)
        assert review.input.value == ""
        # Set on the other laptop a moment before F7 here, before this screen heard of it.
        other.edit(edits.plan.update_plan, review_conference=dt.date(2027, 3, 5))
        await pilot.press("f7")
        await settle(pilot)
        said = status(pilot)
        assert "due dates filled in: first core group." in said
        assert "Set meanwhile by someone else, and kept: review conference." in said
        got = plan(store)
        assert (got.first_core_group, got.review_conference) == (
            dt.date(2026, 12, 24), dt.date(2027, 3, 5),
        )  # fmt: skip
        assert review.input.value == "5 Mar 2027"  # theirs, shown
        lines = [line.what for line in store.audit_lines(REF)][-1:]
        assert lines == ["plan due dates filled in: first core group, review conference"]


async def test_a_paragraph_being_typed_is_refused_over_theirs_and_the_tick_follows(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    theirs = "If the drinking starts again, the children stay with their nan while we meet."
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot, "arrangements")
        contingency = screen.query_one("#contingency", ParagraphField)
        contingency.area.focus()
        await pilot.pause()
        contingency.area.load_text("If things get worse, a strategy discussion the same day.")
        other.edit(edits.plan.update_plan, contingency=theirs, embassy_notification=True)
        panel(screen).reload()
        await settle(pilot)
        embassy = screen.query_one("#embassy", FlagField)
        assert embassy.box.value and embassy.value  # a tick follows theirs at once
        contingency.save_now()
        await settle(pilot)
        assert 'it now reads "If the drinking starts again, the children stay with' in error(
            contingency
        )
        assert contingency.area.text.startswith("If things get worse")
        assert plan(store).contingency == theirs
        contingency.save_now()  # made again, knowing theirs
        await settle(pilot)
        assert plan(store).contingency == (
            "If things get worse, a strategy discussion the same day."
        )


async def test_an_actions_status_key_is_refused_when_the_other_seat_changed_it(
    store: Store,
) -> None:
    load_demo(store)
    other = Meeting(store, REF, "rcpc1")
    async with meeting_app(store).run_test(size=(80, 24)) as pilot:
        screen = await to_plan(pilot)
        second = panel(screen).ids["actions"][1]
        assert plan(store).actions[1].status == "open"
        other.edit(edits.plan.update_action, second, status="not_done")
        await pilot.press("down", "s")  # stepped from "open", as shown here
        await settle(pilot)
        assert 'Changed meanwhile by someone else: it now reads "Not done"' in status(pilot)
        assert plan(store).actions[1].status == "not_done"  # theirs stands
        assert rows(pilot.app, "#actions")[1][4] == "Not done"
        await pilot.press("s")  # pressed again: steps on from theirs
        await settle(pilot)
        assert plan(store).actions[1].status != "not_done"
        assert "action 2:" in status(pilot)
