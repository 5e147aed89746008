"""Caseload speed with a big caseload, measured side by side in one run.

    uv run python tests/bench/bench_caseload.py

Prints (goals from the issue):
- first paint with 5,000 cases divided by first paint with 10 cases (goal: at most 1.5);
- the time for the table to redraw after one keystroke in the filter, on 5,000 cases
  (goal: under 50 ms), as the median and worst of several keystrokes.
First paint is measured from starting the app to the rows being in the table, three runs each.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair import models as m
from cpchair.app import CpchairApp
from cpchair.screens.caseload import PAGE, CaseloadScreen
from cpchair.store import open_store
from cpchair.store.index import FIRST_DUE, NEXT_AND_SEARCH

TODAY = dt.date(2026, 11, 26)
SURNAMES = ["Ashworth", "Brennan", "Okafor", "Nowak", "Patel", "Smith", "Evans", "Hughes"]
FIRST = ["Ava", "Leo", "Mia", "Noah", "Isla", "Theo", "Ruby", "Alfie"]


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
        s.execute(text(NEXT_AND_SEARCH))
        s.execute(text(FIRST_DUE))
    store.engine.dispose()


async def first_paint(path: Path) -> float:
    store = open_store(path)
    shown = asyncio.Event()
    original = CaseloadScreen._show

    def _show(self, *args):  # type: ignore[no-untyped-def]
        original(self, *args)
        shown.set()

    CaseloadScreen._show = _show  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        app = CpchairApp(store, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await shown.wait()
            await pilot.pause()  # the refresh that paints the rows
            return time.perf_counter() - start
    finally:
        CaseloadScreen._show = original  # type: ignore[method-assign]


async def filter_redraws(path: Path, typed: str) -> list[float]:
    """Seconds from each keystroke's change reaching the screen to the table redrawn."""
    store = open_store(path)
    app = CpchairApp(store, today=TODAY)
    times: list[float] = []
    started: list[float] = []
    done = asyncio.Event()
    original_refresh = CaseloadScreen.refresh_cases
    original_show = CaseloadScreen._show

    def refresh(self, **kwargs):  # type: ignore[no-untyped-def]
        started.append(time.perf_counter())  # the filter's change has reached the screen
        original_refresh(self, **kwargs)

    def show(self, *args):  # type: ignore[no-untyped-def]
        original_show(self, *args)
        if started and args[1] == 0:  # a fresh first page, not a later page
            times.append(time.perf_counter() - started[-1])
            done.set()

    CaseloadScreen.refresh_cases = refresh  # type: ignore[method-assign]
    CaseloadScreen._show = show  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("slash")
            await pilot.pause(0.3)  # a person takes longer than this between "/" and a letter
            times.clear()  # the first load is first paint's business, not the filter's
            for key in typed:
                done.clear()
                started.clear()
                await pilot.press(key)
                await asyncio.wait_for(done.wait(), 10)
                await pilot.pause()
    finally:
        CaseloadScreen.refresh_cases = original_refresh  # type: ignore[method-assign]
        CaseloadScreen._show = original_show  # type: ignore[method-assign]
    return times


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="cpchair-bench-"))
    small, big = folder / "small.db", folder / "big.db"
    fill(small, 10)
    fill(big, 5000)
    asyncio.run(first_paint(small))  # warm up: imports and caches, paid once by either
    asyncio.run(first_paint(big))
    paints: dict[str, list[float]] = {"10": [], "5000": []}
    for _ in range(3):  # interleaved, so drift on a busy machine hits both alike
        paints["10"].append(asyncio.run(first_paint(small)))
        paints["5000"].append(asyncio.run(first_paint(big)))
    p10, p5000 = statistics.median(paints["10"]), statistics.median(paints["5000"])
    print(f"first paint, 10 cases:    {p10 * 1000:7.1f} ms (median of 3)")
    print(f"first paint, 5,000 cases: {p5000 * 1000:7.1f} ms (median of 3)")
    print(f"ratio 5,000 / 10:         {p5000 / p10:7.2f}   goal <= 1.5")

    for label, rows in (("10", small), ("5000", big)):
        t = time.perf_counter()
        for _ in range(5):
            store = open_store(rows)
            store._rows.clear()  # cold: every row read and flagged afresh
            store.caseload_page("", "next", PAGE, 0, TODAY)
        per_page = (time.perf_counter() - t) / 5 * 1000
        print(f"one page ({PAGE} rows) read and flagged cold, {label} cases: {per_page:6.1f} ms")

    gc.collect()  # the garbage of the runs above is not the filter's to pay for
    redraws = asyncio.run(filter_redraws(big, "ashworth"))
    print(
        "filter redraw per keystroke, 5,000 cases: "
        f"median {statistics.median(redraws) * 1000:.1f} ms, worst {max(redraws) * 1000:.1f} ms "
        f"over {len(redraws)} keystrokes   goal < 50 ms"
    )
    print("  each keystroke (ms):", ", ".join(f"{t * 1000:.1f}" for t in redraws))


if __name__ == "__main__":
    main()
