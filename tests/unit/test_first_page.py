"""The caseload's kept first page (first_page.py): drawn at start-up only while it is exact,
and never a place where a deleted case's name lives on."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from cpchair import first_page
from cpchair.demo import demo_case
from cpchair.store import Store, open_store

DAY = dt.date(2026, 11, 26)


def held(store: Store, *families: str) -> Store:
    store.import_case(demo_case(DAY))
    for i, family in enumerate(families, start=1):
        store.create_case(f"T-{i:03d}", family)
    return store


def kept_rows(path: Path) -> list[tuple[str, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.execute("SELECT day, rows FROM first_page"))


def test_the_page_kept_today_is_drawn_as_the_store_reads_it(store: Store, db_file: Path) -> None:
    held(store, "Ashworth", "Brennan")
    assert first_page.read(db_file, None, DAY) is None  # nothing kept yet
    page = store.first_page(50, DAY)
    assert [r.reference for r in page.rows] == ["DEMO-0001", "T-001", "T-002"]
    assert page.rows[0].flags  # the demo case has reports late: flags are kept too
    assert first_page.read(db_file, None, DAY) == page
    assert page == store.caseload_page("", "next", 50, 0, DAY)


def test_any_change_to_a_case_since_makes_it_unusable(store: Store, db_file: Path) -> None:
    held(store, "Ashworth")
    store.first_page(50, DAY)
    other = open_store(db_file)  # as the CLI would, from another process
    other.update_case("T-001", family_name="Ashworth-Jones")
    assert first_page.read(db_file, None, DAY) is None
    store.first_page(50, DAY)
    assert first_page.read(db_file, None, DAY) is not None
    other.create_case("T-002", "Brennan")  # a new case moves the count
    assert first_page.read(db_file, None, DAY) is None


def test_kept_on_an_earlier_day_its_rows_stand_and_its_flags_are_pending(
    store: Store, db_file: Path
) -> None:
    held(store, "Ashworth")
    kept = store.first_page(50, DAY)
    page = first_page.read(db_file, None, DAY + dt.timedelta(days=1))
    assert page is not None and page.flags_pending
    assert [r.reference for r in page.rows] == [r.reference for r in kept.rows]
    assert [r.flags for r in page.rows] == [(), ()]
    assert page.rows[0].next_conference == kept.rows[0].next_conference


def test_no_name_outlives_its_case_in_the_kept_page(store: Store, db_file: Path) -> None:
    held(store, "Zebedee")
    store.first_page(50, DAY)
    assert "Zebedee" in kept_rows(db_file)[0][1]
    store.delete_case("T-001")
    assert kept_rows(db_file) == []
    store.first_page(50, DAY)
    store.import_case(demo_case(DAY), replace=True)  # a replaced case may have been renamed
    assert kept_rows(db_file) == []


def test_keeping_the_same_page_again_writes_nothing(store: Store, db_file: Path) -> None:
    """No write, so a wall or another window watching the file is not woken for nothing."""
    held(store)
    store.first_page(50, DAY)
    with closing(sqlite3.connect(db_file)) as watcher:
        before = watcher.execute("PRAGMA data_version").fetchone()
        store.first_page(50, DAY)
        assert watcher.execute("PRAGMA data_version").fetchone() == before
        store.first_page(50, DAY + dt.timedelta(days=1))  # flags may differ: kept anew
        assert watcher.execute("PRAGMA data_version").fetchone() != before


def test_a_database_not_yet_upgraded_is_left_to_the_store(store: Store, db_file: Path) -> None:
    held(store)
    store.first_page(50, DAY)
    with closing(sqlite3.connect(db_file)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0010'")
    assert first_page.read(db_file, None, DAY) is None


def test_an_encrypted_database_is_read_with_its_passphrase_only(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    store = held(open_store(path, "a long passphrase"))
    page = store.first_page(50, DAY)
    assert first_page.read(path, "a long passphrase", DAY) == page
    assert first_page.read(path, None, DAY) is None
    assert first_page.read(path, "not the passphrase", DAY) is None
    assert b"Hadley" not in path.read_bytes()  # the kept copy is encrypted with the rest


def test_a_page_that_cannot_be_kept_is_still_read(
    store: Store, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk or a held lock stops the copy, never the caseload's read."""
    held(store, "Ashworth")
    from sqlalchemy.exc import OperationalError

    def full(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(store, "writing", full)
    page = store.first_page(50, DAY)
    assert [r.reference for r in page.rows] == ["DEMO-0001", "T-001"]
    assert kept_rows(db_file) == []


def test_a_case_deleted_while_the_page_is_read_is_not_kept(
    store: Store, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleting clears the copy; a read made just before must not write the name back."""
    held(store, "Zebedee")
    writing = store.writing

    def deleted_meanwhile() -> Any:
        open_store(db_file).delete_case("T-001")  # another window, between read and write
        return writing()

    monkeypatch.setattr(store, "writing", deleted_meanwhile)
    store.first_page(50, DAY)
    assert kept_rows(db_file) == []


def test_the_month_is_kept_beside_the_page_and_pending_once_out_of_date(
    store: Store, db_file: Path
) -> None:
    from dataclasses import replace

    held(store, "Ashworth")
    store.first_page(50, DAY)
    page = first_page.read(db_file, None, DAY)
    assert page is not None and page.month is None  # not yet counted
    counted = store.caseload_month(DAY)
    assert counted.reports_late == 1  # the demo case's reports: a count worth keeping
    page = first_page.read(db_file, None, DAY)
    assert page is not None and page.month == counted  # counted today, nothing changed since
    tomorrow = first_page.read(db_file, None, DAY + dt.timedelta(days=1))
    assert tomorrow is not None and tomorrow.month == replace(counted, pending=True)
    store.create_case("T-009", "Brennan")  # a change, and the page kept again, not the month
    store.first_page(50, DAY)
    page = first_page.read(db_file, None, DAY)
    assert page is not None and page.month == replace(counted, pending=True)
    assert "Ashworth" not in kept_rows(db_file)[1][1]  # counts only, never a name
    store.caseload_month(DAY)
    page = first_page.read(db_file, None, DAY)
    assert page is not None and page.month is not None and not page.month.pending
