"""What a family member's copy holds, rule by rule: confidential entries beyond the mapping,
contact details, the complaints route, the actions' status, the step-down after a plan, the
primary category, and plain words."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from cpchair.caseio.schema import DissentDoc
from cpchair.documents import build, layout, render
from cpchair.documents.family import family_recipients, receives_record
from cpchair.documents.markdown import to_markdown
from cpchair.documents.redact import ACTION_IN_CONFIDENCE, REASON_IN_CONFIDENCE
from cpchair.rules.calendar import Period
from cpchair.rules.profiles import Rule, load_profile, profile_names
from tests.documents.cases import case_of, demo, small_case
from tests.documents.readers import text_of
from tests.documents.test_examples import plans_end

JARGON = re.compile(r"quorate|median|spread|not subjects|overruled", re.IGNORECASE)


def md(case: Any, kind: str = "record", recipient: str | None = None, key: str = "c1") -> str:
    text = render(case, key, "md", kind=kind, recipient=recipient)
    assert isinstance(text, str)
    return text


# --- confidential beyond the mapping -----------------------------------------------------------


def confidential_case() -> Any:
    data = small_case(
        views=[
            {"whose": "p_mum", "how": "in_person", "summary": "Open view."},
            {
                "whose": "p_dad",
                "how": "written",
                "summary": "Secret view.",
                "confidential": True,
            },
        ],
        incidents=[
            {"which": "first", "text": "Open incident."},
            {"which": "worst", "text": "Secret incident.", "confidential": True},
        ],
        scaling={
            "question": "Q?",
            "polarity": "ten_is_safe",
            "scores": [
                {
                    "attendee": "pol",
                    "score": 3,
                    "reason": "Secret score reason.",
                    "confidential": True,
                },
                {"attendee": "hv", "score": 5, "reason": "Open score reason."},
            ],
        },
        votes=[
            {
                "attendee": "pol",
                "child": "k1",
                "vote": "plan",
                "reason": "Secret vote reason.",
                "confidential": True,
            }
        ],
        plan={
            "outcomes": ["Kit is safe."],
            "actions": [
                {
                    "what": "Secret action.",
                    "who": "Pat Officer",
                    "by": "2027-02-01",
                    "status": "open",
                    "confidential": True,
                },
                {"what": "Open action.", "who": "Hana Visitor", "status": "done"},
            ],
        },
    )
    return case_of(data)


def test_confidential_views_incidents_reasons_and_actions_stay_out_of_family_copies() -> None:
    """004: "The conference Chair may decide that confidential material should be excluded
    from distributed conference records"; the conclusions still reach the family."""
    case = confidential_case()
    full, family = md(case), md(case, recipient="dad")
    for secret in ("Secret view.", "Secret incident.", "Secret score reason.",
                   "Secret vote reason.", "Secret action."):  # fmt: skip
        assert secret in full and secret not in family, secret
    for shown in ("Open view.", "Open incident.", "Open score reason.", "Open action."):
        assert shown in family, shown
    # The score and the agency's view show; the reason says it was given in confidence.
    assert f"| Pat Officer (Police) | 3 | {REASON_IN_CONFIDENCE} |" in family
    assert (
        f"| Police | Child protection plan | Pat Officer, Role pol | {REASON_IN_CONFIDENCE} |"
        in family
    )
    # The action is still there: who, by when and its status, not what it is.
    assert (
        f"| {ACTION_IN_CONFIDENCE} | Pat Officer | 1 February 2027 | All the children | No |"
        in (family)
    )


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_the_full_record_marks_what_was_given_in_confidence(fmt: str) -> None:
    """004: "The conference Chair may decide that confidential material should be excluded
    from distributed conference records": the full record says which parts, as the mapping
    does, so whoever holds it knows what the family's copy leaves out or keeps back. A family
    copy never holds the parts, so it marks nothing."""
    case = confidential_case()
    case.conferences[0].decisions[0].dissents = [
        DissentDoc(attendee="pol", reason="Secret dissent reason.")  # his view's reason is
    ]  # confidential, so the dissent's is too
    full = text_of(render(case, "c1", fmt, kind="record"), fmt).replace("**", "")
    for marked in (
        "Dan Parent, in writing (confidential): Secret view.",
        "Worst incident, Date not known (confidential): Secret incident.",
        "Confidential: Secret score reason.",
        "Confidential: Secret vote reason.",
        "Formal dissent (confidential) from Pat Officer (Police): Secret dissent reason.",
        "Confidential: Secret action.",
        "Views marked confidential are not in the family copy.",
        "Incidents marked confidential are not in the family copy.",
        "Reasons marked confidential are not in the family copy.",
        "The family copy shows who does an action marked confidential, by when and its "
        "status, not what it is.",
    ):
        assert marked in full, marked
    for open_ in ("Open view.", "Open incident.", "Open score reason.", "Open action."):
        assert f"Confidential: {open_}" not in full and f"(confidential): {open_}" not in full
    assert "Mona Parent, in person:" in full  # an open view is not marked
    assert full.count("Reasons marked confidential are not in the family copy.") == 2
    outline = text_of(render(case, "c1", fmt), fmt)  # the full outline plan: its action
    assert "Confidential: Secret action." in outline
    for kind in ("outline", "record"):
        family = text_of(render(case, "c1", fmt, kind=kind, recipient="dad"), fmt)
        assert "(confidential)" not in family and "Confidential:" not in family
        assert "marked confidential" not in family


def test_open_entries_add_no_confidential_notes() -> None:
    case = case_of(small_case(views=[{"whose": "p_mum", "how": "in_person", "summary": "V."}]))
    assert "marked confidential" not in md(case)


# --- contact details ---------------------------------------------------------------------------


def contacts_case(**people: Any) -> Any:
    data = small_case(chair_contact="01632 960000")
    data["conferences"][0]["attendees"][0]["contact"] = "01632 960001"  # the social worker
    data["conferences"][0]["plan"]["core_group"] = ["sw", "mum", "dad"]
    data["people"][0]["contact"] = "1 Refuge Road"  # the mother's: confidential
    data["people"][1]["contact"] = "07700 900002"
    data["people"][1].update(people)
    return case_of(data)


def test_contact_details_where_the_reader_may_see_them() -> None:
    case = contacts_case()
    full = md(case)
    assert "| Mona Parent | Mother | Yes | 1 Refuge Road (confidential) |" in full
    assert "| Dan Parent | Father | Yes | 07700 900002 |" in full
    assert "- Wendy Social, Role sw: 01632 960001" in full  # the core group
    # The outline plan goes round the room: no confidential address, whoever's copy it is.
    assert "1 Refuge Road" not in md(case, "outline")
    dad = md(case, recipient="dad")
    assert "1 Refuge Road" not in dad and "Confidential" not in dad
    assert "07700 900002" in dad and "01632 960001" in dad


def test_a_copy_for_someone_with_confidential_contact_details_names_no_one_s() -> None:
    """The mother's copy (her details are confidential) names no one's address or contact;
    the chair's contact and the complaints route stay: they are the council's route."""
    mum = md(contacts_case(), recipient="mum")
    for detail in ("1 Refuge Road", "07700 900002", "01632 960001"):
        assert detail not in mum, detail
    assert "names no one's address or contact details" in mum
    assert "**The chair, Chair Person:** 01632 960000" in mum
    assert "If you are unhappy with how the conference was run" in mum


def test_a_no_contact_condition_gives_a_copy_naming_no_one_s_contact() -> None:
    dad = md(contacts_case(no_contact=True), "outline", recipient="dad")
    assert "07700" not in dad and "01632 960001" not in dad and "01632 960000" in dad


# --- complaints, statuses, primary category ----------------------------------------------------


def test_every_family_copy_says_how_to_complain_with_the_areas_words() -> None:
    """004: complaints "should be addressed to the conference Chair"; "Whilst a complaint is
    being considered, the decision made by the conference stands"."""
    case = case_of(small_case())
    profile = load_profile("england")
    for kind in ("outline", "record"):
        text = md(case, kind, recipient="dad")
        assert profile.complaints.value in text
        assert "Ask the social worker, Wendy Social, Team A, how to contact the chair" in text
        assert "Questions and complaints" not in md(case, kind)  # professionals know the way
    local = dataclasses.replace(
        profile, complaints=dataclasses.replace(profile.complaints, value="Ring 01632 960999.")
    )
    model = build(case, "c1", recipient="dad", profile=local)
    assert "Ring 01632 960999." in to_markdown(layout(model, "outline"))


@pytest.mark.parametrize("name", profile_names())
@pytest.mark.parametrize("chair_contact", [None, "01632 960000"])
def test_the_complaints_route_reads_right_with_or_without_the_chair_s_contact(
    name: str, chair_contact: str | None
) -> None:
    """A copy whose conference has no chair's contact tells the family to ask the social
    worker; the area's complaints words that follow must not then send them to details that
    are not there (004: complaints "should be addressed to the conference Chair")."""
    case = case_of({**small_case(chair_contact=chair_contact), "profile": name})
    text = md(case, "outline", recipient="dad")
    if chair_contact:
        assert "**The chair, Chair Person:** 01632 960000" in text
    else:
        assert "Ask the social worker, Wendy Social, Team A, how to contact the chair" in text
    complaints = load_profile(name).complaints.value
    assert complaints in text
    for pointer in ("on this page", "details are", "above", "below"):
        assert pointer not in complaints


def test_the_outline_plan_gives_each_actions_status_at_a_review() -> None:
    actions = [{"what": "Go to the course.", "who": "Dan", "status": "dropped"}]
    plan = {"outcomes": ["Kit is safe."], "actions": actions}
    review = md(case_of(small_case(kind="review", plan=plan)), "outline", recipient="dad")
    assert "| Key safeguarding | Status |" in review and "| Dropped |" in review
    initial = md(case_of(small_case(plan=plan)), "outline", recipient="dad")
    assert "| Key safeguarding |" in initial and "Status" not in initial


def test_the_primary_category_is_marked() -> None:
    """004: the category "will indicate ... the primary presenting concerns"."""
    decisions = [{"child": "k1", "outcome": "plan", "method": "unanimous",
                  "categories": ["sexual_abuse", "neglect"]}]  # fmt: skip
    model = build(case_of(small_case(decisions=decisions)), "c1")
    assert model.decisions[0].categories == "Sexual abuse (primary) and neglect"
    one = build(case_of(small_case()), "c1")
    assert one.decisions[0].categories == "Neglect"  # nothing to tell apart


# --- the step-down after a plan -----------------------------------------------------------------


def review_after_plan(*outcomes: tuple[str, str, str | None]) -> Any:
    """An initial conference that made plans, then a review deciding (child, outcome,
    ending criterion) for each."""
    data = small_case()
    data["children"].append({"key": "k2", "first_name": "Kai", "last_name": "Parent",
                             "date_of_birth": "2022-03-01", "subject": True})  # fmt: skip
    initial = data["conferences"][0]
    initial["decisions"] = [
        {"child": k, "outcome": "plan", "categories": ["neglect"], "method": "unanimous"}
        for k in ("k1", "k2")
    ]
    review = {
        **initial,
        "key": "c2",
        "kind": "review",
        "date": "2027-04-01",
        "plan": {"outcomes": ["Kit is safe."], "recommendations": ["Family support."],
                 "actions": [{"what": "Go to the course.", "who": "Dan", "status": "open"}]},
        "decisions": [
            {"child": k, "outcome": o, "method": "unanimous", "ending_criterion": c,
             "categories": ["neglect"] if o == "plan" else []}
            for k, o, c in outcomes
        ],
    }  # fmt: skip
    data["conferences"].append(review)
    return case_of(data)


def test_when_every_plan_ends_the_step_down_replaces_the_plan() -> None:
    """004: "All children who have been subject to a Child Protection Plan will be supported
    by a CiN Plan for a minimum of 3 months"; the CiN plan takes up outstanding actions."""
    case = review_after_plan(("k1", "child_in_need", None), ("k2", "no_further_action", None))
    text = md(case, "outline", recipient="dad", key="c2")
    assert "## After the child protection plan" in text and "## The plan" not in text
    assert "A child in need plan will support Kit and Kai for at least 3 months." in text
    assert "| Go to the course. | Dan | Not set | All the children | No | Open |" in text
    assert "- Family support." in text
    assert "Next review conference" not in text  # the plan's dates went with it


def test_when_some_children_stay_on_a_plan_both_sections_show() -> None:
    case = review_after_plan(("k1", "plan", None), ("k2", "child_in_need", None))
    text = md(case, "outline", key="c2")
    assert "## The plan" in text and "## After the child protection plan" in text
    assert "The child protection plan ends for Kai." in text


def test_no_step_down_when_someone_else_now_holds_the_child() -> None:
    case = review_after_plan(("k1", "child_in_need", None), ("k2", "no_further_action", "in_care"))
    text = md(case, "outline", key="c2")
    assert "A child in need plan will support Kit for at least 3 months." in text
    assert (
        "The plan for Kai ends because the child has come into care and is protected that way, "
        "so no child in need plan follows."
    ) in text


def test_the_minimum_comes_from_the_profile() -> None:
    case = review_after_plan(("k1", "child_in_need", None), ("k2", "child_in_need", None))
    england = load_profile("england")
    longer = dataclasses.replace(
        england, cin_support_minimum=Rule(Period(6, "months"), "a local rule", "test")
    )
    model = build(case, "c2", profile=longer)
    assert model.step_down is not None and model.step_down.minimum == "6 months"


# --- plain words ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_no_family_copy_of_the_demo_uses_jargon(fmt: str) -> None:
    for case in (demo(), plans_end(demo())):
        for conf in case.conferences:
            for who in family_recipients(case, conf):
                assert who.key is not None
                kinds = ["outline"] + (["record"] if receives_record(case, conf, who) else [])
                for kind in kinds:
                    content = render(case, conf.key, fmt, kind=kind, recipient=who.key)
                    found = JARGON.search(text_of(content, fmt))
                    assert found is None, (conf.key, who.key, kind, found)
    # The professionals' copy keeps the words they use.
    assert JARGON.search(md(demo(), key="icpc"))


def test_a_quorum_the_family_can_read() -> None:
    data = small_case(quorum_override="Police could not attend.")
    data["conferences"][0]["attendees"] = (
        data["conferences"][0]["attendees"][:1] + data["conferences"][0]["attendees"][3:]
    )  # children's social care alone
    text = md(case_of(data), recipient="dad")
    assert "Not enough agencies were there: " in text
    assert "The chair went ahead without enough agencies there: Police could not attend." in text
    assert "Not enough agencies were there, so an early review conference is needed." in text


def test_a_dissent_from_a_view_given_in_confidence_keeps_its_reason_back() -> None:
    """A formal dissent says why in the terms of the agency's view: when that view's reason was
    given in confidence, the dissent's reason stays out of family copies too."""
    data = small_case(
        votes=[
            {"attendee": "sw", "child": "k1", "vote": "plan", "reason": "Open."},
            {"attendee": "hv", "child": "k1", "vote": "plan", "reason": "Open too."},
            {
                "attendee": "pol",
                "child": "k1",
                "vote": "child_in_need",
                "reason": "Secret vote reason.",
                "confidential": True,
            },
        ],
    )
    [decision] = data["conferences"][0]["decisions"]
    decision.update(method="majority", dissents=[{"attendee": "pol", "reason": "Secret dissent."}])
    case = case_of(data)
    assert "Secret dissent." in md(case)
    family = md(case, recipient="mum")
    assert "Secret dissent." not in family and REASON_IN_CONFIDENCE in family
