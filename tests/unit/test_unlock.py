"""Where the passphrase comes from (cpchair/unlock.py): the environment first, then the
person if one is there to ask, and a new database made plain, said, when no one is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cpchair.demo import demo_case
from cpchair.store import open_store
from cpchair.unlock import (
    ENV,
    MADE_PLAIN,
    PLAIN_NOTICE,
    Found,
    found,
    key_for,
    passphrase_problem,
)

KEY = "a long enough passphrase"


def _never(what: Found) -> str:
    raise AssertionError("the person was asked")


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "secret.db"
    open_store(path, KEY).import_case(demo_case(dt.date(2026, 11, 26)))
    return path


def test_what_is_found_at_the_path(tmp_path: Path, encrypted: Path) -> None:
    assert found(tmp_path / "none.db") is Found.NEW
    plain = tmp_path / "plain.db"
    open_store(plain)
    assert found(plain) is Found.PLAIN
    assert found(encrypted) is Found.ENCRYPTED


def test_the_environment_gives_it_without_asking(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, KEY)
    assert key_for(encrypted, _never) == KEY
    assert key_for(encrypted.with_name("new.db"), _never) == KEY


def test_the_person_is_asked_what_the_file_needs(
    tmp_path: Path, encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    asked: list[Found] = []

    def ask(what: Found) -> str:
        asked.append(what)
        return KEY

    assert key_for(encrypted, ask) == KEY
    assert key_for(tmp_path / "new.db", ask) == KEY
    assert asked == [Found.ENCRYPTED, Found.NEW]


def test_with_no_one_to_ask_a_new_database_is_plain_and_says_so(
    tmp_path: Path,
    encrypted: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert key_for(tmp_path / "new.db", None) is None
    assert capsys.readouterr().err.strip() == MADE_PLAIN
    assert key_for(encrypted, None) is None  # and the store then refuses, in its own words
    assert capsys.readouterr().err == ""


def test_a_plain_database_is_offered_encryption_only_to_a_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV, KEY)  # a plain file opens plain, whatever is given
    plain = tmp_path / "plain.db"
    open_store(plain)
    assert key_for(plain, None) is None
    assert capsys.readouterr().err == ""
    assert key_for(plain, _never) is None
    assert capsys.readouterr().err.strip() == PLAIN_NOTICE


@pytest.mark.parametrize(
    ("text", "again", "said"),
    [
        ("short", None, "at least 8"),
        ("has a\x07bell", None, "control characters"),
        ("long enough one", "long enough two", "differ"),
        ("long enough one", "long enough one", None),
    ],
)
def test_a_new_passphrase_is_checked_in_plain_words(
    text: str, again: str | None, said: str | None
) -> None:
    problem = passphrase_problem(text, again)
    assert (problem is None) if said is None else (said in (problem or ""))
