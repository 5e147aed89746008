"""`cpchair backup`, `restore`, `passphrase` and `encrypt` as a user meets them: the
passphrases from CPCHAIR_PASSPHRASE and CPCHAIR_NEW_PASSPHRASE, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cpchair import paths
from cpchair.cli import app
from cpchair.db import is_encrypted
from cpchair.store import open_store

KEY = "old passphrase 1"
NEW = "new passphrase 2"
HOLDER = """
import os, sys
from pathlib import Path
from cpchair.store import open_store
open_store(Path(sys.argv[1]), os.environ.get("CPCHAIR_PASSPHRASE")).list_cases()
print("open", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def run(db_file: Path):
    runner = CliRunner()

    def invoke(*args: str, key: str | None = None, new: str | None = None) -> Any:
        env = {"CPCHAIR_PASSPHRASE": key, "CPCHAIR_NEW_PASSPHRASE": new}
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


def _with_demo(run, tmp_path: Path, demo_data, key: str | None = None) -> str:
    """The demo case in the database (encrypted with `key`); its export."""
    case = tmp_path / "case.json"
    case.write_text(json.dumps(demo_data), encoding="utf-8")
    assert run("import", str(case), key=key).exit_code == 0
    exported = run("export", "DEMO-0001", key=key)
    assert exported.exit_code == 0
    return exported.stdout


def test_backup_writes_a_private_file_in_the_backups_folder_and_says_where(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    _with_demo(run, tmp_path, demo_data)
    result = run("backup")
    assert result.exit_code == 0, result.output
    written = [p for p in (paths.data_dir() / "backups").iterdir()]
    assert len(written) == 1 and str(written[0]) in result.stdout
    assert "not encrypted" in result.stdout
    assert written[0].stat().st_mode & 0o777 == 0o600


def test_backup_to_a_path_replaces_a_file_only_with_force(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    _with_demo(run, tmp_path, demo_data)
    target = tmp_path / "mine.db"
    target.write_text("keep me")
    result = run("backup", str(target))
    assert result.exit_code == 1 and "already exists; add --force" in result.stderr
    assert target.read_text() == "keep me"
    assert run("backup", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"SQLite format 3")
    result = run("backup", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.stderr
    result = run("backup", str(tmp_path / "nowhere" / "b.db"))
    assert result.exit_code == 2 and "there is no folder" in result.stderr
    before = db_file.read_bytes()
    result = run("backup", str(db_file), "--force")
    assert result.exit_code == 1 and "over the database itself" in result.stderr
    assert db_file.read_bytes() == before


@pytest.mark.parametrize("key", [None, KEY], ids=["plain", "encrypted"])
def test_a_backup_restores_to_an_identical_export(
    run, db_file: Path, tmp_path: Path, demo_data, key: str | None
) -> None:
    before = _with_demo(run, tmp_path, demo_data, key)
    target = tmp_path / "b.db"
    result = run("backup", str(target), key=key)
    assert result.exit_code == 0, result.output
    if key is not None:
        assert "encrypted with the database's passphrase" in result.stdout
        assert b"Hadley" not in target.read_bytes()
    demo_data["family_name"] = "Changed"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(demo_data), encoding="utf-8")
    assert run("import", "--replace", str(changed), key=key).exit_code == 0
    assert run("export", "DEMO-0001", key=key).stdout != before

    result = run("restore", str(target), key=key)
    assert result.exit_code == 0, result.output
    assert run("export", "DEMO-0001", key=key).stdout == before
    aside = [p for p in db_file.parent.iterdir() if p.name.startswith("cases.db.replaced-")]
    assert len(aside) == 1 and str(aside[0]) in result.stdout
    kept = open_store(aside[0], key).load_case("DEMO-0001")  # the replaced one, whole
    assert kept is not None and kept.family_name == "Changed"


def test_restore_refuses_with_a_clear_message_and_changes_nothing(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    _with_demo(run, tmp_path, demo_data, KEY)
    target = tmp_path / "b.db"
    assert run("backup", str(target), key=KEY).exit_code == 0
    listing = sorted(p.name for p in db_file.parent.iterdir())
    before = db_file.read_bytes()

    result = run("restore", str(target), key="not the passphrase")
    assert result.exit_code == 1
    assert "restore refused: that passphrase does not open the backup" in result.stderr
    assert "Nothing was changed." in result.stderr
    result = run("restore", str(target))  # no terminal, no passphrase
    assert result.exit_code == 1 and "encrypted: give its passphrase" in result.stderr
    result = run("restore", str(tmp_path / "missing.db"))
    assert result.exit_code == 1 and "there is no backup file" in result.stderr
    result = run("restore", str(tmp_path / "case.json"))
    assert result.exit_code == 1 and "not a cpchair backup" in result.stderr
    assert "Traceback" not in result.output

    assert db_file.read_bytes() == before
    assert sorted(p.name for p in db_file.parent.iterdir()) == listing


def test_restore_and_encrypt_refuse_while_the_app_has_the_database_open(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    _with_demo(run, tmp_path, demo_data)
    target = tmp_path / "b.db"
    assert run("backup", str(target)).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = db_file.read_bytes()
        for args in (("restore", str(target)), ("encrypt",)):
            result = run(*args, new=NEW)
            assert result.exit_code == 1, args
            assert "open in another cpchair" in result.stderr and "close it" in result.stderr
        assert db_file.read_bytes() == before and not is_encrypted(db_file)
    finally:
        holder.communicate("", timeout=60)


def test_passphrase_changes_it_the_old_one_no_longer_opens_and_the_new_one_does(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    before = _with_demo(run, tmp_path, demo_data, KEY)
    result = run("passphrase", key=KEY, new="short")
    assert result.exit_code == 1 and "at least 8 characters" in result.stderr
    result = run("passphrase", key="not the passphrase", new=NEW)
    assert result.exit_code == 1 and "does not open" in result.stderr
    result = run("passphrase", key=KEY)  # no new one, and no terminal to ask at
    assert result.exit_code == 1 and "CPCHAIR_NEW_PASSPHRASE" in result.stderr

    result = run("passphrase", key=KEY, new=NEW)
    assert result.exit_code == 0, result.output
    assert "opens with the new one only" in result.stdout
    old = run("export", "DEMO-0001", key=KEY)
    assert old.exit_code == 1 and "passphrase does not open" in old.stderr
    assert run("export", "DEMO-0001", key=NEW).stdout == before


def test_passphrase_on_a_plain_database_says_to_encrypt(run, tmp_path: Path, demo_data) -> None:
    _with_demo(run, tmp_path, demo_data)
    result = run("passphrase", key=KEY, new=NEW)
    assert result.exit_code == 1 and "`cpchair encrypt`" in result.stderr


def test_encrypt_turns_a_plain_database_into_an_encrypted_one(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    before = _with_demo(run, tmp_path, demo_data)
    assert run("backup").exit_code == 0  # a plain backup, made before
    result = run("encrypt", new=NEW)
    assert result.exit_code == 0, result.output
    assert "the plain file is deleted" in result.stdout
    assert "1 backup in" in result.stdout and "still not encrypted" in result.stdout
    assert is_encrypted(db_file) and b"Hadley" not in db_file.read_bytes()
    assert sorted(p.name for p in db_file.parent.iterdir() if p.name.startswith("cases")) == [
        "cases.db"
    ]
    assert run("export", "DEMO-0001", key=NEW).stdout == before
    plain = run("export", "DEMO-0001")
    assert plain.exit_code == 1 and "encrypted" in plain.stderr
    result = run("encrypt", new=NEW)
    assert result.exit_code == 1 and "encrypted already" in result.stderr


def test_encrypt_takes_cpchair_passphrase_when_no_new_one_is_given(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    before = _with_demo(run, tmp_path, demo_data)
    assert run("encrypt", key=KEY).exit_code == 0
    assert run("export", "DEMO-0001", key=KEY).stdout == before


def test_at_a_terminal_the_new_passphrase_is_typed_twice(
    run, db_file: Path, tmp_path: Path, demo_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _with_demo(run, tmp_path, demo_data)
    typed = iter(["a passphrase", "a passfrase", "short", "short", NEW, NEW])
    monkeypatch.setattr("cpchair.unlock.at_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    result = run("encrypt")
    assert result.exit_code == 0, result.output
    assert "The two passphrases differ" in result.stderr
    assert "at least 8 characters" in result.stderr
    assert run("export", "DEMO-0001", key=NEW).stdout == before


def test_a_backup_restores_where_there_is_no_database_yet(
    run, db_file: Path, tmp_path: Path, demo_data
) -> None:
    before = _with_demo(run, tmp_path, demo_data, KEY)
    target = tmp_path / "b.db"
    assert run("backup", str(target), key=KEY).exit_code == 0
    elsewhere = tmp_path / "new laptop" / "cpchair.db"
    result = run("--db", str(elsewhere), "restore", str(target), key=KEY)
    assert result.exit_code == 0, result.output
    assert "kept at" not in result.stdout
    assert sorted(p.name for p in elsewhere.parent.iterdir()) == ["cpchair.db"]
    assert run("--db", str(elsewhere), "export", "DEMO-0001", key=KEY).stdout == before
