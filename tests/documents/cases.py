"""Small fictional cases for the document tests, as plain cpchair-case/1 data to change freely."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpchair.caseio.schema import CaseDoc
from cpchair.demo import demo_case

# The demo's review conference falls on its own written date, so the examples read as the
# demo file does: the initial conference on 3 September 2026, the review on 26 November.
FIXED_DAY = dt.date(2026, 11, 26)


def demo() -> CaseDoc:
    return demo_case(FIXED_DAY)


def attendee(key: str, agency: str, **extra: Any) -> dict[str, Any]:
    professional = agency not in {
        "family",
        "child",
        "advocate",
        "supporter",
        "solicitor",
        "interpreter",
        "observer",
    }
    return {
        "key": key,
        "name": extra.pop("name", f"Person {key}"),
        "role": extra.pop("role", f"Role {key}"),
        "agency": agency,
        "attendance": extra.pop("attendance", "present"),
        "votes": extra.pop("votes", professional),
        "direct_contact": extra.pop("direct_contact", ["k1"] if professional else []),
        **extra,
    }


def small_case(**conference: Any) -> dict[str, Any]:
    """One child, a mother and a father, three agencies, a supporter and a solicitor."""
    conf: dict[str, Any] = {
        "key": "c1",
        "kind": "initial",
        "date": "2027-01-06",
        "start_time": "14:00",
        "venue": "Room 1, Elm House",
        "chair": "Chair Person",
        "status": "concluded",
        "attendees": [
            attendee("sw", "childrens_social_care", name="Wendy Social"),
            attendee("pol", "police", name="Pat Officer"),
            attendee("hv", "health", name="Hana Visitor"),
            attendee("mum", "family", name="Mona Parent", role="Mother", person="p_mum"),
            attendee("dad", "family", name="Dan Parent", role="Father", person="p_dad"),
            attendee("sup", "supporter", name="Sue Friend", role="Friend of the mother"),
            attendee("sol", "solicitor", name="Sol Lawyer", role="Solicitor for the father"),
        ],
        "decisions": [
            {"child": "k1", "outcome": "plan", "categories": ["neglect"], "method": "unanimous"}
        ],
        "plan": {"outcomes": ["Kit is safe."], "actions": []},
    }
    conf.update(conference)
    return {
        "format": "cpchair-case/1",
        "reference": "TEST-0001",
        "family_name": "Parent",
        "profile": "england",
        "lead_social_worker": {"name": "Wendy Social", "team": "Team A"},
        "children": [
            {
                "key": "k1",
                "first_name": "Kit",
                "last_name": "Parent",
                "date_of_birth": "2020-05-01",
                "subject": True,
            },
        ],
        "people": [
            {
                "key": "p_mum",
                "name": "Mona Parent",
                "relationship": "Mother",
                "parental_responsibility": True,
                "contact_confidential": True,
            },
            {
                "key": "p_dad",
                "name": "Dan Parent",
                "relationship": "Father",
                "parental_responsibility": True,
            },
        ],
        "conferences": [conf],
    }


def case_of(data: dict[str, Any]) -> CaseDoc:
    return CaseDoc.model_validate(data)


def scale_review(case: CaseDoc, polarity: str = "ten_is_safe") -> CaseDoc:
    """The demo review scaled by some of those present, with the chair's grading: the case
    then has the overall scale at two conferences."""
    from cpchair.caseio.schema import ScoreDoc

    review = case.conferences[1]
    assert review.scaling is not None
    review.scaling.polarity = polarity  # type: ignore[assignment]
    given = {"sw": 4, "pol": 3, "hv": 5, "sch": 6, "jodie": 8, "liam": 7}
    review.scaling.scores = [ScoreDoc(attendee=k, score=v, reason="") for k, v in given.items()]
    review.scaling.overall = 4
    return case
