"""Scaling rules: who scales, the summary, the spread, the child's own score, the question's
wording and the escalation threshold."""

from __future__ import annotations

import pytest

from cpchair.caseio.schema import AttendeeDoc, ConferenceDoc, ScalingDoc, ScoreDoc
from cpchair.rules.scaling import (
    OVERALL,
    child_question,
    default_question,
    may_scale,
    needs_escalation,
    safety,
    scorers,
    summarise,
)

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


def test_summary_counts_everyone_who_scales_and_splits_the_sides() -> None:
    s = summarise(scaling(("sw", 2), ("pol", 4), ("mum", 8), ("adv", 6)), PEOPLE, threshold=2)
    assert (s.count, s.lowest, s.median, s.highest) == (4, 2, 5, 8)
    assert s.professionals_median == 3
    assert s.family_median == 8  # the mother; the advocate is on neither side
    assert s.advocate_scores == (6,) and s.advocate_score == "6"
    assert s.spread == 5
    assert "family see the children as safer, by 5 points" in s.describe_spread("ten_is_safe")
    assert "professionals see" in s.describe_spread("ten_is_danger")


@pytest.mark.parametrize(
    ("scores", "words"),
    [
        ((("sw", 2), ("mum", 3)), "by 1 point (medians)"),
        ((("sw", 2), ("mum", 4)), "by 2 points (medians)"),
        ((("sw", 2), ("pol", 3), ("mum", 3)), "by 0.5 points (medians)"),
    ],
)
def test_the_spread_says_1_point_but_2_points(scores, words: str) -> None:
    s = summarise(scaling(*scores), PEOPLE, threshold=2)
    assert words in s.describe_spread("ten_is_safe")


@pytest.mark.parametrize("agency", ["observer", "interpreter", "supporter"])
def test_observers_interpreters_and_supporters_do_not_scale(agency: str) -> None:
    # 004: an observer "must not take part in discussions or decision-making"; 001:
    # "Generally, a supporter will not be able to speak on your behalf or take part in the
    # discussion"; an interpreter gives another's words.
    assert not may_scale(agency)


@pytest.mark.parametrize("agency", ["family", "child", "advocate", "police", "solicitor"])
def test_everyone_else_present_scales(agency: str) -> None:
    # 000: "everyone is expected to scale within the meeting".
    assert may_scale(agency)


def test_the_score_table_offers_no_observer() -> None:
    conf = ConferenceDoc(key="k", kind="initial", date="2026-09-03", chair="C",
                         status="in_progress", attendees=PEOPLE)  # fmt: skip
    assert [a.key for a in scorers(conf, OVERALL)] == ["sw", "pol", "mum", "adv"]


def test_a_score_kept_from_an_observer_counts_nowhere() -> None:
    # The store and the importer refuse one; a score from before the rule is left out.
    s = summarise(scaling(("sw", 2), ("obs", 9)), PEOPLE, threshold=2)
    assert (s.count, s.highest) == (1, 2)


def test_the_childs_own_score_is_kept_apart_from_the_parents_median() -> None:
    # The issue: "the child's own score, when given, is shown apart from the parents' median".
    people = [*PEOPLE, AttendeeDoc(key="ruby", name="R", role="Ruby", agency="child",
                                   attendance="present")]  # fmt: skip
    s = summarise(scaling(("sw", 3), ("mum", 8), ("ruby", 4)), people, threshold=2)
    assert s.family_median == 8
    assert s.child_scores == (4,) and s.child_score == "4"
    assert s.count == 3 and s.median == 4  # the child's score still counts in the room's
    nobody = summarise(scaling(("sw", 3)), people, threshold=2)
    assert nobody.child_score is None


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


def test_a_childs_scale_asks_about_that_child_alone() -> None:
    q = child_question("ten_is_safe", "Mia")
    assert "10 means everyone agrees Mia is safe enough" in q
    assert "0 means we are certain Mia will be harmed" in q
    assert "children" not in q
    assert "10 means we are certain Mia will be harmed" in child_question("ten_is_danger", "Mia")


def test_no_threshold_never_escalates() -> None:
    """Only 002 escalates a grading of 0-2 ("escalating to the Service Manager any children
    whereby the overall grading is between 0-2"); an area without that rule has no threshold."""
    assert not needs_escalation(0, "ten_is_safe", None)
    assert not needs_escalation(10, "ten_is_danger", None)
    assert not summarise(scaling(overall=0), PEOPLE, threshold=None).escalate
