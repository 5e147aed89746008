"""Several processes writing to one database at once: every write lands, none is refused.

A second window, the CLI and the meeting share the file. Each writer here is its own process,
as they would be on a chair's laptop; they start together and write as fast as they can.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from cpchair.store import open_store
from cpchair.store.meeting import Meeting

from .helpers import DATABASE_KINDS, shared_database

ROUNDS = 40
WRITER = """
import os, sys, datetime as dt
from pathlib import Path
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
path, who, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
meeting = Meeting(open_store(path, os.environ.get("CPCHAIR_PASSPHRASE")), "DEMO-0001", "rcpc1")
errors = 0
for n in range(rounds):
    try:
        meeting.edit(edits.mapping.add_entry, column="grey_areas", text=f"{who} {n}",
                     typed_by=dt.datetime.now())
    except Exception as exc:
        errors += 1
        print(type(exc).__name__, file=sys.stderr)
print(errors)
"""
IMPORTER = """
import os, sys, json
from pathlib import Path
from cpchair.caseio import parse_case as load_case
from cpchair.store import open_store
path, text, rounds = Path(sys.argv[1]), Path(sys.argv[2]).read_text(), int(sys.argv[3])
store, errors = open_store(path, os.environ.get("CPCHAIR_PASSPHRASE")), 0
for n in range(rounds):
    try:
        store.import_case(load_case(text), replace=True)
    except Exception as exc:
        errors += 1
        print(type(exc).__name__, file=sys.stderr)
print(errors)
"""


@pytest.mark.parametrize("key", DATABASE_KINDS)
def test_two_writers_and_an_importer_lose_nothing(
    tmp_path: Path, demo_text: str, key: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, store, case_file = shared_database(tmp_path, demo_text, key)
    if key is not None:  # for the writers' and the importer's processes
        monkeypatch.setenv("CPCHAIR_PASSPHRASE", key)
    before = len(Meeting(store, "DEMO-0001", "rcpc1").load().conf.mapping)

    runs = [
        [sys.executable, "-c", WRITER, str(path), "a", str(ROUNDS)],
        [sys.executable, "-c", WRITER, str(path), "b", str(ROUNDS)],
        [sys.executable, "-c", IMPORTER, str(path), str(case_file), str(ROUNDS // 4)],
    ]
    procs = [subprocess.Popen(r, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for r in runs]  # fmt: skip
    results = [p.communicate(timeout=240) for p in procs]
    assert [out.strip() for out, _ in results] == ["0", "0", "0"], [e for _, e in results]

    texts = [e.text for e in Meeting(store, "DEMO-0001", "rcpc1").load().conf.mapping[before:]]
    for who in "ab":
        assert [t for t in texts if t.startswith(who + " ")] == [
            f"{who} {n}" for n in range(ROUNDS)
        ]
    assert store.has_case("OTHER-0002")


def test_a_write_that_still_meets_a_busy_database_is_tried_again(tmp_path: Path) -> None:
    store = open_store(tmp_path / "busy.db")
    tries: list[int] = []

    def edit(session: object) -> str:
        tries.append(1)
        if len(tries) < 3:  # as SQLite says it when the busy timeout runs out
            locked = sqlite3.OperationalError("database is locked")
            raise OperationalError("BEGIN IMMEDIATE", {}, locked)
        return "done"

    assert store._write(edit) == "done" and len(tries) == 3


def test_any_other_database_error_is_not_tried_again(tmp_path: Path) -> None:
    store = open_store(tmp_path / "other.db")
    tries: list[int] = []

    def edit(session: object) -> None:
        tries.append(1)
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

    with pytest.raises(OperationalError):
        store._write(edit)
    assert len(tries) == 1
