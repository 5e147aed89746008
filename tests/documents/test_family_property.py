"""Whatever a case holds, no family copy carries what it must not.

Every piece of free text is generated as a unique tag (letters and digits, never made by
chance from another piece) followed by arbitrary text, and searched for by its tag: escaping
in any format leaves the tag alone, so "the tag is absent" means "the text is absent".

The case format holds no contact details yet (only `contact_confidential`), so there is no
contact text to leak; the family copy does not even say whose details are confidential, which
is checked here too.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpchair.documents import render
from cpchair.documents.family import withheld_stages
from cpchair.vocab import MAPPING_COLUMNS, STAGES
from tests.documents.cases import attendee, case_of, small_case
from tests.documents.readers import text_of

ATTENDEES = [
    attendee("sw", "childrens_social_care"),
    attendee("pol", "police"),
    attendee("mum", "family", person="p_mum"),
    attendee("dad", "family", person="p_dad"),
    attendee("kid", "child"),
    attendee("sup", "supporter"),
]
KEYS = [a["key"] for a in ATTENDEES]
# Free text: anything a chair might type or paste, control characters and markup included.
BODY = st.text(max_size=30)


def tagged(kind: str):
    """A strategy for text that starts with a unique tag; the tag is returned alongside."""
    return st.tuples(st.just(kind), BODY)


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, str]]:
    tags: dict[str, str] = {}  # tag -> what it marks

    def text(kind: str) -> str:
        tag = f"zq{kind}{len(tags)}x"
        tags[tag] = kind
        return tag + draw(BODY)

    mapping = [
        {
            "column": draw(st.sampled_from(MAPPING_COLUMNS)),
            "text": text("conf" if (secret := draw(st.booleans())) else "map"),
            "confidential": secret,
            "nature": draw(st.sampled_from([None, "fact", "allegation", "opinion"])),
            "source": draw(st.sampled_from([None, *KEYS])),
        }
        for _ in range(draw(st.integers(0, 6)))
    ]
    exclusions = [
        {
            "attendee": draw(st.sampled_from(KEYS)),
            "scope": draw(st.sampled_from(["part", "whole"])),
            "reason": text("why"),
            "from_stage": draw(st.sampled_from([None, *STAGES])),
            "to_stage": draw(st.sampled_from([None, *STAGES])),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    views = [{"whose": "k1", "how": "written", "summary": text("view")}]
    incidents = [{"which": "worst", "text": text("incident")}]
    statements = [{"key": "d1", "text": text("danger")}]
    goals = [{"danger_statement": "d1", "text": text("goal")}]
    scores = [
        {"attendee": k, "score": draw(st.integers(0, 10)), "reason": text("score")}
        for k in draw(st.lists(st.sampled_from(KEYS[:5]), unique=True, max_size=3))
    ]
    votes = [{"attendee": "pol", "child": "k1", "vote": "plan", "reason": text("vote")}]
    decision = {
        "child": "k1",
        "outcome": "child_in_need",
        "method": "chair_on_split",
        "rationale": text("rationale"),
        "dissents": [{"attendee": "sw", "reason": text("dissent")}],
    }
    data = small_case(
        attendees=[dict(a) for a in ATTENDEES],
        status=draw(st.sampled_from(["prepared", "in_progress", "concluded"])),
        mapping=mapping,
        exclusions=exclusions,
        views=views,
        incidents=incidents,
        danger_statements=statements,
        safety_goals=goals,
        scaling={"question": "Q?", "polarity": "ten_is_safe", "scores": scores},
        votes=votes,
        decisions=[decision],
        plan={"outcomes": [text("outcome")], "contingency": text("contingency")},
    )  # fmt: skip
    for person in data["people"]:
        person["contact_confidential"] = draw(st.booleans())
    return data, tags


# Which stage each kind of text is heard in (documents/family.py, SECTION_STAGES).
STAGE_OF = {
    "map": "mapping",
    "view": "family_network",
    "incident": "history",
    "danger": "danger_goals",
    "goal": "danger_goals",
    "score": "scaling",
    "vote": "decision",
    "rationale": "decision",
    "dissent": "decision",
}
ALWAYS_SHOWN = {"outcome", "contingency"}  # the plan reaches the family whatever happened


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=cases(),
    fmt=st.sampled_from(["md", "html", "docx"]),
    kind=st.sampled_from(["outline", "record"]),
)
def test_no_family_copy_holds_a_confidential_entry_or_a_withheld_stage(case, fmt, kind) -> None:
    data, tags = case
    doc = case_of(data)
    text = text_of(render(doc, "c1", fmt, kind=kind, family_copy=True), fmt)
    withheld = withheld_stages(doc.conferences[0])
    for tag, what in tags.items():
        secret = what in {"conf", "why"}  # confidential entries, reasons for an exclusion
        if secret or (what in STAGE_OF and STAGE_OF[what] in withheld):
            assert tag not in text, what
        elif what in ALWAYS_SHOWN:
            assert tag in text, what
    assert "Contact details" not in text
    assert "This is the family copy." in text


@settings(max_examples=20, deadline=None)
@given(case=cases(), fmt=st.sampled_from(["md", "html", "docx"]))
def test_the_full_record_holds_everything_the_family_copy_leaves_out(case, fmt) -> None:
    """The other side of the property: the search would find the text if it were there."""
    data, tags = case
    doc = case_of(data)
    text = text_of(render(doc, "c1", fmt, kind="record"), fmt)
    for tag, what in tags.items():
        if what == "why" or what in STAGE_OF or what in {"conf", "outcome", "contingency"}:
            assert tag in text, what
