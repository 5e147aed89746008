"""The caseload's filter as a chair feels it: from a key pressed in the filter box to the
frame that shows what it narrowed to, with 20,000 cases, against a bare Textual app.

    uv run python tests/bench/bench_caseload.py [rounds]

`cpchair` runs as a whole process on a pseudo-terminal (80x24). After `/` each key is written
to the terminal, and the time runs until the screen shows that key's result: the count
("50 of 1578 · by ...") and the first row's reference both as the key leaves them. The keys
type and delete parts of references (digits: every key changes the count), 32 in a round, a
new process each round, so the pages typed forward are read and flagged afresh and those
deleted back to are not, as when a chair looks someone up. The baseline is a bare Textual app
(an Input, a count and a DataTable) that on each key clears the table and adds 50 one-line
rows showing the same count and first reference, typed at in turn with cpchair in the same
run. Prints median and p95 of each, and their ratios.
Goal (issue 14): p95 under 50 ms at 20,000 cases.

Also prints the cost of reading and flagging one page cold, in this process. First paint
(launch to the first rows) is bench_startup.py's.
`fill(path, n)` makes n fictional cases; other benchmarks use it.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair import models as m
from cpchair.store import open_store
from cpchair.store.index import SQLITE, first_due, next_and_search
from tests.bench.bytecode import with_bytecode
from tests.reliability.terminal import Terminal, demo_folder

PAGE = 50  # as the caseload screen pages
TODAY = dt.date(2026, 11, 26)
SURNAMES = ["Ashworth", "Brennan", "Okafor", "Nowak", "Patel", "Smith", "Evans", "Hughes"]
FIRST = ["Ava", "Leo", "Mia", "Noah", "Isla", "Theo", "Ruby", "Alfie"]
CASES = 20_000
WORDS = ["1234", "9876", "2468", "7130"]  # typed then deleted: 32 keys, each changing the result
BACKSPACE = b"\x7f"
TYPING_GAP = 0.15  # seconds after a key's frame before the next key: a quick typist's pace


def fill(path: Path, n: int) -> None:
    """n fictional cases, each with two children, a concluded initial conference with a plan,
    and a prepared review with four invitations: what the flags look at."""
    store = open_store(path)
    now = dt.datetime.now(dt.UTC)
    with store.session() as s, s.begin():
        s.execute(insert(m.Case), [
            {"id": i + 1, "reference": f"LA-{i:05d}", "family_name": SURNAMES[i % 8],
             "profile": "england", "lead_social_worker": "A Worker", "created_at": now,
             "updated_at": now}
            for i in range(n)
        ])  # fmt: skip
        s.execute(insert(m.Child), [
            {"id": 2 * i + j + 1, "case_id": i + 1, "key": f"c{j + 1}", "position": j,
             "first_name": FIRST[(i + j) % 8], "last_name": SURNAMES[i % 8],
             "date_of_birth": dt.date(2015 + j * 5, 1 + i % 12, 1), "subject": True}
            for i in range(n) for j in range(2)
        ])  # fmt: skip
        s.execute(insert(m.Conference), [
            {"id": 2 * i + j + 1, "case_id": i + 1, "key": f"k{j}", "position": j,
             "kind": ("initial", "review")[j],
             "date": TODAY - dt.timedelta(days=80 - j * (80 + i % 60)),
             "status": ("concluded", "prepared")[j], "chair": "A Chair"}
            for i in range(n) for j in range(2)
        ])  # fmt: skip
        s.execute(insert(m.Decision), [
            {"conference_id": 2 * i + 1, "child_id": 2 * i + j + 1, "position": j,
             "outcome": "plan", "method": "unanimous"}
            for i in range(n) for j in range(2)
        ])  # fmt: skip
        agencies = ["childrens_social_care", "police", "health", "family"]
        s.execute(insert(m.Attendee), [
            {"id": 4 * i + a + 1, "conference_id": 2 * i + 2, "key": f"a{a}", "position": a,
             "name": f"Person {a}", "role": "role", "agency": agencies[a],
             "attendance": "present", "votes": a < 3}
            for i in range(n) for a in range(4)
        ])  # fmt: skip
        s.execute(insert(m.DirectContact), [
            {"attendee_id": 4 * i + a + 1, "child_id": 2 * i + j + 1, "position": j}
            for i in range(n) for a in range(1, 3) for j in range(2)
        ])  # fmt: skip
        # The columns the store keeps on every write: search words and the sorting dates.
        s.execute(text(next_and_search(SQLITE)))
        s.execute(text(first_due(SQLITE)))
    store.engine.dispose()


def keys(words: list[str]) -> list[tuple[bytes, str]]:
    """Each word typed then deleted, a key at a time: (the key, the filter after it)."""
    steps: list[tuple[bytes, str]] = []
    for word in words:
        steps += [(char.encode(), word[: i + 1]) for i, char in enumerate(word)]
        steps += [(BACKSPACE, word[:i]) for i in reversed(range(len(word)))]
    return steps


def expected(path: Path, texts: set[str]) -> dict[str, tuple[str, str]]:
    """What the screen shows for each filter: the count's words and the first reference."""
    store = open_store(path)
    shows = {}
    for typed in texts:
        page = store.caseload_page(typed, "next", PAGE, 0, TODAY)
        shown = f"{PAGE} of {page.matching}" if page.matching > PAGE else str(page.matching)
        shows[typed] = (f" {shown} · by", page.rows[0].reference)
    store.engine.dispose()
    return shows


BARE = textwrap.dedent(
    """
    import json, sys
    from textual.app import App
    from textual.containers import Horizontal
    from textual.widgets import DataTable, Footer, Header, Input, Static

    SHOWS = json.loads(sys.argv[1])

    class Bare(App):
        CSS = "#bar { height: 3; } Input { width: 1fr; } #count { width: auto; padding: 1 1 0 1; }"

        def compose(self):
            yield Header()
            with Horizontal(id="bar"):
                yield Input(placeholder="Filter")
                yield Static(id="count")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Reference", "Family", "Next conference", "Needs attention")
            self.show("")

        def on_input_changed(self, event):
            self.show(event.value)

        def show(self, typed):
            count, first = SHOWS[typed]
            table = self.query_one(DataTable)
            table.clear()
            table.add_row(first, "Family", "RCPC 1 Dec (in 5 days)", "")
            for i in range(1, 50):
                table.add_row(f"LA-{i:05d}", "Family", "RCPC 1 Dec (in 5 days)", "")
            self.query_one("#count", Static).update(count + " next conference")

    Bare().run()
    """
)


def _shows(term: Terminal, count: str, first: str) -> bool:
    screen = term.screen
    header = next((n for n in range(screen.lines) if "Reference" in screen.row(n)), None)
    return (
        header is not None
        and header + 1 < screen.lines
        and first in screen.row(header + 1)[:16]  # the first column, after a border
        and screen.find(count) is not None
    )


def _until(term: Terminal, count: str, first: str, timeout: float = 10) -> None:
    deadline = time.perf_counter() + timeout
    while not _shows(term, count, first):
        if time.perf_counter() > deadline:
            rows = "\n".join(term.screen.row(n) for n in range(term.screen.lines))
            raise TimeoutError(f"never showed {count!r} / {first!r}:\n{rows}")
        term.read(0.05)


def type_at(argv: list[str], env: dict[str, str], shows: dict[str, tuple[str, str]],
            steps: list[tuple[bytes, str]], slash: bool) -> list[float]:  # fmt: skip
    """Seconds from each key written to the terminal to the frame showing its result."""
    term = Terminal(argv, env)
    try:
        _until(term, *shows[""], timeout=60)
        if slash:
            term.write(b"/")
        term.read_until(time.perf_counter() + 0.5)
        times = []
        for key, typed in steps:
            start = term.write(key)
            _until(term, *shows[typed])
            times.append(time.perf_counter() - start)
            term.read_until(time.perf_counter() + TYPING_GAP)
        return times
    finally:
        term.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _line(name: str, times: list[float]) -> str:
    return (f"{name:8} median {statistics.median(times) * 1000:6.1f} ms · "
            f"p95 {p95(times) * 1000:6.1f} ms · worst {max(times) * 1000:6.1f} ms")  # fmt: skip


def page_cold(path: Path) -> float:
    """Milliseconds to read and flag one page with nothing cached (median of 5)."""
    times = []
    for _ in range(5):
        store = open_store(path)
        start = time.perf_counter()
        store.caseload_page("", "next", PAGE, 0, TODAY)
        times.append(time.perf_counter() - start)
        store.engine.dispose()
    return statistics.median(times) * 1000


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rounds = int(args[0]) if args else 2
    steps = keys(WORDS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = with_bytecode(demo_folder(folder), folder)
        big = folder / "big"
        big.mkdir()
        fill(big / "cpchair.db", CASES)
        env = {**env, "CPCHAIR_DATA_DIR": str(big)}
        shows = expected(big / "cpchair.db", {typed for _, typed in steps} | {""})
        for (_, before), (_, after) in zip([(b"", ""), *steps], steps, strict=False):
            assert shows[before] != shows[after], f"{before!r} and {after!r} look alike"
        bare = folder / "bare.py"
        bare.write_text(BARE)
        cpchair = [sys.executable, "-m", "cpchair"]
        baseline = [sys.executable, str(bare), json.dumps(shows)]
        type_at(cpchair, env, shows, steps[:2], slash=True)  # the first start writes settings
        ours: list[float] = []
        base: list[float] = []
        for _ in range(rounds):  # in turn, so that a busy moment falls on both alike
            ours += type_at(cpchair, env, shows, steps, slash=True)
            base += type_at(baseline, env, shows, steps, slash=False)
        print(f"Filter, key to the frame showing its result, {CASES:,} cases, 80x24, "
              f"{len(ours)} keys each:")  # fmt: skip
        print(_line("cpchair", ours) + "   goal: p95 < 50 ms")
        print(_line("bare", base))
        print(f"ratio of medians {statistics.median(ours) / statistics.median(base):4.1f}x, "
              f"of p95 {p95(ours) / p95(base):4.1f}x")  # fmt: skip
        cold = page_cold(big / "cpchair.db")
        print(f"one page ({PAGE} rows) read and flagged cold: {cold:6.1f} ms")


if __name__ == "__main__":
    main()
