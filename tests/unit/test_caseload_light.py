"""The caseload and `cpchair cases` read cut-down cases for speed (store/caseload._LIGHT,
store/summary.py). Whatever they show, the flags and the review due included, must be what
the whole case would give: a field the rules start to read and a cut-down read leaves out
would otherwise go wrong without a sound."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from sqlmodel import select

from cpchair import models as m
from cpchair.store import Store
from cpchair.store.caseload import _light_docs, _row
from tests.unit.test_export_unchanged import CASES

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

# Days around the demo's conferences and far from them, so that every flag has its chance.
DAYS = [dt.date(2026, 9, 1), dt.date(2026, 11, 20), dt.date(2026, 11, 26), dt.date(2027, 6, 1)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_caseload_row_from_the_light_read_is_the_row_from_the_whole_case(
    store: Store, name: str
) -> None:
    doc = CASES[name]()
    store.import_case(copy.deepcopy(doc))
    whole = store.load_case(doc.reference)
    assert whole is not None
    with store.session() as s:
        case = s.exec(select(m.Case)).one()
        light = _light_docs(s, [case])[m.stored(case.id)]
        for today in DAYS:
            assert _row(case, light, today) == _row(case, whole, today), today


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_case_lists_review_due_is_the_flags(store: Store, name: str) -> None:
    from cpchair.rules.flags import review_due_by
    from cpchair.rules.profiles import profile_for

    doc = CASES[name]()
    store.import_case(copy.deepcopy(doc))
    whole = store.load_case(doc.reference)
    assert whole is not None
    [summary] = store.list_cases()
    assert summary.review_due == review_due_by(whole, profile_for(whole.profile))
