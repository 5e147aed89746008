"""The decision for each child: tally, method, rationale, categories, dissent and ending a plan."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ConferenceDoc, DecisionDoc
from cpchair.rules.decisions import (
    ENDING_CRITERIA,
    DecisionProblem,
    MissingViews,
    decision_problems,
    dissenters,
    is_ending_criterion,
    is_first_review,
    missing_views,
    open_key_actions,
    plan_ends,
    recorded_method,
    tally,
    what_follows,
)
from cpchair.rules.profiles import load_profile

VOTERS = ("sw", "pol", "hv", "sch", "nur")


def person(key: str, agency: str = "health", *, votes: bool = True, **extra: Any) -> dict:
    return {
        "key": key,
        "name": f"Named Person {key}",
        "role": "role",
        "agency": agency,
        "attendance": "present",
        "votes": votes,
        **extra,
    }


def conference(
    views: dict[str, str] | None = None,
    *,
    attendees: list[dict] | None = None,
    child: str = "c1",
    **extra: Any,
) -> ConferenceDoc:
    """A conference where each voter in `views` gave that view for `child`."""
    people = attendees if attendees is not None else [person(k) for k in VOTERS]
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


# --- Tally and method -----------------------------------------------------------------------


def test_all_for_a_plan_is_unanimous() -> None:
    t = tally(conference(views("plan", "plan", "plan")), "c1")
    assert (t.plan, t.child_in_need, t.no_further_action, t.total) == (3, 0, 0, 3)
    assert (t.plan_question, t.outcome, t.method) == ("plan", "plan", "unanimous")
    assert t.explain() == "Unanimous: child protection plan (3)"


def test_all_for_no_further_action_is_unanimous() -> None:
    t = tally(conference(views("no_further_action", "no_further_action")), "c1")
    assert (t.outcome, t.method) == ("no_further_action", "unanimous")


def test_more_than_half_for_a_plan_is_a_majority() -> None:
    t = tally(conference(views("plan", "plan", "plan", "child_in_need", "no_further_action")), "c1")
    assert (t.plan_question, t.outcome, t.method) == ("plan", "plan", "majority")
    assert t.no_plan == 2
    assert t.explain() == (
        "Majority: child protection plan (plan 3, child in need 1, no further action 1)"
    )


def test_no_plan_wins_when_cin_and_nfa_together_outnumber_plan() -> None:
    # Plan has the most votes of any one outcome, but the question is plan or no plan first.
    t = tally(
        conference(views("plan", "plan", "child_in_need", "no_further_action", "child_in_need")),
        "c1",
    )
    assert (t.plan_question, t.outcome, t.method) == ("no_plan", "child_in_need", "majority")


def test_among_no_plan_views_the_larger_wins() -> None:
    t = tally(conference(views("no_further_action", "no_further_action", "child_in_need")), "c1")
    assert (t.outcome, t.method) == ("no_further_action", "majority")


def test_a_tie_between_cin_and_nfa_goes_to_child_in_need() -> None:
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
    t = tally(conference(views(*outcomes)), "c1")
    assert (t.plan_question, t.outcome, t.method) == ("split", None, "split")
    assert t.split
    assert t.explain().startswith("Split, ")


def test_no_views_gives_no_method() -> None:
    t = tally(conference(), "c1")
    assert (t.total, t.plan_question, t.outcome, t.method) == (0, None, None, None)
    assert t.explain() == "No views yet"


def test_non_voters_and_absent_voters_are_not_counted() -> None:
    # The importer refuses a vote from a non-voter; a draft in the store may still hold one.
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
    assert t.views == (("sw", "plan"), ("pol", "plan"))
    assert t.ignored == ("gp", "nur", "mum")
    assert (t.outcome, t.method) == ("plan", "unanimous")


def test_someone_who_left_early_still_counts() -> None:
    attendees = [person("sw", left="11:00"), person("pol")]
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
    assert t.views == (("sw", "child_in_need"),)


# --- The method the chair's decision records ---------------------------------------------


def test_following_the_views_records_their_method() -> None:
    assert recorded_method(tally(conference(views("plan", "plan")), "c1"), "plan") == "unanimous"
    t = tally(conference(views("plan", "plan", "child_in_need")), "c1")
    assert recorded_method(t, "plan") == "majority"


@pytest.mark.parametrize("chosen", ["plan", "child_in_need", "no_further_action"])
def test_any_outcome_on_a_split_is_the_chair_deciding(chosen: str) -> None:
    t = tally(conference(views("plan", "child_in_need")), "c1")
    assert recorded_method(t, chosen) == "chair_on_split"  # type: ignore[arg-type]


def test_going_against_the_majority_is_an_overrule() -> None:
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


def test_dissenters_are_counted_voters_whose_view_differs() -> None:
    t = tally(conference(views("plan", "child_in_need", "plan", "no_further_action")), "c1")
    assert dissenters(t, "plan") == ("pol", "sch")
    assert dissenters(t, "child_in_need") == ("sw", "hv", "sch")


# --- Problems with a decision ---------------------------------------------------------------


def test_a_sound_unanimous_plan_has_no_problems() -> None:
    conf = conference(views("plan", "plan", "plan"))
    assert decision_problems(decision("plan", method="unanimous"), conf) == ()


@pytest.mark.parametrize("rationale", [None, "", "   "])
def test_split_without_rationale(rationale: str | None) -> None:
    conf = conference(views("plan", "child_in_need"))
    dec = decision(
        "plan",
        method="chair_on_split",
        rationale=rationale,
        dissents=[{"attendee": "pol", "reason": "support can be given as child in need"}],
    )
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
        dissents=[{"attendee": "pol", "reason": "support can be given as child in need"}],
    )
    assert decision_problems(dec, conf) == ()


def test_overrule_without_rationale() -> None:
    conf = conference(views("child_in_need", "child_in_need"))
    dec = decision(
        "plan",
        method="chair_overrule",
        dissents=[{"attendee": "sw", "reason": "r"}, {"attendee": "pol", "reason": "r"}],
    )
    problems = decision_problems(dec, conf)
    assert codes(problems) == ["rationale_missing"]
    assert "overruling" in problems[0].message


def test_method_that_does_not_match_the_views() -> None:
    conf = conference(views("plan", "plan", "child_in_need"))
    dec = decision("plan", method="unanimous", dissents=[{"attendee": "hv", "reason": "r"}])
    (problem,) = decision_problems(dec, conf)
    assert problem.code == "method_mismatch"
    assert problem.message == "Recorded as unanimous, but the views make it a majority"


def test_a_decision_with_no_views_behind_it() -> None:
    assert codes(decision_problems(decision("plan"), conference())) == ["no_views"]


def test_plan_needs_a_category() -> None:
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


def test_dissent_without_a_reason_names_which_voters() -> None:
    conf = conference(views("plan", "child_in_need", "plan", "no_further_action", "plan"))
    dec = decision(
        "plan",
        method="majority",
        dissents=[{"attendee": "sch", "reason": "  "}],  # a blank reason is no reason
    )
    (problem,) = decision_problems(dec, conf)
    assert problem.code == "dissent_missing"
    assert problem.attendees == ("pol", "sch")
    assert problem.message == "2 agencies' dissents are not recorded with a reason"


def test_recorded_dissent_is_enough() -> None:
    conf = conference(views("plan", "child_in_need", "plan"))
    dec = decision("plan", method="majority", dissents=[{"attendee": "pol", "reason": "r"}])
    assert decision_problems(dec, conf) == ()


def test_messages_never_name_people() -> None:
    conf = conference(views("plan", "child_in_need"))
    dec = decision("plan", method="chair_on_split", categories=[])
    for p in decision_problems(dec, conf):
        assert "Named Person" not in p.message
        assert "pol" not in p.message.split()


# --- Missing views ----------------------------------------------------------------------------


def test_present_voters_with_no_view_are_listed_per_child() -> None:
    attendees = [
        person("sw"),
        person("pol"),
        person("hv"),
        person("gp", attendance="report_only"),  # not present: not expected to give a view
        person("mum", "family", votes=False),  # gives a view but does not vote
    ]
    conf = conference({"sw": "plan"}, attendees=attendees)
    assert missing_views(conf, ["c1", "c2"]) == (
        MissingViews("c1", ("pol", "hv")),
        MissingViews("c2", ("sw", "pol", "hv")),
    )
    assert missing_views(conf, ["c1"])[0].message == (
        "2 voting professionals present have not given a view"
    )


def test_nobody_missing_gives_no_warning() -> None:
    conf = conference(views("plan", "plan", "plan", "plan", "plan"))
    assert missing_views(conf, ["c1"]) == ()
    one = conference(views("plan", "plan", "plan", "plan"))
    assert missing_views(one, ["c1"])[0].message == (
        "1 voting professional present has not given a view"
    )


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


def test_open_key_actions_for_the_child_are_listed_by_index() -> None:
    plan = review(ACTIONS).plan
    # 1 names c1 and is open; 3 names no child (all) and was not done; 0 is done, 2 is for
    # c2 only, 4 is not a key safeguarding action and 5 was dropped.
    assert open_key_actions(plan, "c1") == (1, 3)
    assert open_key_actions(plan, "c2") == (1, 2, 3)
    assert open_key_actions(None, "c1") == ()


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


def test_ending_criteria_are_data() -> None:
    keys = [k for k, _ in ENDING_CRITERIA]
    assert keys == ["in_care", "moved_area", "adult_died_or_left_uk", "concerns_unfounded"]
    assert all(label and len(label) < 100 for _, label in ENDING_CRITERIA)
    assert is_ending_criterion("in_care")
    assert not is_ending_criterion("something else")
    assert not is_ending_criterion(None)


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
    assert (ruby.plan, ruby.child_in_need, ruby.method) == (6, 1, "majority")
    assert tally(icpc, "c2").method == "unanimous"
    for dec in icpc.decisions:
        assert recorded_method(tally(icpc, dec.child), dec.outcome) == dec.method
        assert decision_problems(dec, icpc) == ()
    assert missing_views(icpc, ["c1", "c2", "c3"]) == ()
