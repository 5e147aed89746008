"""The CLI's speed as whole processes, each against a bare baseline in the same run.

    uv run python tests/bench/bench_cli.py [runs] [--no-bytecode]

Makes a throwaway data folder (the demo case, and 5,000 fictional cases beside it) and times,
as fresh processes in turn with their baselines (so a busy moment falls on both alike):

- `cpchair cases` piped, 5,000 cases (goal: 1.5 s), against `python -c "import typer"`;
- `cpchair cases` at a terminal (a pty, until its output ends), 5,000 cases (goal: 1.5 s);
- `cpchair timescales review DATE` against `python -c "import typer"` (goal: 2.5x);
- `cpchair export DEMO-0001 -f docx` against `python -c "import docx"` (goal: 3x).

Prints the median of the runs (default 5), the baseline's, their ratio and the goal (issue 14).
Bytecode is cached in the temp folder, as an installed cpchair has it after its first run;
`--no-bytecode` compiles every module on every run instead (PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_caseload import fill
from tests.bench.bytecode import mode, with_bytecode
from tests.reliability.terminal import demo_folder

PY = sys.executable
CPCHAIR = [PY, "-m", "cpchair"]
TYPER = [PY, "-c", "import typer"]
DOCX = [PY, "-c", "import docx"]


def piped(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from start to exit, its output read through a pipe (as a script reads it)."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.PIPE,
                   stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def at_terminal(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from start until the process has written its last byte to a pty and ended."""
    leader, follower = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=follower, stdout=follower,
                            stderr=follower, start_new_session=True)  # fmt: skip
    os.close(follower)
    try:
        while True:  # read on: a full terminal would stop it writing
            select.select([leader], [], [], 30)
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # EIO: it has gone and all it wrote has been read
                break
        proc.wait(timeout=60)
        return time.perf_counter() - start
    finally:
        os.close(leader)


def compare(label: str, ours: list[str], base: list[str], goal: str, runs: int,
            env: dict[str, str], cwd: Path, run=piped, before=None) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    a, b = [], []
    for i in range(runs + 1):  # the first of each warms the bytecode and the file cache
        if before:
            before()
        t_a = run(ours, env, cwd)
        t_b = piped(base, env, cwd)
        if i:
            a.append(t_a)
            b.append(t_b)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{label:<34} {ma:6.3f} s · baseline {mb:6.3f} s · ratio {ma / mb:5.2f}x  ({goal})")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 5
    with tempfile.TemporaryDirectory(prefix="cpchair-bench-") as tmp:
        folder = Path(tmp)
        demo = folder / "demo"
        demo.mkdir()
        env = with_bytecode(demo_folder(demo), folder)
        big = folder / "big"
        big.mkdir()
        fill(big / "cpchair.db", 5000)
        big_env = {**env, "CPCHAIR_DATA_DIR": str(big), "CPCHAIR_CONFIG_DIR": str(big / "config")}
        work = folder / "out"
        work.mkdir()
        print(f"Whole processes, median of {runs} ({mode(env)}); baselines run in turn with each:")
        typer_base = "baseline: python -c 'import typer'"
        compare("cases, piped, 5,000 cases", [*CPCHAIR, "cases"], TYPER,
                f"goal <= 1.5 s; {typer_base}", runs, big_env, work)  # fmt: skip
        compare("cases, at a terminal, 5,000 cases", [*CPCHAIR, "cases"], TYPER,
                f"goal <= 1.5 s; {typer_base}", runs, big_env, work, run=at_terminal)  # fmt: skip
        compare("timescales review 2026-12-01", [*CPCHAIR, "timescales", "review", "2026-12-01"],
                TYPER, f"goal <= 2.5x; {typer_base}", runs, env, work)  # fmt: skip
        compare("export DEMO-0001 -f docx", [*CPCHAIR, "export", "DEMO-0001", "-f", "docx"],
                DOCX, "goal <= 3x; baseline: python -c 'import docx'", runs, env, work,
                before=lambda: [p.unlink() for p in work.glob("*.docx")])  # fmt: skip


if __name__ == "__main__":
    main()
