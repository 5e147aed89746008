"""The case file reads a case's outline (store/outline.py), not the whole case: what it holds
must be what the whole case says, and its text as clean as every other read's."""

from __future__ import annotations

import copy

import pytest
from sqlmodel import select

from cpchair import models as m
from cpchair.store import Store
from tests.builders import many_conferences
from tests.ui.helpers import DAY
from tests.unit.test_export_unchanged import CASES

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_outline_is_what_the_whole_case_says(store: Store, name: str) -> None:
    doc = CASES[name]()
    store.import_case(copy.deepcopy(doc))
    whole = store.load_case(doc.reference)
    outline = store.case_outline(doc.reference.lower())  # found as every look-up finds it
    assert whole is not None and outline is not None
    assert outline.version == store.case_version(doc.reference)
    assert (outline.reference, outline.family_name, outline.profile) == (
        whole.reference, whole.family_name, whole.profile)  # fmt: skip
    assert outline.lead_social_worker == whole.lead_social_worker
    assert outline.children == whole.children
    assert outline.people == whole.people
    assert [(c.key, c.date, c.kind, c.status, c.chair, c.venue, c.virtual)
            for c in outline.conferences] == [
        (c.key, c.date, c.kind, c.status, c.chair, c.venue, c.virtual)
        for c in whole.conferences
    ]  # fmt: skip


def test_a_conference_line_holds_no_control_character(store: Store) -> None:
    store.import_case(many_conferences(DAY, 3))
    with store.writing() as s:
        row = s.exec(select(m.Conference).where(m.Conference.key == "k00")).one()
        row.venue, row.chair = "Room \x1bB", "A \x07Chair"  # written by another program
        s.add(row)
    outline = store.case_outline("DEMO-0001")
    assert outline is not None
    assert (outline.conferences[0].venue, outline.conferences[0].chair) == ("Room B", "A Chair")
    assert store.case_outline("NO-SUCH") is None
