"""What the store reads for showing carries no control character, whatever the database
holds: text from before the import refused them, or written by another program."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from cpchair.caseio import dump_case
from cpchair.demo import demo_case
from cpchair.store import Store, edits
from cpchair.store.meeting import Meeting

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

NASTY = "Ruby\x1b[31m red\x07\x9b"
DAY = dt.date(2026, 11, 26)


def _plant(store: Store) -> None:
    store.import_case(demo_case(DAY))
    Meeting(store, "DEMO-0001", "rcpc1").edit(
        edits.mapping.add_entry, column="past_harm", text="ENTRY"
    )
    Meeting(store, "DEMO-0001", "rcpc1").keep(
        edits.working.save_draft, "mapping.capture", "s: typed\x1b[2J"
    )
    with store.writing() as s:
        s.execute(text('UPDATE "case" SET family_name = :v, reference = :r'),
                  {"v": NASTY, "r": "DEMO\x07-0001"})  # fmt: skip
        s.execute(text("UPDATE child SET first_name = :v WHERE key = 'c1'"), {"v": NASTY})
        s.execute(text("UPDATE mappingentry SET text = :v WHERE text = 'ENTRY'"),
                  {"v": "one\x1b[1m\n\ttwo\x07"})  # fmt: skip


def test_a_case_is_read_without_its_control_characters(store: Store) -> None:
    _plant(store)
    doc = store.load_case("DEMO-0001")  # the reference as shown finds the case
    assert doc is not None
    assert (doc.reference, doc.family_name) == ("DEMO-0001", "Ruby[31m red")
    assert doc.children[0].first_name == "Ruby[31m red"
    [entry] = [e for c in doc.conferences for e in c.mapping if e.text.startswith("one")]
    assert entry.text == "one[1m\n\ttwo"  # its lines and its tab kept
    assert [c.key for c in doc.children] == ["c1", "c2", "c3", "c4"]
    exported = dump_case(doc)
    assert "\\u001b" not in exported and "\\u0007" not in exported
    assert Meeting(store, "DEMO-0001", "rcpc1").read(edits.working.drafts) == {
        "mapping.capture": "s: typed[2J"
    }


def test_the_caseload_and_the_case_list_are_read_without_them(store: Store) -> None:
    _plant(store)
    [row] = store.caseload_page(today=DAY).rows
    assert (row.reference, row.family_name) == ("DEMO-0001", "Ruby[31m red")
    assert row.children[0].first_name == "Ruby[31m red"
    [summary] = store.list_cases()
    assert (summary.reference, summary.family_name) == ("DEMO-0001", "Ruby[31m red")
    assert summary.children[0].first_name == "Ruby[31m red"
    store.update_case("demo-0001", family_name="Hadley")  # an edit finds it as shown, too
    assert store.held_reference("demo-0001") == "DEMO-0001"  # as every screen shows it
    assert store.delete_case("DEMO-0001") and store.list_cases() == []
