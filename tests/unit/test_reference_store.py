"""References held by the store: a safe shape, and one case per reference whatever its case."""

from __future__ import annotations

import json

import pytest

from cpchair.caseio import CaseFileError, parse_case
from cpchair.store import CaseExistsError, EditError, Store


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
    assert store.has_case("demo-0001") and not store.has_case("DEMO-0001")


def test_a_reference_that_could_name_a_path_is_refused(
    store: Store, demo_data: dict[str, object]
) -> None:
    with pytest.raises(EditError, match="letters, digits"):
        store.create_case("../../escape", "Hadley")
    with pytest.raises(CaseFileError, match="reference"):
        parse_case(json.dumps({**demo_data, "reference": "../../escape"}))
