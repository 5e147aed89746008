"""The cpchair-case/1 format: what is accepted, what is refused and how it is said."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cpchair.caseio import CaseFileError, dump_case, parse_case

PROFILES = ["derby-city", "derbyshire", "england"]


def refusal(data: dict[str, Any] | str, **kw: Any) -> list[str]:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(CaseFileError) as caught:
        parse_case(text, known_profiles=PROFILES, **kw)
    return [str(p) for p in caught.value.problems]


def minimal() -> dict[str, Any]:
    return {
        "format": "cpchair-case/1",
        "reference": "T-1",
        "family_name": "Testfamily",
        "profile": "england",
        "lead_social_worker": {"name": "A Worker"},
        "children": [
            {
                "key": "k1",
                "first_name": "Kit",
                "last_name": "Test",
                "date_of_birth": "2020-05-01",
                "subject": True,
            }
        ],
        "people": [],
        "conferences": [],
    }


def test_demo_case_is_valid_and_round_trips_exactly(demo_text: str) -> None:
    doc = parse_case(demo_text, known_profiles=PROFILES)
    written = dump_case(doc)
    assert json.loads(written) == json.loads(demo_text)
    assert dump_case(parse_case(written)) == written


def test_left_out_optionals_booleans_and_lists_take_their_defaults() -> None:
    doc = parse_case(json.dumps(minimal()))
    child = json.loads(dump_case(doc))["children"][0]
    assert child == {
        "key": "k1",
        "first_name": "Kit",
        "last_name": "Test",
        "date_of_birth": "2020-05-01",
        "expected_birth_date": None,
        "sex": None,
        "subject": True,
        "interpreter_language": None,
    }


def test_score_outside_the_scale_names_its_path(demo_data: dict[str, Any]) -> None:
    demo_data["conferences"][0]["scaling"]["scores"][3]["score"] = 11
    assert refusal(demo_data) == [
        "conferences[0].scaling.scores[3].score: 11 is not between 0 and 10"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["children"][0].update(nickname="x"),
            "children[0].nickname: is not a key of cpchair-case/1",
        ),
        (lambda d: d.update(extra=1), "extra: is not a key of cpchair-case/1"),
        (lambda d: d["children"][0].update(sex="f"), "children[0].sex: 'f' is not one of"),
        (
            lambda d: d["children"][0].update(subject="yes"),
            "children[0].subject: should be true or false, not 'yes'",
        ),
        (
            lambda d: d["children"][0].update(date_of_birth="01/05/2020"),
            "children[0].date_of_birth: '01/05/2020' is not a date written YYYY-MM-DD",
        ),
        (
            lambda d: d["children"][0].update(date_of_birth="2020-02-30"),
            "children[0].date_of_birth: '2020-02-30' is not a real date",
        ),
        (lambda d: d.pop("reference"), "reference: is required"),
        (lambda d: d.update(reference=""), "reference: should not be empty"),
        (lambda d: d.update(children={}), "children: should be a list, not an object"),
        (lambda d: d.update(profile="atlantis"), "profile: 'atlantis' is not a practice profile"),
    ],
)
def test_type_and_vocabulary_refusals(change: Any, expected: str) -> None:
    data = minimal()
    change(data)
    problems = refusal(data)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_different_format_is_refused_in_one_line() -> None:
    data = minimal()
    data["format"] = "cpchair-case/2"
    assert refusal(data) == ["format: is not 'cpchair-case/1'"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda c: c["votes"][0].update(attendee="nobody"),
            "conferences[0].votes[0].attendee: 'nobody' is not an attendee of this conference",
        ),
        (
            lambda c: c["mapping"][0].update(children=["zz"]),
            "conferences[0].mapping[0].children[0]: 'zz' is not a child of this case",
        ),
        (
            lambda c: c["mapping"][0].update(source="ghost"),
            "conferences[0].mapping[0].source: 'ghost' is not an attendee of this conference",
        ),
        (
            lambda c: c["safety_goals"][0].update(danger_statement="ds9"),
            "conferences[0].safety_goals[0].danger_statement: 'ds9' is not a danger statement",
        ),
        (
            lambda c: c["attendees"][0].update(direct_contact=["zz"]),
            "conferences[0].attendees[0].direct_contact[0]: 'zz' is not a child of this case",
        ),
        (
            lambda c: c["plan"]["core_group"].append("stranger"),
            "is not an attendee of this conference or a person of this case",
        ),
        (
            lambda c: c["exclusions"][0].update(attendee="ghost"),
            "conferences[0].exclusions[0].attendee: 'ghost' is not an attendee",
        ),
        (
            lambda c: c["views"][0].update(whose="ghost"),
            "conferences[0].views[0].whose: 'ghost' is not a child or person of this case",
        ),
        (lambda c: c["attendees"].append(dict(c["attendees"][0])), "is used twice in attendees"),
    ],
)
def test_dangling_references_and_repeated_keys(
    demo_data: dict[str, Any], change: Any, expected: str
) -> None:
    change(demo_data["conferences"][0])
    problems = refusal(demo_data)
    assert any(expected in p for p in problems), problems


def _voting_and_not(conf: dict[str, Any]) -> tuple[str, str]:
    voter = next(a["key"] for a in conf["attendees"] if a["votes"])
    other = next(a["key"] for a in conf["attendees"] if not a["votes"])
    return voter, other


def test_a_vote_from_someone_who_does_not_vote_is_refused(demo_data: dict[str, Any]) -> None:
    conf = demo_data["conferences"][0]
    _, non_voter = _voting_and_not(conf)
    conf["votes"][0]["attendee"] = non_voter
    assert f"conferences[0].votes[0].attendee: {non_voter!r} does not vote (votes is false)" in (
        refusal(demo_data)
    )


def test_chair_decisions_need_a_rationale(demo_data: dict[str, Any]) -> None:
    conf = demo_data["conferences"][0]
    decision = conf["decisions"][0]
    # Ruby's views made even (3 agencies to 3), so the chair decides on a split.
    changed = [v for v in conf["votes"] if v["child"] == "c1" and v["attendee"] in ("nur", "ida")]
    for vote in changed:
        vote["vote"] = "child_in_need"
    decision.update(method="chair_on_split", rationale="  ")
    assert refusal(demo_data) == [
        "conferences[0].decisions[0].rationale: is required when the method is 'chair_on_split'"
    ]
    for vote in changed:  # back to a majority for a plan, which the chair overrules
        vote["vote"] = "plan"
    decision.update(outcome="child_in_need", categories=[], method="chair_overrule",
                    rationale=None)  # fmt: skip
    assert refusal(demo_data) == [
        "conferences[0].decisions[0].rationale: is required when the method is 'chair_overrule'"
    ]
    decision.update(rationale="The chair weighed the reports and the history.")
    parse_case(json.dumps(demo_data))


def test_categories_go_with_a_plan_and_only_with_a_plan(demo_data: dict[str, Any]) -> None:
    decision = demo_data["conferences"][0]["decisions"][0]
    decision["categories"] = []
    assert refusal(demo_data) == [
        "conferences[0].decisions[0].categories: a child protection plan needs at least one "
        "category"
    ]
    decision.update(outcome="child_in_need", categories=["neglect"], method="chair_overrule",
                    rationale="The chair's reasons")  # fmt: skip
    assert refusal(demo_data) == [
        "conferences[0].decisions[0].categories: should be empty when the outcome is "
        "'child_in_need'"
    ]


def test_unborn_child_needs_expected_birth_date_and_no_date_of_birth() -> None:
    data = minimal()
    data["children"][0].update(date_of_birth=None)
    assert refusal(data) == [
        "children[0].expected_birth_date: an unborn child needs an expected birth date"
    ]
    data["children"][0].update(date_of_birth="2020-05-01", expected_birth_date="2027-01-01")
    assert refusal(data)[0].startswith("children[0].expected_birth_date: only an unborn child")


def test_conferences_must_be_oldest_first(demo_data: dict[str, Any]) -> None:
    demo_data["conferences"].reverse()
    assert any("conferences are listed oldest first" in p for p in refusal(demo_data))


def test_repeated_json_key_and_broken_json_are_refused() -> None:
    assert "appears twice" in refusal('{"format": "cpchair-case/1", "format": "x"}')[0]
    assert refusal('{"format": ')[0].startswith("(the file): is not valid JSON at line 1")
    assert refusal("[1, 2]") == ["(the file): should be one JSON object"]


def test_messages_never_quote_names_or_notes() -> None:
    data = minimal()
    data["children"][0]["date_of_birth"] = "Kit Test was born in May"
    data["children"][0]["sex"] = "Kit Test"
    data["lead_social_worker"] = {"name": ["Jo Bloggs"]}
    problems = "\n".join(refusal(data))
    assert "Kit" not in problems and "Bloggs" not in problems
    assert "children[0].date_of_birth" in problems and "children[0].sex" in problems


def test_every_problem_is_reported_at_once(demo_data: dict[str, Any]) -> None:
    conf = demo_data["conferences"][0]
    conf["votes"][0]["child"] = "zz"
    conf["decisions"][0]["categories"] = []
    assert len(refusal(demo_data)) == 2
