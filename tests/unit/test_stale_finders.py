"""Where the scaling's scores, the views and the decisions are found for a compare-and-set
(store/stale.py): one attendee's score on one scale, one attendee's view for one child, one
child's decision. Nothing given holds nothing (None); a record not there is gone."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.demo import demo_case
from cpchair.store import StaleEdit, Store, edits
from cpchair.store.meeting import Meeting
from cpchair.store.read import CaseRead, read_case
from cpchair.store.rows import case_row
from cpchair.store.stale import GONE, Expect, decided, scored, voted

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"


@pytest.fixture
def meeting(store: Store) -> Meeting:
    store.import_case(demo_case(DAY))
    return Meeting(store, REF, "rcpc1")


def now(store: Store) -> CaseRead:
    with store.session() as s:
        return read_case(s, case_row(s, REF))


def test_a_score_on_one_scale(store: Store, meeting: Meeting) -> None:
    overall = scored("rcpc1", "sw", "score")
    ruby = scored("rcpc1", "sw", "score", child="c1")
    assert overall(now(store)) is None  # not given: nothing
    meeting.edit(edits.scaling.set_score, "sw", 4, child="c1")
    meeting.edit(edits.scaling.set_score, "pol", 6)
    assert (overall(now(store)), ruby(now(store))) == (None, 4)  # each scale its own
    assert scored("rcpc1", "pol", "score")(now(store)) == 6
    assert scored("rcpc1", "sw", "reason", child="c1")(now(store)) == ""
    assert scored("rcpc1", "sw", "confidential", child="c1")(now(store)) is False
    assert scored("rcpc1", "nobody", "score")(now(store)) is GONE
    assert scored("icpc9", "sw", "score")(now(store)) is GONE
    # The other seat scored Ruby meanwhile: a key made from "none" is refused, nothing written.
    version = store.case_version(REF)
    with pytest.raises(StaleEdit) as refused:
        meeting.edit_if(Expect(ruby, None, 7, key=True), edits.scaling.set_score, "sw", 7,
                        child="c1")  # fmt: skip
    assert refused.value.now == 4
    assert store.case_version(REF) == version
    # Hidden, the refusal says what the screen shows, never the score.
    hidden = Expect(scored("rcpc1", "pol", "score"), 2, say=lambda _: "written down", key=True)
    with pytest.raises(StaleEdit) as refused:
        meeting.edit_if(hidden, edits.scaling.set_score, "pol", 6)
    assert '"written down"' in str(refused.value) and "6" not in str(refused.value)


def test_a_view_for_one_child(store: Store, meeting: Meeting) -> None:
    view = voted("rcpc1", "pol", "c2", "vote")
    assert view(now(store)) is None
    meeting.edit(edits.decisions.set_vote, "pol", "c2", "plan", "Ruby's bruising")
    meeting.edit(edits.decisions.set_vote, "pol", "c1", "child_in_need")
    assert view(now(store)) == "plan"
    assert voted("rcpc1", "pol", "c2", "reason")(now(store)) == "Ruby's bruising"
    assert voted("rcpc1", "pol", "c3", "vote")(now(store)) is None
    assert voted("rcpc1", "pol", "c9", "vote")(now(store)) is GONE
    assert voted("rcpc1", "nobody", "c2", "vote")(now(store)) is GONE


def test_a_childs_decision(store: Store, meeting: Meeting) -> None:
    found = decided("rcpc1", "c1")
    assert found(now(store)) is None
    for who in ("sw", "pol", "hv", "sch", "mw", "ida"):
        meeting.edit(edits.decisions.set_vote, who, "c1", "no_further_action")
    meeting.edit(edits.decisions.record_decision, "c1", outcome="no_further_action",
                 method="unanimous")  # fmt: skip
    held = found(now(store))
    assert (held.outcome, held.method) == ("no_further_action", "unanimous")
    assert decided("rcpc1", "c9")(now(store)) is GONE
    assert decided("icpc9", "c1")(now(store)) is GONE
