"""The house rules, checked by machine so the test command keeps them: the types (mypy, set up
in pyproject.toml's [tool.mypy]), the style (ruff) and the layers (import-linter's contracts
in [tool.importlinter]). The runtime checks that the CLI, the settings and the documents stay
light are beside the code they guard (tests/cli, tests/unit, tests/documents).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import mypy.api
import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    # About 17 s cold on a 2-core machine, about 1 s with the cache warm.
    monkeypatch.chdir(ROOT)
    report, errors, status = mypy.api.run(["--config-file", "pyproject.toml"])
    assert status == 0, report + errors


@pytest.mark.parametrize("check", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_finds_nothing(check: list[str]) -> None:
    ruff = Path(sys.executable).with_name("ruff")
    out = subprocess.run([str(ruff), *check, "."], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_layer_contract_is_kept() -> None:
    # One run for all the contracts: each run builds the whole import graph again.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["tool"]["importlinter"]["contracts"]]
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-logo"], cwd=ROOT, capture_output=True, text=True)
    kept = [name for name in names if f"{name} KEPT" in out.stdout]
    assert out.returncode == 0 and kept == names, out.stdout + out.stderr
