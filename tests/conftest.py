"""Shared fixtures: every test gets its own throwaway database, never a real chair's."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cpchair import paths, settings
from cpchair.resources import data_file


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every default location at a private temporary folder: the data, and the
    settings (none there, so every test starts from the defaults)."""
    home = tmp_path_factory.mktemp("cpchair-home")
    monkeypatch.setenv("CPCHAIR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("CPCHAIR_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("CPCHAIR_DB", raising=False)
    paths.set_cli_db(None)
    settings.forget_settings()
    yield
    paths.set_cli_db(None)
    settings.forget_settings()


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cases.db"
    monkeypatch.setenv("CPCHAIR_DB", str(path))
    return path


@pytest.fixture(scope="session")
def _empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database at the schema's head, made once per test process: running every
    migration for each test's store took a seventh of a second, a sixth of the suite."""
    from cpchair.db import forget_engines
    from cpchair.store import open_store

    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_store(path)
    forget_engines(path)  # the last connection closed: the log is folded into the file
    return path


@pytest.fixture
def store(db_file: Path, _empty_database: Path):
    from cpchair.store import open_store

    shutil.copyfile(_empty_database, db_file)
    return open_store(db_file)


_DEMO: dict[str, Any] = json.loads(data_file("demo", "household.json").read_text("utf-8"))


@pytest.fixture
def demo_data() -> dict[str, Any]:
    """The demo case as plain JSON data, a fresh copy to change freely."""
    return copy.deepcopy(_DEMO)


@pytest.fixture
def demo_text() -> str:
    return json.dumps(_DEMO)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than the processor has cores. Many tests spend part of
    their time waiting (on a pseudo-terminal's process, a Pilot pause, a second process), and
    the spare worker fills that time: on 2 cores, 3:47 against 4:35 for the whole suite."""
    import os

    return (os.cpu_count() or 1) + 1
