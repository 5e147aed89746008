"""Scaling rules: the summary, the spread, the question's wording and the escalation threshold."""

from __future__ import annotations

import pytest

from cpchair.caseio.schema import AttendeeDoc, ScalingDoc, ScoreDoc
from cpchair.rules.scaling import default_question, needs_escalation, safety, summarise

PEOPLE = [
    AttendeeDoc(key="sw", name="W", role="Social worker", agency="childrens_social_care",
                attendance="present", votes=True),
    AttendeeDoc(key="pol", name="P", role="Officer", agency="police", attendance="present",
                votes=True),
    AttendeeDoc(key="mum", name="M", role="Mother", agency="family", attendance="present"),
    AttendeeDoc(key="adv", name="A", role="Advocate", agency="advocate", attendance="present"),
    AttendeeDoc(key="obs", name="O", role="Student", agency="observer", attendance="present"),
]  # fmt: skip


def scaling(*scores: tuple[str, int], polarity: str = "ten_is_safe", overall=None) -> ScalingDoc:
    return ScalingDoc(
        question="q",
        polarity=polarity,  # type: ignore[arg-type]
        scores=[ScoreDoc(attendee=a, score=s, reason="r") for a, s in scores],
        overall=overall,
    )


def test_summary_counts_everyone_and_splits_the_sides() -> None:
    s = summarise(scaling(("sw", 2), ("pol", 4), ("mum", 8), ("adv", 6), ("obs", 5)), PEOPLE,
                  threshold=2)  # fmt: skip
    assert (s.count, s.lowest, s.median, s.highest) == (5, 2, 5, 8)
    assert s.professionals_median == 3
    assert s.family_median == 7  # the mother and the advocate; the observer is on neither side
    assert s.spread == 4
    assert "family see the children as safer, by 4 points" in s.describe_spread("ten_is_safe")
    assert "professionals see" in s.describe_spread("ten_is_danger")


def test_an_empty_scale_has_no_figures() -> None:
    s = summarise(scaling(), PEOPLE, threshold=2)
    assert (s.count, s.lowest, s.median, s.highest, s.spread) == (0, None, None, None, None)
    assert not s.escalate


def test_scales_per_child_are_kept_apart_from_the_overall_one() -> None:
    doc = scaling(("sw", 3))
    doc.scores.append(ScoreDoc(attendee="sw", score=9, reason="r", child="c1"))
    assert summarise(doc, PEOPLE, threshold=2).highest == 3
    assert summarise(doc, PEOPLE, threshold=2, child="c1").highest == 9


@pytest.mark.parametrize(
    ("overall", "polarity", "escalate"),
    [
        (2, "ten_is_safe", True),
        (3, "ten_is_safe", False),
        (0, "ten_is_safe", True),
        (8, "ten_is_danger", True),  # 8 of danger is 2 of safety
        (7, "ten_is_danger", False),
        (2, "ten_is_danger", False),
        (None, "ten_is_safe", False),
    ],
)
def test_escalation_threshold_in_both_directions(overall, polarity, escalate) -> None:
    assert needs_escalation(overall, polarity, 2) is escalate
    assert summarise(scaling(polarity=polarity, overall=overall), PEOPLE,
                     threshold=2).escalate is escalate  # fmt: skip


def test_a_profile_may_set_another_threshold() -> None:
    assert needs_escalation(3, "ten_is_safe", 3)
    assert not needs_escalation(3, "ten_is_safe", 2)


def test_safety_turns_a_danger_scale_round() -> None:
    assert safety(3, "ten_is_safe") == 3
    assert safety(3, "ten_is_danger") == 7


def test_default_question_names_the_children_and_the_direction() -> None:
    q = default_question("ten_is_safe", ["Ruby", "Mia", "the baby"])
    assert "10 means everyone agrees Ruby, Mia and the baby are safe enough" in q
    assert "0 means we are certain the children will be harmed" in q
    q = default_question("ten_is_danger", ["Ruby"])
    assert "0 means everyone agrees Ruby is safe" in q and "10 means we are certain Ruby" in q


def test_no_threshold_never_escalates() -> None:
    """Only 002 escalates a grading of 0-2 ("escalating to the Service Manager any children
    whereby the overall grading is between 0-2"); an area without that rule has no threshold."""
    assert not needs_escalation(0, "ten_is_safe", None)
    assert not needs_escalation(10, "ten_is_danger", None)
    assert not summarise(scaling(overall=0), PEOPLE, threshold=None).escalate
