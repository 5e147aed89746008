"""Views and decisions in the store: whole decisions only, in the format's rules; the lock."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.caseio import dump_case, parse_case
from cpchair.demo import demo_case
from cpchair.store import EditError, Store, edits
from cpchair.store.meeting import Meeting

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, "DEMO-0001", "rcpc1")


def test_views_are_set_changed_and_cleared(meeting: Meeting) -> None:
    meeting.edit(edits.decisions.set_vote, "sw", "c1", "plan")
    meeting.edit(edits.decisions.set_vote_reason, "sw", "c1", "Dad's drinking is not yet addressed")
    meeting.edit(
        edits.decisions.set_vote, "sw", "c1", "child_in_need"
    )  # the reason stays with a changed view
    votes = meeting.load().conf.votes
    assert [(v.attendee, v.child, v.vote, v.reason) for v in votes] == [
        ("sw", "c1", "child_in_need", "Dad's drinking is not yet addressed"),
    ]  # fmt: skip
    meeting.edit(edits.decisions.set_vote, "sw", "c1", None)
    assert meeting.load().conf.votes == []


def test_only_voters_give_views(meeting: Meeting) -> None:
    with pytest.raises(EditError, match="does not vote"):
        meeting.edit(edits.decisions.set_vote, "jodie", "c1", "plan")
    with pytest.raises(EditError, match="Give the view first"):
        meeting.edit(edits.decisions.set_vote_reason, "sw", "c2", "x")


def test_a_decision_is_written_whole_or_not_at_all(meeting: Meeting) -> None:
    with pytest.raises(EditError, match="needs a category"):
        meeting.edit(
            edits.decisions.record_decision, "c1", outcome="plan", method="majority", categories=[]
        )
    with pytest.raises(EditError, match="chair's reasons"):
        meeting.edit(edits.decisions.record_decision, "c1", outcome="plan", method="chair_on_split",
                                categories=["neglect"])  # fmt: skip
    with pytest.raises(EditError, match="with a child protection plan only"):
        meeting.edit(
            edits.decisions.record_decision,
            "c1",
            outcome="child_in_need",
            method="majority",
            categories=["neglect"],
        )
    assert meeting.load().conf.decisions == []
    meeting.edit(edits.decisions.record_decision, "c1", outcome="plan", method="chair_on_split",
                            categories=["emotional_abuse", "neglect"],
                            rationale="The worries for Ruby outweigh the progress",
                            dissents=[("sch", "Ruby is doing well at school")])  # fmt: skip
    meeting.edit(
        edits.decisions.record_decision,
        "c1",
        outcome="plan",
        method="majority",
        categories=["neglect"],
    )
    [decision] = meeting.load().conf.decisions
    assert (decision.method, decision.categories, decision.dissents) == (
        "majority",
        ["neglect"],
        [],
    )


def test_what_is_held_always_makes_a_file_that_imports(meeting: Meeting, store: Store) -> None:
    meeting.edit(edits.decisions.set_vote, "sw", "c1", "plan", "Worried")
    meeting.edit(edits.decisions.set_vote, "pol", "c1", "plan", "Worried")
    meeting.edit(
        edits.decisions.record_decision,
        "c1",
        outcome="plan",
        method="unanimous",
        categories=["neglect"],
    )
    meeting.edit(
        edits.decisions.set_vote, "sch", "c1", "child_in_need", "Doing well"
    )  # the method follows the views
    doc = store.load_case("DEMO-0001")
    assert doc is not None
    assert doc.conferences[-1].decisions[0].method == "majority"
    assert parse_case(dump_case(doc)) == doc


def test_concluding_locks_and_reopening_is_recorded(meeting: Meeting) -> None:
    meeting.edit(edits.decisions.conclude)
    with pytest.raises(EditError, match="concluded"):
        meeting.edit(edits.decisions.set_vote, "sw", "c1", "plan")
    with pytest.raises(EditError, match="Say why"):
        meeting.edit(edits.decisions.reopen, "  ", dt.datetime(2026, 11, 26, 12, 30))
    meeting.edit(
        edits.decisions.reopen, "The review date was wrong", dt.datetime(2026, 11, 26, 12, 30, 45)
    )
    conf = meeting.load().conf
    assert conf.status == "in_progress"
    assert [(r.at, r.reason) for r in conf.reopened] == [
        (dt.datetime(2026, 11, 26, 12, 30), "The review date was wrong"),
    ]  # fmt: skip
    meeting.edit(edits.decisions.set_vote, "sw", "c1", "plan")  # open to changes again


def test_a_reason_for_ending_is_kept_only_when_the_plan_ends(meeting: Meeting) -> None:
    """The issue: "Never print a criterion that the chair did not choose": nor store one where
    nothing ends. Ruby was on a plan at the initial conference; a plan that goes on ends nothing."""
    for who in ("sw", "pol", "hv", "sch", "ida"):
        meeting.edit(edits.decisions.set_vote, who, "c1", "plan", "Still worried")
    with pytest.raises(EditError, match="only when the child's plan ends"):
        meeting.edit(edits.decisions.record_decision, "c1", outcome="plan", method="unanimous",
                                categories=["neglect"], ending_criterion="in_care")  # fmt: skip
    assert meeting.load().conf.decisions == []
