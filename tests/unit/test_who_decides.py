"""Who decides, who scales and how the views are counted, in the importer and in the store.

The rules are those of the case format's "Who decides, and how the views are counted" (004:
"the social work and agency decision"; 000: a parent "can offer a view but will not be part
of the decision-making"; 004 on observers: "must not take part in discussions or
decision-making"). Every refusal names its path or says what to do, and holds no names.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from cpchair.caseio import CaseFileError, dump_case, parse_case
from cpchair.demo import demo_case
from cpchair.store import EditError, Store, edits
from cpchair.store.meeting import Meeting

NOT_VOTING = ["family", "child", "advocate", "supporter", "solicitor", "interpreter", "observer"]
DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"


def refusal(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(json.dumps(data))
    return [str(p) for p in caught.value.problems]


def names_in(data: dict[str, Any]) -> list[str]:
    conf = data["conferences"][0]
    return [a["name"] for a in conf["attendees"]] + [c["first_name"] for c in data["children"]]


def attendee(conf: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
    return next((i, a) for i, a in enumerate(conf["attendees"]) if a["key"] == key)


# --- The importer -----------------------------------------------------------------------------


@pytest.mark.parametrize("agency", NOT_VOTING)
def test_the_importer_refuses_a_vote_for_one_who_is_not_a_professional(
    demo_data: dict[str, Any], agency: str
) -> None:
    # The spec: "votes: true on an attendee whose agency is family, child, advocate, supporter,
    # solicitor, interpreter or observer is refused".
    conf = demo_data["conferences"][0]
    i, mum = attendee(conf, "jodie")
    mum.update(agency=agency, votes=True)
    if agency == "interpreter":  # a family member is never the interpreter: refused apart
        mum["person"] = None
    if agency in ("interpreter", "supporter", "observer"):  # nor do they scale: no score here
        conf["scaling"]["scores"] = [
            s for s in conf["scaling"]["scores"] if s["attendee"] != "jodie"
        ]
    problems = refusal(demo_data)
    assert problems == [
        f"conferences[0].attendees[{i}].votes: only a professional agency votes; {agency!r} "
        "gives a view but does not vote"
    ]
    assert not any(name in problems[0] for name in names_in(demo_data))


@pytest.mark.parametrize("agency", ["observer", "interpreter", "supporter"])
def test_the_importer_refuses_a_score_from_one_who_does_not_scale(
    demo_data: dict[str, Any], agency: str
) -> None:
    # 004: an observer "must not take part in discussions or decision-making".
    conf = demo_data["conferences"][0]
    carol = attendee(conf, "carol")[1]
    carol["agency"] = agency
    if agency == "interpreter":  # a family member is never the interpreter: refused apart
        carol["person"] = None
    j = next(j for j, s in enumerate(conf["scaling"]["scores"]) if s["attendee"] == "carol")
    problems = refusal(demo_data)
    assert problems == [
        f"conferences[0].scaling.scores[{j}].attendee: 'carol' is of agency {agency!r}, which "
        "does not scale (observers, interpreters and supporters do not)"
    ]


def test_the_importer_refuses_a_method_the_votes_do_not_give(demo_data: dict[str, Any]) -> None:
    # The spec: "A file whose method disagrees with its own votes is refused, naming the
    # decision's path."
    conf = demo_data["conferences"][0]
    conf["decisions"][1]["method"] = "majority"  # Mia: every agency for a plan
    assert refusal(demo_data) == [
        "conferences[0].decisions[1].method: 'majority' disagrees with this conference's "
        "votes, which counted one view per agency give 'unanimous'"
    ]


def test_the_importer_counts_one_view_per_agency(demo_data: dict[str, Any]) -> None:
    # Ruby: health's two staff differ, so health is divided and not counted; the rest are
    # 4 agencies for a plan to education's 1 against, still a majority.
    conf = demo_data["conferences"][0]
    for vote in conf["votes"]:
        if (vote["attendee"], vote["child"]) == ("mw", "c1"):
            vote["vote"] = "child_in_need"
    parse_case(json.dumps(demo_data))
    # Mia: the midwife alone differing makes health divided; the others are all for a plan,
    # so counted one per agency Mia's decision is still unanimous, as recorded.
    for vote in conf["votes"]:
        if (vote["attendee"], vote["child"]) == ("mw", "c2"):
            vote["vote"] = "no_further_action"
    parse_case(json.dumps(demo_data))
    # Counted by person it would be a majority: the file saying so is refused.
    conf["decisions"][1]["method"] = "majority"
    assert refusal(demo_data)[0].startswith("conferences[0].decisions[1].method: 'majority'")


@pytest.mark.parametrize(
    ("views", "method", "outcome"),
    [
        ({"nur": "child_in_need", "ida": "child_in_need"}, "chair_on_split", "plan"),
        ({}, "chair_overrule", "child_in_need"),
    ],
)
def test_the_chairs_methods_are_accepted_where_the_tally_gives_them(
    demo_data: dict[str, Any], views: dict[str, str], method: str, outcome: str
) -> None:
    conf = demo_data["conferences"][0]
    for vote in conf["votes"]:
        if vote["child"] == "c1" and vote["attendee"] in views:
            vote["vote"] = views[vote["attendee"]]
    categories = ["emotional_abuse"] if outcome == "plan" else []
    conf["decisions"][0].update(
        method=method, outcome=outcome, rationale="The chair's reasons", categories=categories
    )
    parse_case(json.dumps(demo_data))


@pytest.mark.parametrize(
    "criterion",
    ["in_care", "moved_area", "adult_died_or_left_uk", "concerns_unfounded", "no_longer_at_risk"],
)
def test_every_ending_criterion_imports(demo_data: dict[str, Any], criterion: str) -> None:
    # The keys files already carry stay, so old files still import; the new one imports too.
    demo_data["conferences"][0]["decisions"][0]["ending_criterion"] = criterion
    parse_case(json.dumps(demo_data))


# --- The store --------------------------------------------------------------------------------


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


def attendee_of(meeting: Meeting, key: str) -> Any:
    return next(a for a in meeting.load().conf.attendees if a.key == key)


@pytest.mark.parametrize("agency", NOT_VOTING)
def test_the_store_refuses_a_vote_for_one_who_is_not_a_professional(
    store: Store, meeting: Meeting, agency: str
) -> None:
    with pytest.raises(EditError, match="Only a professional agency votes"):
        store.add_attendee(REF, "rcpc1", name="Someone New", role="", agency=agency,
                           attendance="present", votes=True)  # fmt: skip
    with pytest.raises(EditError, match="Only a professional agency votes"):
        store.update_attendee(REF, "rcpc1", "jodie", votes=True)
    key = store.add_attendee(REF, "rcpc1", name="Someone New", role="", agency=agency,
                             attendance="present")  # fmt: skip
    assert not attendee_of(meeting, key).votes


def test_choosing_an_agency_that_does_not_vote_clears_the_vote(
    store: Store, meeting: Meeting
) -> None:
    store.update_attendee(REF, "rcpc1", "gp", agency="observer")
    assert not attendee_of(meeting, "gp").votes
    store.update_attendee(REF, "rcpc1", "gp", agency="health")  # a professional again: votes
    assert attendee_of(meeting, "gp").votes
    store.update_attendee(REF, "rcpc1", "gp", votes=False)
    store.update_attendee(REF, "rcpc1", "gp", agency="probation")  # the chair's untick stays
    assert not attendee_of(meeting, "gp").votes


def test_no_view_or_score_is_left_where_the_format_refuses_it(
    store: Store, meeting: Meeting
) -> None:
    meeting.edit(edits.decisions.set_vote, "hv", "c1", "plan", "Worried")
    with pytest.raises(EditError, match="clear their views in the Decision stage first"):
        store.update_attendee(REF, "rcpc1", "hv", agency="observer")
    with pytest.raises(EditError, match="clear their views in the Decision stage first"):
        store.update_attendee(REF, "rcpc1", "hv", votes=False)
    meeting.edit(edits.scaling.set_score, "carol", 5, reason="Better")
    with pytest.raises(EditError, match="supporters do not scale"):
        store.update_attendee(REF, "rcpc1", "carol", agency="supporter")
    assert attendee_of(meeting, "hv").votes and attendee_of(meeting, "carol").agency == "family"
    doc = store.load_case(REF)
    assert doc is not None and parse_case(dump_case(doc)) == doc


@pytest.mark.parametrize("key", ["sarah"])  # the supporter, present at the review
def test_the_store_refuses_a_score_from_a_supporter(meeting: Meeting, key: str) -> None:
    with pytest.raises(EditError, match="do not give a score"):
        meeting.edit(edits.scaling.set_score, key, 5)
    scaling = meeting.load().conf.scaling
    assert scaling is None or scaling.scores == []


def test_a_view_changed_after_the_decision_brings_its_method_up_to_date(
    meeting: Meeting, store: Store
) -> None:
    for voter in ("sw", "pol", "hv", "mw", "sch", "ida"):
        meeting.edit(edits.decisions.set_vote, voter, "c1", "plan", "Worried")
    meeting.edit(
        edits.decisions.record_decision,
        "c1",
        outcome="plan",
        method="unanimous",
        categories=["neglect"],
    )
    meeting.edit(
        edits.decisions.set_vote, "sch", "c1", "child_in_need"
    )  # education now differs: a majority
    assert meeting.load().conf.decisions[0].method == "majority"
    meeting.edit(
        edits.decisions.set_vote, "mw", "c1", "child_in_need"
    )  # health divided: 3 agencies to 1
    assert meeting.load().conf.decisions[0].method == "majority"
    # Police too would make it 2 to 2, a split, which needs the chair's reasons the decision
    # does not hold: refused, and nothing changes.
    with pytest.raises(EditError, match=r"becomes a split: add the chair's reasons \(d\) first"):
        meeting.edit(edits.decisions.set_vote, "pol", "c1", "child_in_need")
    assert {v.attendee: v.vote for v in meeting.load().conf.votes}["pol"] == "plan"
    # With the chair's reasons recorded first, the change goes through as the chair's decision.
    meeting.edit(
        edits.decisions.record_decision,
        "c1",
        outcome="plan",
        method="majority",
        categories=["neglect"],
        rationale="The risk when bail ends is too high",
    )
    meeting.edit(edits.decisions.set_vote, "pol", "c1", "child_in_need")
    assert meeting.load().conf.decisions[0].method == "chair_on_split"
    doc = store.load_case(REF)
    assert doc is not None and parse_case(dump_case(doc)) == doc


def test_the_store_records_only_the_method_the_views_give(meeting: Meeting) -> None:
    meeting.edit(edits.decisions.set_vote, "sw", "c1", "plan", "Worried")
    with pytest.raises(EditError, match="make this decision unanimous"):
        meeting.edit(
            edits.decisions.record_decision,
            "c1",
            outcome="plan",
            method="majority",
            categories=["neglect"],
        )
    assert meeting.load().conf.decisions == []


def test_a_formal_dissent_is_refused_without_its_reason(meeting: Meeting) -> None:
    # 004: a dissent "will be recorded formally".
    meeting.edit(edits.decisions.set_vote, "sw", "c1", "plan", "Worried")
    meeting.edit(edits.decisions.set_vote, "sch", "c1", "child_in_need", "Doing well at school")
    with pytest.raises(EditError, match="formal dissent is recorded with the agency's reason"):
        meeting.edit(edits.decisions.record_decision, "c1", outcome="plan", method="chair_on_split",
                                categories=["neglect"], rationale="Reasons",
                                dissents=[("sch", "  ")])  # fmt: skip
    challenged = [("sch", "Challenges the plan")]
    meeting.edit(
        edits.decisions.record_decision,
        "c1",
        outcome="plan",
        method="chair_on_split",
        categories=["neglect"],
        rationale="Reasons",
        dissents=challenged,
    )
    [decision] = meeting.load().conf.decisions
    assert [(d.attendee, d.reason) for d in decision.dissents] == [("sch", "Challenges the plan")]


def test_an_unknown_ending_criterion_is_refused(meeting: Meeting) -> None:
    meeting.edit(edits.decisions.set_vote, "sw", "c1", "child_in_need", "Better")
    with pytest.raises(EditError, match="reason the plan ends"):
        meeting.edit(
            edits.decisions.record_decision,
            "c1",
            outcome="child_in_need",
            method="unanimous",
            ending_criterion="the family moved",
        )
