"""The decision for each child: one view per agency, the tally and its method, rationale,
categories, minority views and formal dissent, and ending a plan.

Each rule quotes its source: 004 is the Derby and Derbyshire procedures, 000 the York
parents' guide, "the spec" the case format's "Who decides, and how the views are counted".
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ConferenceDoc, DecisionDoc
from cpchair.rules.decisions import (
    ENDING_CRITERIA,
    DecisionProblem,
    MissingViews,
    Tally,
    agency_views,
    comes_off_plan,
    criteria_offered,
    decision_problems,
    differing_views,
    is_ending_criterion,
    is_first_review,
    may_vote,
    method_disagrees,
    missing_views,
    open_key_actions,
    plan_ends,
    recorded_method,
    tally,
    what_follows,
)
from cpchair.rules.profiles import Profile, Setting, load_profile
from tests.builders import attendee

VOTERS = ("sw", "pol", "hv", "sch", "nur")
# Each of the usual voters is from an agency of their own: one view each.
AGENCY = {
    "sw": "childrens_social_care",
    "pol": "police",
    "hv": "health",
    "sch": "education",
    "nur": "early_years",
}


def person(key: str, agency: str = "health", *, votes: bool = True, **extra: Any) -> dict:
    return attendee(key, agency, votes=votes, **extra)


def conference(
    views: dict[str, str] | None = None,
    *,
    attendees: list[dict] | None = None,
    child: str = "c1",
    **extra: Any,
) -> ConferenceDoc:
    """A conference where each voter in `views` gave that view for `child`."""
    people = attendees if attendees is not None else [person(k, AGENCY[k]) for k in VOTERS]
    votes = [
        {"attendee": who, "child": child, "vote": vote, "reason": f"reason of {who}"}
        for who, vote in (views or {}).items()
    ]
    return ConferenceDoc.model_validate(
        {
            "key": "k",
            "kind": "initial",
            "date": date(2026, 9, 3),
            "chair": "Chair Person",
            "status": "in_progress",
            "attendees": people,
            "votes": votes,
            **extra,
        }
    )


def views(*outcomes: str) -> dict[str, str]:
    return dict(zip(VOTERS, outcomes, strict=False))


def decision(outcome: str = "plan", **extra: Any) -> DecisionDoc:
    data: dict[str, Any] = {"child": "c1", "outcome": outcome, "method": "unanimous"}
    if outcome == "plan":
        data["categories"] = ["neglect"]
    data.update(extra)
    return DecisionDoc.model_validate(data)


def codes(problems: tuple[DecisionProblem, ...]) -> list[str]:
    return [p.code for p in problems]


# --- Who votes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "agency",
    ["family", "child", "advocate", "supporter", "solicitor", "interpreter", "observer"],
)
def test_only_a_professional_agency_votes(agency: str) -> None:
    # 000: a parent "can offer a view but will not be part of the decision-making";
    # 004: the decision is "the social work and agency decision".
    assert not may_vote(agency)


@pytest.mark.parametrize("agency", [*sorted(AGENCY.values()), "voluntary", "other_agency"])
def test_the_professional_agencies_vote(agency: str) -> None:
    assert may_vote(agency)


# --- One view per agency --------------------------------------------------------------------


def social_workers_and_others() -> list[dict]:
    """Three social workers and their team manager, with the police and health."""
    return [
        person("sw1", "childrens_social_care"),
        person("sw2", "childrens_social_care"),
        person("sw3", "childrens_social_care"),
        person("tm", "childrens_social_care"),
        person("pol", "police"),
        person("hv", "health"),
    ]


def test_staff_of_one_agency_with_one_view_count_once() -> None:
    # 004: "the social work and agency decision": three social workers and a team manager
    # giving the same view are one view, not four.
    ballots = {"sw1": "plan", "sw2": "plan", "sw3": "plan", "tm": "plan",
               "pol": "child_in_need", "hv": "child_in_need"}  # fmt: skip
    t = tally(conference(ballots, attendees=social_workers_and_others()), "c1")
    assert t.views == (
        ("childrens_social_care", "plan"),
        ("police", "child_in_need"),
        ("health", "child_in_need"),
    )
    assert (t.plan, t.child_in_need, t.total) == (1, 2, 3)
    # Counted by people, four plan views would have carried it; by agency, no plan does.
    assert (t.plan_question, t.outcome, t.method) == ("no_plan", "child_in_need", "majority")
    assert t.explain() == (
        "Majority: child in need plan (agencies: plan 1, child in need 2, no further action 0)"
    )


def test_staff_of_one_agency_who_differ_make_it_divided_and_it_is_not_counted() -> None:
    # The spec: "Staff of one agency who give different views make that agency divided: it
    # is not counted, and the app names it so the chair can ask the agency to settle its view."
    ballots = {"sw1": "plan", "sw2": "child_in_need", "pol": "plan", "hv": "plan"}
    t = tally(conference(ballots, attendees=social_workers_and_others()), "c1")
    social_care = t.agency("childrens_social_care")
    assert social_care is not None and social_care.divided and social_care.view is None
    assert social_care.staff == (("sw1", "plan"), ("sw2", "child_in_need"))
    assert t.divided == ("childrens_social_care",)
    assert (t.plan, t.child_in_need, t.total, t.method) == (2, 0, 2, "unanimous")
    assert t.explain() == (
        "Unanimous: child protection plan (2 agencies); divided, not counted: "
        "Children's social care"
    )


def test_an_agency_divided_alone_leaves_nothing_counted() -> None:
    attendees = [person("sw1", "childrens_social_care"), person("sw2", "childrens_social_care")]
    t = tally(conference({"sw1": "plan", "sw2": "no_further_action"}, attendees=attendees), "c1")
    assert (t.total, t.method, t.outcome) == (0, None, None)
    assert t.explain() == "No agency's view counted; divided, not counted: Children's social care"


def test_agency_views_come_in_register_order_with_their_staff() -> None:
    ballots = {"hv": "plan", "tm": "plan", "sw1": "plan"}  # given in another order
    views = agency_views(conference(ballots, attendees=social_workers_and_others()), "c1")
    assert [(a.agency, a.staff) for a in views] == [
        ("childrens_social_care", (("sw1", "plan"), ("tm", "plan"))),
        ("health", (("hv", "plan"),)),
    ]
    assert views[0].label == "Children's social care"


def test_a_divided_agency_is_a_warning_for_the_chair_not_a_block() -> None:
    ballots = {"sw1": "plan", "sw2": "child_in_need", "pol": "plan", "hv": "plan"}
    conf = conference(ballots, attendees=social_workers_and_others())
    (problem,) = decision_problems(decision("plan", method="unanimous"), conf)
    assert (problem.code, problem.blocking, problem.agencies) == (
        "agency_divided", False, ("childrens_social_care",),
    )  # fmt: skip
    assert problem.message == (
        "Divided, so not counted: Children's social care; ask the agency to settle its view"
    )


# --- Tally and method -----------------------------------------------------------------------


def test_all_for_a_plan_is_unanimous() -> None:
    t = tally(conference(views("plan", "plan", "plan")), "c1")
    assert (t.plan, t.child_in_need, t.no_further_action, t.total) == (3, 0, 0, 3)
    assert (t.plan_question, t.outcome, t.method) == ("plan", "plan", "unanimous")
    assert t.explain() == "Unanimous: child protection plan (3 agencies)"


def test_all_for_no_further_action_is_unanimous() -> None:
    t = tally(conference(views("no_further_action", "no_further_action")), "c1")
    assert (t.outcome, t.method) == ("no_further_action", "unanimous")


def test_more_than_half_for_a_plan_is_a_majority() -> None:
    t = tally(conference(views("plan", "plan", "plan", "child_in_need", "no_further_action")), "c1")
    assert (t.plan_question, t.outcome, t.method) == ("plan", "plan", "majority")
    assert t.no_plan == 2
    assert t.explain() == (
        "Majority: child protection plan (agencies: plan 3, child in need 1, no further action 1)"
    )


def test_no_plan_wins_when_cin_and_nfa_together_outnumber_plan() -> None:
    # 004: the chair "does not make the ultimate decision regarding whether a child is to be
    # subject to a Child Protection Plan": the question is plan or no plan first.
    t = tally(
        conference(views("plan", "plan", "child_in_need", "no_further_action", "child_in_need")),
        "c1",
    )
    assert (t.plan_question, t.outcome, t.method) == ("no_plan", "child_in_need", "majority")


def test_among_no_plan_views_the_larger_wins() -> None:
    t = tally(conference(views("no_further_action", "no_further_action", "child_in_need")), "c1")
    assert (t.outcome, t.method) == ("no_further_action", "majority")


def test_a_tie_between_cin_and_nfa_goes_to_child_in_need() -> None:
    # The spec: "outcome the larger no-plan view, child in need on a tie".
    t = tally(conference(views("no_further_action", "child_in_need")), "c1")
    assert (t.plan_question, t.outcome, t.method) == ("no_plan", "child_in_need", "majority")


@pytest.mark.parametrize(
    "outcomes",
    [
        ("plan", "child_in_need"),
        ("plan", "no_further_action"),
        ("plan", "plan", "child_in_need", "no_further_action"),
    ],
)
def test_even_plan_against_no_plan_is_a_split(outcomes: tuple[str, ...]) -> None:
    # 004: "UNLESS there is a split decision in this circumstance the child protection manager
    # will ... make the ultimate decision".
    t = tally(conference(views(*outcomes)), "c1")
    assert (t.plan_question, t.outcome, t.method) == ("split", None, "split")
    assert t.split
    assert t.explain().startswith("Split, ")


def test_no_views_gives_no_method() -> None:
    t = tally(conference(), "c1")
    assert (t.total, t.plan_question, t.outcome, t.method) == (0, None, None, None)
    assert t.explain() == "No agency's view yet"


def test_non_voters_and_absent_voters_are_not_counted() -> None:
    # The spec: "from attendees present with votes: true". The importer refuses a vote from a
    # non-voter; a draft in the store may still hold one.
    attendees = [
        person("sw", "childrens_social_care"),
        person("pol", "police"),
        person("gp", attendance="report_only"),
        person("nur", "early_years", attendance="apologies"),
        person("mum", "family", votes=False),
    ]
    ballots = {"sw": "plan", "pol": "plan", "gp": "no_further_action", "nur": "child_in_need",
               "mum": "no_further_action"}  # fmt: skip
    t = tally(conference(ballots, attendees=attendees), "c1")
    assert t.views == (("childrens_social_care", "plan"), ("police", "plan"))
    assert t.ignored == ("gp", "nur", "mum")
    assert (t.outcome, t.method) == ("plan", "unanimous")


def test_someone_who_left_early_still_counts() -> None:
    attendees = [person("sw", "childrens_social_care", left="11:00"), person("pol", "police")]
    t = tally(conference({"sw": "plan", "pol": "plan"}, attendees=attendees), "c1")
    assert t.total == 2


def test_votes_for_another_child_are_not_counted() -> None:
    t = tally(conference(views("plan", "plan"), child="c2"), "c1")
    assert t.total == 0


def test_a_changed_view_replaces_the_earlier_one() -> None:
    conf = conference(views("plan"))
    again = conf.votes[0].model_copy(update={"vote": "child_in_need"})
    conf = conf.model_copy(update={"votes": [*conf.votes, again]})
    t = tally(conf, "c1")
    assert t.views == (("childrens_social_care", "child_in_need"),)


# --- The method the chair's decision records ---------------------------------------------


def test_following_the_views_records_their_method() -> None:
    # The spec: "unanimous when every counted agency gave the decided outcome; majority when
    # more than half of the counted agencies were for a plan ... or against one".
    assert recorded_method(tally(conference(views("plan", "plan")), "c1"), "plan") == "unanimous"
    t = tally(conference(views("plan", "plan", "child_in_need")), "c1")
    assert recorded_method(t, "plan") == "majority"


@pytest.mark.parametrize("chosen", ["plan", "child_in_need", "no_further_action"])
def test_any_outcome_on_a_split_is_the_chair_deciding(chosen: str) -> None:
    # The spec: "chair_on_split when plan and no plan are even".
    t = tally(conference(views("plan", "child_in_need")), "c1")
    assert recorded_method(t, chosen) == "chair_on_split"  # type: ignore[arg-type]


def test_going_against_the_majority_is_an_overrule() -> None:
    # The spec: "chair_overrule when the outcome is not what the tally gives"; 004: "There
    # may be a requirement, albeit rare where the child protection manager makes a
    # professional judgement to overrule the decision of the conference".
    t = tally(conference(views("child_in_need", "child_in_need", "plan")), "c1")
    assert recorded_method(t, "plan") == "chair_overrule"
    assert recorded_method(t, "no_further_action") == "chair_overrule"
    unanimous = tally(conference(views("plan", "plan")), "c1")
    assert recorded_method(unanimous, "child_in_need") == "chair_overrule"


def test_nfa_on_a_cin_nfa_tie_is_an_overrule() -> None:
    t = tally(conference(views("no_further_action", "child_in_need")), "c1")
    assert recorded_method(t, "child_in_need") == "majority"
    assert recorded_method(t, "no_further_action") == "chair_overrule"


def test_no_views_leaves_no_method_to_record() -> None:
    assert recorded_method(tally(conference(), "c1"), "plan") is None


def test_a_method_that_disagrees_with_the_views_is_named() -> None:
    # The spec: "A file whose method disagrees with its own votes is refused".
    conf = conference(views("plan", "plan", "child_in_need"))
    assert method_disagrees(decision("plan", method="unanimous"), conf) == "majority"
    assert method_disagrees(decision("plan", method="majority"), conf) is None
    assert method_disagrees(decision("plan", method="unanimous"), conference()) is None


def differing(result: Tally, outcome: str) -> list[tuple[str, str, bool]]:
    return [(v.agency, v.view, v.minority) for v in differing_views(result, outcome)]


def test_an_agency_outvoted_by_a_majority_holds_a_minority_view() -> None:
    # Plan 3, child in need 1, no further action 1: the plan has more than half behind it.
    t = tally(conference(views("plan", "child_in_need", "plan", "no_further_action", "plan")), "c1")
    assert t.method == "majority"
    assert differing(t, "plan") == [
        ("police", "child_in_need", True),
        ("education", "no_further_action", True),
    ]
    (v, _) = differing_views(t, "plan")
    assert v.heading() == "Minority view from Police"
    assert v.heading(plain=True) == "Police's view, which most agencies did not share"


def test_overruling_a_unanimous_conference_makes_no_minority() -> None:
    """Every agency was for a plan and the chair decided otherwise: the agencies are not a
    minority, their view is the conference's, which the chair decided against."""
    t = tally(conference(views("plan", "plan", "plan", "plan", "plan")), "c1")
    assert recorded_method(t, "child_in_need") == "chair_overrule"
    found = differing_views(t, "child_in_need")
    assert [(v.agency, v.minority) for v in found] == [(a, False) for a in AGENCY.values()]
    assert found[0].heading() == ("Children's social care's view, which the chair decided against")
    assert found[0].heading(plain=True) == found[0].heading()  # plain words already


def test_on_a_split_the_side_the_chair_decided_against_is_no_minority() -> None:
    # Plan 2 against no plan 2 (child in need 1, no further action 1).
    t = tally(conference(views("plan", "child_in_need", "plan", "no_further_action")), "c1")
    assert t.split
    assert differing(t, "plan") == [
        ("police", "child_in_need", False),
        ("education", "no_further_action", False),
    ]
    # Deciding for a child in need plan: the plan's side was half; no further action was
    # one agency's view of four, a minority.
    assert differing(t, "child_in_need") == [
        ("childrens_social_care", "plan", False),
        ("health", "plan", False),
        ("education", "no_further_action", True),
    ]


def test_overruling_a_majority_against_a_plan_counts_its_side_together() -> None:
    """Three of five agencies saw no need for a plan (one child in need, two no further
    action): each view is held by fewer than half, but the conference's answer to whether a
    plan is needed was no, and the chair decided against it."""
    t = tally(conference(views("plan", "child_in_need", "plan", "no_further_action",
                               "no_further_action")), "c1")  # fmt: skip
    assert (t.plan_question, t.outcome) == ("no_plan", "no_further_action")
    assert differing(t, "plan") == [
        ("police", "child_in_need", False),
        ("education", "no_further_action", False),
        ("early_years", "no_further_action", False),
    ]


def test_overruling_still_leaves_a_real_minority_one() -> None:
    # Four agencies for a plan, one for child in need; the chair records no further action.
    t = tally(conference(views("plan", "plan", "plan", "plan", "child_in_need")), "c1")
    assert recorded_method(t, "no_further_action") == "chair_overrule"
    assert [(a, m) for a, _, m in differing(t, "no_further_action")] == [
        ("childrens_social_care", False),
        ("police", False),
        ("health", False),
        ("education", False),
        ("early_years", True),  # one agency in five held child in need
    ]


def test_a_divided_agency_holds_no_differing_view() -> None:
    ballots = {"sw1": "plan", "sw2": "child_in_need", "pol": "plan", "hv": "no_further_action"}
    t = tally(conference(ballots, attendees=social_workers_and_others()), "c1")
    # Social care is divided and not counted: police and health split one each.
    assert differing(t, "plan") == [("health", "no_further_action", False)]


# --- Problems with a decision ---------------------------------------------------------------


def test_a_sound_unanimous_plan_has_no_problems() -> None:
    conf = conference(views("plan", "plan", "plan"))
    assert decision_problems(decision("plan", method="unanimous"), conf) == ()


@pytest.mark.parametrize("rationale", [None, "", "   "])
def test_split_without_rationale(rationale: str | None) -> None:
    # 004: on a split the chair decides, "recording the rational for this in the minutes".
    conf = conference(views("plan", "child_in_need"))
    dec = decision("plan", method="chair_on_split", rationale=rationale)
    problems = decision_problems(dec, conf)
    assert codes(problems) == ["rationale_missing"]
    assert problems[0].message == "The chair's reasons on a split are not recorded"
    assert problems[0].blocking


def test_split_with_rationale_is_sound() -> None:
    conf = conference(views("plan", "child_in_need"))
    dec = decision(
        "plan",
        method="chair_on_split",
        rationale="Harm to the baby is likely if nothing changes.",
    )
    assert decision_problems(dec, conf) == ()


def test_overrule_without_rationale() -> None:
    conf = conference(views("child_in_need", "child_in_need"))
    dec = decision("plan", method="chair_overrule")
    problems = decision_problems(dec, conf)
    assert codes(problems) == ["rationale_missing"]
    assert "overruling" in problems[0].message


def test_method_that_does_not_match_the_views() -> None:
    conf = conference(views("plan", "plan", "child_in_need"))
    (problem,) = decision_problems(decision("plan", method="unanimous"), conf)
    assert problem.code == "method_mismatch"
    assert problem.message == "Recorded as unanimous, but the views make it a majority"


def test_a_decision_with_no_views_behind_it() -> None:
    assert codes(decision_problems(decision("plan"), conference())) == ["no_views"]


def test_plan_needs_a_category() -> None:
    # 004: "the Chair should determine which category of abuse or neglect".
    conf = conference(views("plan", "plan"))
    problems = decision_problems(decision("plan", categories=[]), conf)
    assert codes(problems) == ["category_missing"]
    assert problems[0].message == "A plan needs at least one category"


def test_categories_only_with_a_plan() -> None:
    conf = conference(views("child_in_need", "child_in_need"))
    dec = decision("child_in_need", categories=["neglect"])
    assert codes(decision_problems(dec, conf)) == ["category_not_plan"]


def test_a_category_named_twice() -> None:
    conf = conference(views("plan", "plan"))
    dec = decision("plan", categories=["neglect", "emotional_abuse", "neglect"])
    assert codes(decision_problems(dec, conf)) == ["category_twice"]


def test_several_categories_primary_first_are_fine() -> None:
    conf = conference(views("plan", "plan"))
    dec = decision("plan", categories=["neglect", "emotional_abuse"])
    assert decision_problems(dec, conf) == ()


def test_a_minority_view_needs_nothing_recorded_and_never_blocks() -> None:
    # 004: "It is important that the dissent process should only be used where the decision
    # and outcome of the meeting is being challenged": a minority view is not a dissent.
    conf = conference(views("plan", "child_in_need", "plan", "no_further_action", "plan"))
    assert decision_problems(decision("plan", method="majority"), conf) == ()


def test_a_formal_dissent_needs_its_reason() -> None:
    # 004: "If an agency does not agree with a decision ... it will be recorded formally".
    conf = conference(views("plan", "child_in_need", "plan", "no_further_action", "plan"))
    dec = decision(
        "plan",
        method="majority",
        dissents=[{"attendee": "sch", "reason": "  "}],  # a blank reason is no reason
    )
    (problem,) = decision_problems(dec, conf)
    assert (problem.code, problem.blocking) == ("dissent_reason_missing", True)
    assert problem.attendees == ("sch",)
    assert problem.message == "1 formal dissent has no reason"


def test_a_formal_dissent_with_its_reason_is_sound() -> None:
    conf = conference(views("plan", "child_in_need", "plan"))
    dec = decision("plan", method="majority", dissents=[{"attendee": "pol", "reason": "r"}])
    assert decision_problems(dec, conf) == ()


def test_messages_never_name_people() -> None:
    conf = conference(views("plan", "child_in_need"))
    dec = decision("plan", method="chair_on_split", categories=[],
                   dissents=[{"attendee": "pol", "reason": ""}])  # fmt: skip
    for p in decision_problems(dec, conf):
        assert "Named Person" not in p.message
        assert "pol" not in p.message.split()


# --- Missing views ----------------------------------------------------------------------------


def test_agencies_present_with_no_view_are_listed_per_child() -> None:
    # One view per agency: an agency is missing when none of its voters present has given one.
    attendees = [
        person("sw", "childrens_social_care"),
        person("pol", "police"),
        person("hv", "health"),
        person("mw", "health"),
        person("gp", "probation", attendance="report_only"),  # not present: not expected
        person("mum", "family", votes=False),  # gives a view but does not vote
    ]
    conf = conference({"sw": "plan", "mw": "plan"}, attendees=attendees)
    assert missing_views(conf, ["c1", "c2"]) == (
        MissingViews("c1", ("police",), ("pol",)),
        MissingViews("c2", ("childrens_social_care", "police", "health"),
                     ("sw", "pol", "hv", "mw")),
    )  # fmt: skip
    assert missing_views(conf, ["c2"])[0].message == (
        "3 voting agencies present have not given a view"
    )


def test_nobody_missing_gives_no_warning() -> None:
    conf = conference(views("plan", "plan", "plan", "plan", "plan"))
    assert missing_views(conf, ["c1"]) == ()
    one = conference(views("plan", "plan", "plan", "plan"))
    assert missing_views(one, ["c1"])[0].message == ("1 voting agency present has not given a view")


# --- Ending a plan at a review ------------------------------------------------------------------

ACTIONS = [
    {"what": "Assessment", "who": "Social worker", "children": [], "key_safeguarding": True,
     "status": "done"},
    {"what": "Safety plan", "who": "IDVA", "children": ["c1", "c2"], "key_safeguarding": True,
     "status": "open"},
    {"what": "Health review", "who": "Health visitor", "children": ["c2"],
     "key_safeguarding": True, "status": "open"},
    {"what": "Alcohol service", "who": "Father", "children": [], "key_safeguarding": True,
     "status": "not_done"},
    {"what": "Mentor", "who": "School", "children": ["c1"], "key_safeguarding": False,
     "status": "open"},
    {"what": "Course", "who": "Father", "children": ["c1"], "key_safeguarding": True,
     "status": "dropped"},
]  # fmt: skip


def opening(kind: str = "initial", outcome: str = "plan") -> ConferenceDoc:
    conf = conference(views("plan", "plan", "plan", "plan", "plan"), kind=kind)
    cats = ["neglect"] if outcome == "plan" else []
    dec = {"child": "c1", "outcome": outcome, "categories": cats, "method": "unanimous"}
    return conf.model_copy(update={"decisions": [DecisionDoc.model_validate(dec)]})


def review(actions: list[dict] | None = None, outcome: str = "child_in_need") -> ConferenceDoc:
    plan = {"actions": actions if actions is not None else []}
    return conference(
        views(*[outcome] * 5),
        kind="review",
        date=date(2026, 11, 26),
        plan=plan,
    )


def test_first_review_is_the_one_after_an_opening_conference() -> None:
    for kind in ("initial", "pre_birth", "transfer_in"):
        assert is_first_review(review(), opening(kind))
    assert not is_first_review(review(), review())  # a later review
    assert not is_first_review(review(), None)
    assert not is_first_review(opening(), opening())  # an initial conference is no review


def test_plan_ends_only_at_a_review_for_a_child_on_a_plan() -> None:
    assert plan_ends(decision("child_in_need"), review(), opening())
    assert not plan_ends(decision("plan"), review(), opening())  # the plan continues
    assert not plan_ends(decision("child_in_need"), review(), opening(outcome="child_in_need"))
    assert not plan_ends(decision("child_in_need"), opening(), opening())


def test_an_outcome_not_yet_recorded_ends_a_plan_as_the_decision_would() -> None:
    for outcome in ("plan", "child_in_need", "no_further_action"):
        for conf, before in ((review(), opening()), (opening(), opening()), (review(), None)):
            expected = plan_ends(decision(outcome), conf, before)
            assert comes_off_plan("c1", outcome, conf, before) == expected, (outcome, conf.kind)
    assert comes_off_plan("c1", "no_further_action", review(), opening())


def test_open_key_actions_for_the_child_are_listed_by_index() -> None:
    plan = review(ACTIONS).plan
    # 1 names c1 and is open; 3 names no child (all) and was not done; 0 is done, 2 is for
    # c2 only, 4 is not a key safeguarding action and 5 was dropped.
    assert open_key_actions(plan, "c1") == (1, 3)
    assert open_key_actions(plan, "c2") == (1, 2, 3)
    assert open_key_actions(None, "c1") == ()


def test_an_ongoing_key_action_is_not_complete() -> None:
    actions = [{**ACTIONS[0], "status": "ongoing"}]  # runs on: the plan may not end past it
    assert open_key_actions(review(actions).plan, "c1") == (0,)


def test_a_plan_may_not_end_while_key_actions_are_open() -> None:
    dec = decision("child_in_need", method="unanimous", ending_criterion="concerns_unfounded")
    problems = decision_problems(dec, review(ACTIONS), opening())
    (problem,) = [p for p in problems if p.code == "key_actions_open"]
    assert problem.actions == (1, 3)
    assert problem.blocking
    assert problem.message == "The plan cannot end: 2 key safeguarding actions are not done"


def test_the_previous_plans_actions_are_checked_when_the_review_has_none() -> None:
    before = opening().model_copy(update={"plan": review(ACTIONS).plan})
    now = review().model_copy(update={"plan": None})
    dec = decision("child_in_need", method="unanimous", ending_criterion="concerns_unfounded")
    (problem,) = [p for p in decision_problems(dec, now, before) if p.code == "key_actions_open"]
    assert problem.actions == (1, 3)


def test_continuing_the_plan_ignores_open_actions() -> None:
    dec = decision("plan", method="unanimous")
    assert decision_problems(dec, review(ACTIONS, outcome="plan"), opening()) == ()


def test_ending_at_the_first_review_needs_a_criterion() -> None:
    dec = decision("child_in_need", method="unanimous")
    problems = decision_problems(dec, review(), opening())
    assert codes(problems) == ["criterion_missing"]
    assert problems[0].blocking


def test_ending_at_the_first_review_with_a_criterion_is_allowed() -> None:
    dec = decision("child_in_need", method="unanimous", ending_criterion="concerns_unfounded")
    assert decision_problems(dec, review(), opening()) == ()


def test_ending_at_a_later_review_needs_no_criterion() -> None:
    dec = decision("child_in_need", method="unanimous")
    earlier_review = opening().model_copy(update={"kind": "review"})
    assert decision_problems(dec, review(), earlier_review) == ()


def test_an_unknown_criterion_is_refused() -> None:
    dec = decision("child_in_need", method="unanimous", ending_criterion="family moved on")
    assert codes(decision_problems(dec, review(), opening())) == ["criterion_unknown"]


def test_a_criterion_when_the_plan_is_not_ending_is_a_warning() -> None:
    dec = decision("plan", method="unanimous", ending_criterion="in_care")
    (problem,) = decision_problems(dec, review(outcome="plan"), opening())
    assert (problem.code, problem.blocking) == ("criterion_not_needed", False)


def with_attendees(conf: ConferenceDoc, *people: dict) -> ConferenceDoc:
    keys = {p["key"] for p in people}
    return conf.model_copy(
        update={
            "attendees": [AttendeeDoc.model_validate(p) for p in people],
            "votes": [v for v in conf.votes if v.attendee in keys],
        }
    )


def test_unfounded_concerns_want_the_first_conferences_agencies() -> None:
    first = with_attendees(
        opening(),
        person("sw", "childrens_social_care"),
        person("pol", "police"),
        person("hv", "health"),
        person("sch", "education"),
    )
    now = with_attendees(
        review(),
        person("sw", "childrens_social_care"),
        person("hv", "health"),
        person("sch", "education", attendance="report_only"),  # views in writing
        person("pol", "police", attendance="apologies"),
    )
    dec = decision("child_in_need", method="unanimous", ending_criterion="concerns_unfounded")
    (problem,) = decision_problems(dec, now, first)
    assert (problem.code, problem.blocking) == ("agencies_not_consulted", False)
    assert problem.message == (
        "At the initial conference but neither here nor reporting: police; "
        "record how they were consulted"
    )
    in_care = decision("child_in_need", method="unanimous", ending_criterion="in_care")
    assert decision_problems(in_care, now, first) == ()


def test_ending_to_no_further_action_is_unusual_unless_someone_else_holds_the_child() -> None:
    dec = decision("no_further_action", method="unanimous", ending_criterion="concerns_unfounded")
    (problem,) = decision_problems(dec, review(outcome="no_further_action"), opening())
    assert (problem.code, problem.blocking) == ("cin_after_plan", False)
    moved = decision("no_further_action", method="unanimous", ending_criterion="moved_area")
    assert decision_problems(moved, review(outcome="no_further_action"), opening()) == ()


def test_ending_criteria_are_the_full_list_004_gives() -> None:
    # 004: "A child may no longer need a Child Protection Plan if: 1. ... no longer likely to
    # suffer significant harm ...; 2. A child has come into care ...; 3. The child has moved
    # permanently to another local authority (... confirmed in writing ...); 4. The child has
    # reached 18 years of age, has died or has been judged to have permanently left the UK";
    # at the first review, "The original concerns are evidenced to be unsubstantiated". The
    # keys files already carry stay, so old files still import.
    keys = [k for k, _ in ENDING_CRITERIA]
    assert keys == ["no_longer_at_risk", "in_care", "moved_area", "adult_died_or_left_uk",
                    "concerns_unfounded"]  # fmt: skip
    assert all(label and len(label) < 100 for _, label in ENDING_CRITERIA)
    assert "confirmed in writing" in dict(ENDING_CRITERIA)["moved_area"]
    assert is_ending_criterion("in_care")
    assert is_ending_criterion("no_longer_at_risk")
    assert not is_ending_criterion("something else")
    assert not is_ending_criterion(None)


def profile_with(*, restricted: bool, key_actions: bool) -> Profile:
    base = load_profile("england")
    return replace(
        base,
        first_review_ending_restricted=Setting(restricted, "test", "test"),
        key_actions_block_ending=Setting(key_actions, "test", "test"),
    )


RESTRICTED = profile_with(restricted=True, key_actions=True)
OPEN = profile_with(restricted=False, key_actions=False)


def test_at_the_first_review_only_004s_first_review_criteria_are_offered() -> None:
    # 004: "A plan may only be discontinued at the first (3 month) review conference if:
    # Criteria b, c or d (above) apply; OR The original concerns are evidenced to be
    # unsubstantiated".
    offered = [k for k, _ in criteria_offered(review(), opening(), RESTRICTED)]
    assert offered == ["in_care", "moved_area", "adult_died_or_left_uk", "concerns_unfounded"]
    dec = decision("child_in_need", method="unanimous", ending_criterion="no_longer_at_risk")
    (problem,) = decision_problems(dec, review(), opening(), RESTRICTED)
    assert (problem.code, problem.blocking) == ("criterion_not_first_review", True)


def test_without_the_first_review_restriction_every_criterion_is_offered_and_none_needed() -> None:
    # The restriction is 004's; where an area's profile does not have it, it does not apply.
    assert criteria_offered(review(), opening(), OPEN) == ENDING_CRITERIA
    plain = decision("child_in_need", method="unanimous")
    assert decision_problems(plain, review(), opening(), OPEN) == ()
    judged = decision("child_in_need", method="unanimous", ending_criterion="no_longer_at_risk")
    assert decision_problems(judged, review(), opening(), OPEN) == ()


def test_at_a_later_review_any_criterion_may_be_recorded_and_none_is_needed() -> None:
    later = opening().model_copy(update={"kind": "review"})
    assert criteria_offered(review(), later, RESTRICTED) == ENDING_CRITERIA
    dec = decision("child_in_need", method="unanimous", ending_criterion="no_longer_at_risk")
    assert decision_problems(dec, review(), later, RESTRICTED) == ()
    assert decision_problems(decision("child_in_need"), review(), later, RESTRICTED) == ()


def test_open_key_actions_block_ending_only_where_the_profile_says_so() -> None:
    # 004: "No Child Protection Plan may be discontinued at any review whilst key safeguarding
    # actions are incomplete."
    dec = decision("child_in_need", method="unanimous", ending_criterion="in_care")
    (blocked,) = decision_problems(dec, review(ACTIONS), opening(), RESTRICTED)
    assert (blocked.code, blocked.blocking) == ("key_actions_open", True)
    (noted,) = decision_problems(dec, review(ACTIONS), opening(), OPEN)
    assert (noted.code, noted.blocking, noted.actions) == ("key_actions_open", False, (1, 3))
    assert noted.message == "The plan ends with 2 key safeguarding actions not done"


def test_ending_a_plan_because_the_child_is_no_longer_at_risk_keeps_cin_support() -> None:
    lines = what_follows("child_in_need", plan_ended=True, ending_criterion="no_longer_at_risk")
    assert "at least 3 months" in lines[0]


# --- What follows a no-plan outcome ----------------------------------------------------------


def test_nothing_follows_a_plan() -> None:
    assert what_follows("plan") == ()


def test_child_in_need_leads_to_a_cin_plan_or_recommendations() -> None:
    lines = what_follows("child_in_need")
    assert "child in need plan" in lines[0]


def test_no_further_action_still_asks_for_recommendations() -> None:
    assert any("recommendations" in line for line in what_follows("no_further_action"))


def test_after_a_plan_ends_cin_support_for_the_profiles_minimum() -> None:
    lines = what_follows("child_in_need", plan_ended=True)
    assert "at least 3 months" in lines[0]
    derby = what_follows("child_in_need", plan_ended=True, profile=load_profile("derby-city"))
    assert any("within 2 weeks" in line for line in derby)
    assert any("review at 3 months" in line for line in derby)
    assert any("every 6 weeks" in line for line in derby)


def test_after_a_plan_ends_no_minimum_where_the_procedure_sets_none() -> None:
    """004's "supported by a CiN Plan for a minimum of 3 months" is not Kirklees's (003)."""
    lines = what_follows("child_in_need", plan_ended=True, profile=load_profile("kirklees"))
    assert lines[0] == "A child in need plan may support the child after the plan ends."
    assert not any("at least" in line or "within 2 weeks" in line for line in lines)


def test_after_a_plan_ends_because_the_child_is_in_care_no_cin() -> None:
    lines = what_follows("no_further_action", plan_ended=True, ending_criterion="in_care")
    assert "child in need support does not follow" in lines[0]


# --- The demo household ---------------------------------------------------------------------


def test_the_demo_initial_conference_decisions_are_sound(demo_data: dict) -> None:
    case = CaseDoc.model_validate_json(json.dumps(demo_data))
    icpc = case.conferences[0]
    ruby = tally(icpc, "c1")
    # One view per agency: the health visitor and the midwife are health's one view.
    assert (ruby.plan, ruby.child_in_need, ruby.method) == (5, 1, "majority")
    assert differing(ruby, "plan") == [("education", "child_in_need", True)]
    assert tally(icpc, "c2").method == "unanimous"
    for dec in icpc.decisions:
        assert recorded_method(tally(icpc, dec.child), dec.outcome) == dec.method
        assert decision_problems(dec, icpc) == ()
    assert missing_views(icpc, ["c1", "c2", "c3"]) == ()
