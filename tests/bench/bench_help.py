"""How quickly `cpchair --help` answers, against the floor of importing Typer itself.

    uv run python tests/bench/bench_help.py

Both commands run as fresh processes, interleaved, in one run; the figure printed is the
median time of `cpchair --help` divided by the median time of `python -c "import typer"`.
Goal (issue 2): at most 1.5. The CLI imports Textual and the database only when a command
needs them, so --help costs little more than Typer.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15
HELP = [sys.executable, "-m", "cpchair", "--help"]
TYPER = [sys.executable, "-c", "import typer"]


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    once(HELP), once(TYPER)  # warm the file cache and the bytecode
    helps, typers = [], []
    for _ in range(RUNS):  # interleaved, so a busy moment hurts both alike
        helps.append(once(HELP))
        typers.append(once(TYPER))
    h, t = statistics.median(helps), statistics.median(typers)
    print(f"cpchair --help:      {h * 1000:6.1f} ms (median of {RUNS})")
    print(f"python -c 'import typer': {t * 1000:6.1f} ms (median of {RUNS})")
    print(f"ratio help / typer:  {h / t:6.2f}   goal <= 1.5")


if __name__ == "__main__":
    main()
