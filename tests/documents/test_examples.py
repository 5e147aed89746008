"""The demo case's documents, kept as reviewed examples: any change to what a document says
shows up here as a diff to read before it is accepted.

To accept a change after reading it:

    CPCHAIR_UPDATE_EXAMPLES=1 uv run pytest tests/documents/test_examples.py
    git diff tests/documents/examples/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cpchair.caseio.schema import CaseDoc, DecisionDoc, DissentDoc
from cpchair.documents import render
from tests.documents.cases import demo, scale_review

EXAMPLES = Path(__file__).parent / "examples"
# file name -> (conference, document, whose family copy (None: the full copy), format)
CASES = {
    "outline.md": ("icpc", "outline", None, "md"),
    "outline.html": ("icpc", "outline", None, "html"),
    "record.md": ("icpc", "record", None, "md"),
    # The mother was there throughout; her contact details are confidential.
    "family-outline-jodie.md": ("icpc", "outline", "jodie", "md"),
    "family-record-jodie.md": ("icpc", "record", "jodie", "md"),
    # The father stepped out for the mapping and the danger statements; no record chosen yet.
    "family-record-liam.md": ("icpc", "record", "liam", "md"),
    "draft-outline.md": ("rcpc1", "outline", None, "md"),
    # The review, had it ended every plan: the child in need step-down replaces the plan.
    "plan-ends-outline-carol.md": ("rcpc1", "outline", "carol", "md"),
    # The initial conference with something of every kind given in confidence: the full
    # record marks each one; the mother's copy leaves each out or keeps it back.
    "confidential-record.md": ("icpc", "record", None, "md"),
    "confidential-record-jodie.md": ("icpc", "record", "jodie", "md"),
    # The review, scaled: its record charts the overall scale at both conferences.
    "scaled-review-record.md": ("rcpc1", "record", None, "md"),
}


def plans_end(case: CaseDoc) -> CaseDoc:
    """The demo review with every plan ending and the conference concluded."""
    review = case.conferences[1]
    review.decisions = [
        DecisionDoc(child=c, outcome="child_in_need", method="unanimous")
        for c in ("c1", "c2", "c3")
    ]
    review.status = "concluded"
    return case


def in_confidence(case: CaseDoc) -> CaseDoc:
    """The demo's initial conference with a view, an incident, an agency's reason, a formal
    dissent from that agency and an action given in confidence (the police scaling reason
    already is)."""
    icpc = case.conferences[0]
    icpc.views[1].confidential = True  # the mother's
    icpc.incidents[1].confidential = True  # the worst
    (school,) = [v for v in icpc.votes if (v.attendee, v.child) == ("sch", "c1")]
    school.confidential = True
    icpc.decisions[0].dissents = [
        DissentDoc(attendee="sch", reason="School challenges the plan: Ruby is safe at school.")
    ]
    assert icpc.plan is not None
    icpc.plan.actions[6].confidential = True  # supervised time with the father
    return case


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_demo_documents_are_the_reviewed_examples(name: str) -> None:
    conference, kind, recipient, fmt = CASES[name]
    case = demo()
    if name.startswith("plan-ends"):
        case = plans_end(case)
    if name.startswith("confidential"):
        case = in_confidence(case)
    if name.startswith("scaled"):
        case = scale_review(case)
    text = render(case, conference, fmt, kind=kind, recipient=recipient)
    assert isinstance(text, str)
    path = EXAMPLES / name
    if os.environ.get("CPCHAIR_UPDATE_EXAMPLES"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no example {name}; see this module's docstring"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from the reviewed example; see this module's docstring"
    )
