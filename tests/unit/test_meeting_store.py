"""The live meeting's edits: one transaction each, refused in plain words, locked once concluded."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.demo import demo_case
from cpchair.rules.participation import excluded_without_reason
from cpchair.store import EditError, Store, edits
from cpchair.store.meeting import Meeting

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, "DEMO-0001", "rcpc1")


def column(meeting: Meeting, name: str) -> list[str]:
    return [e.text for e in meeting.load().conf.mapping if e.column == name]


def test_ids_line_up_with_the_document_lists(meeting: Meeting) -> None:
    first = meeting.edit(
        edits.mapping.add_entry, column="strengths", text="Nan collects Ruby daily"
    ).value
    second = meeting.edit(
        edits.mapping.add_entry,
        column="past_harm",
        text="Police called in June",
        nature="fact",
        source="pol",
        children=["c1"],
        confidential=True,
    ).value
    state = meeting.load()
    assert state.ids["mapping"] == [first, second]
    entry = state.conf.mapping[1]
    assert (entry.nature, entry.source, entry.children, entry.confidential) == (
        "fact", "pol", ["c1"], True,
    )  # fmt: skip


def test_entries_move_reorder_and_come_back_after_deletion(meeting: Meeting) -> None:
    a = meeting.edit(edits.mapping.add_entry, column="strengths", text="A").value
    b = meeting.edit(edits.mapping.add_entry, column="strengths", text="B").value
    meeting.edit(edits.mapping.add_entry, column="grey_areas", text="G")
    assert meeting.edit(edits.mapping.shift_entry, b, -1).value
    assert column(meeting, "strengths") == ["B", "A"]
    assert not meeting.edit(edits.mapping.shift_entry, b, -1).value  # already at the top
    meeting.edit(edits.mapping.update_entry, a, column="grey_areas")
    assert column(meeting, "grey_areas") == ["G", "A"]  # to the end of its new column
    snapshot = meeting.edit(edits.mapping.delete_entry, b).value
    assert column(meeting, "strengths") == []
    meeting.edit(edits.mapping.restore_entry, snapshot)
    assert column(meeting, "strengths") == ["B"]


def test_bad_entries_are_refused_and_change_nothing(meeting: Meeting) -> None:
    with pytest.raises(EditError, match="entry cannot be empty"):
        meeting.edit(edits.mapping.add_entry, column="strengths", text="   ")
    with pytest.raises(EditError, match="not on this conference"):
        meeting.edit(edits.mapping.add_entry, column="strengths", text="x", source="nobody")
    with pytest.raises(EditError, match="children is no longer"):
        meeting.edit(edits.mapping.add_entry, column="strengths", text="x", children=["c99"])
    with pytest.raises(EditError):
        meeting.edit(edits.mapping.add_entry, column="worries", text="x")
    assert meeting.load().conf.mapping == []


def test_a_concluded_conference_is_locked(store: Store) -> None:
    store.import_case(demo_case(DAY))
    done = Meeting(store, "DEMO-0001", "icpc")
    before = store.load_case("DEMO-0001")
    with pytest.raises(EditError, match="concluded"):
        done.edit(edits.mapping.add_entry, column="strengths", text="late addition")
    with pytest.raises(EditError, match="concluded"):
        done.edit(edits.conference.update, venue="Elsewhere")
    with pytest.raises(EditError, match="concluded"):
        done.edit(edits.register.update_attendee, "sw", attendance="absent")
    assert store.load_case("DEMO-0001") == before
    done.keep(
        edits.working.save_draft, "mapping.capture", "still kept"
    )  # working state is never locked
    assert done.read(edits.working.drafts) == {"mapping.capture": "still kept"}


def test_danger_statements_pair_with_goals(meeting: Meeting) -> None:
    key = meeting.edit(
        edits.dangers.add_statement, "Ruby may be hurt if the fighting starts again", ["c1"]
    ).value
    goal = meeting.edit(edits.dangers.add_goal, "Ruby is safe at home", key, ["c1"]).value
    conf = meeting.load().conf
    assert conf.safety_goals[-1].danger_statement == key
    meeting.edit(edits.dangers.remove_statement, key)
    state = meeting.load()
    assert key not in [d.key for d in state.conf.danger_statements]
    assert state.conf.safety_goals[-1].danger_statement is None  # the goal stays, unpaired
    assert state.ids["safety_goals"][-1] == goal


def test_exclusions_views_and_incidents(meeting: Meeting) -> None:
    with pytest.raises(EditError, match="start at or before"):
        meeting.edit(
            edits.history.add_exclusion,
            attendee="liam",
            scope="part",
            reason="Bail conditions",
            from_stage="scaling",
            to_stage="opening",
        )
    ex = meeting.edit(
        edits.history.add_exclusion,
        attendee="liam",
        scope="part",
        reason="Bail conditions",
        from_stage="history",
        to_stage="mapping",
    ).value
    view = meeting.edit(
        edits.history.add_view, whose="c1", how="advocate", summary="Ruby likes her new school"
    ).value
    with pytest.raises(EditError, match="child or a family member"):
        meeting.edit(edits.history.add_view, whose="pol", how="written", summary="x")
    meeting.edit(
        edits.history.set_incident, which="worst", date=dt.date(2026, 6, 1), text="An assault"
    )
    meeting.edit(
        edits.history.set_incident, which="worst", date=None, text="An assault while pregnant"
    )
    conf = meeting.load().conf
    assert [i.text for i in conf.incidents] == ["An assault while pregnant"]
    assert conf.exclusions[0].attendee == "liam" and conf.views[0].whose == "c1"
    meeting.edit(edits.history.remove_row, "exclusion", ex)
    meeting.edit(edits.history.remove_row, "view", view)
    meeting.edit(edits.history.set_incident, which="worst", date=None, text="")
    conf = meeting.load().conf
    assert (conf.exclusions, conf.views, conf.incidents) == ([], [], [])


def test_an_incidents_save_keeps_what_it_does_not_name(meeting: Meeting) -> None:
    """Two seats: the words saved here never write back the date the other seat has just
    set, nor its tick."""
    meeting.edit(edits.history.set_incident, which="first", text="A row over money")
    meeting.edit(edits.history.set_incident, which="first", date=dt.date(2026, 3, 2),
                 confidential=True)  # fmt: skip
    meeting.edit(edits.history.set_incident, which="first", text="A row over money; police called")
    (first,) = meeting.load().conf.incidents
    assert (first.date, first.text, first.confidential) == (
        dt.date(2026, 3, 2), "A row over money; police called", True,
    )  # fmt: skip
    with pytest.raises(EditError, match="a date alone is not enough"):
        meeting.edit(edits.history.set_incident, which="first", text="")
    meeting.edit(edits.history.set_incident, which="first", date=None, text="")
    assert meeting.load().conf.incidents == []


def test_an_exclusion_from_the_register_marks_the_person_excluded_with_it(
    meeting: Meeting,
) -> None:
    def liam() -> str:
        return next(a.attendance for a in meeting.load().conf.attendees if a.key == "liam")

    with pytest.raises(EditError, match="reason"):
        meeting.edit(edits.register.exclude, attendee="liam", scope="part", reason=" ")
    assert liam() == "present"  # refused: not marked either
    meeting.edit(edits.register.exclude, attendee="liam", scope="whole", reason="Bail conditions")
    conf = meeting.load().conf
    assert (liam(), [(x.attendee, x.scope) for x in conf.exclusions]) == (
        "excluded", [("liam", "whole")],
    )  # fmt: skip
    assert excluded_without_reason(conf) == frozenset()
    meeting.edit(
        edits.register.update_attendee, "carol", attendance="excluded"
    )  # as a file or the form may say
    assert excluded_without_reason(meeting.load().conf) == {"carol"}


def test_drafts_and_stage_visits_survive_in_the_database(meeting: Meeting, store: Store) -> None:
    meeting.keep(edits.working.save_draft, "mapping.capture", "s: Nan is")
    t0 = dt.datetime(2026, 11, 26, 10, 0)
    minutes = dt.timedelta(minutes=1)
    meeting.keep(edits.working.enter_stage, "opening", t0)
    meeting.keep(edits.working.enter_stage, "mapping", t0 + 5 * minutes)
    meeting.keep(edits.working.mark_time, t0 + 9 * minutes)  # a heartbeat, then the laptop dies
    again = Meeting(store, "DEMO-0001", "rcpc1")
    assert again.read(edits.working.drafts) == {"mapping.capture": "s: Nan is"}
    again.keep(edits.working.enter_stage, "mapping", t0 + 30 * minutes, close_previous=False)
    visits = again.read(edits.working.stage_visits)
    assert [(v[0], v[2] - v[1]) for v in visits] == [
        ("opening", 5 * minutes), ("mapping", 4 * minutes), ("mapping", 0 * minutes),
    ]  # fmt: skip
    again.keep(edits.working.save_draft, "mapping.capture", "")
    assert again.read(edits.working.drafts) == {}
    # Working state stays out of the record.
    assert "draft" not in store.load_case("DEMO-0001").model_dump_json()


def test_begin_marks_a_prepared_conference_in_progress_once(meeting: Meeting) -> None:
    assert meeting.edit(edits.conference.begin).value
    assert meeting.load().conf.status == "in_progress"
    assert not meeting.edit(edits.conference.begin).value


def test_an_edit_names_its_part_and_a_case_file_edit_is_refused_before_it_runs(
    meeting: Meeting, store: Store
) -> None:
    changed = meeting.edit(edits.mapping.add_entry, column="strengths", text="Nan helps")
    assert changed.part == "mapping" and isinstance(changed.value, int)
    before = store.load_case("DEMO-0001")
    with pytest.raises(ValueError, match="not an edit of a meeting"):
        meeting.edit(edits.case.update_case, {"family_name": "Changed"})
    assert store.load_case("DEMO-0001") == before
