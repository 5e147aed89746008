"""Compare-and-set on the fields of the plan's rows, the opening's rows, the escalation and the
case's own details: a save made from a value the other seat changed meanwhile is refused with
their words, nothing written; saving again from theirs goes through (store/stale.py).

The record editors are driven here through their fields' saves, without an app: what the
dialog hands the store is what is checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cpchair.demo import demo_case
from cpchair.dialogs.opening_rows import exclusion_editor, view_editor
from cpchair.dialogs.plan_rows import action_editor, text_editor
from cpchair.dialogs.record import RecordEditor
from cpchair.dialogs.scaling import escalation_editor
from cpchair.store import StaleEdit, Store, edits
from cpchair.store.meeting import Meeting
from cpchair.store.stale import GONE, Expect, of_case, of_conference, planned
from cpchair.widgets.fields import BaseField

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"
THEIRS = "Nan collects the girls from school"
MINE = "The girls' aunt collects them"


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


def save(editor: RecordEditor, label: str) -> Any:
    """The save of the editor's field `label`, as its field would call it."""
    fields: list[BaseField] = editor.make_fields(editor)
    return next(f for f in fields if f.label == label).save


def refused_then_saved(store: Store, save_it: Any, value: Any, theirs: Any, now: Any) -> None:
    """Saving `value` is refused with `theirs` in its words, nothing written; saving again
    from theirs goes through."""
    version = store.case_version(REF)
    with pytest.raises(StaleEdit) as refused:
        save_it(value)
    assert refused.value.now == theirs
    assert "Changed meanwhile by someone else" in str(refused.value)
    assert now() == theirs
    assert store.case_version(REF) == version  # nothing written
    save_it(value)  # again, knowing theirs: deliberate
    assert now() == value


def test_a_plan_action_changed_meanwhile(store: Store, meeting: Meeting) -> None:
    row = meeting.read(edits.plan.plan_ids)["actions"][1]
    other = Meeting(store, REF, "rcpc1")
    editor = action_editor(meeting, meeting.load(), row)
    what = save(editor, "What")
    other.edit(edits.plan.update_action, row, what=THEIRS)  # behind its back

    def now() -> str:
        return meeting.load().conf.plan.actions[1].what  # type: ignore[union-attr]

    refused_then_saved(store, what, MINE, THEIRS, now)
    # The finder reads the row by its id, not its place: one added before it changes nothing.
    find = planned("rcpc1", "actions", row, "what")
    with store.session() as s:
        from cpchair.store.read import read_case
        from cpchair.store.rows import case_row

        assert find(read_case(s, case_row(s, REF))) == MINE


def test_a_plan_action_changed_to_the_same_meanwhile_is_no_conflict(
    store: Store, meeting: Meeting
) -> None:
    row = meeting.read(edits.plan.plan_ids)["actions"][0]
    editor = action_editor(meeting, meeting.load(), row)
    status = save(editor, "Status")
    meeting.edit(edits.plan.update_action, row, confidential=True)  # another field
    status("done")
    assert meeting.load().conf.plan.actions[0].status == "done"  # type: ignore[union-attr]


def test_a_plan_outcome_changed_meanwhile(store: Store, meeting: Meeting) -> None:
    row = meeting.read(edits.plan.plan_ids)["outcomes"][0]
    editor = text_editor(meeting, meeting.load(), "outcomes", row)
    words = save(editor, "Outcome for the children")
    meeting.edit(edits.plan.update_text, "outcomes", row, THEIRS)

    def now() -> str:
        return meeting.load().conf.plan.outcomes[0]  # type: ignore[union-attr]

    refused_then_saved(store, words, MINE, THEIRS, now)


def test_an_exclusion_and_a_view_changed_meanwhile(store: Store, meeting: Meeting) -> None:
    meeting.edit(edits.history.add_exclusion, attendee="hv", scope="part", reason="Asked to")
    meeting.edit(edits.history.add_view, whose="c1", how="in_person", summary="I like school")
    state = meeting.load()
    row = state.ids["exclusions"][0]
    editor = exclusion_editor(meeting, state, row, None, lambda: None)
    reason = save(editor, "Reason")
    meeting.edit(edits.history.update_exclusion, row, reason=THEIRS)

    def reason_now() -> str:
        return meeting.load().conf.exclusions[0].reason

    refused_then_saved(store, reason, MINE, THEIRS, reason_now)
    # A choice is put in words: the scope's label, not its code.
    scope = save(exclusion_editor(meeting, meeting.load(), row, None, lambda: None), "For")
    held = meeting.load().conf.exclusions[0].scope
    other = "whole" if held == "part" else "part"
    meeting.edit(edits.history.update_exclusion, row, scope=other)
    with pytest.raises(StaleEdit, match=r'now reads "(The whole meeting|Part of the meeting)"'):
        scope(held)

    view = state.ids["views"][0]
    summary = save(view_editor(meeting, state, view, lambda: None), "What they said")
    meeting.edit(edits.history.update_view, view, summary=THEIRS)

    def summary_now() -> str:
        return meeting.load().conf.views[0].summary

    refused_then_saved(store, summary, MINE, THEIRS, summary_now)


def test_the_escalation_changed_meanwhile(store: Store, meeting: Meeting) -> None:
    rcpc = meeting
    at = dt.datetime(2026, 11, 26, 10, 30)
    rcpc.edit(edits.scaling.set_overall, 1, at=at)
    esc = rcpc.load().conf.escalation
    assert esc is not None

    def write(expect: Expect, **changes: Any) -> None:
        rcpc.edit_if(expect, edits.scaling.update_escalation, **changes)

    # Naming whom records the time as well: this window's own change, no reason to refuse
    # the time typed after it.
    first = escalation_editor(esc, at, "rcpc1", write)
    fields = {f.label: f.save for f in first.make_fields(first)}
    fields["Told whom"]("Ann Lee, service manager")
    fields["Told at"](at.replace(hour=12, minute=5))
    assert rcpc.load().conf.escalation.notified_at == at.replace(hour=12, minute=5)  # type: ignore[union-attr]
    rcpc.edit(edits.scaling.update_escalation, to=None, notified_at=None)
    esc = rcpc.load().conf.escalation
    assert esc is not None

    editor = escalation_editor(esc, at, "rcpc1", write)
    whom = save(editor, "Told whom")
    rcpc.edit(edits.scaling.update_escalation, to="Sam Okafor, service manager")

    def now() -> str | None:
        told = rcpc.load().conf.escalation
        return told.to if told else None

    refused_then_saved(store, whom, "Jo Reed, head of service", "Sam Okafor, service manager", now)
    assert rcpc.load().conf.escalation.notified_at == at  # type: ignore[union-attr]


def test_the_case_details_changed_meanwhile(store: Store) -> None:
    store.import_case(demo_case(DAY))
    store.update_case(REF, family_name="Hadley-Carver")  # the other seat
    with pytest.raises(StaleEdit, match='now reads "Hadley-Carver"'):
        store.update_case(
            REF, family_name="Carver", expect=Expect(of_case("family_name"), "Hadley", "Carver")
        )
    assert store.load_case(REF).family_name == "Hadley-Carver"  # type: ignore[union-attr]
    team = Expect(of_case("lead_social_worker", "team"), "Family Safeguarding Team (North)")
    store.update_case(REF, lead_social_worker_team="South")
    with pytest.raises(StaleEdit, match='now reads "South"'):
        store.update_case(REF, lead_social_worker_team="East", expect=team)
    store.update_case(REF, lead_social_worker_team="East", expect=Expect(team.find, "South"))
    # A part of a conference that is not there holds nothing: it is not a record gone.
    with store.session() as s:
        from cpchair.store.read import read_case
        from cpchair.store.rows import case_row

        now = read_case(s, case_row(s, REF))
    assert of_conference("rcpc1", "escalation", "to")(now) is None
    assert of_conference("icpc", "plan", "contingency")(now) is not None
    assert of_conference("gone", "plan")(now) is GONE


def test_a_conference_field_changed_meanwhile(store: Store, meeting: Meeting) -> None:
    """The opening's late reason, as its field saves it (screens/stages/opening.py)."""
    meeting.edit(edits.conference.update, late_reason="The interpreter was late")
    expect = Expect(of_conference("rcpc1", "late_reason"), None, "Traffic")
    version = store.case_version(REF)
    with pytest.raises(StaleEdit, match='now reads "The interpreter was late"'):
        meeting.edit_if(expect, edits.conference.update, late_reason="Traffic")
    assert store.case_version(REF) == version
    again = Expect(expect.find, "The interpreter was late", "Traffic")
    meeting.edit_if(again, edits.conference.update, late_reason="Traffic")
    assert meeting.load().conf.late_reason == "Traffic"
