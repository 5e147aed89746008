"""The family copy rules: which stages an exclusion takes away, and who receives a copy."""

from __future__ import annotations

import pytest

from cpchair.caseio.schema import ExclusionDoc
from cpchair.documents.family import (
    NEVER_WITHHELD,
    excluded_stages,
    recipients,
    section_withheld,
    shows_contact,
    wholly_excluded,
    withheld_stages,
)
from cpchair.vocab import STAGES
from tests.documents.cases import attendee, case_of, small_case

ALL = frozenset(STAGES)


def exclusion(scope: str = "part", start: str | None = None, end: str | None = None, who="dad"):
    return ExclusionDoc.model_validate(
        {"attendee": who, "scope": scope, "reason": "r", "from_stage": start, "to_stage": end}
    )


@pytest.mark.parametrize(
    ("scope", "start", "end", "expected"),
    [
        ("whole", None, None, ALL),
        ("whole", "mapping", "mapping", ALL),  # whole means whole, whatever the stages say
        ("part", "mapping", "danger_goals", {"mapping", "danger_goals"}),
        ("part", "scaling", "scaling", {"scaling"}),
        ("part", None, "history", {"opening", "family_network", "history"}),
        ("part", "plan", None, {"plan", "close"}),
        ("part", None, None, ALL),  # which part is not known: the whole, to be safe
        (
            "part",
            "decision",
            "history",
            {"history", "mapping", "danger_goals", "scaling", "decision"},
        ),  # given the wrong way round
    ],
)
def test_an_exclusion_covers_the_stages_between_its_ends(scope, start, end, expected) -> None:
    assert excluded_stages(exclusion(scope, start, end)) == frozenset(expected)


def conference(**changes):
    return case_of(small_case(**changes)).conferences[0]


def test_a_parents_part_exclusion_is_withheld_from_the_family_copy() -> None:
    conf = conference(exclusions=[exclusion("part", "mapping", "danger_goals").model_dump()])
    assert withheld_stages(conf) == {"mapping", "danger_goals"}
    assert section_withheld("mapping", withheld_stages(conf))
    assert not section_withheld("views", withheld_stages(conf))


def test_a_professionals_exclusion_changes_nothing() -> None:
    conf = conference(exclusions=[exclusion("whole", who="pol").model_dump()])
    assert withheld_stages(conf) == frozenset()


def test_a_whole_exclusion_leaves_only_the_decisions_and_the_plan() -> None:
    conf = conference(exclusions=[exclusion("whole").model_dump()])
    assert withheld_stages(conf) == ALL - NEVER_WITHHELD
    assert {"plan", "close"} == NEVER_WITHHELD


def test_marked_excluded_without_an_entry_counts_as_the_whole_conference() -> None:
    data = small_case()
    data["conferences"][0]["attendees"][4]["attendance"] = "excluded"
    conf = case_of(data).conferences[0]
    assert wholly_excluded(conf) == {"dad"}
    assert withheld_stages(conf) == ALL - NEVER_WITHHELD


def test_anyone_linked_to_the_family_counts_and_exclusions_add_up() -> None:
    data = small_case(
        exclusions=[
            exclusion("part", "opening", "opening", who="sup").model_dump(),  # a family friend
            exclusion("part", "scaling", "scaling", who="mum").model_dump(),
        ]
    )
    data["conferences"][0]["attendees"][5]["person"] = "p_mum"
    conf = case_of(data).conferences[0]
    assert withheld_stages(conf) == {"opening", "scaling"}


def test_distribution_leaves_out_supporters_solicitors_interpreters_and_observers() -> None:
    data = small_case()
    data["conferences"][0]["attendees"] += [
        attendee("int", "interpreter"),
        attendee("obs", "observer"),
        attendee("adv", "advocate", name="Ada Advocate"),
        attendee("kid", "child", name="Kit Parent"),
    ]
    case = case_of(data)
    out = recipients(case.conferences[0], case.people, "Wendy Social", record=False)
    assert [r.attendee for r in out] == ["sw", "pol", "hv", "mum", "dad", "adv", "kid"]
    copies = {r.attendee: r.copy for r in out}
    assert copies["pol"] == "full" and copies["mum"] == "family" and copies["adv"] == "family"
    record = recipients(case.conferences[0], case.people, "Wendy Social", record=True)
    assert {r.attendee: r.copy for r in record}["kid"] == "family_if_chair_agrees"


def test_parents_and_the_social_worker_receive_it_even_when_not_invited() -> None:
    data = small_case()
    attendees = data["conferences"][0]["attendees"]
    data["conferences"][0]["attendees"] = [a for a in attendees if a["key"] in {"pol", "hv"}]
    case = case_of(data)
    out = recipients(case.conferences[0], case.people, "Wendy Social", record=False)
    assert [(r.name, r.copy) for r in out][2:] == [
        ("Mona Parent", "family"),
        ("Dan Parent", "family"),
        ("Wendy Social", "full"),
    ]


def test_a_parent_kept_out_of_everything_gets_the_record_only_if_the_chair_agrees() -> None:
    case = case_of(small_case(exclusions=[exclusion("whole").model_dump()]))
    conf = case.conferences[0]
    outline = {r.attendee: r.copy for r in recipients(conf, case.people, "x", record=False)}
    record = {r.attendee: r.copy for r in recipients(conf, case.people, "x", record=True)}
    assert outline["dad"] == "family"  # the decision goes to every parent in writing
    assert record["dad"] == "family_if_chair_agrees"
    assert record["mum"] == "family"


def test_confidential_contact_details_are_for_professionals_only() -> None:
    mum, dad = case_of(small_case()).people
    assert shows_contact(mum, family_copy=False)
    assert not shows_contact(mum, family_copy=True)
    assert shows_contact(dad, family_copy=True)
