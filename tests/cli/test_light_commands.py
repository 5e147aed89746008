"""Commands that need no pydantic do not import it (cpchair/cli_params.py): Typer's own
checks are built only for the values that need them, and still made for those."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _imports_pydantic(*args: str) -> bool:
    code = (
        "import sys\n"
        "from cpchair.cli import app\n"
        f"app({list(args)!r}, standalone_mode=False)\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[-1] == "True"


def test_timescales_imports_no_pydantic() -> None:
    assert not _imports_pydantic("timescales", "review", "2026-11-26", "--json")
    assert not _imports_pydantic("timescales", "initial", "2026-11-26", "--trigger", "2026-11-20")


def test_a_value_that_needs_a_check_is_still_checked(run, tmp_path: Path) -> None:
    result = run("import", str(tmp_path))  # a folder, where a file is wanted
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_a_database_that_is_a_folder_is_refused(run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "timescales", "review", "2026-11-26")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
