"""The CLI run in-process on the test's throwaway database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cpchair.cli import app


@pytest.fixture
def run(db_file: Path):
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke
