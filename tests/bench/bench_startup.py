"""Start-up as a chair waits for it: from launching `cpchair` in a terminal to the first
frame that shows the caseload's rows, against a bare Textual app of the same chrome.

    uv run python tests/bench/bench_startup.py [runs]

Each run starts a whole process on a pseudo-terminal (80x24) and times until the first row's
reference is drawn: the demo case (one case), then 20,000 fictional cases. The baseline is a
bare Textual app (header, a one-line filter box, a DataTable with one row, footer) run the
same way, in turn with cpchair, in the same run. Prints medians and the ratio.
Goal (issue 14): first paint at most 1.5x the bare app, with 1 and with 20,000 cases.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_caseload import fill
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


def measure(folder: Path, env: dict[str, str], first: str, runs: int) -> tuple[float, float]:
    bare = folder / "bare.py"
    bare.write_text(BARE.format(first=first))
    ours, base = [], []
    for _ in range(runs):  # in turn, so that a busy moment falls on both alike
        ours.append(first_paint(CPCHAIR, env, first))
        base.append(first_paint([sys.executable, str(bare)], env, first))
    return statistics.median(ours), statistics.median(base)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("Launch to the first frame with rows, 80x24, whole processes (median):")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = demo_folder(folder)
        first_paint(CPCHAIR, env, "DEMO-0001")  # the first start writes settings and backups
        ours, base = measure(folder, env, "DEMO-0001", runs)
        print(f"1 case:        cpchair {ours:5.2f} s · bare {base:5.2f} s · "
              f"ratio {ours / base:4.1f}x (goal <= 1.5)")  # fmt: skip
        big = folder / "big"
        big.mkdir()
        fill(big / "cpchair.db", 20_000)
        env = {**env, "CPCHAIR_DATA_DIR": str(big)}
        first_paint(CPCHAIR, env, "LA-00000")
        ours, base = measure(folder, env, "LA-00000", runs)
        print(f"20,000 cases:  cpchair {ours:5.2f} s · bare {base:5.2f} s · "
              f"ratio {ours / base:4.1f}x (goal <= 1.5)")  # fmt: skip


if __name__ == "__main__":
    main()
