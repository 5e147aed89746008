"""The wall never misses: a commit on the laptop, to the projector's window showing it.

    uv run python tests/bench/bench_wall.py [slow_entries] [typing_entries]

A real `cpchair wall DEMO-0001` runs as a process of its own on a pseudo-terminal (150x60, a
projector's window), as the room sees it. This process is the laptop: it adds mapping entries
to the demo case's live conference through the store, as the meeting screen does
(`Meeting.edit(mapping.add_entry)`), each with text of its own, and times each one from the
moment its commit returned to the moment its text is on the terminal's screen (the bytes the
wall wrote, read back into a model of the screen). Two paces: an entry every 1.3 s (24), and
typing pace, one every 150 ms (45). Each pace gets a fresh data folder and a fresh wall.

Printed for each: how many were on the wall within 100 ms (the goal: all of them), median,
95th percentile and worst, and how many the wall missed: shown only once a later commit had
made it look again (in the same frame as a later entry, or after it), or never.

Then an idle wall (WallApp in this process, headless, on the same kind of database): every SQL
statement its connections run in 5 s with nothing committed, counted by SQLite's own trace
callback on every connection the engine opens. The goal is none.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Engine, event

from cpchair.demo import DEMO_REFERENCE
from cpchair.services import current_conference
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
from cpchair.store.watch import SETTLE
from tests.bench.bytecode import with_bytecode
from tests.reliability.terminal import Terminal, demo_folder

GOAL = 0.100  # seconds from commit to the wall
SIZE = (150, 60)  # columns, lines: room for every entry of a pace in view
# One screen column each (worried, working well, unclear), so no column outgrows its view.
COLUMNS = ("past_harm", "strengths", "grey_areas")
WALL = [sys.executable, "-m", "cpchair", "wall", DEMO_REFERENCE]
WORDS = ("kestrel", "harbour", "lantern", "meadow", "orchard", "pebble", "quarry", "saddle")


def entry_text(pace: str, n: int) -> str:
    """Distinct, and never a part of another entry's text (two digits always)."""
    return f"{pace}-{n:02d} {WORDS[n % len(WORDS)]}"


Result = tuple[list[float | None], list[int]]


def pace(name: str, gap: float, count: int) -> Result:
    """Latencies of `count` entries committed `gap` seconds apart (None: never shown), and
    which of them were shown only with a later one."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**with_bytecode(demo_folder(folder), folder), "COLUMNS": str(SIZE[0]),
               "LINES": str(SIZE[1])}  # fmt: skip
        store = open_store(folder / "cpchair.db")
        doc = store.load_case(DEMO_REFERENCE)
        assert doc is not None
        conf = current_conference(doc)
        assert conf is not None
        meeting = Meeting(store, DEMO_REFERENCE, conf.key)
        term = Terminal(WALL, env, *SIZE)
        try:
            term.wait_for(b"WORRIED", timeout=120)
            term.read_until(time.perf_counter() + 1.5)  # settled: the first frames are out
            return _commit_and_watch(term, meeting, name, gap, count)
        finally:
            term.close()


def _commit_and_watch(
    term: Terminal, meeting: Meeting, name: str, gap: float, count: int
) -> Result:
    committed: list[float] = []
    shown: dict[int, float] = {}
    start = time.perf_counter() + 0.05
    last_wait = 3.0  # after the last commit: anything not shown by then never was

    def look() -> None:
        now = time.perf_counter()
        for n in range(len(committed)):
            if n not in shown and term.screen.find(entry_text(name, n)) is not None:
                shown[n] = now

    def read_until(deadline: float) -> None:
        while (left := deadline - time.perf_counter()) > 0:
            if term.read(left):
                look()

    for n in range(count):
        read_until(start + n * gap)
        meeting.edit(
            edits.mapping.add_entry, column=COLUMNS[n % len(COLUMNS)], text=entry_text(name, n)
        )
        committed.append(time.perf_counter())
        look()
    deadline = committed[-1] + last_wait
    while len(shown) < count and time.perf_counter() < deadline:
        if term.read(deadline - time.perf_counter()):
            look()
    latencies = [shown[n] - committed[n] if n in shown else None for n in range(count)]
    # Missed: not shown on its own, only in the frame of a later entry or after it (or never).
    missed = [n for n in range(count)
              if n not in shown or any(m > n and shown[m] <= shown[n] for m in shown)]  # fmt: skip
    return latencies, missed


def report(name: str, gap: float, latencies: list[float | None], missed: list[int]) -> None:
    seen = sorted(x for x in latencies if x is not None)
    ms = 1000
    on_time = sum(1 for x in seen if x < GOAL)
    never = len(latencies) - len(seen)
    p95 = seen[min(len(seen) - 1, round(0.95 * (len(seen) - 1)))] if seen else float("nan")
    print(
        f"{name:7} every {gap * ms:4.0f} ms, {len(latencies)} entries: on time (<{GOAL * ms:.0f} "
        f"ms) {on_time}/{len(latencies)} · median {statistics.median(seen) * ms:5.1f} ms · "
        f"p95 {p95 * ms:5.1f} ms · max {seen[-1] * ms:5.1f} ms · missed {len(missed)} "
        f"(never shown {never})  [goal: all < {GOAL * ms:.0f} ms, none missed]"
    )


def idle_statements(seconds: float = 5.0) -> tuple[int, Counter[str]]:
    """SQL run by an idle wall's connections in `seconds`, nothing being committed."""
    from cpchair.app import WallApp

    traced: list[str] = []

    @event.listens_for(Engine, "connect")
    def _trace(dbapi_conn: object, _record: object) -> None:
        dbapi_conn.set_trace_callback(traced.append)  # type: ignore[attr-defined]

    async def run(folder: Path) -> tuple[int, Counter[str]]:
        demo_folder(folder)  # the engine is made here, after the trace is in place
        store = open_store(folder / "cpchair.db")
        doc = store.load_case(DEMO_REFERENCE)
        assert doc is not None
        conf = current_conference(doc)
        assert conf is not None
        app = WallApp(store, DEMO_REFERENCE, conf.key)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # Start-up done: the first drawing, and the watch's first look, which asks again
            # for a while in case a commit was under way as it began (store/watch.py).
            await asyncio.sleep(SETTLE + 1.0)
            before = len(traced)
            await asyncio.sleep(seconds)
            idle = traced[before:]
        kinds = Counter(" ".join(sql.split()[:2]) for sql in idle)
        return len(idle), kinds

    try:
        with tempfile.TemporaryDirectory() as tmp:
            return asyncio.run(run(Path(tmp)))
    finally:
        event.remove(Engine, "connect", _trace)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    slow = int(args[0]) if args else 24
    typing = int(args[1]) if len(args) > 1 else 45
    print(f"Commit on the laptop to the text on the wall's terminal ({SIZE[0]}x{SIZE[1]} pty):")
    for name, gap, count in (("slow", 1.3, slow), ("typing", 0.15, typing)):
        latencies, missed = pace(name, gap, count)
        report(name, gap, latencies, missed)
    count, kinds = idle_statements()
    shown = ", ".join(f"{k}: {v}" for k, v in kinds.most_common(4))
    print(f"idle wall, 5 s, nothing committed: {count} SQL statements ({shown or 'none'}) "
          f"[goal: 0]")  # fmt: skip


if __name__ == "__main__":
    main()
