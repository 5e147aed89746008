"""The optional keys cpchair adds to cpchair-case/1 (docs/case-format.md, "Additions"): each is
carried through import, the database and export unchanged, and checked like the rest."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cpchair.caseio import CaseFileError, dump_case, parse_case
from cpchair.store import Store


def with_additions(demo: dict[str, Any]) -> dict[str, Any]:
    """The demo with every addition given a value other than its default."""
    demo["children"][0]["interpreter_language"] = "Polish"
    mum = demo["people"][0]
    mum.update(contact="Flat 2, 9 Quay Street", no_contact=True, interpreter_language="Polish")
    conf = demo["conferences"][0]
    conf.update(chair_contact="01234 567890", late_reason="Police report arrived late")
    conf["attendees"][0].update(contact="worker@example.org", absence_reason="On leave")
    conf["exclusions"][0]["record"] = "whole"
    conf["views_not_given"].append({"whose": "dad", "reason": "Did not reply to letters"})
    conf["advocate_not_used"].append({"child": "c1", "reason": "Offered; Ruby said no"})
    for item in (
        conf["views"][0],
        conf["incidents"][0],
        conf["scaling"]["scores"][0],
        conf["votes"][0],
        conf["plan"]["actions"][0],
    ):
        item["confidential"] = True
    action = conf["plan"]["actions"][1]
    assert action["status"] == "open"
    action["ongoing"] = True
    return demo


def test_every_addition_survives_import_store_and_export(
    demo_data: dict[str, Any], store: Store
) -> None:
    data = with_additions(demo_data)
    doc = parse_case(json.dumps(data))
    store.import_case(doc)
    back = json.loads(dump_case(store.load_case(doc.reference)))  # type: ignore[arg-type]
    assert back == json.loads(dump_case(doc))
    conf = back["conferences"][0]
    assert back["people"][0]["no_contact"] is True
    assert conf["exclusions"][0]["record"] == "whole"
    assert conf["views_not_given"][-1] == {"whose": "dad", "reason": "Did not reply to letters"}
    assert conf["plan"]["actions"][0]["confidential"] is True
    assert doc.conferences[0].plan.actions[1].status == "ongoing"  # type: ignore[union-attr]
    assert list(conf["plan"]["actions"][1])[-3:] == ["status", "ongoing", "confidential"]
    assert (conf["plan"]["actions"][1]["status"], conf["plan"]["actions"][1]["ongoing"]) == (
        "open", True,
    )  # fmt: skip
    assert conf["advocate_not_used"] == [{"child": "c1", "reason": "Offered; Ruby said no"}]


def refusal(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(json.dumps(data))
    return [str(p) for p in caught.value.problems]


def test_a_family_member_is_never_the_interpreter(demo_data: dict[str, Any]) -> None:
    """004: "A family member should not be expected to act as an interpreter"."""
    sarah = demo_data["conferences"][0]["attendees"][12]
    assert sarah["person"] == "aunt"
    sarah["agency"] = "interpreter"
    assert refusal(demo_data) == [
        "conferences[0].attendees[12].agency: a family member cannot be the interpreter"
    ]


def test_a_view_not_given_names_a_child_or_person(demo_data: dict[str, Any]) -> None:
    demo_data["conferences"][0]["views_not_given"] = [{"whose": "zz", "reason": "x"}]
    assert refusal(demo_data) == [
        "conferences[0].views_not_given[0].whose: 'zz' is not a child or person of this case"
    ]


@pytest.mark.parametrize("record", ["all", "", 1])
def test_the_record_choice_has_two_words(demo_data: dict[str, Any], record: Any) -> None:
    demo_data["conferences"][0]["exclusions"][0]["record"] = record
    [problem] = refusal(demo_data)
    assert problem.startswith("conferences[0].exclusions[0].record:")


def test_a_child_without_an_advocate_is_a_child_of_the_case_listed_once(
    demo_data: dict[str, Any],
) -> None:
    demo_data["conferences"][0]["advocate_not_used"] = [
        {"child": "c1", "reason": "Declined"},
        {"child": "c1", "reason": "Declined again"},
        {"child": "mum", "reason": "Not a child"},
    ]
    assert refusal(demo_data) == [
        "conferences[0].advocate_not_used[1].child: 'c1' is listed twice in advocate_not_used",
        "conferences[0].advocate_not_used[2].child: 'mum' is not a child of this case",
    ]


def test_a_child_without_an_advocate_has_a_reason(demo_data: dict[str, Any]) -> None:
    demo_data["conferences"][0]["advocate_not_used"] = [{"child": "c1", "reason": ""}]
    assert refusal(demo_data) == ["conferences[0].advocate_not_used[0].reason: should not be empty"]


def test_an_ongoing_action_is_open_in_the_file(demo_data: dict[str, Any]) -> None:
    """The format's statuses are kept exactly: "ongoing" is never a status in a file."""
    actions = demo_data["conferences"][0]["plan"]["actions"]
    actions[0]["status"] = "ongoing"
    actions[1].update(status="done", ongoing=True)
    actions[2]["ongoing"] = "yes"
    assert refusal(demo_data) == [
        "conferences[0].plan.actions[0].status: 'ongoing' is not a status of cpchair-case/1: an "
        "action that runs on is 'open' with ongoing: true",
        "conferences[0].plan.actions[1].ongoing: only an open action runs on; this one is 'done'",
        "conferences[0].plan.actions[2].ongoing: should be true or false",
    ]
