"""A case goes in whole or not at all, and comes out whole."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.caseio import CaseDoc, parse_case
from cpchair.caseio.schema import AdvocateNotUsedDoc, DissentDoc, ReopeningDoc
from cpchair.store import Store, edits, write
from cpchair.store.meeting import Meeting

from .helpers import row_counts, same_case


def _fail_after_first_plan(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the writer write a plan's rows, then fail: an import dying halfway through."""
    original = write._insert
    calls: list[int] = []

    def insert_then_fail(session, entity, held, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(session, entity, held, *args, **kwargs)
        if entity.field == "plan" and held is not None:
            calls.append(1)
            raise RuntimeError("disk unplugged")

    monkeypatch.setattr(write, "_insert", insert_then_fail)
    return calls


def test_a_replace_that_fails_halfway_keeps_the_old_case(
    store: Store, demo_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = parse_case(demo_text)
    store.import_case(old)
    before = row_counts(store.engine)
    new = old.model_copy(update={"family_name": "Otherfamily"})

    calls = _fail_after_first_plan(monkeypatch)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        store.import_case(new, replace=True)
    assert calls  # it really failed partway, with rows already written

    assert row_counts(store.engine) == before
    assert same_case(store.load_case(old.reference), old)


def test_a_new_import_that_fails_halfway_leaves_no_rows(
    store: Store, demo_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = parse_case(demo_text)
    calls = _fail_after_first_plan(monkeypatch)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        store.import_case(doc)
    assert calls
    counts = row_counts(store.engine)
    assert counts and set(counts.values()) == {0}, counts

    monkeypatch.undo()  # and the store is fit for the next import
    store.import_case(doc)
    assert same_case(store.load_case(doc.reference), doc)


def test_deleting_a_case_removes_every_row_under_it_and_nothing_else(
    store: Store, demo_text: str
) -> None:
    keep = parse_case(demo_text)
    keep.conferences[0].reopened.append(
        ReopeningDoc(at=dt.datetime(2026, 9, 3, 12, 5), reason="Correct the review date")
    )
    # The demo's school view is a minority view, not a dissent: a formal dissent fills that table.
    keep.conferences[0].decisions[0].dissents.append(
        DissentDoc(attendee="sch", reason="School challenges the plan through the dissent process")
    )
    keep.conferences[0].advocate_not_used.append(
        AdvocateNotUsedDoc(child="c4", reason="Not a subject child; offered all the same")
    )
    other: CaseDoc = keep.model_copy(update={"reference": "DEMO-0002"})

    def fill(doc: CaseDoc) -> None:  # the case, and the working state of a live meeting
        store.import_case(doc)
        meeting = Meeting(store, doc.reference, "rcpc1")
        meeting.keep(edits.working.save_draft, "mapping.capture", "s: half typed")
        meeting.keep(edits.working.enter_stage, "mapping", dt.datetime(2026, 11, 26, 10, 5))

    def case_rows() -> dict[str, int]:
        counts = row_counts(store.engine)
        del counts["audit"]  # the audit trail outlives the cases: not theirs
        del counts["first_page"]  # a copy of the caseload (tests/unit/test_first_page.py)
        del counts["checkout"]  # cases taken offline from a server: none here
        return counts

    fill(keep)
    only_keep = case_rows()
    fill(other)
    assert all(n > 0 for n in only_keep.values()), "the demo should fill every table"

    assert store.delete_case(other.reference)
    assert case_rows() == only_keep
    assert same_case(store.load_case(keep.reference), keep)
    assert [n.what for n in store.audit_lines(other.reference)] == [
        "case imported",
        "case deleted",
    ]

    assert store.delete_case(keep.reference)
    assert set(case_rows().values()) == {0}
    assert row_counts(store.engine)["audit"] == 4  # each case: imported, deleted
