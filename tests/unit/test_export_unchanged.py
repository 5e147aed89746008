"""A case goes in and comes out byte for byte as it did before the store's declaration of
entities (store/entities.py) replaced the hand-written reader and writer.

The expected files were written by the hand-written code (commit 8de72be). Set
CPCHAIR_WRITE_EXPORTS=1 to write them again, only ever from code known to be right.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from cpchair.caseio import dump_case, parse_case
from cpchair.store import Store
from tests.documents.cases import demo, small_case
from tests.raw import chr_sql

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

HERE = Path(__file__).parent / "exports"
DEMO_FILE = Path(__file__).parents[2] / "data" / "demo" / "household.json"


def _rich() -> dict[str, Any]:
    """The demo file with every part the demo leaves empty filled in: an escalation, a
    reopening, an advocate not used, scores on a child and a danger statement, a family
    attendee whose name differs from the person's (the person's name wins)."""
    data = json.loads(DEMO_FILE.read_text())
    first, review = data["conferences"][0], data["conferences"][1]
    review["escalation"] = {
        "due_by": "2026-11-27T10:00",
        "notified_at": "2026-11-26T09:15",
        "to": "Service manager",
    }
    first["reopened"] = [{"at": "2026-09-04T09:30", "reason": "A plan action was missed"}]
    first["advocate_not_used"] = [{"child": "c1", "reason": "Declined after it was explained"}]
    first["scaling"]["scores"][0]["child"] = "c1"
    first["scaling"]["scores"][1]["danger_statement"] = first["danger_statements"][0]["key"]
    jodie = next(a for a in first["attendees"] if a["key"] == "jodie")
    jodie["name"] = "Jo H"
    return data


CASES: dict[str, Any] = {
    "demo-file": lambda: parse_case(DEMO_FILE.read_bytes()),
    "demo-built": demo,
    "rich": lambda: parse_case(json.dumps(_rich())),
    "small": lambda: parse_case(json.dumps(small_case())),
}


def _export(store: Store, name: str) -> str:
    doc = CASES[name]()
    store.import_case(copy.deepcopy(doc))
    if name == "rich":  # text held from before the import refused control characters
        char = chr_sql(store)
        with store.writing() as s:
            s.execute(text(f"UPDATE mappingentry SET text = text || {char}(27) || '[31m'"))
            s.execute(text(f"UPDATE child SET first_name = {char}(7) || first_name"))
            s.execute(text(f'UPDATE "case" SET family_name = family_name || {char}(27)'))
    loaded = store.load_case(doc.reference)
    assert loaded is not None
    return dump_case(loaded)


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_exported_case_is_byte_identical(store: Store, name: str) -> None:
    got = _export(store, name)
    expected = HERE / f"{name}.json"
    if os.environ.get("CPCHAIR_WRITE_EXPORTS"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
