"""Start-up as a chair waits for it: from launching `cpchair` in a terminal to the first
frame that shows the caseload's rows, against a bare Textual app of the same chrome.

    uv run python tests/bench/bench_startup.py [runs] [--no-bytecode]

Each run starts a whole process on a pseudo-terminal (80x24) and times until the first row's
reference is drawn: the demo case (one case), then 20,000 fictional cases. The baseline is a
bare Textual app (header, a one-line filter box, a DataTable with the same number of rows,
footer) run the same way, in turn with cpchair, in the same run. Prints medians and the ratio.

cpchair draws the first page it kept at its last start (first_page.py) while the store
opens. Three cases: kept today; kept on an earlier day (the first start of a morning: its
rows are drawn at once, their flags a moment later, so this times the rows); and none kept
(after the CLI changed a case), so that the first rows wait for the store.

Memory: the resident size (VmRSS) of each process once it has settled (3 s after its first
rows, the store open and the page read), cpchair against the bare app, at 20,000 cases.
Bytecode is cached in the temp folder, as an installed cpchair has it after its first run;
`--no-bytecode` compiles every module on every run, for both (PYTHONDONTWRITEBYTECODE).
Goals (issue 14): first paint at most 1.5x the bare app, with 1 and with 20,000 cases;
memory at 20,000 cases at most 2x the bare app.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_caseload import fill
from tests.bench.bytecode import mode, with_bytecode
from tests.reliability.terminal import Terminal, demo_folder

BARE = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Input

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input(placeholder="Filter")
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Reference", "Family", "Next conference", "Needs attention")
            table.add_row("{first}", "Family", "1 Dec", "")
            for n in range({more}):  # as many rows as cpchair's first page shows
                table.add_row(f"LA-{{n:05d}}", "Family", "1 Dec", "")

    Bare().run()
    """
)
CPCHAIR = [sys.executable, "-m", "cpchair"]


def first_paint(argv: list[str], env: dict[str, str], first: str) -> float:
    term = Terminal(argv, env)
    try:
        return term.wait_for(first.encode(), timeout=120)
    finally:
        term.close()


def settled_memory(argv: list[str], env: dict[str, str], first: str) -> float:
    """MiB resident once the process has drawn its rows and had 3 s to finish loading."""
    term = Terminal(argv, env)
    try:
        term.wait_for(first.encode(), timeout=120)
        term.read_until(time.perf_counter() + 3)
        status = Path(f"/proc/{term.proc.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        return kib / 1024
    finally:
        term.close()


def kept_yesterday(folder: Path) -> None:
    with closing(sqlite3.connect(folder / "cpchair.db")) as conn, conn:
        conn.execute("UPDATE first_page SET day = '2000-01-01'")


def none_kept(folder: Path) -> None:
    with closing(sqlite3.connect(folder / "cpchair.db")) as conn, conn:
        conn.execute("DELETE FROM first_page")


def measure(
    folder: Path,
    env: dict[str, str],
    first: str,
    runs: int,
    before: Callable[[Path], None] | None = None,
) -> tuple[float, float]:
    bare = folder / "bare.py"
    rows = 1 if first == "DEMO-0001" else 50  # the demo alone, or a first page of 50
    bare.write_text(BARE.format(first=first, more=rows - 1))
    data = Path(env["CPCHAIR_DATA_DIR"])
    ours, base = [], []
    for _ in range(runs):  # in turn, so that a busy moment falls on both alike
        if before is not None:
            before(data)
        ours.append(first_paint(CPCHAIR, env, first))
        base.append(first_paint([sys.executable, str(bare)], env, first))
    return statistics.median(ours), statistics.median(base)


def line(label: str, ours: float, base: float) -> str:
    return (f"{label:<22} cpchair {ours:5.2f} s · bare {base:5.2f} s · "
            f"ratio {ours / base:4.1f}x (goal <= 1.5)")  # fmt: skip


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = with_bytecode(demo_folder(folder), folder)
        print(f"Launch to the first frame with rows, 80x24, whole processes (median, "
              f"{mode(env)}):")  # fmt: skip
        bare = folder / "bare.py"
        bare.write_text(BARE.format(first="DEMO-0001", more=0))
        first_paint([sys.executable, str(bare)], env, "DEMO-0001")  # compiles Textual once
        first_paint(CPCHAIR, env, "DEMO-0001")  # the first start writes settings and backups
        print(line("1 case:", *measure(folder, env, "DEMO-0001", runs)))
        print(line("  kept yesterday:", *measure(folder, env, "DEMO-0001", runs, kept_yesterday)))
        print(line("  none kept:", *measure(folder, env, "DEMO-0001", runs, none_kept)))
        big = folder / "big"
        big.mkdir()
        fill(big / "cpchair.db", 20_000)
        env = {**env, "CPCHAIR_DATA_DIR": str(big)}
        first_paint(CPCHAIR, env, "LA-00000")
        print(line("20,000 cases:", *measure(folder, env, "LA-00000", runs)))
        print(line("  kept yesterday:", *measure(folder, env, "LA-00000", runs, kept_yesterday)))
        print(line("  none kept:", *measure(folder, env, "LA-00000", runs, none_kept)))
        first_paint(CPCHAIR, env, "LA-00000")
        ours = settled_memory(CPCHAIR, env, "LA-00000")
        base = settled_memory([sys.executable, str(folder / "bare.py")], env, "LA-00000")
        print(f"{'memory, 20,000 cases:':<22} cpchair {ours:5.1f} MiB · bare {base:5.1f} MiB · "
              f"ratio {ours / base:4.1f}x (goal <= 2)")  # fmt: skip


if __name__ == "__main__":
    main()
