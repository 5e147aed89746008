"""Which database file is used: --db, then CPCHAIR_DB, then CPCHAIR_DATA_DIR, then the user's
data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cpchair import paths


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPCHAIR_DATA_DIR", str(tmp_path / "dir"))
    assert paths.db_path() == tmp_path / "dir" / "cpchair.db"
    monkeypatch.setenv("CPCHAIR_DB", str(tmp_path / "env.db"))
    assert paths.db_path() == tmp_path / "env.db"
    paths.set_cli_db(tmp_path / "flag.db")
    assert paths.db_path() == tmp_path / "flag.db"


def test_default_is_the_platform_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_data_path

    monkeypatch.delenv("CPCHAIR_DATA_DIR")
    assert paths.db_path() == user_data_path("cpchair", appauthor=False) / "cpchair.db"


def test_python_dash_m_runs_the_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cpchair", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("cpchair ")
