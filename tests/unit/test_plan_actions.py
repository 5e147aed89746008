"""The plan's actions at a review: carried forward, the status cycle, overdue."""

from __future__ import annotations

from datetime import date

from cpchair.caseio.schema import ActionDoc
from cpchair.demo import demo_case
from cpchair.rules.plan_actions import (
    STATUS_ORDER,
    carried_forward,
    is_overdue,
    next_status,
    to_review,
)

DEMO = demo_case(date(2026, 11, 26))
ICPC, RCPC = DEMO.conferences


def test_the_status_cycles_round() -> None:
    assert [next_status(s) for s in STATUS_ORDER] == [
        "done", "ongoing", "not_done", "dropped", "open",
    ]  # fmt: skip
    assert next_status("nonsense") == "open"


def test_actions_from_the_last_plan_are_carried_forward() -> None:
    assert ICPC.plan is not None and RCPC.plan is not None
    new = ActionDoc(what="Book the family group conference", who="Priya", status="open")
    actions = [*RCPC.plan.actions, new]
    assert carried_forward(actions, ICPC.plan) == (*([True] * 8), False)
    assert carried_forward(actions, None) == (False,) * 9
    # Of the 8 carried forward, 3 are still open in the demo's review.
    assert to_review(actions, ICPC.plan) == 3


def test_an_open_action_past_its_date_is_overdue() -> None:
    action = ActionDoc(what="Visit", who="SW", by=date(2026, 11, 1), status="open")
    assert is_overdue(action, date(2026, 11, 26))
    assert not is_overdue(action, date(2026, 11, 1))
    assert not is_overdue(action.model_copy(update={"status": "done"}), date(2026, 11, 26))
    assert not is_overdue(action.model_copy(update={"by": None}), date(2026, 11, 26))


def test_an_ongoing_action_runs_on_past_its_date_and_is_not_to_review() -> None:
    assert ICPC.plan is not None and RCPC.plan is not None
    ongoing = ActionDoc(what="Visit", who="SW", by=date(2026, 11, 1), status="ongoing")
    assert not is_overdue(ongoing, date(2026, 11, 26))
    actions = [a.model_copy(update={"status": "ongoing"}) for a in RCPC.plan.actions]
    assert to_review(actions, ICPC.plan) == 0  # "ongoing" is an answer already
