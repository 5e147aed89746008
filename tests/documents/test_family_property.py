"""Whatever a case holds, every family member's copy holds the conclusions and nothing it
must not.

Every piece of free text is generated as a unique tag (letters and digits, never made by
chance from another piece) followed by arbitrary text, and searched for by its tag: escaping
in any format leaves the tag alone, so "the tag is absent" means "the text is absent".
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpchair.documents import render
from cpchair.documents.family import (
    copy_for,
    family_recipients,
    receives_record,
    restriction_of,
)
from cpchair.vocab import CATEGORY_LABELS, MAPPING_COLUMNS, OUTCOME_LABELS, REVIEW_OUTCOMES, STAGES
from tests.documents.cases import attendee, case_of, small_case
from tests.documents.readers import text_of

ATTENDEES = [
    attendee("sw", "childrens_social_care"),
    attendee("pol", "police"),
    attendee("mum", "family", person="p_mum"),
    attendee("dad", "family", person="p_dad"),
    attendee("kid", "child"),
    attendee("sup", "supporter"),
    attendee("adv", "advocate"),
]
KEYS = [a["key"] for a in ATTENDEES]
# Words a family copy never uses (issue 9, "Documents a family can use").
JARGON = re.compile(r"quorate|median|spread|not subjects|overruled", re.IGNORECASE)
# What only the full copy says of what was given in confidence (`sections.marked`).
MARKS = re.compile(r"\(confidential\)|confidential:|marked confidential", re.IGNORECASE)
# Free text: anything a chair might type or paste, control characters and markup included,
# but not the words the copy's own are checked for (Hypothesis draws words it finds in the
# code, "median" among them, and a chair's own words are printed as typed).
BODY = st.text(max_size=30).filter(lambda s: not JARGON.search(s) and not MARKS.search(s))
CATEGORIES = list(CATEGORY_LABELS)


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, str]]:
    tags: dict[str, str] = {}  # tag -> what it marks

    def text(kind: str) -> str:
        tag = f"zq{kind}{len(tags)}x"
        tags[tag] = kind
        return tag + draw(BODY)

    def secret() -> bool:
        return draw(st.booleans())

    mapping = [
        {
            "column": draw(st.sampled_from(MAPPING_COLUMNS)),
            "text": text("conf" if (hidden := secret()) else "map"),
            "confidential": hidden,
            "nature": draw(st.sampled_from([None, "fact", "allegation", "opinion"])),
            "source": draw(st.sampled_from([None, *KEYS])),
        }
        for _ in range(draw(st.integers(0, 5)))
    ]
    exclusions = [
        {
            "attendee": draw(st.sampled_from(KEYS)),
            "scope": draw(st.sampled_from(["part", "whole"])),
            "reason": text("why"),
            "from_stage": draw(st.sampled_from([None, *STAGES])),
            "to_stage": draw(st.sampled_from([None, *STAGES])),
            "record": draw(st.sampled_from([None, "whole", "attended"])),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    views = [
        {"whose": "k1", "how": "written", "summary": text("conf" if (h := secret()) else "view"),
         "confidential": h}
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    incidents = [
        {"which": which, "text": text("conf" if (h := secret()) else "incident"),
         "confidential": h}
        for which in draw(st.lists(st.sampled_from(["first", "worst", "last"]), unique=True))
    ]  # fmt: skip
    statements = [{"key": f"d{i}", "text": text("danger")} for i in range(draw(st.integers(0, 2)))]
    goals = [{"danger_statement": d["key"], "text": text("goal")} for d in statements]
    goals += [{"text": text("goal")} for _ in range(draw(st.integers(0, 1)))]
    scores = [
        {"attendee": k, "score": draw(st.integers(0, 10)),
         "reason": text("conf" if (h := secret()) else "score"), "confidential": h}
        for k in draw(st.lists(st.sampled_from(KEYS[:5]), unique=True, max_size=3))
    ]  # fmt: skip
    votes = [
        {"attendee": "pol", "child": "k1", "vote": "plan",
         "reason": text("conf" if (h := secret()) else "vote"), "confidential": h}
    ]  # fmt: skip
    outcome = draw(st.sampled_from(list(OUTCOME_LABELS)))
    categories = draw(st.lists(st.sampled_from(CATEGORIES), unique=True, min_size=1))
    decision = {
        "child": "k1",
        "outcome": outcome,
        "categories": categories if outcome == "plan" else [],
        "method": "chair_on_split",
        "rationale": text("rationale"),
        "dissents": [{"attendee": "sw", "reason": text("dissent")}],
    }
    actions = [
        {"what": text("conf" if (h := secret()) else "action"), "who": text("who"),
         "confidential": h, "key_safeguarding": draw(st.booleans()),
         "status": draw(st.sampled_from(["open", "done", "not_done", "dropped"]))}
        for _ in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    attendees = [dict(a) for a in ATTENDEES]
    for a in attendees:
        if draw(st.booleans()):
            a["contact"] = text("workcontact")
    data = small_case(
        attendees=attendees,
        kind=draw(st.sampled_from(["initial", "review"])),
        status=draw(st.sampled_from(["prepared", "in_progress", "concluded"])),
        chair_contact=text("chair"),
        mapping=mapping,
        exclusions=exclusions,
        views=views,
        incidents=incidents,
        danger_statements=statements,
        safety_goals=goals,
        scaling={"question": "Q?", "polarity": "ten_is_safe", "scores": scores},
        votes=votes,
        decisions=[decision],
        plan={"outcomes": [text("outcome")], "contingency": text("contingency"),
              "actions": actions,
              "core_group": draw(st.lists(st.sampled_from(["sw", "sup", "p_mum"]), unique=True))},
    )  # fmt: skip
    for person in data["people"]:
        person["contact_confidential"] = draw(st.booleans())
        person["no_contact"] = draw(st.booleans())
        person["contact"] = text("hidden" if person["contact_confidential"] else "contact")
    return data, tags


# Which stage each kind of text is heard in (documents/family.py, SECTION_STAGES).
STAGE_OF = {
    "map": "mapping",
    "view": "family_network",
    "incident": "history",
    "score": "scaling",
    "vote": "decision",
    "rationale": "decision",
    "dissent": "decision",
}
# Conclusions: in every copy, whatever happened (decisions are checked by their words).
ALWAYS_SHOWN = {"danger", "goal", "outcome", "contingency", "chair"}
NEVER_SHOWN = {"conf", "why", "hidden"}  # confidential text, exclusion reasons, contacts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=cases(),
    fmt=st.sampled_from(["md", "html", "docx", "pdf"]),
    kind=st.sampled_from(["outline", "record"]),
)
def test_every_family_members_copy_holds_the_conclusions_and_nothing_it_may_not(
    case, fmt, kind
) -> None:
    data, tags = case
    doc = case_of(data)
    conf = doc.conferences[0]
    family = family_recipients(doc, conf)
    assert family  # the parents always receive a copy
    for who in family:
        if kind == "record" and receives_record(doc, conf, who) is None:
            continue  # a supporter: the outline plan only
        assert who.key is not None
        text = text_of(render(doc, "c1", fmt, kind=kind, recipient=who.key), fmt)
        copy = copy_for(doc, conf, who)
        for tag, what in tags.items():
            if what in NEVER_SHOWN or (what in STAGE_OF and STAGE_OF[what] in copy.withheld):
                assert tag not in text, (what, who.key)
            elif what in ALWAYS_SHOWN:
                assert tag in text, (what, who.key)
            elif what in {"contact", "workcontact"} and restriction_of(doc, who):
                assert tag not in text, (what, who.key)  # no one's contact details
        _holds_the_decision_and_every_action(text, data, tags)
        assert not JARGON.search(text), JARGON.search(text)
        assert not MARKS.search(text), MARKS.search(text)  # nothing confidential to mark
        assert "Contact details" not in text  # never says whose details are confidential
        assert "If you are unhappy" in text  # the complaints route, from the profile


def _holds_the_decision_and_every_action(
    text: str, data: dict[str, Any], tags: dict[str, str]
) -> None:
    conference = data["conferences"][0]
    decision = conference["decisions"][0]
    outcomes = REVIEW_OUTCOMES if conference["kind"] == "review" else OUTCOME_LABELS
    assert outcomes[decision["outcome"]] in text
    words = text.casefold()
    for category in decision["categories"]:
        assert CATEGORY_LABELS[category].casefold() in words
    if len(decision["categories"]) > 1:
        assert "(primary)" in text
    for tag, what in tags.items():
        if what == "who":  # one row per action: each action's who, exactly once
            assert text.count(tag) == 1, tag


@settings(max_examples=20, deadline=None)
@given(case=cases(), fmt=st.sampled_from(["md", "html", "docx", "pdf"]))
def test_the_full_record_holds_everything_the_family_copy_leaves_out(case, fmt) -> None:
    """The other side of the property: the search would find the text if it were there."""
    data, tags = case
    doc = case_of(data)
    text = text_of(render(doc, "c1", fmt, kind="record"), fmt)
    for tag, what in tags.items():
        assert tag in text, what
