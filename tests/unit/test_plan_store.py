"""The plan's edits in the live meeting: one transaction each, refused in plain words.

The demo review (rcpc1) starts with the initial conference's plan carried forward: 4 outcomes,
8 actions with their status, the core group, contingency and visiting, and no dates.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.caseio.schema import PlanDoc
from cpchair.demo import demo_case
from cpchair.store import EditError, Store
from cpchair.store.meeting import Meeting

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
    assert fresh.plan_ids() == {"outcomes": [], "actions": [], "recommendations": []}
    fresh.add_outcome("  Ruby feels safe at home. ")
    assert plan(fresh).outcomes == ["Ruby feels safe at home."]
    assert not fresh.ensure_plan()  # already there


def test_ensure_plan_creates_an_empty_plan_once(fresh: Meeting) -> None:
    assert fresh.ensure_plan()
    assert plan(fresh) == PlanDoc()
    assert not fresh.ensure_plan()


def test_outcomes_are_added_edited_moved_and_removed(meeting: Meeting) -> None:
    new = meeting.add_outcome("Tyler's weekend stays are settled.")
    ids = meeting.plan_ids()["outcomes"]
    assert len(ids) == 5 and ids[-1] == new
    meeting.update_outcome(new, "Tyler's weekend stays are safe and settled.")
    assert meeting.move_plan_row("outcomes", new, -1)
    outcomes = plan(meeting).outcomes
    assert outcomes[3] == "Tyler's weekend stays are safe and settled."
    assert meeting.plan_ids()["outcomes"][3] == new
    first = meeting.plan_ids()["outcomes"][0]
    assert not meeting.move_plan_row("outcomes", first, -1)  # already at the top
    meeting.remove_plan_row("outcomes", first)
    assert len(plan(meeting).outcomes) == 4
    assert first not in meeting.plan_ids()["outcomes"]


def test_empty_text_is_refused_and_nothing_changes(meeting: Meeting) -> None:
    before = plan(meeting)
    first = meeting.plan_ids()["outcomes"][0]
    with pytest.raises(EditError, match="outcome for the children; it cannot be empty"):
        meeting.add_outcome("   ")
    with pytest.raises(EditError, match="cannot be empty"):
        meeting.update_outcome(first, "")
    with pytest.raises(EditError, match="service recommended"):
        meeting.add_recommendation("")
    with pytest.raises(EditError, match="no longer in this plan"):
        meeting.update_outcome(999_999, "Anything")
    assert plan(meeting) == before


def test_actions_are_added_and_edited_field_by_field(meeting: Meeting) -> None:
    row = meeting.add_action(what="Book the family group conference", who="Priya Nandra",
                             by=dt.date(2026, 12, 18), children=["c1", "c2"],
                             key_safeguarding=True)  # fmt: skip
    action = plan(meeting).actions[-1]
    assert (action.what, action.who, action.by, action.children) == (
        "Book the family group conference", "Priya Nandra", dt.date(2026, 12, 18), ["c1", "c2"],
    )  # fmt: skip
    assert action.key_safeguarding and action.status == "open"
    meeting.update_action(row, who="Priya Nandra, social worker", children=["c3"], by=None,
                          key_safeguarding=False, status="done")  # fmt: skip
    action = plan(meeting).actions[-1]
    assert (action.who, action.children, action.by) == ("Priya Nandra, social worker", ["c3"], None)
    assert (action.key_safeguarding, action.status) == (False, "done")


def test_a_carried_forward_actions_status_is_updated(meeting: Meeting) -> None:
    second = meeting.plan_ids()["actions"][1]
    assert plan(meeting).actions[1].status == "open"
    meeting.update_action(second, status="not_done")
    assert plan(meeting).actions[1].status == "not_done"
    meeting.update_action(second, status="ongoing")  # it runs on
    assert plan(meeting).actions[1].status == "ongoing"
    assert len(plan(meeting).actions) == 8


def test_bad_actions_are_refused(meeting: Meeting) -> None:
    before = plan(meeting)
    first = meeting.plan_ids()["actions"][0]
    with pytest.raises(EditError, match="Say what is to be done"):
        meeting.add_action(what=" ", who="Priya")
    with pytest.raises(EditError, match="Say who will do it"):
        meeting.add_action(what="Visit")
    with pytest.raises(EditError, match="not a date"):
        meeting.update_action(first, by="next Tuesday")
    with pytest.raises(EditError, match="open, ongoing, done, not done or dropped"):
        meeting.update_action(first, status="finished")
    with pytest.raises(EditError, match="children is no longer"):
        meeting.update_action(first, children=["c99"])
    with pytest.raises(EditError, match="Say who"):
        meeting.update_action(first, who="")
    assert plan(meeting) == before


def test_actions_move_and_are_removed(meeting: Meeting) -> None:
    ids = meeting.plan_ids()["actions"]
    whats = [a.what for a in plan(meeting).actions]
    assert meeting.move_plan_row("actions", ids[0], 1)
    assert [a.what for a in plan(meeting).actions][:2] == [whats[1], whats[0]]
    assert not meeting.move_plan_row("actions", ids[-1], 1)
    meeting.remove_plan_row("actions", ids[0])
    assert whats[0] not in [a.what for a in plan(meeting).actions]


def test_recommendations_are_a_list(meeting: Meeting) -> None:
    row = meeting.add_recommendation("Offer the family a parenting course.")
    meeting.update_recommendation(row, "Offer a parenting course after the birth.")
    assert plan(meeting).recommendations[-1] == "Offer a parenting course after the birth."
    meeting.remove_plan_row("recommendations", row)
    assert len(plan(meeting).recommendations) == 3


def test_dates_are_set_cleared_and_refused(meeting: Meeting) -> None:
    meeting.update_plan(first_core_group=dt.date(2026, 12, 24), first_visit=None,
                        review_conference=dt.date(2027, 5, 26))  # fmt: skip
    got = plan(meeting)
    assert (got.first_core_group, got.review_conference) == (
        dt.date(2026, 12, 24), dt.date(2027, 5, 26),
    )  # fmt: skip
    with pytest.raises(EditError, match="review conference is not a date"):
        meeting.update_plan(review_conference="26/5/2027")
    with pytest.raises(EditError, match="not a date"):
        meeting.update_plan(first_visit=dt.datetime(2026, 12, 1, 10, 0))
    with pytest.raises(EditError, match="cannot be before this conference"):
        meeting.update_plan(first_core_group=dt.date(2026, 11, 25))
    assert plan(meeting) == got
    meeting.update_plan(first_core_group=None)
    assert plan(meeting).first_core_group is None


def test_contingency_visiting_and_the_embassy(meeting: Meeting) -> None:
    meeting.update_plan(contingency="  Call the police.  ", visiting="Weekly visits.",
                        embassy_notification=True)  # fmt: skip
    got = plan(meeting)
    assert (got.contingency, got.visiting, got.embassy_notification) == (
        "Call the police.", "Weekly visits.", True,
    )  # fmt: skip
    meeting.update_plan(visiting="   ")  # emptied: nothing recorded
    assert plan(meeting).visiting is None
    with pytest.raises(EditError, match="yes or no"):
        meeting.update_plan(embassy_notification="yes")
    with pytest.raises(EditError, match="cannot change"):
        meeting.update_plan(outcomes=["x"])


def test_the_core_group_is_picked_from_attendees_and_family(meeting: Meeting) -> None:
    kept = meeting.set_core_group(["sw", "pol", "mum", "jodie", "nan", "sw"])
    # jodie is the attendee who is mum: one person, kept once.
    assert kept == ["sw", "pol", "mum", "nan"]
    assert plan(meeting).core_group == ["sw", "pol", "mum", "nan"]
    with pytest.raises(EditError, match="not at this conference or in the family"):
        meeting.set_core_group(["sw", "nobody"])
    assert plan(meeting).core_group == ["sw", "pol", "mum", "nan"]
    meeting.set_core_group([])
    assert plan(meeting).core_group == []


def test_the_lead_social_worker_is_the_cases(meeting: Meeting) -> None:
    meeting.set_lead_social_worker(name=" Sam Patel ", team="Family Safeguarding (South)")
    case = meeting.load().case
    assert (case.lead_social_worker.name, case.lead_social_worker.team) == (
        "Sam Patel", "Family Safeguarding (South)",
    )  # fmt: skip
    meeting.set_lead_social_worker(team="  ")
    assert meeting.load().case.lead_social_worker.team is None
    with pytest.raises(EditError, match="Name the lead social worker"):
        meeting.set_lead_social_worker(name="")
    assert meeting.load().case.lead_social_worker.name == "Sam Patel"


def test_a_concluded_conference_refuses_plan_edits(store: Store) -> None:
    store.import_case(demo_case(DAY))
    done = Meeting(store, REF, "icpc")
    before = store.load_case(REF)
    first = done.plan_ids()["actions"][0]  # reading is fine
    for change in (
        lambda: done.add_outcome("Late"),
        lambda: done.update_action(first, status="done"),
        lambda: done.update_plan(contingency="Late"),
        lambda: done.set_core_group(["sw"]),
        lambda: done.set_lead_social_worker(name="Someone"),
        lambda: done.move_plan_row("actions", first, 1),
    ):
        with pytest.raises(EditError, match="concluded"):
            change()
    assert store.load_case(REF) == before


def test_messages_name_nobody(meeting: Meeting) -> None:
    with pytest.raises(EditError) as caught:
        meeting.set_core_group(["Jodie Hadley"])
    assert "Jodie" not in str(caught.value)
