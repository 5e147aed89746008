"""The store keeps a whole case and gives it back unchanged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from cpchair.caseio import dump_case, parse_case
from cpchair.store import CaseExistsError, Store

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL


def test_import_then_load_gives_back_the_same_case(store: Store, demo_text: str) -> None:
    doc = parse_case(demo_text)
    result = store.import_case(doc)
    assert not result.replaced
    loaded = store.load_case(doc.reference)
    assert loaded is not None
    assert dump_case(loaded) == dump_case(doc)


def test_an_existing_reference_is_refused_unless_replacing(
    store: Store, demo_data: dict[str, Any]
) -> None:
    store.import_case(parse_case(json.dumps(demo_data)))
    changed = dict(demo_data, family_name="Otherfamily")
    with pytest.raises(CaseExistsError):
        store.import_case(parse_case(json.dumps(changed)))
    assert store.load_case("DEMO-0001").family_name == demo_data["family_name"]  # type: ignore[union-attr]

    assert store.import_case(parse_case(json.dumps(changed)), replace=True).replaced
    assert store.load_case("DEMO-0001").family_name == "Otherfamily"  # type: ignore[union-attr]
    assert len(store.list_cases()) == 1


def test_delete_and_unknown_reference(store: Store, demo_text: str) -> None:
    store.import_case(parse_case(demo_text))
    assert store.load_case("NOPE") is None
    assert not store.delete_case("NOPE")
    assert store.delete_case("DEMO-0001")
    assert store.list_cases() == []


def test_summary_names_the_next_conference_and_the_review_owed(
    store: Store, demo_data: dict[str, Any]
) -> None:
    store.import_case(parse_case(json.dumps(demo_data)))
    [summary] = store.list_cases()
    assert summary.reference == "DEMO-0001"
    assert [c.first_name for c in summary.children] == [
        c["first_name"] for c in demo_data["children"]
    ]
    review = demo_data["conferences"][1]
    assert summary.next_conference is not None
    assert (summary.next_conference.kind, summary.next_conference.date.isoformat()) == (
        "review",
        review["date"],
    )
    assert summary.last_conference is not None and summary.last_conference.kind == "initial"
    assert summary.review_due == dt.date.fromisoformat(
        demo_data["conferences"][0]["plan"]["review_conference"]
    )


def test_with_every_conference_concluded_there_is_no_next_one(
    store: Store, demo_data: dict[str, Any]
) -> None:
    demo_data["conferences"].pop()
    store.import_case(parse_case(json.dumps(demo_data)))
    [summary] = store.list_cases()
    assert summary.next_conference is None
    assert summary.review_due is not None


# --- What falls due first: never later than the rules have it ------------------------------------


def _first_due(store: Store, reference: str = "DEMO-0001") -> dt.date | None:
    from sqlmodel import select

    from cpchair import models as m

    with store.session() as s:
        return s.exec(select(m.Case.first_due).where(m.Case.reference == reference)).one()


def _only_the_initial(demo_data: dict[str, Any], **plan: Any) -> dict[str, Any]:
    demo_data["conferences"].pop()  # no review booked: the review owed is what falls due first
    demo_data["conferences"][0]["plan"].update(plan)
    return demo_data


def _exact(data: dict[str, Any]) -> dt.date | None:
    from cpchair.rules.flags import review_due_by
    from cpchair.rules.profiles import load_profile

    return review_due_by(parse_case(json.dumps(data)), load_profile("england"))


def test_a_review_date_set_past_its_limit_is_not_what_falls_due(
    store: Store, demo_data: dict[str, Any]
) -> None:
    """The plan set Thu 10 Dec 2026; 3 months after Thu 3 Sep 2026 is Thu 3 Dec: due the 3rd.
    The sort column is a few days early at most (bank holidays), never later."""
    data = _only_the_initial(demo_data, review_conference="2026-12-10")
    store.import_case(parse_case(json.dumps(data)))
    [summary] = store.list_cases()
    assert summary.review_due == _exact(data) == dt.date(2026, 12, 3)
    first_due = _first_due(store)
    assert first_due is not None
    assert dt.date(2026, 11, 29) <= first_due <= dt.date(2026, 12, 3)


def test_an_earlier_review_date_set_is_what_falls_due(
    store: Store, demo_data: dict[str, Any]
) -> None:
    data = _only_the_initial(demo_data, review_conference="2026-11-19")
    store.import_case(parse_case(json.dumps(data)))
    assert _first_due(store) == dt.date(2026, 11, 19)
    assert store.list_cases()[0].review_due == dt.date(2026, 11, 19)


@pytest.mark.parametrize(
    ("held", "expected", "exact"),
    [
        # 30 Nov 2026 + 3 months: SQLite would say 2 Mar; the rules clamp to Sun 28 Feb and
        # bring it back to Fri 26 Feb.
        ("2026-11-30", None, dt.date(2027, 2, 26)),
        # Thu 3 Sep 2026 with the baby expected Thu 22 Oct: a month after the birth, Sun 22 Nov,
        # brought back to Fri 20 Nov, comes before Thu 3 Dec.
        ("2026-09-03", "2026-10-22", dt.date(2026, 11, 20)),
    ],
)
def test_the_sort_column_never_falls_after_the_exact_rule(
    store: Store, demo_data: dict[str, Any], held: str, expected: str | None, exact: dt.date
) -> None:
    data = _only_the_initial(demo_data, review_conference=None)
    data["conferences"][0]["date"] = held
    baby = next(c for c in data["children"] if c["date_of_birth"] is None)
    if expected is None:
        baby["subject"] = False  # no unborn subject child: the months alone
    else:
        baby["expected_birth_date"] = expected
    store.import_case(parse_case(json.dumps(data)))
    assert _exact(data) == exact
    assert store.list_cases()[0].review_due == exact
    first_due = _first_due(store)
    assert first_due is not None
    assert exact - dt.timedelta(days=4) <= first_due <= exact


def test_no_review_is_due_when_the_last_conference_made_no_plan(
    store: Store, demo_data: dict[str, Any]
) -> None:
    data = _only_the_initial(demo_data)
    for d in data["conferences"][0]["decisions"]:
        d.update(outcome="child_in_need", categories=[], method="chair_overrule", rationale="r")
    data["conferences"][0]["votes"] = []
    for d in data["conferences"][0]["decisions"]:
        d["dissents"] = []
    store.import_case(parse_case(json.dumps(data)))
    assert store.list_cases()[0].review_due is None
    assert _first_due(store) is None
