"""One edit at a time: what is written, what is refused, and that a refusal writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from cpchair.caseio import dump_case, parse_case
from cpchair.demo import demo_case
from cpchair.rules import edit_rules
from cpchair.store import EditError, NotFoundError, Store, edits

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

D = dt.date
TODAY = D(2027, 6, 1)  # the store's today in these tests: the dates below are all past


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edits.case, "_today", lambda: TODAY)


@pytest.fixture
def held(store: Store) -> Store:
    store.create_case("T-1", "Testfamily")
    return store


def test_create_case_and_refuse_a_second_with_the_same_reference(held: Store) -> None:
    doc = held.load_case("T-1")
    assert doc is not None and (doc.family_name, doc.profile) == ("Testfamily", "england")
    with pytest.raises(EditError, match="already held"):
        held.create_case("T-1", "Other")
    with pytest.raises(EditError, match="reference cannot be empty"):
        held.create_case("  ", "Other")


def test_rename_reference_and_refuse_a_clash(held: Store) -> None:
    held.create_case("T-2", "Second")
    with pytest.raises(EditError, match="Another case already has reference T-2"):
        held.update_case("T-1", reference="T-2")
    held.update_case("T-1", reference="T-9", lead_social_worker="A Worker")
    assert held.load_case("T-1") is None
    assert held.load_case("T-9").lead_social_worker.name == "A Worker"  # type: ignore[union-attr]


def test_children_born_and_unborn(held: Store) -> None:
    first = held.add_child("T-1", first_name="Kit", last_name="Test", date_of_birth=D(2020, 5, 1))
    second = held.add_child(
        "T-1", first_name="Baby", last_name="Test", expected_birth_date=D(2027, 3, 1), subject=True
    )
    assert (first, second) == ("c1", "c2")
    with pytest.raises(EditError, match="expected birth date"):
        held.add_child("T-1", first_name="Nobody", last_name="Test")
    with pytest.raises(EditError, match="has no expected birth date"):
        held.update_child("T-1", "c1", expected_birth_date=D(2027, 1, 1))
    with pytest.raises(EditError, match="been born needs a first name"):
        held.update_child("T-1", "c1", first_name=" ")
    # born at last: the expected date goes as the date of birth arrives, in one edit
    held.update_child("T-1", "c2", date_of_birth=D(2027, 2, 27), expected_birth_date=None)
    doc = held.load_case("T-1")
    assert doc is not None
    assert [(c.key, c.first_name, c.date_of_birth) for c in doc.children] == [
        ("c1", "Kit", D(2020, 5, 1)),
        ("c2", "Baby", D(2027, 2, 27)),
    ]
    held.remove_child("T-1", "c1")
    assert [c.key for c in held.load_case("T-1").children] == ["c2"]  # type: ignore[union-attr]
    assert (
        held.add_child("T-1", first_name="New", last_name="T", date_of_birth=D(2021, 1, 1)) == "c3"
    )


def test_an_unborn_child_needs_no_first_name_until_born(held: Store) -> None:
    key = held.add_child("T-1", last_name="Test", expected_birth_date=D(2027, 9, 1))
    held.update_child("T-1", key, sex="female")  # an unnamed unborn child edits as any other
    with pytest.raises(EditError, match="been born needs a first name"):
        held.update_child("T-1", key, date_of_birth=D(2027, 5, 30), expected_birth_date=None)
    doc = held.load_case("T-1")
    assert doc is not None
    assert [(c.first_name, c.sex, c.date_of_birth) for c in doc.children] == [("", "female", None)]
    assert parse_case(dump_case(doc)).children[0].first_name == ""  # the file keeps it empty
    held.update_child("T-1", key, first_name="Ava", date_of_birth=D(2027, 5, 30),
                      expected_birth_date=None)  # fmt: skip
    assert held.load_case("T-1").children[0].first_name == "Ava"  # type: ignore[union-attr]


def test_people_and_unknown_keys(held: Store) -> None:
    key = held.add_person(
        "T-1", name="Pat Test", relationship="mother", parental_responsibility=True
    )
    held.update_person("T-1", key, contact_confidential=True)
    person = held.load_case("T-1").people[0]  # type: ignore[union-attr]
    assert (person.key, person.parental_responsibility, person.contact_confidential) == (
        "p1", True, True,
    )  # fmt: skip
    with pytest.raises(EditError, match="name cannot be empty"):
        held.update_person("T-1", key, name="")
    with pytest.raises(NotFoundError):
        held.update_person("T-1", "p9", name="X")
    with pytest.raises(NotFoundError):
        held.update_person("NOPE", key, name="X")


def test_a_family_member_has_one_name_at_every_conference(store: Store) -> None:
    store.import_case(demo_case())
    store.update_person("DEMO-0001", "mum", name="Jodie Price")  # the case file, the family stage

    def mums() -> list[str]:
        doc = store.load_case("DEMO-0001")
        assert doc is not None
        return [a.name for c in doc.conferences for a in c.attendees if a.person == "mum"]

    assert mums() == ["Jodie Price", "Jodie Price"]
    store.update_attendee("DEMO-0001", "rcpc1", "jodie", name="Jodie Hadley")  # from the register
    assert mums() == ["Jodie Hadley", "Jodie Hadley"]
    assert store.load_case("DEMO-0001").people[0].name == "Jodie Hadley"  # type: ignore[union-attr]
    # Linked later, or added linked without a name: named as the family and network names them.
    store.update_attendee("DEMO-0001", "rcpc1", "carol", person=None, name="Nan")
    store.update_attendee("DEMO-0001", "rcpc1", "carol", person="nan")
    aunt = store.add_attendee("DEMO-0001", "rcpc1", role="Aunt", agency="family", person="aunt")
    [conf] = [c for c in store.load_case("DEMO-0001").conferences if c.key == "rcpc1"]  # type: ignore[union-attr]
    names = {a.key: a.name for a in conf.attendees}
    assert (names["carol"], names[aunt]) == ("Carol Hadley", "Sarah Carver")
    store.remove_person("DEMO-0001", "mum")  # her attendance stays, under her last name
    assert [a.name for a in conference_of(store, "rcpc1").attendees if a.key == "jodie"] == [
        "Jodie Hadley"
    ]


def test_a_file_names_a_linked_attendee_as_the_person(store: Store, demo_data: dict) -> None:
    demo_data["conferences"][1]["attendees"][9]["name"] = "Jodie (mum)"
    store.import_case(parse_case(json.dumps(demo_data)))
    assert conference_of(store, "rcpc1").attendees[9].name == "Jodie Hadley"


def conference_of(store: Store, key: str) -> Any:
    doc = store.load_case("DEMO-0001")
    assert doc is not None
    return next(c for c in doc.conferences if c.key == key)


def test_a_refused_edit_writes_nothing(store: Store) -> None:
    store.import_case(demo_case())
    before = dump_case(store.load_case("DEMO-0001"))  # type: ignore[arg-type]
    with pytest.raises(EditError):
        store.update_child("DEMO-0001", "c1", date_of_birth=None)
    with pytest.raises(EditError):
        store.update_conference("DEMO-0001", "icpc", kind="medium")
    assert dump_case(store.load_case("DEMO-0001")) == before  # type: ignore[arg-type]


def test_attendees_vote_by_agency_and_record_contact(held: Store) -> None:
    held.add_child(
        "T-1", first_name="Kit", last_name="Test", date_of_birth=D(2020, 5, 1), subject=True
    )
    conf = held.add_conference("T-1", kind="initial", date=D(2027, 1, 14), chair="A Chair")
    pid = held.add_person("T-1", name="Pat Test", relationship="mother")
    nurse = held.add_attendee("T-1", conf, name="N One", role="Health visitor", agency="health",
                              direct_contact=["c1"])  # fmt: skip
    mum = held.add_attendee(
        "T-1", conf, name="Pat Test", role="Mother", agency="family", person=pid
    )
    held.update_attendee("T-1", conf, nurse, report_received=D(2027, 1, 11), direct_contact=[])
    with pytest.raises(EditError):
        held.update_attendee("T-1", conf, nurse, agency="the moon")
    with pytest.raises(EditError, match="no longer in this case"):
        held.update_attendee("T-1", conf, nurse, direct_contact=["c7"])
    [c] = held.load_case("T-1").conferences  # type: ignore[union-attr]
    a, b = c.attendees
    assert (a.key, a.votes, a.direct_contact, a.report_received) == (
        nurse,
        True,
        [],
        D(2027, 1, 11),
    )
    assert (b.key, b.votes, b.person) == (mum, False, pid)
    held.remove_person("T-1", pid)  # the attendee stays, no longer linked
    [c] = held.load_case("T-1").conferences  # type: ignore[union-attr]
    assert [x.person for x in c.attendees] == [None, None]
    held.remove_attendee("T-1", conf, nurse)
    assert [x.key for x in held.load_case("T-1").conferences[0].attendees] == [mum]  # type: ignore[union-attr]


def test_conferences_stay_oldest_first(held: Store) -> None:
    late = held.add_conference("T-1", kind="initial", date=D(2027, 3, 1))
    early = held.add_conference("T-1", kind="initial", date=D(2027, 1, 1))
    assert [c.key for c in held.load_case("T-1").conferences] == [early, late]  # type: ignore[union-attr]
    held.update_conference("T-1", early, date=D(2027, 4, 1))
    assert [c.key for c in held.load_case("T-1").conferences] == [late, early]  # type: ignore[union-attr]
    held.remove_conference("T-1", late)
    assert [c.key for c in held.load_case("T-1").conferences] == [early]  # type: ignore[union-attr]


def test_a_review_starts_from_the_last_conference(store: Store) -> None:
    store.import_case(demo_case(D(2026, 11, 26)))
    store.remove_conference("DEMO-0001", "rcpc1")
    key = store.add_conference("DEMO-0001", kind="review", date=D(2026, 11, 26), chair="A Chair")
    doc = store.load_case("DEMO-0001")
    assert doc is not None
    initial, review = doc.conferences
    assert review.key == key and review.status == "prepared"
    assert [(a.key, a.name, a.agency, a.votes, a.direct_contact) for a in review.attendees] == [
        (a.key, a.name, a.agency, a.votes, a.direct_contact) for a in initial.attendees
    ]
    assert {a.attendance for a in review.attendees} == {"present"}
    assert all(a.report_received is None and a.arrived is None for a in review.attendees)
    assert review.danger_statements == initial.danger_statements
    assert review.safety_goals == initial.safety_goals
    assert initial.plan is not None and review.plan is not None
    assert review.plan.actions == initial.plan.actions
    assert review.plan.core_group == initial.plan.core_group
    assert review.plan.review_conference is None and review.plan.recommendations == []
    assert not (review.mapping or review.votes or review.decisions or review.views)
    parse_case(dump_case(doc))  # still a valid case file


def test_events_cannot_be_dated_in_the_future(held: Store) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    words = "A date of birth cannot be in the future; for an unborn child give the expected"
    with pytest.raises(EditError, match=re.escape(words + " birth date.")):
        held.add_child("T-1", first_name="Kit", last_name="Test", date_of_birth=tomorrow)
    kit = held.add_child("T-1", first_name="Kit", last_name="Test", date_of_birth=TODAY)
    unborn = held.add_child("T-1", first_name="Baby", last_name="Test",
                            expected_birth_date=tomorrow)  # fmt: skip
    with pytest.raises(EditError, match="date of birth cannot be in the future"):
        held.update_child("T-1", unborn, date_of_birth=tomorrow, expected_birth_date=None)
    with pytest.raises(EditError, match="date of birth cannot be in the future"):
        held.update_child("T-1", kit, date_of_birth=tomorrow)
    conf = held.add_conference("T-1", kind="initial", date=tomorrow, chair="A Chair")
    with pytest.raises(EditError, match="received on a day still to come"):
        held.add_attendee("T-1", conf, name="N One", role="", agency="health",
                          report_received=tomorrow)  # fmt: skip
    nurse = held.add_attendee("T-1", conf, name="N One", role="", agency="health")
    with pytest.raises(EditError, match="shared on a day still to come"):
        held.update_attendee("T-1", conf, nurse, report_shared_with_family=tomorrow)
    held.update_attendee("T-1", conf, nurse, report_received=TODAY,
                         report_shared_with_family=TODAY)  # fmt: skip
    doc = held.load_case("T-1")
    assert doc is not None
    assert [c.date_of_birth for c in doc.children] == [TODAY, None]
    [attendee] = doc.conferences[0].attendees
    assert (attendee.report_received, attendee.report_shared_with_family) == (TODAY, TODAY)


def test_future_date_problem_is_a_pure_rule() -> None:
    assert edit_rules.future_date_problem({"date_of_birth": TODAY}, TODAY) is None
    assert edit_rules.future_date_problem({"expected_birth_date": D(2030, 1, 1)}, TODAY) is None
    assert edit_rules.future_date_problem({"report_received": None}, TODAY) is None
    assert "still to come" in str(
        edit_rules.future_date_problem({"report_shared_with_family": D(2027, 6, 2)}, TODAY)
    )


def test_the_same_conference_cannot_be_booked_twice(held: Store) -> None:
    first = held.add_conference("T-1", kind="review", date=D(2027, 7, 1), chair="A Chair")
    with pytest.raises(EditError, match="already has a review conference on that date"):
        held.add_conference("T-1", kind="review", date=D(2027, 7, 1), chair="B Chair")
    # another kind that day, or the same kind another day, is a different conference
    initial = held.add_conference("T-1", kind="initial", date=D(2027, 7, 1), chair="A Chair")
    later = held.add_conference("T-1", kind="review", date=D(2027, 7, 8), chair="A Chair")
    with pytest.raises(EditError, match="already has a review conference on that date"):
        held.update_conference("T-1", later, date=D(2027, 7, 1))
    with pytest.raises(EditError, match="already has a review conference on that date"):
        held.update_conference("T-1", initial, kind="review")
    held.update_conference("T-1", first, date=D(2027, 7, 1), venue="Room 2")  # itself: fine
    assert len(held.load_case("T-1").conferences) == 3  # type: ignore[union-attr]
    assert edit_rules.same_conference([("k1", "review", D(2027, 7, 1))], "review",
                                 D(2027, 7, 1), exclude="k1") is None  # fmt: skip
