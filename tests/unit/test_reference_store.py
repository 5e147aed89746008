"""References held by the store: a safe shape, and one case per reference whatever its case."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cpchair.caseio import CaseFileError, parse_case
from cpchair.store import CaseExistsError, EditError, Store

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL


def test_a_reference_differing_only_in_case_is_the_case_already_held(store: Store) -> None:
    store.create_case("DEMO-0001", "Hadley")
    with pytest.raises(EditError, match="A case with reference DEMO-0001 is already held"):
        store.create_case("demo-0001", "Hadley")
    store.create_case("OTHER-1", "Other")
    with pytest.raises(EditError, match="Another case already has reference"):
        store.update_case("OTHER-1", reference="Demo-0001")


def test_an_import_under_another_case_of_the_reference_is_refused(
    store: Store, demo_data: dict[str, object]
) -> None:
    store.import_case(parse_case(json.dumps(demo_data)))
    lower = {**demo_data, "reference": "demo-0001"}
    with pytest.raises(CaseExistsError):
        store.import_case(parse_case(json.dumps(lower)))
    store.import_case(parse_case(json.dumps(lower)), replace=True)  # --replace: that case
    assert store.held_reference("DEMO-0001") == "demo-0001"  # one case, spelt as the file
    assert len(store.list_cases()) == 1


def test_a_reference_that_could_name_a_path_is_refused(
    store: Store, demo_data: dict[str, object]
) -> None:
    with pytest.raises(EditError, match="letters, digits"):
        store.create_case("../../escape", "Hadley")
    with pytest.raises(CaseFileError, match="reference"):
        parse_case(json.dumps({**demo_data, "reference": "../../escape"}))


def _spell(store: Store, held: str, as_: str) -> None:
    """Rename a held case behind the store's back, as a database from before (or another
    tool) could have it: no check of the reference's case."""
    from sqlalchemy import text

    with store.writing() as s:
        s.execute(text('UPDATE "case" SET reference = :new WHERE reference = :old'),
                  {"new": as_, "old": held})  # fmt: skip


def test_every_look_up_by_reference_ignores_case(store: Store, demo_text: str) -> None:
    store.import_case(parse_case(demo_text))
    assert store.has_case("demo-0001") and store.has_case("Demo-0001")
    assert store.held_reference("demo-0001") == "DEMO-0001"
    doc = store.load_case("demo-0001")
    assert doc is not None and doc.reference == "DEMO-0001"
    store.update_case("demo-0001", family_name="Ashworth")  # every edit finds its case so
    key = store.add_child(
        "dEmO-0001",
        first_name="Sam",
        last_name="Ashworth",
        subject=True,
        date_of_birth=dt.date(2019, 1, 1),
    )
    store.update_child("demo-0001", key, first_name="Samuel")
    doc = store.load_case("DEMO-0001")
    assert doc is not None and doc.family_name == "Ashworth"
    assert [c.first_name for c in doc.children][-1] == "Samuel"
    assert store.held_reference("NO-SUCH") is None and not store.has_case("no-such")
    assert store.delete_case("demo-0001")
    assert store.list_cases() == []


def test_a_reference_may_change_its_capitals_only(store: Store) -> None:
    store.create_case("ovr-0001", "Ashworth")
    store.update_case("OVR-0001", reference="OVR-0001")
    assert store.held_reference("ovr-0001") == "OVR-0001"


def test_two_spellings_held_from_before_each_find_their_own(store: Store, demo_text: str) -> None:
    """Before references were compared without case a database could hold both; the one
    spelt as asked is the one meant, and a delete takes that one alone."""
    store.import_case(parse_case(demo_text))
    store.create_case("OTHER-1", "Other")
    _spell(store, "OTHER-1", "demo-0001")
    assert store.load_case("demo-0001").family_name == "Other"  # type: ignore[union-attr]
    assert store.load_case("DEMO-0001").family_name == "Hadley"  # type: ignore[union-attr]
    with pytest.raises(EditError, match="Another case already has reference"):
        store.update_case("DEMO-0001", reference="demo-0001")
    assert store.delete_case("demo-0001")
    assert [c.reference for c in store.list_cases()] == ["DEMO-0001"]
    assert store.load_case("demo-0001").family_name == "Hadley"  # type: ignore[union-attr]
