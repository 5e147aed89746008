"""`cpchair audit REF`: a case's lines, and whether the trail's chain holds."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cpchair.demo import demo_case
from cpchair.store import Store, audit

DAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _chair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "who", lambda: "Chair One")


@pytest.fixture
def held(store: Store) -> Store:
    store.import_case(demo_case(DAY))
    store.update_child("DEMO-0001", "c1", first_name="Zebedee")
    store.create_case("OTHER-1", "Otherfamily")
    return store


def test_audit_prints_the_cases_lines_and_says_the_trail_is_intact(run, held: Store) -> None:
    result = run("audit", "demo-0001")  # any capitals
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[0] == "Audit trail of DEMO-0001"
    assert out[1].split()[0] == "1" and out[1].endswith("Chair One  case imported")
    assert out[2].split()[0] == "2" and out[2].endswith("Chair One  child updated: first name")
    assert out[-1] == "The audit trail is intact."
    assert len(out) == 4  # the other case's line is not here
    assert "Zebedee" not in result.output


def test_audit_json(run, held: Store) -> None:
    result = run("audit", "DEMO-0001", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["reference"] == "DEMO-0001" and data["held"] is True
    assert data["intact"] is True and data["broken_at"] is None
    assert [(n["line"], n["who"], n["what"]) for n in data["lines"]] == [
        (1, "Chair One", "case imported"),
        (2, "Chair One", "child updated: first name"),
    ]
    at = dt.datetime.fromisoformat(data["lines"][0]["at"])
    assert at.utcoffset() == dt.timedelta(0)


def test_a_deleted_cases_lines_are_still_shown(run, held: Store) -> None:
    held.delete_case("DEMO-0001")
    result = run("audit", "DEMO-0001")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Audit trail of DEMO-0001 (deleted)"
    assert result.stdout.splitlines()[-2].endswith("case deleted")
    assert json.loads(run("audit", "DEMO-0001", "--json").stdout)["held"] is False


def test_a_broken_trail_exits_1_naming_the_line_and_no_case_data(
    run, held: Store, db_file: Path
) -> None:
    with closing(sqlite3.connect(db_file, isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE id = 2")
    result = run("audit", "OTHER-1")
    assert result.exit_code == 1
    assert "The audit trail is intact." not in result.stdout
    assert result.stderr.startswith("cpchair: The audit trail is broken at line 2:")
    assert "Otherfamily" not in result.stderr and "DEMO" not in result.stderr
    data = json.loads(run("audit", "OTHER-1", "--json").stdout)
    assert (data["intact"], data["broken_at"]) == (False, 2)


def test_an_unknown_reference_is_one_line(run, held: Store) -> None:
    result = run("audit", "NOPE-1")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "cpchair: no case has the reference 'NOPE-1', and the audit trail has no lines for it"
    )


def test_a_case_from_before_the_trail_has_no_lines_yet(run, db_file: Path, held: Store) -> None:
    with closing(sqlite3.connect(db_file, isolation_level=None)) as conn:  # as held before 0010
        conn.execute("UPDATE \"case\" SET reference = 'OLD-1' WHERE reference = 'OTHER-1'")
    result = run("audit", "OLD-1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "No changes recorded yet."
