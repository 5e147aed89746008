"""The store keeps a whole case and gives it back unchanged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from cpchair.caseio import dump_case, parse_case
from cpchair.store import CaseExistsError, Store


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
