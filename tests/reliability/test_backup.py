"""Backups taken while others write, restores that check before they replace, a new
passphrase, encryption of a plain database, the daily backups kept: cpchair/backup.py.

Every refusal is tried against the database as it lies on disk and must leave it byte for
byte as it was, with nothing added beside it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from cpchair import backup
from cpchair.backup import BackupError, InUseError
from cpchair.caseio import dump_case
from cpchair.db import WrongPassphraseError, forget_engines, is_encrypted, raw_connect
from cpchair.demo import demo_case
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting

from .helpers import mode

KEY = "correct horse 'battery' staple"
WORDS = (b"Hadley", b"Carver", b"frightened")
DAY = dt.date(2026, 11, 26)

WRITER = """
import os, sys, datetime as dt
from pathlib import Path
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
path, key, rounds = Path(sys.argv[1]), os.environ.get("KEY") or None, int(sys.argv[2])
meeting = Meeting(open_store(path, key), "DEMO-0001", "rcpc1")
for n in range(rounds):
    meeting.edit(edits.mapping.add_entry, column="grey_areas", text=f"w {n}",
                 typed_by=dt.datetime.now())
    print(n, flush=True)  # acknowledged: committed before this line is written
"""

HOLDER = """
import os, sys, time
from pathlib import Path
from cpchair.store import open_store
store = open_store(Path(sys.argv[1]), os.environ.get("KEY") or None)
store.list_cases()
print("open", flush=True)
sys.stdin.read()  # open, and idle, until told to go
"""


def _database(tmp_path: Path, key: str | None, name: str = "live.db") -> Path:
    """A database holding the demo case, closed (its -wal folded in)."""
    path = tmp_path / name
    open_store(path, key).import_case(demo_case(DAY))
    forget_engines(path)
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _export(path: Path, key: str | None) -> str:
    doc = open_store(path, key).load_case("DEMO-0001")
    assert doc is not None
    text = dump_case(doc)
    forget_engines(path)
    return text


def _env(key: str | None) -> dict[str, str]:
    return {**os.environ, "KEY": key or ""}


@contextmanager
def _held_open(path: Path, key: str | None) -> Iterator[None]:
    """Another process with the database open and idle, as the app waiting for a key."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(key),
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        yield
    finally:
        proc.communicate("", timeout=60)


@pytest.mark.parametrize("key", [None, KEY], ids=["plain", "encrypted"])
def test_a_backup_taken_while_another_process_writes_holds_every_acknowledged_write(
    tmp_path: Path, key: str | None
) -> None:
    path = _database(tmp_path, key)
    rounds = 60
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(rounds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(key),
    )
    assert writer.stdout is not None
    acknowledged = -1
    while acknowledged < 15:
        line = writer.stdout.readline()
        assert line, writer.stderr.read() if writer.stderr else ""
        acknowledged = int(line)
    target = tmp_path / "backup.db"
    backup.make_backup(path, key, target)  # the writer goes on meanwhile
    out, err = writer.communicate(timeout=240)
    assert writer.returncode == 0, err
    assert int(out.split()[-1]) == rounds - 1

    assert is_encrypted(target) == (key is not None)
    with closing(raw_connect(target, key, read_only=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
    copy = tmp_path / "copy.db"
    shutil.copyfile(target, copy)
    mapping = Meeting(open_store(copy, key), "DEMO-0001", "rcpc1").load().conf.mapping
    written = [e.text for e in mapping if e.text.startswith("w ")]
    # Every write acknowledged before the backup began, and the ones after it only in order.
    assert len(written) > acknowledged
    assert written == [f"w {n}" for n in range(len(written))]
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_an_encrypted_backup_holds_no_plaintext_and_opens_with_the_passphrase_only(
    tmp_path: Path,
) -> None:
    plain = _database(tmp_path, None, "plain.db")
    backup.make_backup(plain, None, tmp_path / "plain-backup.db")
    assert b"Hadley" in (tmp_path / "plain-backup.db").read_bytes()  # the words are findable

    path = _database(tmp_path, KEY)
    target = tmp_path / "backup.db"
    backup.make_backup(path, KEY, target)
    data = target.read_bytes()
    assert not any(word in data for word in WORDS)
    assert is_encrypted(target)
    with pytest.raises(WrongPassphraseError):
        raw_connect(target, "not the passphrase", read_only=True)
    assert _export(target, KEY) == _export(path, KEY)


def test_a_backup_refuses_to_go_over_a_file_or_the_database_unless_told(tmp_path: Path) -> None:
    path = _database(tmp_path, None)
    target = tmp_path / "backup.db"
    target.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup.make_backup(path, None, target)
    assert target.read_text() == "keep me"
    backup.make_backup(path, None, target, replace=True)
    assert target.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(BackupError, match="over the database itself"):
        backup.make_backup(path, None, path, replace=True)
    odd = tmp_path / "a #1 ?x %41"  # characters a file: URI would read as its own
    odd.mkdir()
    backup.make_backup(path, None, odd / "b#?.db")
    shutil.copyfile(odd / "b#?.db", tmp_path / "b.db")
    assert _export(tmp_path / "b.db", None) == _export(path, None)


# --- Restore ------------------------------------------------------------------------------


def _damaged(source: Path, target: Path, how: str) -> Path:
    data = bytearray(source.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    else:  # pages in the middle overwritten
        middle = len(data) // 2 // 4096 * 4096
        data[middle : middle + 3 * 4096] = b"\xa5" * (3 * 4096)
    target.write_bytes(bytes(data))
    return target


def _other_programs(target: Path) -> Path:
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("CREATE TABLE notes (text)")
        conn.execute("INSERT INTO notes VALUES ('hello')")
        conn.commit()
    return target


def _newer(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.commit()
    return target


@pytest.mark.parametrize(
    ("make", "key", "said"),
    [
        ("damaged-pages", None, "is damaged:"),
        ("damaged-pages", KEY, "is damaged:"),
        ("truncated", None, "is damaged:"),
        ("truncated", KEY, "is damaged:"),
        ("other-program", None, "another program's database"),
        ("text", None, "not a database"),
        ("empty", None, "empty"),
        ("newer", None, "newer version of cpchair"),
        ("wrong-passphrase", KEY, "passphrase does not open"),
        ("no-passphrase", KEY, "encrypted: give its passphrase"),
    ],
)
def test_a_restore_refuses_a_bad_backup_and_leaves_the_database_as_it_was(
    tmp_path: Path, make: str, key: str | None, said: str
) -> None:
    live = tmp_path / "live"
    live.mkdir()
    path = _database(live, key)
    good = tmp_path / "good.db"
    backup.make_backup(path, key, good)
    open_store(path, key).delete_case("DEMO-0001")  # the database moves on from the backup
    forget_engines(path)
    given = key
    if make in ("damaged-pages", "truncated"):
        bad = _damaged(good, tmp_path / "bad.db", make)
    elif make == "other-program":
        bad = _other_programs(tmp_path / "bad.db")
    elif make == "text":
        bad = tmp_path / "bad.db"
        bad.write_text("not a database\n" * 200)
    elif make == "empty":
        bad = tmp_path / "bad.db"
        bad.write_bytes(b"")
    elif make == "newer":
        bad = _newer(good, tmp_path / "bad.db")
    elif make == "wrong-passphrase":
        bad, given = good, "not the passphrase"
    else:
        bad, given = good, None
    before = _files(live)
    with pytest.raises(BackupError, match=said):
        backup.restore(bad, given, path)
    assert _files(live) == before


def test_a_restore_refuses_while_another_process_has_the_database_open(tmp_path: Path) -> None:
    live = tmp_path / "live"
    live.mkdir()
    path = _database(live, KEY)
    good = tmp_path / "good.db"
    backup.make_backup(path, KEY, good)
    with _held_open(path, KEY):
        assert backup.in_use(path) is True
        before = _files(live)
        with pytest.raises(InUseError, match="close it everywhere"):
            backup.restore(good, KEY, path)
        assert _files(live) == before
    assert backup.in_use(path) is False
    backup.restore(good, KEY, path)


@pytest.mark.parametrize("key", [None, KEY], ids=["plain", "encrypted"])
def test_a_restore_gives_back_the_case_and_keeps_the_replaced_database_aside(
    tmp_path: Path, key: str | None
) -> None:
    live = tmp_path / "live"
    live.mkdir()
    path = _database(live, key)
    exported = _export(path, key)
    good = tmp_path / "good.db"
    backup.make_backup(path, key, good)
    store = open_store(path, key)
    Meeting(store, "DEMO-0001", "rcpc1").edit(
        edits.mapping.add_entry, column="strengths", text="after the backup"
    )
    assert Path(f"{path}-wal").exists()  # still open: its log goes aside with it
    after = _export(path, key)
    assert after != exported

    done = backup.restore(good, key, path, now=dt.datetime(2026, 12, 1, 9, 30, 5))
    assert done.aside == live / "live.db.replaced-20261201-093005"
    assert done.encrypted == (key is not None)
    assert _export(path, key) == exported
    assert _export(done.aside, key) == after  # the replaced database, whole, with its log
    assert mode(path) == 0o600 and mode(done.aside) == 0o600
    assert good.exists()  # the backup is copied, never moved
    assert sorted(p.name for p in live.iterdir() if ".replaced-" not in p.name) == ["live.db"]


# --- A new passphrase, and encryption -----------------------------------------------------


def test_a_new_passphrase_opens_the_database_and_the_old_one_no_longer_does(
    tmp_path: Path,
) -> None:
    path = _database(tmp_path, KEY)
    exported = _export(path, KEY)
    backup.change_passphrase(path, KEY, "a new passphrase")
    with pytest.raises(WrongPassphraseError):
        raw_connect(path, KEY, read_only=True)
    assert _export(path, "a new passphrase") == exported
    with pytest.raises(BackupError, match="not encrypted"):
        backup.change_passphrase(_database(tmp_path, None, "plain.db"), KEY, "x" * 10)


def test_a_new_passphrase_and_encryption_refuse_while_the_database_is_open_elsewhere(
    tmp_path: Path,
) -> None:
    enc = _database(tmp_path, KEY, "enc.db")
    plain = _database(tmp_path, None, "plain.db")
    with _held_open(enc, KEY), _held_open(plain, None):
        before = _files(tmp_path)
        with pytest.raises(InUseError):
            backup.change_passphrase(enc, KEY, "a new passphrase")
        with pytest.raises(InUseError):
            backup.encrypt(plain, KEY)
        assert _files(tmp_path) == before


def test_encrypting_a_plain_database_leaves_no_plain_file(tmp_path: Path) -> None:
    path = _database(tmp_path, None)
    store = open_store(path)
    Meeting(store, "DEMO-0001", "rcpc1").edit(
        edits.mapping.add_entry, column="grey_areas", text="frightened"
    )
    exported = _export(path, None)  # the last closes it; the entry was in its -wal till then
    done = backup.encrypt(path, KEY)
    assert done.rows > 0 and done.tables > 10
    assert is_encrypted(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.db"]
    assert not any(word in path.read_bytes() for word in WORDS)
    assert _export(path, KEY) == exported
    with closing(raw_connect(path, KEY, read_only=True)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x63706368
    with pytest.raises(BackupError, match="encrypted already"):
        backup.encrypt(path, KEY)


# --- Daily backups ------------------------------------------------------------------------


def test_the_daily_backup_is_made_once_a_day_and_the_last_seven_are_kept(tmp_path: Path) -> None:
    store = open_store(_database(tmp_path, KEY), KEY)
    first = DAY - dt.timedelta(days=9)
    assert backup.daily_backup(store, first) is not None
    folder = backup.backups_dir()
    assert mode(folder) == 0o700  # made by cpchair: private
    others = {
        "cpchair-2026-11-01-101500.db": b"a backup made by hand",
        "notes.txt": b"the chair's own",
        "cpchair-2026-13-45.db": b"not a date",
        "cpchair-2020-01-01.db.bak": b"not a daily name",
    }
    for name, data in others.items():
        (folder / name).write_bytes(data)

    made = [backup.daily_backup(store, first + dt.timedelta(days=n)) for n in range(1, 10)]
    assert all(m is not None for m in made)
    assert backup.daily_backup(store, first + dt.timedelta(days=9)) is None  # once a day
    kept = [p.name for p in backup.daily_backups(folder)]
    assert kept == [f"cpchair-{first + dt.timedelta(days=n)}.db" for n in range(3, 10)]
    for name, data in others.items():
        assert (folder / name).read_bytes() == data
    newest = folder / kept[-1]
    assert is_encrypted(newest) and mode(newest) == 0o600
    assert _export(newest, KEY) == _export(store.path, KEY)


# --- Who has the database open ------------------------------------------------------------

CLOSER = """
import os, sys
from pathlib import Path
from cpchair.store import open_store
open_store(Path(sys.argv[1]), os.environ.get("KEY") or None).list_cases()
"""


@pytest.mark.parametrize("key", [None, KEY], ids=["plain", "encrypted"])
def test_an_open_store_keeps_its_lock_so_another_process_leaving_does_not_fold_its_log(
    tmp_path: Path, key: str | None
) -> None:
    # An idle connection in WAL mode holds a read lock on the database file; a process
    # closing its last connection takes the file's exclusive lock if it can, and then
    # checkpoints and deletes the -wal and -shm as if it were alone. The store once dropped
    # that lock as it opened (reading the file's header: POSIX drops a process's locks on a
    # file when any of its descriptors on it is closed), so anyone leaving deleted the log
    # under the app's feet, and `in_use` saw no one.
    path = _database(tmp_path, key)
    store = open_store(path, key)
    Meeting(store, "DEMO-0001", "rcpc1").edit(
        edits.mapping.add_entry, column="strengths", text="kept"
    )
    env = _env(key)
    subprocess.run([sys.executable, "-c", CLOSER, str(path)], env=env, check=True, timeout=60)
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    probe = "import sys, pathlib, cpchair.backup as b; print(b.in_use(pathlib.Path(sys.argv[1])))"
    seen = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True)
    assert seen.stdout == "True\n", seen.stderr
