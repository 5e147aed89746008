"""The demo case is dated for today's work."""

from __future__ import annotations

import datetime as dt

from cpchair.caseio import parse_case
from cpchair.demo import demo_case, demo_text
from cpchair.vocab import MAPPING_COLUMNS


def test_review_lands_on_the_day_and_intervals_are_kept() -> None:
    original = parse_case(demo_text())
    shifted = demo_case(dt.date(2027, 3, 10))  # a Wednesday
    assert shifted.conferences[-1].date == dt.date(2027, 3, 10)
    gap = shifted.conferences[-1].date - shifted.conferences[0].date
    assert gap == original.conferences[-1].date - original.conferences[0].date
    assert shifted.children[0].date_of_birth - original.children[0].date_of_birth == (  # type: ignore[operator]
        shifted.conferences[-1].date - original.conferences[-1].date
    )


def test_a_weekend_moves_to_the_next_working_day() -> None:
    assert demo_case(dt.date(2027, 3, 13)).conferences[-1].date == dt.date(2027, 3, 15)


def test_demo_case_holds_every_stage() -> None:
    doc = parse_case(demo_text())
    initial, review = doc.conferences
    assert (initial.kind, initial.status, review.kind, review.status) == (
        "initial",
        "concluded",
        "review",
        "prepared",
    )
    assert any(c.unborn for c in doc.children) and sum(c.subject for c in doc.children) >= 2
    for section in (
        "attendees",
        "exclusions",
        "views",
        "incidents",
        "mapping",
        "danger_statements",
        "safety_goals",
        "votes",
        "decisions",
    ):
        assert getattr(initial, section), section
    assert initial.scaling is not None and initial.scaling.scores
    assert initial.plan is not None and initial.plan.actions
    assert {e.column for e in initial.mapping} == set(MAPPING_COLUMNS)
