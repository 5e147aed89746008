"""A family copy whose text repeats words of a confidential entry is found before it is
written, naming the part (and, for the chair's screen only, the words)."""

from __future__ import annotations

from typing import Any

import pytest

from cpchair.documents import build
from cpchair.documents.copies import cautions
from cpchair.documents.echoes import echoes
from cpchair.documents.family import family_recipients
from tests.documents.cases import case_of, demo, small_case

SECRET = "Dan received a police caution in 2014 for assaulting a former partner."


def case_with(score_reason: str, **changes: Any) -> Any:
    mapping = [{"column": "complicating_factors", "text": SECRET, "confidential": True}]
    scores = [{"attendee": "pol", "score": 2, "reason": score_reason}]
    return case_of(
        small_case(
            mapping=mapping,
            scaling={"question": "Q?", "polarity": "ten_is_safe", "scores": scores},
            **changes,
        )
    )


def found(case: Any, kind: str = "record", who: str = "mum") -> list[tuple[str, str, str]]:
    model = build(case, "c1", recipient=who)
    return [(e.part, e.source, e.words) for e in echoes(model, case, "c1", kind)]


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("A previous caution for violence to a former partner.", "a former partner"),
        ("He had a POLICE CAUTION IN 2014, we hear.", "a police caution in 2014"),
        ("Nothing shared here at all.", None),
        ("It was in 2014 for him.", None),  # 3 words, but little ones: "in 2014 for"
        ("Dan received a letter.", None),  # a name tells nothing: 1 telling word of 3
    ],
)
def test_a_run_of_words_from_a_confidential_entry(reason: str, words: str | None) -> None:
    expected = [("a scaling reason", "a confidential mapping entry", words)] if words else []
    assert found(case_with(reason)) == expected


def test_only_what_the_copy_holds_is_searched() -> None:
    case = case_with("A previous caution for violence to a former partner.")
    assert found(case, kind="outline") == []  # the outline plan gives no score reasons
    out = [{"attendee": "dad", "scope": "part", "reason": "r", "from_stage": "scaling",
            "to_stage": "scaling"}]  # fmt: skip
    excluded = case_with("A previous caution for violence to a former partner.", exclusions=out)
    assert found(excluded, who="dad") == []  # his copy leaves the scaling out
    assert found(excluded, who="mum") != []


def test_a_reason_given_in_confidence_needs_four_words() -> None:
    """A confidential reason is marked as a whole and often restates what the agency says
    openly elsewhere: three words of it are not enough to warn."""
    votes = [{"attendee": "pol", "child": "k1", "vote": "plan",
              "reason": "An alleged strangulation during pregnancy is high risk."}]  # fmt: skip
    scores = [{"attendee": "pol", "score": 2, "confidential": True,
               "reason": "Six call-outs and an alleged strangulation while pregnant."}]  # fmt: skip
    scaling = {"question": "Q?", "polarity": "ten_is_safe", "scores": scores}
    assert found(case_of(small_case(votes=votes, scaling=scaling))) == []
    votes[0]["reason"] = "Six call-outs and an alleged strangulation: high risk."
    assert found(case_of(small_case(votes=votes, scaling=scaling))) == [
        ("an agency's reason", "a scaling reason given in confidence",
         "six call outs and an alleged strangulation"),
    ]  # fmt: skip


def test_a_confidential_address_repeated_anywhere() -> None:
    data = small_case(plan={"outcomes": ["Kit stays at 1 Refuge Road with her mother."]})
    data["people"][0]["contact"] = "1 Refuge Road"  # confidential (small_case)
    assert found(case_of(data), kind="outline", who="dad") == [
        ("a plan outcome", "a confidential contact detail", "1 refuge road")
    ]


def test_the_message_names_the_part_never_the_words() -> None:
    case = case_with("A previous caution for violence to a former partner.")
    [echo] = echoes(build(case, "c1", recipient="mum"), case, "c1", "record")
    assert echo.message() == "a scaling reason repeats words of a confidential mapping entry"
    assert "partner" not in echo.message()


def test_the_demo_no_longer_warns_and_did_before_its_fix() -> None:
    """The police scaling reason repeated the confidential caution; it is now marked
    confidential too, so no family copy of the demo repeats a confidential entry."""
    case = demo()
    conf = case.conferences[0]
    for who in family_recipients(case, conf):
        assert who.key is not None
        assert not cautions(case, "icpc", who.key, "outline").echoes
        assert not cautions(case, "icpc", "carol", "record").echoes
    scaling = conf.scaling
    assert scaling is not None and scaling.scores[1].confidential
    scaling.scores[1].confidential = False
    assert [e.message() for e in cautions(case, "icpc", "carol", "record").echoes] == [
        "a scaling reason repeats words of a confidential mapping entry"
    ]


def test_every_text_a_family_copy_takes_away_is_searched_for() -> None:
    """What `redact.py` takes out of a family copy and what the warning looks for are kept
    together: any text the redaction removes or replaces is one the warning searches."""
    from cpchair.documents.echoes import confidential_texts
    from cpchair.documents.family import family_copy
    from cpchair.documents.redact import family_case
    from tests.documents.test_family_copy import confidential_case

    case = confidential_case()
    data = case.model_dump()
    conf = data["conferences"][0]
    conf["attendees"][4].update(attendance="absent", absence_reason="Dad away reason text")
    conf["views_not_given"] = [{"whose": "p_dad", "reason": "Dad no view reason text"}]
    conf["advocate_not_used"] = [{"child": "k1", "reason": "Kit no advocate reason text"}]
    conf["exclusions"] = [{"attendee": "dad", "scope": "part", "reason": "Exclusion reason text",
                           "from_stage": "mapping", "to_stage": "mapping"}]  # fmt: skip
    conf["decisions"][0]["dissents"] = [{"attendee": "pol", "reason": "Dissent reason text"}]
    case = case_of(data)
    conference = case.conferences[0]
    before = {v for v in _texts(case.model_dump()) if " " in v}  # texts, not vocabulary
    after = set(_texts(family_case(case, family_copy(case, conference, "mum")).model_dump()))
    taken = before - after
    assert {"Dad away reason text", "Dissent reason text", "Secret view."} <= taken
    assert taken <= {text for _, text in confidential_texts(case, conference)}


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []
