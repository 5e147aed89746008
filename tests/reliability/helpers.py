"""Shared helpers for the reliability tests: case comparison, row counts, file modes."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from cpchair.caseio import CaseDoc, dump_case
from cpchair.demo import demo_case
from cpchair.store import Store, open_store

# Each multi-process test runs on a plain database and on one encrypted at rest (issue 12).
DATABASE_KINDS = [pytest.param(None, id="plain"), pytest.param("kettle on the hob", id="encrypted")]


def shared_database(
    tmp_path: Path, demo_text: str, key: str | None = None
) -> tuple[Path, Store, Path]:
    """A database holding the demo case (encrypted with `key` if given), and a file of
    another case to import beside it."""
    path = tmp_path / "shared.db"
    store = open_store(path, key)
    store.import_case(demo_case(dt.date(2026, 11, 26)))
    other = json.loads(demo_text)
    other["reference"] = "OTHER-0002"
    case_file = tmp_path / "other.json"
    case_file.write_text(json.dumps(other))
    return path, store, case_file


def same_case(a: CaseDoc | None, b: CaseDoc) -> bool:
    return a is not None and dump_case(a) == dump_case(b)


def user_tables(engine: Engine) -> list[str]:
    """Every table in the file itself (not just the ones the models know), bar Alembic's."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        )
        return [r[0] for r in rows]


def row_counts(engine: Engine) -> dict[str, int]:
    tables = user_tables(engine)
    with engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
