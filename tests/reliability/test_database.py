"""The database file: private on disk, durable settings, no case data in errors, crash-safe."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from cpchair import models as m
from cpchair.caseio import parse_case
from cpchair.db import make_engine
from cpchair.store import open_store

from .helpers import mode, same_case

# --- 1. private files ------------------------------------------------------------------------


def test_new_database_folder_is_0700_and_file_0600_whatever_the_umask(
    tmp_path: Path, umask_022: None
) -> None:
    path = tmp_path / "new" / "sub" / "c.db"
    engine = make_engine(path)
    try:
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        with engine.begin() as conn:  # a write, so the WAL is certainly there
            conn.execute(text("CREATE TABLE scratch (x)"))
        wal = path.with_name("c.db-wal")
        assert wal.exists()
        for side in (wal, path.with_name("c.db-shm")):
            if side.exists():
                assert mode(side) & 0o077 == 0, f"{side.name} is {oct(mode(side))}"
    finally:
        engine.dispose()


def test_every_folder_cpchair_creates_is_0700(tmp_path: Path, umask_022: None) -> None:
    make_engine(tmp_path / "new" / "sub" / "c.db").dispose()
    assert mode(tmp_path / "new") == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    tmp_path.chmod(0o750)
    make_engine(tmp_path / "c.db").dispose()
    assert mode(tmp_path) == 0o750
    assert mode(tmp_path / "c.db") == 0o600


# --- 2. pragmas ------------------------------------------------------------------------------


def test_every_connection_is_wal_full_sync_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "c.db")
    try:
        first, second = engine.raw_connection(), engine.raw_connection()  # two at once
        for raw in (first, second):
            cur = raw.cursor()
            pragmas = ("journal_mode", "synchronous", "foreign_keys")
            got = [cur.execute(f"PRAGMA {p}").fetchone()[0] for p in pragmas]
            assert got == ["wal", 2, 1]
        first.close()
        second.close()
    finally:
        engine.dispose()


# --- 8. no case data in error text -----------------------------------------------------------

SECRET = "Zebedee Quartermaine"


def _texts(exc: BaseException) -> list[str]:
    out = []
    while exc is not None:
        out += [str(exc), repr(exc)]
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return out


def test_an_integrity_error_does_not_carry_case_data(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "c.db")
    row = dict(case_id=424242, key="k1", first_name=SECRET, last_name=SECRET, subject=False)
    try:
        with pytest.raises(IntegrityError) as raw_error, engine.begin() as conn:
            conn.execute(insert(m.Child.__table__), row)  # type: ignore[arg-type]
        store = open_store(tmp_path / "c.db")
        with pytest.raises(IntegrityError) as orm_error, store.session() as s, s.begin():
            s.add(m.Child(**row))
    finally:
        engine.dispose()
    for caught in (raw_error, orm_error):
        assert "FOREIGN KEY" in str(caught.value)  # it is the error we meant to provoke
        for told in _texts(caught.value):
            assert SECRET not in told


# --- 9. a killed process ---------------------------------------------------------------------

_IMPORT_THEN_DIE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from cpchair.caseio import parse_case
    from cpchair.store import open_store

    store = open_store(Path(sys.argv[1]))
    store.import_case(parse_case(sys.stdin.read()))
    os._exit(17)  # no close, no checkpoint, no atexit
    """
)


def test_a_committed_case_survives_the_process_being_killed(tmp_path: Path, demo_text: str) -> None:
    path = tmp_path / "c.db"
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_THEN_DIE, str(path)],
        input=demo_text,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 17, done.stderr
    wal = path.with_name("c.db-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the case is in the WAL, not yet checkpointed
    assert same_case(open_store(path).load_case("DEMO-0001"), parse_case(demo_text))
