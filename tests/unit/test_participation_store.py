"""The store's edits for participation and the new keys: each written, refused in plain words,
and a refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.demo import demo_case
from cpchair.store import EditError, Store, edits
from cpchair.store.meeting import Meeting

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


# --- the case file and the invitations ---------------------------------------------------------


def test_people_and_children_take_contact_no_contact_and_language(meeting: Meeting) -> None:
    store = meeting.store
    store.update_person(REF, "mum", contact="Flat 9, 1 Long Road", interpreter_language="Polish")
    store.update_person(REF, "dad", no_contact=True)
    store.update_child(REF, "c1", interpreter_language="British Sign Language")
    case = store.load_case(REF)
    assert case is not None
    mum, dad = case.people[0], case.people[1]
    assert (mum.contact, mum.interpreter_language, dad.no_contact) == (
        "Flat 9, 1 Long Road", "Polish", True,
    )  # fmt: skip
    assert case.children[0].interpreter_language == "British Sign Language"
    key = store.add_person(REF, name="New Person", relationship="Uncle", contact="07700 900111")
    assert store.load_case(REF).people[-1].key == key  # type: ignore[union-attr]


def test_attendees_take_contact_and_a_reason_for_absence(meeting: Meeting) -> None:
    store = meeting.store
    store.update_attendee(REF, "rcpc1", "nur", contact="01632 960000",
                          absence_reason="Inspection day")  # fmt: skip
    store.update_conference(REF, "rcpc1", chair_contact="01632 960400",
                            late_reason="Moved at the family's request")  # fmt: skip
    conf = meeting.load().conf
    nur = next(a for a in conf.attendees if a.key == "nur")
    assert (nur.contact, nur.absence_reason) == ("01632 960000", "Inspection day")
    assert (conf.chair_contact, conf.late_reason) == (
        "01632 960400",
        "Moved at the family's request",
    )


def test_a_family_member_is_never_the_interpreter(meeting: Meeting) -> None:
    """004: "A family member should not be expected to act as an interpreter"."""
    store = meeting.store
    before = store.load_case(REF)
    with pytest.raises(EditError, match="family member cannot be the interpreter"):
        store.update_attendee(REF, "rcpc1", "carol", agency="interpreter")
    with pytest.raises(EditError, match="family member cannot be the interpreter"):
        store.add_attendee(REF, "rcpc1", name="Carol", role="", agency="interpreter",
                           attendance="present", person="nan")  # fmt: skip
    key = store.add_attendee(REF, "rcpc1", name="Anna Nowak", role="Polish interpreter",
                             agency="interpreter", attendance="present")  # fmt: skip
    with pytest.raises(EditError, match="family member cannot be the interpreter"):
        store.update_attendee(REF, "rcpc1", key, person="mum")
    store.update_attendee(REF, "rcpc1", "carol", agency="supporter")  # any other agency is fine
    after = store.load_case(REF)
    assert after is not None and before is not None
    assert [a.key for a in after.conferences[1].attendees][-1] == key
    held = next(a for a in after.conferences[1].attendees if a.key == key)
    assert held.person is None
    # The live meeting's register goes through the same check.
    with pytest.raises(EditError, match="family member cannot be the interpreter"):
        meeting.edit(edits.register.update_attendee, "jodie", agency="interpreter")


# --- the opening ------------------------------------------------------------------------------


def test_views_not_given_one_reason_each(meeting: Meeting) -> None:
    first = meeting.edit(
        edits.participation.add_view_not_given,
        whose="dad",
        reason="  Did not reply to two letters ",
    ).value
    meeting.edit(edits.participation.add_view_not_given, whose="c2", reason="Too young")
    state = meeting.load()
    assert [(v.whose, v.reason) for v in state.conf.views_not_given] == [
        ("dad", "Did not reply to two letters"), ("c2", "Too young"),
    ]  # fmt: skip
    assert state.ids["views_not_given"][0] == first
    with pytest.raises(EditError, match="already recorded"):
        meeting.edit(edits.participation.add_view_not_given, whose="dad", reason="Again")
    with pytest.raises(EditError, match="already recorded"):
        meeting.edit(edits.participation.update_view_not_given, first, whose="c2")
    with pytest.raises(EditError, match="cannot be empty"):
        meeting.edit(edits.participation.update_view_not_given, first, reason="   ")
    with pytest.raises(EditError, match="Choose a child or a family member"):
        meeting.edit(edits.participation.add_view_not_given, whose="nobody", reason="x")
    meeting.edit(
        edits.participation.update_view_not_given,
        first,
        whose="mum",
        reason="Spoke to the chair beforehand",
    )
    assert meeting.load().conf.views_not_given[0].whose == "mum"
    meeting.edit(edits.history.remove_row, "view_not_given", first)
    assert [v.whose for v in meeting.load().conf.views_not_given] == ["c2"]


def test_a_child_without_an_advocate_and_why(meeting: Meeting) -> None:
    """002: children over 8 "should be offered the opportunity" of an advocate."""
    row = meeting.edit(
        edits.participation.add_advocate_not_used, child="c1", reason="Offered; Ruby said no"
    ).value
    assert [(x.child, x.reason) for x in meeting.load().conf.advocate_not_used] == [
        ("c1", "Offered; Ruby said no")
    ]
    with pytest.raises(EditError, match="already recorded"):
        meeting.edit(edits.participation.add_advocate_not_used, child="c1", reason="Twice")
    with pytest.raises(EditError, match="Choose the child"):
        meeting.edit(edits.participation.add_advocate_not_used, child="mum", reason="Not a child")
    with pytest.raises(EditError, match="cannot be empty"):
        meeting.edit(edits.participation.add_advocate_not_used, child="c2", reason="")
    meeting.edit(
        edits.participation.update_advocate_not_used, row, reason="No parental consent yet"
    )
    assert meeting.load().conf.advocate_not_used[0].reason == "No parental consent yet"
    meeting.edit(edits.history.remove_row, "advocate_not_used", row)
    assert meeting.load().conf.advocate_not_used == []


def test_the_chairs_choice_of_record_for_an_exclusion(meeting: Meeting) -> None:
    """004: "The Chair should decide if the entire record is provided or only that part
    attended by the excluded parent"."""
    row = meeting.edit(
        edits.history.add_exclusion, attendee="liam", scope="part", reason="Bail conditions"
    ).value
    assert meeting.load().conf.exclusions[0].record is None  # not yet chosen
    meeting.edit(edits.history.update_exclusion, row, record="whole")
    assert meeting.load().conf.exclusions[0].record == "whole"
    with pytest.raises(EditError):
        meeting.edit(edits.history.update_exclusion, row, record="some")
    assert meeting.load().conf.exclusions[0].record == "whole"
    second = meeting.edit(
        edits.history.add_exclusion, attendee="jodie", scope="part", reason="x", record="attended"
    ).value
    assert meeting.load().ids["exclusions"][1] == second
    assert meeting.load().conf.exclusions[1].record == "attended"


def test_views_incidents_and_actions_are_marked_confidential(meeting: Meeting) -> None:
    view = meeting.edit(
        edits.history.add_view,
        whose="mum",
        how="in_person",
        summary="Said a thing",
        confidential=True,
    ).value
    meeting.edit(edits.history.add_view, whose="dad", how="in_person", summary="Said another")
    assert [v.confidential for v in meeting.load().conf.views] == [True, False]
    meeting.edit(edits.history.update_view, view, confidential=False)
    assert meeting.load().conf.views[0].confidential is False

    meeting.edit(edits.history.set_incident, which="worst", text="Something happened")
    meeting.edit(edits.history.mark_incident, "worst", True)
    meeting.edit(
        edits.history.set_incident, which="worst", text="Something happened, reworded"
    )  # keeps the mark
    [incident] = meeting.load().conf.incidents
    assert (incident.text, incident.confidential) == ("Something happened, reworded", True)
    with pytest.raises(EditError, match="Nothing is recorded"):
        meeting.edit(edits.history.mark_incident, "first", True)

    action = meeting.edit(
        edits.plan.add_action, what="Tell the police", who="Social worker", confidential=True
    ).value
    plan = meeting.load().conf.plan
    assert plan is not None and plan.actions[-1].confidential is True
    meeting.edit(edits.plan.update_action, action, confidential=False)
    with pytest.raises(EditError, match="yes or no"):
        meeting.edit(edits.plan.update_action, action, confidential="no")
    plan = meeting.load().conf.plan
    assert plan is not None and plan.actions[-1].confidential is False


def test_the_concluded_conference_refuses_the_new_edits(store: Store) -> None:
    store.import_case(demo_case(DAY))
    done = Meeting(store, REF, "icpc")
    before = store.load_case(REF)
    for edit in (
        lambda: done.edit(edits.participation.add_view_not_given, whose="dad", reason="x"),
        lambda: done.edit(edits.participation.add_advocate_not_used, child="c1", reason="x"),
        lambda: done.edit(edits.history.mark_incident, "worst", True),
    ):
        with pytest.raises(EditError, match="concluded"):
            edit()
    assert store.load_case(REF) == before
