"""The family copy rules: a copy for each person, which stages their own exclusions take away,
what is never withheld, contact details, and who receives a copy at all."""

from __future__ import annotations

from typing import Any

import pytest

from cpchair.caseio.schema import ExclusionDoc
from cpchair.documents.family import (
    NEVER_WITHHELD,
    CopiesDiffer,
    NoSuchRecipient,
    NotAFamilyCopy,
    any_contact_shown,
    excluded_stages,
    family_copy,
    family_recipients,
    find_recipient,
    leaves_out,
    receives_record,
    recipients,
    section_withheld,
    shows_contact,
    wholly_excluded,
)
from cpchair.vocab import STAGES
from tests.documents.cases import attendee, case_of, small_case

ALL = frozenset(STAGES)


def exclusion(
    scope: str = "part",
    start: str | None = None,
    end: str | None = None,
    who: str = "dad",
    record: str | None = None,
) -> dict[str, Any]:
    return {
        "attendee": who,
        "scope": scope,
        "reason": "r",
        "from_stage": start,
        "to_stage": end,
        "record": record,
    }


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
    doc = ExclusionDoc.model_validate(exclusion(scope, start, end))
    assert excluded_stages(doc) == frozenset(expected)


def case_with(**changes: Any):
    return case_of(small_case(**changes))


def copy(case, who: str | None):
    return family_copy(case, case.conferences[0], who)


def test_a_parent_present_throughout_gets_everything_but_what_is_confidential() -> None:
    """004: "Where a parent attends only part of a conference as a result of exclusion, they
    must receive the record": the exclusion shapes the excluded parent's copy, not the
    mother's, who was there throughout."""
    case = case_with(exclusions=[exclusion("part", "mapping", "scaling")])
    assert copy(case, "mum").withheld == frozenset()
    assert copy(case, "dad").withheld == {"mapping", "scaling"}  # danger statements stay


def test_the_chair_chooses_the_whole_record_or_the_part_attended() -> None:
    """004: "The Chair should decide if the entire record is provided or only that part
    attended by the excluded parent." Until the chair chooses: the part attended."""
    for record, expected in (("whole", set()), ("attended", {"scaling"}), (None, {"scaling"})):
        case = case_with(exclusions=[exclusion("part", "scaling", "scaling", record=record)])
        assert copy(case, "dad").withheld == expected, record


def test_conclusions_are_never_withheld() -> None:
    """Decisions and categories, danger statements, safety goals, the plan and its dates reach
    everyone: 004, "The decision must be put in writing to the parent(s)"."""
    case = case_with(exclusions=[exclusion("whole")])
    assert copy(case, "dad").withheld == ALL - NEVER_WITHHELD
    assert {"danger_goals", "plan", "close"} == NEVER_WITHHELD
    assert not section_withheld("danger_goals", ALL)
    assert section_withheld("how_decided", ALL) and section_withheld("mapping", ALL)


def test_marked_excluded_without_an_entry_counts_as_the_whole_conference() -> None:
    data = small_case()
    data["conferences"][0]["attendees"][4]["attendance"] = "excluded"
    case = case_of(data)
    assert wholly_excluded(case.conferences[0]) == {"dad"}
    assert copy(case, "dad").withheld == ALL - NEVER_WITHHELD
    assert copy(case, "mum").withheld == frozenset()


def test_a_person_listed_twice_is_one_recipient_and_exclusions_add_up() -> None:
    data = small_case(
        exclusions=[
            exclusion("part", "opening", "opening", who="mum"),
            exclusion("part", "scaling", "scaling", who="mum2"),
        ]
    )
    data["conferences"][0]["attendees"].append(
        attendee("mum2", "family", name="Mona Parent", role="Mother", person="p_mum")
    )
    case = case_of(data)
    assert copy(case, "p_mum").withheld == {"opening", "scaling"}
    assert copy(case, "mum2") == copy(case, "mum") == copy(case, "p_mum")
    assert [r.key for r in family_recipients(case, case.conferences[0])] == ["mum", "dad"]


def test_a_recipient_by_attendee_key_people_key_or_unique_name() -> None:
    case = case_with()
    conf = case.conferences[0]
    for wanted in ("dad", "p_dad", "DAD", "dan parent", "  Dan Parent "):
        assert find_recipient(case, conf, wanted).attendee == "dad", wanted
    with pytest.raises(NotAFamilyCopy, match="pol is a professional"):
        find_recipient(case, conf, "Pat Officer")
    with pytest.raises(NotAFamilyCopy, match="sol is a solicitor and receives no copy"):
        find_recipient(case, conf, "sol")
    with pytest.raises(NoSuchRecipient, match="the keys are: mum, dad") as raised:
        find_recipient(case, conf, "Nobody Here")
    assert "Nobody" not in str(raised.value)  # keys, never names


def test_the_same_name_twice_asks_for_a_key() -> None:
    data = small_case()
    data["conferences"][0]["attendees"].append(
        attendee("kid", "child", name="Dan Parent", role="Son")
    )
    case = case_of(data)
    with pytest.raises(NoSuchRecipient) as raised:
        find_recipient(case, case.conferences[0], "dan parent")
    assert str(raised.value) == "more than one family member has that name; use a key: dad, kid"


def test_part_of_a_name_is_enough_only_when_it_fits_one_person() -> None:
    """The mother and the father share the surname: "Parent" could be either, so a key is
    asked for, naming keys only. "Dan" fits the father alone."""
    case = case_with()
    conf = case.conferences[0]
    for wanted in ("Parent", "parent", " PARENT "):
        with pytest.raises(NoSuchRecipient) as raised:
            find_recipient(case, conf, wanted)
        assert str(raised.value) == (
            "more than one family member has that name; use a key: mum, dad"
        )
    assert find_recipient(case, conf, "Dan").attendee == "dad"
    assert find_recipient(case, conf, "mona").attendee == "mum"
    with pytest.raises(NoSuchRecipient, match="no family member has that key or name"):
        find_recipient(case, conf, "Mon")  # whole words only


def test_part_of_a_name_never_picks_a_copy_for_someone_else_with_it() -> None:
    """Sue Friend, a supporter, gets no copy of the record; a father also called Sue would
    otherwise be the only family member to fit "Sue"."""
    data = small_case()
    data["people"][1]["name"] = "Sue Parent"
    data["conferences"][0]["attendees"][4]["name"] = "Sue Parent"
    case = case_of(data)
    with pytest.raises(NoSuchRecipient) as raised:
        find_recipient(case, case.conferences[0], "sue")
    assert str(raised.value) == "more than one person in this case has that name; use a key: dad"
    assert find_recipient(case, case.conferences[0], "Sue Parent").attendee == "dad"


def test_an_attendee_key_that_is_also_another_persons_key_asks_for_more() -> None:
    data = small_case()
    data["people"].append({"key": "mum", "name": "Nan Parent", "relationship": "Grandmother",
                           "parental_responsibility": True})  # fmt: skip
    case = case_of(data)
    with pytest.raises(NoSuchRecipient, match="more than one family member has that key"):
        find_recipient(case, case.conferences[0], "mum")
    assert find_recipient(case, case.conferences[0], "p_mum").attendee == "mum"


def test_the_copy_for_the_whole_family_only_when_everyone_s_is_the_same() -> None:
    case = case_with()
    assert copy(case, None).withheld == frozenset()
    differ = case_with(exclusions=[exclusion("part", "mapping", "mapping")])
    with pytest.raises(CopiesDiffer) as raised:
        copy(differ, None)
    assert raised.value.keys == ("mum", "dad")


def test_contact_details() -> None:
    data = small_case()
    data["people"][0]["contact"] = "1 Safe Street"  # the mother's: confidential
    data["people"][1]["contact"] = "07700 900001"
    case = case_of(data)
    mum, dad = case.people
    assert shows_contact(mum, family_copy=False)
    assert not shows_contact(mum, family_copy=True)
    assert shows_contact(dad, family_copy=True)
    assert not shows_contact(dad, family_copy=True, no_contacts=True)
    # The mother's own copy names no one's contact details; so the family's copies differ.
    assert copy(case, "mum").no_contacts and copy(case, "mum").restriction == (
        "contact_confidential"
    )
    assert not copy(case, "dad").no_contacts
    with pytest.raises(CopiesDiffer):
        copy(case, None)
    data["people"][1]["contact"] = None  # nothing a family copy could show: the same copy
    assert not any_contact_shown(case_of(data), case.conferences[0])
    assert copy(case_of(data), None).no_contacts is False


def test_a_no_contact_condition_restricts_the_copy() -> None:
    data = small_case()
    data["people"][1]["no_contact"] = True
    case = case_of(data)
    assert copy(case, "dad").restriction == "no_contact" and copy(case, "dad").no_contacts


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


def test_a_supporter_in_the_core_group_gets_the_outline_plan_but_not_the_record() -> None:
    """004: "Where a friend, supporter or Solicitor has been involved, they will not receive a
    copy of the record"; a supporter who carries the plan out has the outline plan."""
    case = case_with(plan={"outcomes": ["Kit is safe."], "core_group": ["sw", "sup"]})
    conf = case.conferences[0]
    outline = {r.attendee: r.copy for r in recipients(conf, case.people, "x", record=False)}
    assert outline["sup"] == "family" and "sol" not in outline
    sup = find_recipient(case, conf, "sup")
    assert receives_record(case, conf, sup) is None
    assert receives_record(case, conf, find_recipient(case, conf, "mum")) == "family"
    assert [r.key for r in family_recipients(case, conf)] == ["mum", "dad", "sup"]


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
    assert find_recipient(case, case.conferences[0], "p_mum").person == "p_mum"


def test_a_parent_kept_out_of_everything_gets_the_record_only_if_the_chair_agrees() -> None:
    """004: "The Chair will determine whether or not the excluded parent should receive the
    record of the conference"; choosing the whole record for them is that decision."""
    for record, expected in ((None, "family_if_chair_agrees"), ("whole", "family")):
        case = case_with(exclusions=[exclusion("whole", record=record)])
        conf = case.conferences[0]
        outline = {r.attendee: r.copy for r in recipients(conf, case.people, "x", record=False)}
        chosen = {r.attendee: r.copy for r in recipients(conf, case.people, "x", record=True)}
        assert outline["dad"] == "family"  # the decision goes to every parent
        assert chosen["dad"] == expected and chosen["mum"] == "family"


def test_each_copy_says_in_a_line_what_it_leaves_out() -> None:
    case = case_with(exclusions=[exclusion("part", "mapping", "danger_goals")])
    conf = case.conferences[0]

    def line(key: str) -> str:
        return leaves_out(case, conf, find_recipient(case, conf, key))

    assert line("dad") == (
        "Leaves out the mapping, said while Dan was out (no choice yet: the part attended), "
        "and what is confidential"
    )
    assert line("mum") == (
        "Everything but what is confidential; names no one's contact details: their own "
        "contact details are confidential"
    )
    chosen = case_with(exclusions=[exclusion("part", "mapping", "mapping", record="whole")])
    conf = chosen.conferences[0]
    assert leaves_out(chosen, conf, find_recipient(chosen, conf, "dad")) == (
        "Everything but what is confidential (out for part of it; the chair chose the whole "
        "record for Dan)"
    )
    chosen = case_with(exclusions=[exclusion("whole", record="whole")])
    conf = chosen.conferences[0]
    assert leaves_out(chosen, conf, find_recipient(chosen, conf, "dad")) == (
        "Everything but what is confidential (out for the whole conference; the chair chose "
        "the whole record for Dan)"
    )
    whole = case_with(exclusions=[exclusion("whole", record="attended")])
    conf = whole.conferences[0]
    assert leaves_out(whole, conf, find_recipient(whole, conf, "dad")).startswith(
        "Only the conclusions: Dan was kept out of the whole conference (the chair chose the "
        "part attended)"
    )


def test_a_titled_name_is_never_cut_to_its_title() -> None:
    case = case_with(exclusions=[exclusion("part", "mapping", "mapping")])
    conf = case.conferences[0]
    dad = next(a for a in conf.attendees if a.key == "dad")
    dad.name = "Mr Dan Parent"
    assert "said while Mr Parent was out" in leaves_out(
        case, conf, find_recipient(case, conf, "dad")
    )
