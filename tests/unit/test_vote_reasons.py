"""One reason for the same view of several children: carried to a new view, shared when filed."""

from __future__ import annotations

import json
from typing import Any

from cpchair.caseio import parse_case
from cpchair.caseio.schema import ConferenceDoc
from cpchair.rules.decisions import carried_reason, reason_shared_with


def with_votes(demo_data: dict[str, Any], *votes: tuple[str, str, str, str]) -> ConferenceDoc:
    conf = demo_data["conferences"][-1]
    conf["decisions"] = []
    conf["votes"] = [
        {"attendee": a, "child": c, "vote": v, "reason": r, "confidential": False}
        for a, c, v, r in votes
    ]
    return parse_case(json.dumps(demo_data)).conferences[-1]


def test_a_view_takes_the_reason_given_for_the_same_view_of_another_child(
    demo_data: dict[str, Any],
) -> None:
    conf = with_votes(demo_data, ("sw", "c1", "plan", "Dad drinks"), ("sw", "c2", "plan", ""))
    assert carried_reason(conf, "sw", "c2", "plan") == "Dad drinks"
    assert carried_reason(conf, "sw", "c3", "plan") == "Dad drinks"
    assert carried_reason(conf, "sw", "c3", "child_in_need") is None  # another view
    assert carried_reason(conf, "pol", "c2", "plan") is None  # another person
    assert carried_reason(conf, "sw", "c1", "plan") is None  # it has its own


def test_a_filed_reason_goes_to_the_same_view_with_none_yet(demo_data: dict[str, Any]) -> None:
    conf = with_votes(
        demo_data, ("sw", "c1", "plan", ""), ("sw", "c2", "plan", ""),
        ("sw", "c3", "plan", "Own reason"), ("pol", "c2", "plan", ""),
    )  # fmt: skip
    assert reason_shared_with(conf, "sw", "c1") == ["c2"]
    assert reason_shared_with(conf, "sw", "c9") == []  # no view there
