"""Compare-and-set on a field: a save made from a value someone else changed meanwhile is
refused with their change in plain words, and nothing is written (store/stale.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.demo import demo_case
from cpchair.store import EditError, StaleEdit, Store, edits
from cpchair.store.meeting import Meeting
from cpchair.store.stale import Expect, in_case, in_conference, listed, message, words

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"
THEIRS = "Nan has the girls on Tuesdays"


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


@pytest.fixture
def entry(meeting: Meeting) -> int:
    return meeting.edit(edits.mapping.add_entry, column="strengths", text="Nan helps").value


def text_of(meeting: Meeting, entry_id: int) -> str:
    state = meeting.load()
    return state.conf.mapping[state.ids["mapping"].index(entry_id)].text


def expect(entry_id: int, field: str, was: object, to: object) -> Expect:
    return Expect(listed("rcpc1", "mapping", entry_id, field), was, to)


def test_a_save_from_the_value_held_goes_through(meeting: Meeting, entry: int) -> None:
    meeting.edit_if(
        expect(entry, "text", "Nan helps", "Nan helps daily"),
        edits.mapping.update_entry, entry, text="Nan helps daily",
    )  # fmt: skip
    assert text_of(meeting, entry) == "Nan helps daily"


def test_a_save_from_a_value_changed_meanwhile_is_refused_and_writes_nothing(
    store: Store, meeting: Meeting, entry: int
) -> None:
    other = Meeting(store, REF, "rcpc1")  # the other seat
    other.edit(edits.mapping.update_entry, entry, text=THEIRS)
    version, trail = store.case_version(REF), len(store.audit_lines(REF))
    with pytest.raises(StaleEdit) as refused:
        meeting.edit_if(
            expect(entry, "text", "Nan helps", "Mine"),
            edits.mapping.update_entry,
            entry,
            text="Mine",
        )
    assert isinstance(refused.value, EditError)  # every refusal path already shows one
    assert refused.value.now == THEIRS  # the editor saves again from theirs
    assert str(refused.value) == (
        f'Changed meanwhile by someone else: it now reads "{THEIRS}". '
        "What you typed is still here: save again to put it in place of theirs."
    )
    assert text_of(meeting, entry) == THEIRS
    assert store.case_version(REF) == version  # nothing written
    assert len(store.audit_lines(REF)) == trail  # and no audit line
    # Saving again, from theirs, is deliberate: it goes through.
    meeting.edit_if(
        expect(entry, "text", THEIRS, "Mine"), edits.mapping.update_entry, entry, text="Mine"
    )
    assert text_of(meeting, entry) == "Mine"


def test_a_change_to_another_field_meanwhile_is_no_reason_to_refuse(
    meeting: Meeting, entry: int
) -> None:
    meeting.edit(edits.mapping.update_entry, entry, confidential=True)  # the other seat
    meeting.edit_if(
        expect(entry, "text", "Nan helps", "Nan helps daily"),
        edits.mapping.update_entry, entry, text="Nan helps daily",
    )  # fmt: skip
    state = meeting.load()
    assert (state.conf.mapping[0].text, state.conf.mapping[0].confidential) == (
        "Nan helps daily", True,
    )  # fmt: skip


def test_the_same_change_made_meanwhile_is_no_conflict(meeting: Meeting, entry: int) -> None:
    meeting.edit(edits.mapping.update_entry, entry, text="Nan helps daily")
    meeting.edit_if(
        expect(entry, "text", "Nan helps", "Nan helps daily"),
        edits.mapping.update_entry, entry, text="Nan helps daily",
    )  # fmt: skip
    assert text_of(meeting, entry) == "Nan helps daily"


def test_a_record_gone_meanwhile_is_refused_as_not_found(
    store: Store, meeting: Meeting, entry: int
) -> None:
    meeting.edit(edits.mapping.delete_entry, entry)
    version = store.case_version(REF)
    with pytest.raises(EditError) as refused:
        meeting.edit_if(
            expect(entry, "text", "Nan helps", "Mine"),
            edits.mapping.update_entry,
            entry,
            text="Mine",
        )
    assert not isinstance(refused.value, StaleEdit)
    assert store.case_version(REF) == version


def test_without_an_expectation_the_last_save_wins_as_before(meeting: Meeting, entry: int) -> None:
    meeting.edit(edits.mapping.update_entry, entry, text=THEIRS)
    meeting.edit(edits.mapping.update_entry, entry, text="Mine")
    assert text_of(meeting, entry) == "Mine"


def test_keyed_records_of_the_case_and_of_a_conference(store: Store) -> None:
    store.import_case(demo_case(DAY))
    # A child's date: compared as a date.
    born = dt.date(2017, 4, 18)
    store.update_child(REF, "c1", date_of_birth=dt.date(2017, 4, 19))  # the other seat
    with pytest.raises(StaleEdit, match='now reads "19 April 2017"'):
        store.update_child(
            REF, "c1", date_of_birth=dt.date(2017, 5, 1),
            expect=Expect(in_case("children", "c1", "date_of_birth"), born),
        )  # fmt: skip
    # A family member's contact, emptied meanwhile.
    store.update_person(REF, "nan", contact=None)
    with pytest.raises(StaleEdit, match="it is now empty"):
        store.update_person(
            REF, "nan", contact="x",
            expect=Expect(in_case("people", "nan", "contact"), "14 Orchard Way; 07700 900233"),
        )  # fmt: skip
    # Empty is empty: None, "" and [] alike.
    store.update_person(
        REF, "nan", contact="14 Orchard Way",
        expect=Expect(in_case("people", "nan", "contact"), ""),
    )  # fmt: skip
    # An attendee's role, in a conference.
    store.update_attendee(REF, "rcpc1", "hv", role="school nurse")
    with pytest.raises(StaleEdit, match='now reads "school nurse"'):
        store.update_attendee(
            REF, "rcpc1", "hv", role="health visitor (lead)",
            expect=Expect(in_conference("rcpc1", "attendees", "hv", "role"), "Health visitor"),
        )  # fmt: skip
    doc = store.load_case(REF)
    assert doc is not None
    assert doc.children[0].date_of_birth == dt.date(2017, 4, 19)
    assert next(a for a in doc.conferences[1].attendees if a.key == "hv").role == "school nurse"


def test_the_message_is_short_and_plain() -> None:
    long = "word " * 40
    said = message(long)
    quoted = said.split('"')[1]
    assert len(quoted) <= 60 and quoted.endswith("…")
    assert "\n" not in message("two\nlines")
    assert "it is now ticked" in message(True)
    chosen = message("strengths", words({"strengths": "What's working well"}), typed=False)
    assert chosen.startswith("Changed meanwhile by someone else: it now reads \"What's working")
    assert "Your change is still shown" in chosen
    assert 'it now reads "Ruby, Mia"' in message(["c1", "c2"], words({"c1": "Ruby", "c2": "Mia"}))
