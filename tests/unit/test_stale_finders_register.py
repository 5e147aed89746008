"""The finders for the opening's, the mapping's and the family history's keys (the end of
store/stale.py): an incident is found by which it is, and is gone when there is none; a save
checked against one refuses the other seat's change, and goes through from theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.demo import demo_case
from cpchair.store import StaleEdit, Store, edits
from cpchair.store.meeting import Meeting
from cpchair.store.read import read_case
from cpchair.store.rows import case_row
from cpchair.store.stale import GONE, Expect, incident

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


def found(store: Store, which: str, field: str, conference: str = "rcpc1") -> object:
    with store.session() as s:
        return incident(conference, which, field)(read_case(s, case_row(s, REF)))


def test_an_incident_is_found_by_which_it_is(store: Store, meeting: Meeting) -> None:
    assert found(store, "worst", "text") is GONE  # none recorded yet
    meeting.edit(edits.history.set_incident, which="last", text="Police called in June")
    meeting.edit(edits.history.set_incident, which="worst", text="Ruby hurt", confidential=True)
    assert found(store, "worst", "text") == "Ruby hurt"
    assert found(store, "worst", "confidential") is True
    assert found(store, "last", "text") == "Police called in June"
    assert found(store, "first", "date") is GONE
    assert found(store, "worst", "text", conference="nowhere") is GONE


def test_an_incident_changed_meanwhile_is_refused_then_saved_from_theirs(
    store: Store, meeting: Meeting
) -> None:
    meeting.edit(edits.history.set_incident, which="worst", text="Ruby hurt")
    other = Meeting(store, REF, "rcpc1")
    other.edit(edits.history.set_incident, which="worst", text="Ruby hurt, taken to A&E")
    find = incident("rcpc1", "worst", "text")
    version = store.case_version(REF)
    with pytest.raises(StaleEdit) as refused:
        meeting.edit_if(
            Expect(find, "Ruby hurt", "Ruby bruised"),
            edits.history.set_incident, which="worst", text="Ruby bruised",
        )  # fmt: skip
    assert refused.value.now == "Ruby hurt, taken to A&E"
    assert store.case_version(REF) == version  # nothing written
    meeting.edit_if(
        Expect(find, refused.value.now, "Ruby bruised"),
        edits.history.set_incident, which="worst", text="Ruby bruised",
    )  # fmt: skip
    assert found(store, "worst", "text") == "Ruby bruised"
