"""The plan's edits in the live meeting: one transaction each, refused in plain words.

The demo review (rcpc1) starts with the initial conference's plan carried forward: 4 outcomes,
8 actions with their status, the core group, contingency and visiting, and no dates.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.caseio.schema import PlanDoc
from cpchair.demo import demo_case
from cpchair.store import EditError, Store, edits
from cpchair.store.meeting import Meeting

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)  # a Thursday: the demo review is held today
REF = "DEMO-0001"


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


@pytest.fixture
def fresh(meeting: Meeting) -> Meeting:
    """A conference with no plan yet: an initial conference the next day."""
    key = meeting.store.add_conference(REF, kind="initial", date=DAY + dt.timedelta(days=1),
                                       chair="Chair")  # fmt: skip
    return Meeting(meeting.store, REF, key)


def plan(meeting: Meeting) -> PlanDoc:
    found = meeting.load().conf.plan
    assert found is not None
    return found


def test_the_plan_is_created_by_its_first_edit(fresh: Meeting) -> None:
    assert fresh.load().conf.plan is None
    assert fresh.read(edits.plan.plan_ids) == {"outcomes": [], "actions": [], "recommendations": []}
    fresh.edit(edits.plan.add_text, "outcomes", "  Ruby feels safe at home. ")
    assert plan(fresh).outcomes == ["Ruby feels safe at home."]
    assert not fresh.edit(edits.plan.ensure_plan).value  # already there


def test_ensure_plan_creates_an_empty_plan_once(fresh: Meeting) -> None:
    assert fresh.edit(edits.plan.ensure_plan).value
    assert plan(fresh) == PlanDoc()
    assert not fresh.edit(edits.plan.ensure_plan).value


def test_outcomes_are_added_edited_moved_and_removed(meeting: Meeting) -> None:
    new = meeting.edit(edits.plan.add_text, "outcomes", "Tyler's weekend stays are settled.").value
    ids = meeting.read(edits.plan.plan_ids)["outcomes"]
    assert len(ids) == 5 and ids[-1] == new
    meeting.edit(
        edits.plan.update_text, "outcomes", new, "Tyler's weekend stays are safe and settled."
    )
    assert meeting.edit(edits.plan.move_row, "outcomes", new, -1).value
    outcomes = plan(meeting).outcomes
    assert outcomes[3] == "Tyler's weekend stays are safe and settled."
    assert meeting.read(edits.plan.plan_ids)["outcomes"][3] == new
    first = meeting.read(edits.plan.plan_ids)["outcomes"][0]
    assert not meeting.edit(edits.plan.move_row, "outcomes", first, -1).value  # already at the top
    meeting.edit(edits.plan.remove_row, "outcomes", first)
    assert len(plan(meeting).outcomes) == 4
    assert first not in meeting.read(edits.plan.plan_ids)["outcomes"]


def test_empty_text_is_refused_and_nothing_changes(meeting: Meeting) -> None:
    before = plan(meeting)
    first = meeting.read(edits.plan.plan_ids)["outcomes"][0]
    with pytest.raises(EditError, match="outcome for the children; it cannot be empty"):
        meeting.edit(edits.plan.add_text, "outcomes", "   ")
    with pytest.raises(EditError, match="cannot be empty"):
        meeting.edit(edits.plan.update_text, "outcomes", first, "")
    with pytest.raises(EditError, match="service recommended"):
        meeting.edit(edits.plan.add_text, "recommendations", "")
    with pytest.raises(EditError, match="no longer in this plan"):
        meeting.edit(edits.plan.update_text, "outcomes", 999_999, "Anything")
    assert plan(meeting) == before


def test_actions_are_added_and_edited_field_by_field(meeting: Meeting) -> None:
    row = meeting.edit(
        edits.plan.add_action,
        what="Book the family group conference",
        who="Priya Nandra",
        by=dt.date(2026, 12, 18),
        children=["c1", "c2"],
        key_safeguarding=True,
    ).value
    action = plan(meeting).actions[-1]
    assert (action.what, action.who, action.by, action.children) == (
        "Book the family group conference", "Priya Nandra", dt.date(2026, 12, 18), ["c1", "c2"],
    )  # fmt: skip
    assert action.key_safeguarding and action.status == "open"
    meeting.edit(
        edits.plan.update_action,
        row,
        who="Priya Nandra, social worker",
        children=["c3"],
        by=None,
        key_safeguarding=False,
        status="done",
    )
    action = plan(meeting).actions[-1]
    assert (action.who, action.children, action.by) == ("Priya Nandra, social worker", ["c3"], None)
    assert (action.key_safeguarding, action.status) == (False, "done")


def test_a_carried_forward_actions_status_is_updated(meeting: Meeting) -> None:
    second = meeting.read(edits.plan.plan_ids)["actions"][1]
    assert plan(meeting).actions[1].status == "open"
    meeting.edit(edits.plan.update_action, second, status="not_done")
    assert plan(meeting).actions[1].status == "not_done"
    meeting.edit(edits.plan.update_action, second, status="ongoing")  # it runs on
    assert plan(meeting).actions[1].status == "ongoing"
    assert len(plan(meeting).actions) == 8


def test_bad_actions_are_refused(meeting: Meeting) -> None:
    before = plan(meeting)
    first = meeting.read(edits.plan.plan_ids)["actions"][0]
    with pytest.raises(EditError, match="Say what is to be done"):
        meeting.edit(edits.plan.add_action, what=" ", who="Priya")
    with pytest.raises(EditError, match="Say who will do it"):
        meeting.edit(edits.plan.add_action, what="Visit")
    with pytest.raises(EditError, match="not a date"):
        meeting.edit(edits.plan.update_action, first, by="next Tuesday")
    with pytest.raises(EditError, match="open, ongoing, done, not done or dropped"):
        meeting.edit(edits.plan.update_action, first, status="finished")
    with pytest.raises(EditError, match="children is no longer"):
        meeting.edit(edits.plan.update_action, first, children=["c99"])
    with pytest.raises(EditError, match="Say who"):
        meeting.edit(edits.plan.update_action, first, who="")
    assert plan(meeting) == before


def test_actions_move_and_are_removed(meeting: Meeting) -> None:
    ids = meeting.read(edits.plan.plan_ids)["actions"]
    whats = [a.what for a in plan(meeting).actions]
    assert meeting.edit(edits.plan.move_row, "actions", ids[0], 1).value
    assert [a.what for a in plan(meeting).actions][:2] == [whats[1], whats[0]]
    assert not meeting.edit(edits.plan.move_row, "actions", ids[-1], 1).value
    meeting.edit(edits.plan.remove_row, "actions", ids[0])
    assert whats[0] not in [a.what for a in plan(meeting).actions]


def test_recommendations_are_a_list(meeting: Meeting) -> None:
    row = meeting.edit(
        edits.plan.add_text, "recommendations", "Offer the family a parenting course."
    ).value
    meeting.edit(
        edits.plan.update_text, "recommendations", row, "Offer a parenting course after the birth."
    )
    assert plan(meeting).recommendations[-1] == "Offer a parenting course after the birth."
    meeting.edit(edits.plan.remove_row, "recommendations", row)
    assert len(plan(meeting).recommendations) == 3


def test_dates_are_set_cleared_and_refused(meeting: Meeting) -> None:
    meeting.edit(edits.plan.update_plan, first_core_group=dt.date(2026, 12, 24), first_visit=None,
                        review_conference=dt.date(2027, 5, 26))  # fmt: skip
    got = plan(meeting)
    assert (got.first_core_group, got.review_conference) == (
        dt.date(2026, 12, 24), dt.date(2027, 5, 26),
    )  # fmt: skip
    with pytest.raises(EditError, match="review conference is not a date"):
        meeting.edit(edits.plan.update_plan, review_conference="26/5/2027")
    with pytest.raises(EditError, match="not a date"):
        meeting.edit(edits.plan.update_plan, first_visit=dt.datetime(2026, 12, 1, 10, 0))
    with pytest.raises(EditError, match="cannot be before this conference"):
        meeting.edit(edits.plan.update_plan, first_core_group=dt.date(2026, 11, 25))
    assert plan(meeting) == got
    meeting.edit(edits.plan.update_plan, first_core_group=None)
    assert plan(meeting).first_core_group is None


def test_due_dates_fill_only_the_dates_still_empty(meeting: Meeting) -> None:
    """F7's write: a date someone else set meanwhile stands; the names filled come back."""
    meeting.edit(edits.plan.update_plan, review_conference=dt.date(2027, 3, 5))
    filled = meeting.edit(edits.plan.fill_dates, first_core_group=dt.date(2026, 12, 24),
                          review_conference=dt.date(2027, 3, 19)).value  # fmt: skip
    assert filled == ["first_core_group"]
    got = plan(meeting)
    assert (got.first_core_group, got.review_conference) == (
        dt.date(2026, 12, 24), dt.date(2027, 3, 5),
    )  # fmt: skip
    with pytest.raises(EditError, match="cannot be before this conference"):
        meeting.edit(edits.plan.fill_dates, first_visit=dt.date(2026, 11, 25))
    assert plan(meeting) == got


def test_contingency_visiting_and_the_embassy(meeting: Meeting) -> None:
    meeting.edit(
        edits.plan.update_plan,
        contingency="  Call the police.  ",
        visiting="Weekly visits.",
        embassy_notification=True,
    )
    got = plan(meeting)
    assert (got.contingency, got.visiting, got.embassy_notification) == (
        "Call the police.", "Weekly visits.", True,
    )  # fmt: skip
    meeting.edit(edits.plan.update_plan, visiting="   ")  # emptied: nothing recorded
    assert plan(meeting).visiting is None
    with pytest.raises(EditError, match="yes or no"):
        meeting.edit(edits.plan.update_plan, embassy_notification="yes")
    with pytest.raises(EditError, match="cannot change"):
        meeting.edit(edits.plan.update_plan, outcomes=["x"])


def test_the_core_group_is_picked_from_attendees_and_family(meeting: Meeting) -> None:
    kept = meeting.edit(edits.plan.set_core_group, ["sw", "pol", "mum", "jodie", "nan", "sw"]).value
    # jodie is the attendee who is mum: one person, kept once.
    assert kept == ["sw", "pol", "mum", "nan"]
    assert plan(meeting).core_group == ["sw", "pol", "mum", "nan"]
    with pytest.raises(EditError, match="not at this conference or in the family"):
        meeting.edit(edits.plan.set_core_group, ["sw", "nobody"])
    assert plan(meeting).core_group == ["sw", "pol", "mum", "nan"]
    meeting.edit(edits.plan.set_core_group, [])
    assert plan(meeting).core_group == []


def test_the_lead_social_worker_is_the_cases(meeting: Meeting) -> None:
    meeting.edit(
        edits.plan.set_lead_social_worker, name=" Sam Patel ", team="Family Safeguarding (South)"
    )
    case = meeting.load().case
    assert (case.lead_social_worker.name, case.lead_social_worker.team) == (
        "Sam Patel", "Family Safeguarding (South)",
    )  # fmt: skip
    meeting.edit(edits.plan.set_lead_social_worker, team="  ")
    assert meeting.load().case.lead_social_worker.team is None
    with pytest.raises(EditError, match="Name the lead social worker"):
        meeting.edit(edits.plan.set_lead_social_worker, name="")
    assert meeting.load().case.lead_social_worker.name == "Sam Patel"


def test_a_concluded_conference_refuses_plan_edits(store: Store) -> None:
    store.import_case(demo_case(DAY))
    done = Meeting(store, REF, "icpc")
    before = store.load_case(REF)
    first = done.read(edits.plan.plan_ids)["actions"][0]  # reading is fine
    for change in (
        lambda: done.edit(edits.plan.add_text, "outcomes", "Late"),
        lambda: done.edit(edits.plan.update_action, first, status="done"),
        lambda: done.edit(edits.plan.update_plan, contingency="Late"),
        lambda: done.edit(edits.plan.set_core_group, ["sw"]),
        lambda: done.edit(edits.plan.set_lead_social_worker, name="Someone"),
        lambda: done.edit(edits.plan.move_row, "actions", first, 1),
    ):
        with pytest.raises(EditError, match="concluded"):
            change()
    assert store.load_case(REF) == before


def test_messages_name_nobody(meeting: Meeting) -> None:
    with pytest.raises(EditError) as caught:
        meeting.edit(edits.plan.set_core_group, ["Jodie Hadley"])
    assert "Jodie" not in str(caught.value)
