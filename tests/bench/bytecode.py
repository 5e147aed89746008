"""How the benchmarks' processes get their bytecode.

This machine's environment sets PYTHONDONTWRITEBYTECODE, so every process would compile
every module it imports, every time; an installed cpchair has its bytecode after its first
run. So by default the processes cache their bytecode in the benchmark's temp folder (the
first run of each warms it); `--no-bytecode` on a benchmark's command line measures them
compiling everything instead, cpchair and its baseline alike.
"""

from __future__ import annotations

import sys
from pathlib import Path


def with_bytecode(env: dict[str, str], folder: Path) -> dict[str, str]:
    """`env` for the benchmark's processes, as the command line asks."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if "--no-bytecode" in sys.argv:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def mode(env: dict[str, str]) -> str:
    return "cached bytecode" if "PYTHONPYCACHEPREFIX" in env else "no bytecode"
