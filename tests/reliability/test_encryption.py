"""Encrypted at rest: with a passphrase the database, its write-ahead log and its shared
memory file hold none of a case's words; the wrong passphrase, or none, opens nothing and
changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cpchair.db import LockedError, WrongPassphraseError, is_encrypted
from cpchair.demo import demo_case
from cpchair.store import Store, edits, open_store
from cpchair.store.meeting import Meeting

KEY = "correct horse 'battery' staple"  # a quote in it: the key is SQL-quoted, never pasted
WORDS = (b"Hadley", b"Carver", b"Ruby", b"frightened")


def _files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def test_no_word_of_a_case_is_in_any_file_while_open_or_after(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    store = open_store(path, KEY)
    store.import_case(demo_case(dt.date(2026, 11, 26)))
    meeting = Meeting(store, "DEMO-0001", "rcpc1")
    meeting.edit(
        edits.mapping.add_entry,
        column="grey_areas",
        text="Whether Liam Carver drinks frightened Ruby",
    )
    meeting.keep(edits.working.save_draft, "mapping.capture", "Hadley draft text")
    assert store.encrypted and is_encrypted(path)
    assert Path(f"{path}-wal").exists()  # the log is written too: it must be as dark
    for file in _files(path):
        data = file.read_bytes()
        assert not any(word in data for word in WORDS), file.name
    store.engine.dispose()
    assert [p.name for p in _files(path) if any(w in p.read_bytes() for w in WORDS)] == []


def test_the_right_passphrase_opens_it_again_and_others_open_nothing(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    open_store(path, KEY).import_case(demo_case(dt.date(2026, 11, 26)))
    before = path.read_bytes()
    with pytest.raises(LockedError, match="passphrase"):
        Store(path)
    with pytest.raises(WrongPassphraseError, match="does not open"):
        Store(path, "not it")
    assert path.read_bytes() == before
    again = Store(path, KEY)
    assert again.load_case("DEMO-0001") is not None
    assert again.passphrase_matches(KEY) and not again.passphrase_matches("not it")


def test_a_plain_database_opens_as_before_whatever_passphrase_is_given(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    open_store(path).import_case(demo_case(dt.date(2026, 11, 26)))
    store = Store(path, KEY)
    assert not store.encrypted and not is_encrypted(path)
    assert store.has_case("DEMO-0001")
    assert not store.passphrase_matches(KEY)
