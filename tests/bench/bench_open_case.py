"""Opening a case of 20 conferences from the caseload, as the chair waits for it: from Enter
to the frame that shows the case file filled in.

    uv run python tests/bench/bench_open_case.py [opens]

Runs `cpchair` on a throwaway data folder holding one case of 20 conferences (the demo's,
its first conference copied back in time 19 times) as a whole process in a pseudo-terminal
(80x24). Each open is Enter on the caseload's row, timed until the screen shows the case's
details (the lead social worker's name in its field and the case in the title), then Escape
back. The baseline is a bare Textual app run the same way in the same run: a table of one
row whose Enter pushes a screen of the same chrome (header, five tabs, the details as five
labelled inputs, a status line, footer) filled in as it mounts. Prints medians, the 95th
percentile and the ratio.
Goal (issue 14): a case opens within 200 ms.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair.demo import DEMO_REFERENCE
from tests.bench.bytecode import with_bytecode
from tests.builders import many_conferences
from tests.reliability.terminal import COLUMNS, ENTER, LINES, Terminal, demo_folder

ESCAPE = b"\x1b"
WORKER = "Priya Nandra"  # the demo's lead social worker: shown only in the case's details
TITLE = f"{DEMO_REFERENCE} · Hadley"  # the case file's title, set once the case is read

BARE = textwrap.dedent(
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.screen import Screen
    from textual.widgets import (DataTable, Footer, Header, Input, Label, Static,
                                 TabbedContent, TabPane)

    FIELDS = [("Reference", "{reference}"), ("Family name", "Hadley"),
              ("Lead social worker", "{worker}"), ("Team", "Family Safeguarding Team"),
              ("Practice profile", "England")]

    class Case(Screen):
        BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
        CSS = "Horizontal {{ height: 3; }} Label {{ width: 22; }} Input {{ width: 1fr; }}"

        def compose(self):
            yield Header()
            with TabbedContent():
                with TabPane("Details"):
                    with VerticalScroll():
                        for label, value in FIELDS:
                            with Horizontal():
                                yield Label(label)
                                yield Input(value)
                for name in ("Children", "Family and network", "Conferences", "Audit"):
                    with TabPane(name):
                        yield DataTable()
            yield Static("", id="status")
            yield Footer()

        def on_mount(self):
            self.sub_title = "{title}"

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable(cursor_type="row")
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Reference", "Family", "Next conference", "Needs attention")
            table.add_row("{reference}", "Hadley", "1 Dec", "")
            table.focus()

        def on_data_table_row_selected(self):
            self.push_screen(Case())

    Bare().run()
    """
)


def opens(argv: list[str], env: dict[str, str], times: int) -> tuple[float, list[float]]:
    """Enter pressed the moment the first rows show (cpchair's store may still be opening
    then: the key waits for it), then `times` opens once the process has settled."""
    term = Terminal(argv, env)
    try:
        term.wait_for(DEMO_REFERENCE.encode(), timeout=60)
        took = []
        for n in range(times + 1):
            term.drain()
            term.write(ENTER)
            took.append(term.wait_shown(WORKER, TITLE))
            term.drain()
            term.write(ESCAPE)
            term.wait_for(b"Next conference")
            if n == 0:
                term.read_until(time.perf_counter() + 2)  # settled: the store open, GC done
        return took[0], took[1:]
    finally:
        term.close()


def p95(xs: list[float]) -> float:
    return sorted(xs)[round(0.95 * (len(xs) - 1))]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    times = int(args[0]) if args else 10
    with tempfile.TemporaryDirectory() as folder:
        env = demo_folder(Path(folder), case=many_conferences(dt.date.today()))
        env = with_bytecode(env, Path(folder))
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE.format(reference=DEMO_REFERENCE, worker=WORKER, title=TITLE))
        ours, bare, ours_first, bare_first = [], [], [], []
        for _ in range(2):  # in turn, so that a busy moment falls on both alike
            first, took = opens([sys.executable, "-m", "cpchair"], env, times // 2)
            ours += took
            ours_first.append(first)
            first, took = opens([sys.executable, str(bare_script)], env, times // 2)
            bare += took
            bare_first.append(first)
    print(f"Enter on the caseload to the frame showing a case of 20 conferences, "
          f"{COLUMNS}x{LINES}, whole processes, {len(ours)} opens each once settled, and one "
          f"at the first frame with rows (the store may still be opening):")  # fmt: skip
    for name, xs, firsts in (("cpchair", ours, ours_first), ("bare", bare, bare_first)):
        at_start = " / ".join(f"{x * 1000:.0f}" for x in firsts)
        print(f"{name:8} median {statistics.median(xs) * 1000:5.0f} ms · "
              f"p95 {p95(xs) * 1000:5.0f} ms · at the first frame {at_start} ms")  # fmt: skip
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"ratio    {ratio:.1f}x (goal: within 200 ms)")


if __name__ == "__main__":
    main()
