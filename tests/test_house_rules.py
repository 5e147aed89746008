"""The house rules, checked by machine so the test command keeps them: the types (mypy, set up
in pyproject.toml's [tool.mypy]) and the layers (import-linter's contracts in
[tool.importlinter]). The runtime checks that the CLI, the settings and the documents stay
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

# Issue 13: the store, screens and app are being rewritten in parallel; what mypy still finds
# there is left to that work. Remove the mark once mypy is at 0.
MYPY_ERRORS_LEFT = 135
# A contract that does not hold yet, with why; empty when every layer is kept.
STILL_BROKEN: dict[str, str] = {}


@pytest.mark.xfail(
    strict=False,
    reason=f"{MYPY_ERRORS_LEFT} mypy errors left in the store, screens and app under rewrite",
)
def test_mypy_finds_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    # About 17 s cold on a 2-core machine, about 1 s with the cache warm.
    monkeypatch.chdir(ROOT)
    report, errors, status = mypy.api.run(["--config-file", "pyproject.toml"])
    assert status == 0, report + errors


def _contracts() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [contract["id"] for contract in config["tool"]["importlinter"]["contracts"]]


@pytest.mark.parametrize(
    "contract",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=False, reason=STILL_BROKEN[name])
            if name in STILL_BROKEN
            else (),
        )
        for name in _contracts()
    ],
)
def test_layer_contract_kept(contract: str) -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run(
        [str(lint), "--no-logo", "--contract", contract],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
