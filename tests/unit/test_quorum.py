"""Quorum: children's social care plus two other agencies with direct contact, for each child."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cpchair.caseio.schema import ChildDoc, ConferenceDoc
from cpchair.rules.quorum import (
    ChildQuorum,
    child_quorum,
    is_quorate,
    needs_early_review,
    quorum_state,
)
from tests.builders import attendee

CHILDREN = [
    ChildDoc.model_validate(c)
    for c in (
        {"key": "c1", "first_name": "Ruby", "last_name": "Hadley", "subject": True,
         "date_of_birth": date(2017, 4, 18)},
        {"key": "c2", "first_name": "Mia", "last_name": "Hadley", "subject": True,
         "date_of_birth": date(2024, 7, 2)},
        {"key": "c4", "first_name": "Tyler", "last_name": "Carver", "subject": False,
         "date_of_birth": date(2013, 2, 11)},
    )
]  # fmt: skip
UNBORN = ChildDoc.model_validate(
    {"key": "c3", "first_name": "Baby", "last_name": "Hadley", "subject": True,
     "expected_birth_date": date(2027, 2, 20)}
)  # fmt: skip


def person(key: str, agency: str, contact: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    return attendee(key, agency, direct_contact=list(contact), **extra)


def conference(*attendees: dict[str, Any], **extra: Any) -> ConferenceDoc:
    return ConferenceDoc.model_validate(
        {
            "key": "k",
            "kind": "initial",
            "date": date(2026, 12, 10),
            "chair": "Chair Person",
            "status": "prepared",
            "attendees": list(attendees),
            **extra,
        }
    )


SW = person("sw", "childrens_social_care", ("c1", "c2"))
POLICE = person("pol", "police", ("c1", "c2"))
HEALTH = person("hv", "health", ("c1", "c2"))
FULL = (SW, POLICE, HEALTH)


def test_social_care_and_two_agencies_for_each_child_is_quorate() -> None:
    result = child_quorum(conference(*FULL), CHILDREN)
    assert result == [
        ChildQuorum("c1", True, True, ("health", "police"), 0),
        ChildQuorum("c2", True, True, ("health", "police"), 0),
    ]  # c4 is not a subject child, so is not listed
    assert result[0].explain() == "Quorate: children's social care, health and police"
    assert is_quorate(conference(*FULL), CHILDREN)
    assert quorum_state(conference(*FULL), CHILDREN) == "quorate"


def test_without_social_care_it_is_not_quorate() -> None:
    conf = conference(POLICE, HEALTH, person("sch", "education", ("c1", "c2")))
    (c1, _c2) = child_quorum(conf, CHILDREN)
    assert not c1.quorate
    assert not c1.social_care
    assert c1.needed == 0
    assert c1.explain() == (
        "Not quorate: no one from children's social care (counted: education, health and police)"
    )
    assert quorum_state(conf, CHILDREN) == "inquorate"


def test_two_health_practitioners_are_one_agency() -> None:
    conf = conference(SW, HEALTH, person("gp", "health", ("c1", "c2")))
    c1 = child_quorum(conf, CHILDREN)[0]
    assert c1.agencies == ("health",)
    assert c1.needed == 1
    assert not c1.quorate
    assert c1.explain() == (
        "Not quorate: 1 more agency with direct contact needed (counted: health)"
    )


def test_family_advocates_and_observers_never_count() -> None:
    conf = conference(
        SW,
        POLICE,
        person("mum", "family", ("c1", "c2")),
        person("ruby", "child", ("c1", "c2")),
        person("adv", "advocate", ("c1", "c2")),
        person("obs", "observer", ("c1", "c2")),
        person("sol", "solicitor", ("c1", "c2")),
        person("int", "interpreter", ("c1", "c2")),
        person("sup", "supporter", ("c1", "c2")),
    )
    c1 = child_quorum(conf, CHILDREN)[0]
    assert c1.agencies == ("police",)
    assert c1.needed == 1
    assert not is_quorate(conf, CHILDREN)


def test_social_care_itself_is_not_one_of_the_other_two() -> None:
    conf = conference(SW, person("sw2", "childrens_social_care", ("c1", "c2")), POLICE)
    assert child_quorum(conf, CHILDREN)[0].agencies == ("police",)
    assert not is_quorate(conf, CHILDREN)


def test_each_child_needs_its_own_agencies_with_direct_contact() -> None:
    conf = conference(
        SW, person("pol", "police", ("c1", "c2")), person("sch", "education", ("c1",))
    )
    c1, c2 = child_quorum(conf, CHILDREN)
    assert c1.quorate
    assert c1.agencies == ("education", "police")
    assert not c2.quorate
    assert c2.agencies == ("police",)
    assert not is_quorate(conf, CHILDREN)


def test_agency_present_without_direct_contact_does_not_count() -> None:
    conf = conference(SW, POLICE, person("hou", "housing"))
    assert child_quorum(conf, CHILDREN)[0].needed == 1


def test_no_agency_at_all_needs_two_and_social_care() -> None:
    (c1, _c2) = child_quorum(conference(person("mum", "family")), CHILDREN)
    assert (c1.social_care, c1.agencies, c1.needed) == (False, (), 2)
    assert c1.explain() == (
        "Not quorate: no one from children's social care; "
        "2 more agencies with direct contact needed"
    )


def test_an_unborn_child_counts_every_agency_working_with_the_household() -> None:
    """Nobody has direct contact with an unborn child (004 names pre-birth conferences where
    "A child has not had relevant contact with 3 agencies"): the agencies present count as
    working with the expectant parents and household."""
    conf = conference(
        person("sw", "childrens_social_care"),
        person("mw", "health", ("c3",)),
        person("pol", "police"),  # no "contact" with the baby: works with the household
        person("mum", "family"),  # the family never counts
    )
    (baby,) = child_quorum(conf, [UNBORN])
    assert (baby.child, baby.unborn, baby.agencies, baby.needed) == (
        "c3",
        True,
        ("health", "police"),
        0,
    )
    assert quorum_state(conf, [UNBORN]) == "quorate"
    assert baby.explain() == (
        "Quorate: children's social care, health and police (unborn: agencies working with the "
        "expectant parents and household count)"
    )


def test_an_unborn_child_with_one_agency_besides_social_care_is_not_quorate() -> None:
    conf = conference(person("sw", "childrens_social_care"), person("mw", "health"))
    (baby,) = child_quorum(conf, [UNBORN])
    assert (baby.agencies, baby.needed) == (("health",), 1)
    assert quorum_state(conf, [UNBORN]) == "inquorate"
    assert baby.explain().startswith(
        "Not quorate: 1 more agency working with the expectant parents needed (counted: health)"
    )


def test_a_born_child_still_needs_direct_contact() -> None:
    attendees = (SW, person("mw", "health", ("c3",)), person("pol", "police"))
    conf = conference(*attendees, date=date(2027, 3, 1))  # after the birth
    born = UNBORN.model_copy(update={"date_of_birth": date(2027, 2, 18)})
    (baby,) = child_quorum(conf, [born])
    assert (baby.unborn, baby.agencies, baby.needed) == (False, ("health",), 1)


def test_a_conference_held_before_the_birth_stays_quorate_once_the_birth_is_recorded() -> None:
    """It is judged as it stood that day: then the baby was unborn, and nobody had contact."""
    conf = conference(SW, person("mw", "health"), person("pol", "police"), status="concluded")
    born = UNBORN.model_copy(update={"date_of_birth": date(2027, 2, 18)})
    assert quorum_state(conf, [UNBORN]) == quorum_state(conf, [born]) == "quorate"
    assert not needs_early_review(conf, [born])


@pytest.mark.parametrize(
    ("attendance", "counts"),
    [("present", True), ("apologies", False), ("report_only", False), ("excluded", False),
     ("absent", False)],
)  # fmt: skip
def test_only_those_present_count(attendance: str, counts: bool) -> None:
    conf = conference(SW, POLICE, person("hv", "health", ("c1", "c2"), attendance=attendance))
    assert is_quorate(conf, CHILDREN) is counts


def test_social_care_sending_apologies_leaves_it_inquorate() -> None:
    conf = conference(person("sw", "childrens_social_care", attendance="apologies"), POLICE, HEALTH)
    assert not child_quorum(conf, CHILDREN)[0].social_care


def test_someone_who_left_early_still_counts() -> None:
    conf = conference(
        SW, POLICE, person("hv", "health", ("c1", "c2"), arrived="10:00", left="11:15")
    )
    assert is_quorate(conf, CHILDREN)


def test_explanations_never_name_people() -> None:
    confs = [conference(*FULL), conference(SW, HEALTH), conference(POLICE)]
    for conf in confs:
        for q in child_quorum(conf, CHILDREN):
            assert "Named Person" not in q.explain()
            assert "Ruby" not in q.explain()


def test_no_subject_children_leaves_nothing_missing() -> None:
    assert child_quorum(conference(SW), CHILDREN[2:]) == []
    assert is_quorate(conference(SW), CHILDREN[2:])


# --- Going ahead inquorate ------------------------------------------------------------------


def test_override_records_going_ahead_and_needs_an_early_review() -> None:
    reason = "Pre-birth: the baby has not had contact with three agencies; delay would harm"
    conf = conference(SW, HEALTH, quorum_override=reason)
    assert quorum_state(conf, CHILDREN) == "inquorate_with_override"
    assert needs_early_review(conf, CHILDREN)


def test_blank_override_is_no_override() -> None:
    conf = conference(SW, HEALTH, quorum_override="   ")
    assert quorum_state(conf, CHILDREN) == "inquorate"
    assert not needs_early_review(conf, CHILDREN)  # still being prepared: not held yet


@pytest.mark.parametrize("status", ["in_progress", "concluded"])
def test_held_inquorate_without_a_reason_still_needs_an_early_review(status: str) -> None:
    assert needs_early_review(conference(SW, HEALTH, status=status), CHILDREN)


def test_quorate_conference_ignores_an_override_and_needs_no_early_review() -> None:
    conf = conference(*FULL, quorum_override="kept from an earlier draft", status="concluded")
    assert quorum_state(conf, CHILDREN) == "quorate"
    assert not needs_early_review(conf, CHILDREN)
