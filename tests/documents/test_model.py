"""The view model: what each document says, worded as a chair reads it out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cpchair.caseio.schema import CaseDoc, ChildDoc
from cpchair.documents import (
    ConferenceNotFound,
    NoConference,
    build,
    conference_on,
    latest_conference,
    render,
)
from cpchair.documents.model import DifferingView
from cpchair.documents.words import age_text
from tests.documents.cases import attendee, case_of, demo, small_case


def test_the_demo_decisions_in_words() -> None:
    model = build(demo(), "icpc")
    ruby, mia, baby = model.decisions
    assert (ruby.child.name, ruby.outcome, ruby.categories, ruby.method) == (
        "Ruby Hadley",
        "Child protection plan",
        "Emotional abuse",
        "Majority",
    )
    # Education's child in need view is a minority view, not a formal dissent (004: "the
    # dissent process should only be used where the decision and outcome of the meeting is
    # being challenged").
    assert ruby.differing == (
        DifferingView("Education", "Child in need plan", True, "Minority view from Education"),
    )
    assert ruby.dissents == ()
    # 004: the category "will indicate ... the primary presenting concerns": the first one.
    assert mia.categories == "Neglect (primary) and emotional abuse"
    assert baby.child.age == "Unborn (expected 20 February 2027)"
    assert [c.name for c in model.other_children] == ["Tyler Carver"]
    assert model.date == "3 September 2026" and model.time == "10:00"
    assert not model.draft


@pytest.mark.parametrize(
    ("method", "words", "family_words"),
    [
        ("unanimous", "Unanimous", "Every agency agreed"),
        ("majority", "Majority", "Most agencies agreed"),
        (
            "chair_on_split",
            "Chair's decision on a split",
            "The agencies were evenly split; the chair decided",
        ),
        (
            "chair_overrule",
            "Chair overruled the conference",
            "The chair decided differently from most agencies",
        ),
    ],
)
def test_how_it_was_decided_and_the_chairs_rationale(
    method: str, words: str, family_words: str
) -> None:
    rationale = "The chair weighed the risk to the youngest." if "chair" in method else None
    decision = {"child": "k1", "outcome": "child_in_need", "method": method, "rationale": rationale}
    case = case_of(small_case(decisions=[decision]))
    (d,) = build(case, "c1").decisions
    assert (d.outcome, d.categories, d.method, d.rationale) == (
        "Child in need plan",
        "",
        words,
        rationale,
    )
    (d,) = build(case, "c1", recipient="dad").decisions  # the family's plain words
    assert (d.method, d.rationale) == (family_words, rationale)


def review(**conference: Any) -> CaseDoc:
    """A review conference after an initial one that put Kit on a plan."""
    data = small_case(kind="review", date="2027-04-06", **conference)
    initial = small_case()["conferences"][0]
    data["conferences"].insert(0, {**initial, "key": "c0"})
    return case_of(data)


def test_a_review_says_whether_the_plan_goes_on() -> None:
    decisions = [
        {"child": "k1", "outcome": "plan", "categories": ["physical_abuse"], "method": "unanimous"}
    ]
    model = build(review(decisions=decisions), "c1")
    assert model.decisions[0].outcome == "Child protection plan continues"
    decisions = [
        {
            "child": "k1",
            "outcome": "no_further_action",
            "method": "majority",
            "ending_criterion": "moved_area",
        }
    ]
    model = build(review(decisions=decisions), "c1")
    assert model.decisions[0].outcome == "Child protection plan ends; no further action"
    assert model.decisions[0].ending_criterion.startswith("The child has moved for good")


def test_only_the_criterion_the_chair_chose_is_printed_and_only_when_the_plan_ends() -> None:
    # The issue: "Never print a criterion that the chair did not choose."
    ends = {"child": "k1", "outcome": "child_in_need", "method": "majority"}
    model = build(review(decisions=[ends]), "c1")
    assert model.decisions[0].ending_criterion is None
    goes_on = {"child": "k1", "outcome": "plan", "categories": ["neglect"],
               "method": "unanimous", "ending_criterion": "in_care"}  # fmt: skip
    model = build(review(decisions=[goes_on]), "c1")
    assert model.decisions[0].ending_criterion is None
    judged = {**ends, "ending_criterion": "no_longer_at_risk"}
    model = build(review(decisions=[judged]), "c1")
    assert model.decisions[0].ending_criterion == (
        "The child is no longer likely to suffer significant harm and no longer needs a plan"
    )
    # Kit was never on a plan: nothing ends, so no reason for ending is printed.
    model = build(case_of(small_case(kind="review", decisions=[judged])), "c1")
    assert model.decisions[0].ending_criterion is None


def vote(who: str, view: str, reason: str = "") -> dict[str, str]:
    return {"attendee": who, "child": "k1", "vote": view, "reason": reason or f"Why {who}"}


def test_minority_views_and_formal_dissents_are_different_things() -> None:
    people = small_case()["conferences"][0]["attendees"]
    people += [attendee("sch", "education", name="Sam Teacher"),
               attendee("yj", "youth_justice", name="Yan Officer")]  # fmt: skip
    votes = [vote("sw", "plan"), vote("pol", "plan"), vote("yj", "plan"),
             vote("hv", "child_in_need"), vote("sch", "no_further_action")]  # fmt: skip
    challenge = {"attendee": "hv", "reason": "Health challenges the plan"}
    decision = {"child": "k1", "outcome": "plan", "categories": ["neglect"],
                "method": "majority", "dissents": [challenge]}  # fmt: skip
    model = build(case_of(small_case(attendees=people, votes=votes, decisions=[decision])), "c1")
    (d,) = model.decisions
    assert d.differing == (
        DifferingView("Health", "Child in need plan", True, "Minority view from Health"),
        DifferingView("Education", "No further action", True, "Minority view from Education"),
    )
    assert [(x.who, x.reason) for x in d.dissents] == [
        ("Hana Visitor (Health)", "Health challenges the plan")
    ]


def overruled(**extra: Any) -> Any:
    """Every agency was for a plan; the chair overruled the conference."""
    votes = [vote("sw", "plan"), vote("pol", "plan"), vote("hv", "plan")]
    decision = {"child": "k1", "outcome": "child_in_need", "method": "chair_overrule",
                "rationale": "The chair's reasons", **extra}  # fmt: skip
    return case_of(small_case(votes=votes, decisions=[decision]))


def test_overruling_a_unanimous_conference_is_not_a_minority_view() -> None:
    """The agencies the chair overruled were the whole conference, not a minority: each is
    shown as the view the chair decided against, and may still dissent formally (004)."""
    case = overruled(dissents=[{"attendee": "pol", "reason": "Police challenge it"}])
    (d,) = build(case, "c1").decisions
    assert [(v.agency, v.minority, v.heading) for v in d.differing] == [
        ("Children's social care", False,
         "Children's social care's view, which the chair decided against"),
        ("Police", False, "Police's view, which the chair decided against"),
        ("Health", False, "Health's view, which the chair decided against"),
    ]  # fmt: skip
    record = render(case, "c1", "md", kind="record")
    assert "Minority view" not in record
    assert "**Police's view, which the chair decided against:** Child protection plan." in record
    assert "**Formal dissent from Pat Officer (Police):** Police challenge it" in record
    family = render(case, "c1", "md", kind="outline", recipient="dad")
    assert "**Health's view, which the chair decided against:** Child protection plan." in family
    assert "The chair decided differently from most agencies" in family


def test_a_family_copy_words_a_minority_view_plainly() -> None:
    votes = [vote("sw", "plan"), vote("pol", "plan"), vote("hv", "child_in_need")]
    decision = {"child": "k1", "outcome": "plan", "categories": ["neglect"], "method": "majority"}
    case = case_of(small_case(votes=votes, decisions=[decision]))
    assert "**Minority view from Health:** Child in need plan." in render(case, "c1", "md")
    family = render(case, "c1", "md", recipient="dad")
    assert "**Health's view, which most agencies did not share:** Child in need plan." in family
    assert "inority" not in family


def test_the_record_gives_one_view_per_agency_with_its_staff_and_names_a_divided_one() -> None:
    # 004: "the social work and agency decision": one view per agency.
    people = small_case()["conferences"][0]["attendees"]
    people += [attendee("tm", "childrens_social_care", name="Tom Manager", role="Team manager"),
               attendee("mw", "health", name="Mo Midwife", role="Midwife")]  # fmt: skip
    votes = [vote("sw", "plan", "Harm is likely"), vote("tm", "plan", "Agree"),
             vote("pol", "plan"), vote("hv", "plan", "Worried"),
             vote("mw", "child_in_need", "Help is enough")]  # fmt: skip
    model = build(case_of(small_case(attendees=people, votes=votes)), "c1")
    (views,) = model.agency_views
    assert views.tally == ("Child protection plan: 2 agencies; divided, so not counted: Health")
    social_care, police, health = views.views
    assert (social_care.agency, social_care.view) == ("Children's social care",
                                                      "Child protection plan")  # fmt: skip
    assert [(s.who, s.reason) for s in social_care.staff] == [
        ("Wendy Social, Role sw", "Harm is likely"),
        ("Tom Manager, Team manager", "Agree"),
    ]
    assert police.agency == "Police"
    assert (health.view, [s.view for s in health.staff]) == (
        "Divided: not counted", ["Child protection plan", "Child in need plan"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("born", "due", "on", "words"),
    [
        ("2017-04-18", None, "2026-09-03", "9 years (born 18 April 2017)"),
        ("2024-07-02", None, "2026-09-03", "2 years (born 2 July 2024)"),
        ("2026-03-20", None, "2026-09-03", "5 months (born 20 March 2026)"),
        ("2026-08-20", None, "2026-09-03", "2 weeks (born 20 August 2026)"),
        ("2026-09-01", None, "2026-09-03", "Under a week old (born 1 September 2026)"),
        (None, "2027-02-20", "2026-09-03", "Unborn (expected 20 February 2027)"),
        ("2027-02-18", None, "2026-09-03", "Unborn at the time (born 18 February 2027)"),
    ],
)
def test_ages_on_the_day_of_the_conference(born, due, on, words) -> None:
    child = ChildDoc.model_validate(
        {
            "key": "k",
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": born,
            "expected_birth_date": due,
        }
    )
    assert age_text(child, dt.date.fromisoformat(on)) == words


@pytest.mark.parametrize("status", ["prepared", "in_progress"])
def test_a_conference_not_concluded_is_a_draft(status: str) -> None:
    model = build(case_of(small_case(status=status, decisions=[])), "c1")
    assert model.draft
    assert model.decisions[0].outcome == "Not yet decided"


def test_an_escalation_is_stated() -> None:
    escalation = {
        "due_by": "2027-01-07T14:00",
        "notified_at": "2027-01-06T16:30",
        "to": "Sam Manager, service manager",
    }
    model = build(case_of(small_case(escalation=escalation)), "c1")
    assert model.scaling.scales == ()  # nobody scaled, yet the escalation is recorded
    assert model.scaling.escalation[0].startswith("Escalated to Sam Manager")
    scaling = {
        "question": "Where are we?",
        "polarity": "ten_is_safe",
        "scores": [{"attendee": "sw", "score": 1, "reason": "r"}],
        "overall": 1,
    }
    model = build(case_of(small_case(escalation=escalation, scaling=scaling)), "c1")
    assert model.scaling.escalation == (
        "Escalated to Sam Manager, service manager, due by 7 January 2027 at 14:00.",
        "Notified on 6 January 2027 at 16:30.",
    )
    model = build(case_of(small_case(scaling=scaling)), "c1")
    assert model.scaling.escalation == (
        "The overall grading of 1 is at or below 2: the chair escalates to a service manager "
        "within 24 hours.",
    )
    # The 0-2 escalation is 002's; Derbyshire (004) has none, so nothing is said.
    data = small_case(scaling=scaling)
    data["profile"] = "derbyshire"
    assert build(case_of(data), "c1").scaling.escalation == ()


def test_scaling_summary_per_scale() -> None:
    scaling = {
        "question": "Q",
        "polarity": "ten_is_danger",
        "independent": True,
        "overall": 4,
        "scores": [
            {"attendee": "sw", "score": 6, "reason": "a"},
            {"attendee": "mum", "score": 2, "reason": "b"},
            {"attendee": "pol", "score": 7, "reason": "c", "child": "k1"},
        ],
    }
    s = build(case_of(small_case(scaling=scaling)), "c1").scaling
    assert [x.title for x in s.scales] == ["Overall", "Kit Parent"]
    facts = dict(s.scales[0].facts)
    assert facts["Scores given"] == "2, from 2 to 6"
    assert facts["Professionals' median"] == "6" and facts["Family's median"] == "2"
    assert facts["Spread"] == "The family see the children as safer, by 4 points (medians)."
    assert facts["Chair's overall grading"] == "4"
    assert "Child's own score" not in facts
    assert s.notes == (
        "Everyone wrote their score down before any score was shown.",
        "On this scale 10 means the most danger and 0 the least.",
    )


def test_the_childs_own_score_is_a_fact_apart_from_the_familys_median() -> None:
    people = small_case()["conferences"][0]["attendees"]
    people.append(attendee("kit", "child", name="Kit Parent", role="Kit"))
    scaling = {
        "question": "Q",
        "polarity": "ten_is_safe",
        "scores": [
            {"attendee": "sw", "score": 3, "reason": "a"},
            {"attendee": "mum", "score": 8, "reason": "b"},
            {"attendee": "kit", "score": 5, "reason": "c"},
        ],
    }
    s = build(case_of(small_case(attendees=people, scaling=scaling)), "c1").scaling
    facts = dict(s.scales[0].facts)
    assert facts["Family's median"] == "8"
    assert facts["Child's own score"] == "5"


def test_plan_dates_set_or_due() -> None:
    plan = {"first_core_group": "2027-01-19", "first_visit": "2027-01-08"}
    model = build(case_of(small_case(plan=plan)), "c1")
    assert model.plan.dates == (
        ("First core group", "19 January 2027"),
        ("First child protection visit", "8 January 2027"),
        ("Next review conference", "Not yet set; due by 6 April 2027"),
        # The rules the family would not otherwise see (england: 002's 28 days, 004's outline
        # plan at the end of the conference, 002's 20 working days for the minutes).
        ("Later core groups", "Every 28 days after the first"),
        ("Outline plan to the parents", "At the end of the conference"),
        ("Record to the family", "By 3 February 2027"),
    )
    no_plan = [{"child": "k1", "outcome": "no_further_action", "method": "unanimous"}]
    model = build(case_of(small_case(plan={}, decisions=no_plan)), "c1")
    assert model.plan.dates == ()  # nothing falls due when no plan goes on


def test_a_plan_date_set_past_its_limit_shows_the_limit() -> None:
    """Wed 6 Jan 2027: the first core group is due within 10 working days, by Wed 20 Jan."""
    model = build(case_of(small_case(plan={"first_core_group": "2027-01-27"})), "c1")
    assert dict(model.plan.dates)["First core group"] == (
        "27 January 2027 (later than its limit: due by 20 January 2027)"
    )


def test_an_inquorate_conference_dates_its_early_review() -> None:
    """Only the police beside social care: inquorate; the chair went ahead, so the review
    must come before 3 months (Tue 6 Apr 2027)."""
    data = small_case(plan={}, quorum_override="Delay would harm the child.")
    data["conferences"][0]["attendees"] = [
        a for a in data["conferences"][0]["attendees"] if a["key"] != "hv"
    ]
    data["conferences"][0]["votes"] = [
        v for v in data["conferences"][0].get("votes", []) if v["attendee"] != "hv"
    ]
    dates = dict(build(case_of(data), "c1").plan.dates)
    assert dates["Next review conference"] == "Not yet set; early review: before 6 April 2027"
    data["conferences"][0]["plan"]["review_conference"] = "2027-03-10"
    dates = dict(build(case_of(data), "c1").plan.dates)
    assert dates["Next review conference"] == "10 March 2027 (early review: before 6 April 2027)"


def test_an_area_without_a_rule_shows_none() -> None:
    """Derbyshire (004) sets no first visit and no interval for later core groups; its
    outline plan goes out within 5 working days, the record to the family within 15."""
    data = small_case(plan={})
    data["profile"] = "derbyshire"
    assert build(case_of(data), "c1").plan.dates == (
        ("First core group", "Not yet set; due by 20 January 2027"),
        ("Next review conference", "Not yet set; due by 6 April 2027"),
        ("Outline plan to the parents", "By 13 January 2027"),
        ("Record to the family", "By 27 January 2027"),
    )


def test_the_family_copy_model_holds_nothing_it_may_not() -> None:
    mapping = [
        {"column": "past_harm", "text": "Shared with all.", "nature": "fact", "source": "pol"},
        {"column": "past_harm", "text": "Told in confidence.", "confidential": True},
    ]
    exclusions = [
        {
            "attendee": "dad",
            "scope": "part",
            "reason": "A private reason.",
            "from_stage": "decision",
            "to_stage": "decision",
        }
    ]
    votes = [{"attendee": "pol", "child": "k1", "vote": "plan", "reason": "Why."}]
    case = case_of(small_case(mapping=mapping, exclusions=exclusions, votes=votes))
    full = build(case, "c1")
    assert [e.text for e in full.mapping[0].entries] == ["Shared with all.", "Told in confidence."]
    assert full.exclusions[0].reason == "A private reason."
    assert full.decisions[0].method == "Unanimous" and full.agency_views
    assert [p.contact_confidential for p in full.people] == [True, False]

    family = build(case, "c1", recipient="dad")
    assert [e.text for e in family.mapping[0].entries] == ["Shared with all."]
    assert family.exclusions[0].reason is None
    assert family.exclusions[0].part == "Decision"
    assert family.withheld == ("decision",)
    # The decision itself stays; how it was reached does not.
    assert family.decisions[0].outcome == "Child protection plan"
    assert family.decisions[0].categories == "Neglect"
    assert family.decisions[0].method is None and family.agency_views == ()
    assert [p.contact_confidential for p in family.people] == [None, None]


def test_a_whole_exclusion_keeps_the_plan_in_the_family_copy() -> None:
    exclusions = [{"attendee": "mum", "scope": "whole", "reason": "r"}]
    family = build(case_of(small_case(exclusions=exclusions)), "c1", recipient="mum")
    assert family.plan is not None and family.plan.outcomes == ("Kit is safe.",)
    assert family.decisions[0].outcome == "Child protection plan"
    assert family.attendance == () and family.mapping == () and family.scaling is None
    assert family.outline_recipients  # who receives it is never withheld


def test_picking_the_conference() -> None:
    case = demo()
    assert latest_conference(case).key == "rcpc1"
    assert conference_on(case, None).key == "rcpc1"
    assert conference_on(case, dt.date(2026, 9, 3)).key == "icpc"
    with pytest.raises(NoConference, match="no conference on 2026-09-04"):
        conference_on(case, dt.date(2026, 9, 4))
    empty = case_of({**small_case(), "conferences": []})
    with pytest.raises(NoConference, match="no conferences yet"):
        latest_conference(empty)
    with pytest.raises(ConferenceNotFound):
        build(case, "nope")


def test_a_reopened_conference_says_when_and_why_in_the_record() -> None:
    reopened = [{"at": "2027-01-07T09:30", "reason": "A dissent was left out."}]
    model = build(case_of(small_case(reopened=reopened)), "c1")
    assert model.reopened == ("7 January 2027 at 09:30: A dissent was left out.",)


def test_the_documents_need_no_textual_and_no_database() -> None:
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt\n"
        "from cpchair.demo import demo_case\n"
        "from cpchair.documents import render\n"
        "case = demo_case(dt.date(2026, 11, 26))\n"
        "for fmt in ('md', 'html', 'docx'):\n"
        "    render(case, 'icpc', fmt, kind='record', recipient='liam')\n"
        "print(sorted(m for m in ('textual', 'sqlalchemy', 'sqlmodel') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
