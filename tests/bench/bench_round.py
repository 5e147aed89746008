"""Keystrokes per datum for a scripted round: 8 people scale, 8 agencies give a view for 3 children.

    uv run python tests/bench/bench_round.py

Drives the app the way the minute-taker would (through Pilot, key by key) on a throwaway
copy of the demo case, counts every key pressed except the letters of the reasons, checks
that each datum reached the database, and prints keystrokes per datum.
Goals: at most 2 keystrokes per score and 2 per agency view, plus the reason's text. (Issue 5
set 1 per view; since issue 10 a view puts the keyboard in its reason box, so a typed reason
can never run as commands, and Enter passes over a reason given later or carried over.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair.app import CpchairApp
from cpchair.demo import demo_case
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"
SCORERS = 8
VOTERS = ["sw", "pol", "hv", "sch", "mw", "gp", "nur", "ida"]  # 8 agencies present
CHILDREN = ["c1", "c2", "c3"]
VIEW_KEYS = "ppcpcnppp"  # a plausible mix of views


class Keys:
    """Presses keys and counts them."""

    def __init__(self, pilot: object) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)  # type: ignore[attr-defined]


async def round_(path: Path) -> None:
    store = open_store(path)
    meeting = Meeting(store, REF, "rcpc1")
    for late in ("gp", "nur"):  # the GP and the nursery came after all: 8 agencies
        meeting.edit(edits.register.update_attendee, late, attendance="present")
    app = CpchairApp(store, today=DAY, meeting=(REF, "rcpc1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.go("scaling")  # type: ignore[attr-defined]
        await pilot.pause()
        keys = Keys(pilot)
        started = time.perf_counter()
        for n in range(SCORERS):
            await keys.press(str(n % 10))  # the score: the reason box takes the keyboard
            box = screen.query_one("#reason")
            box.value = f"Reason number {n}, as said in the room"  # the text is not counted
            await keys.press("enter")  # files it and moves to the next person
        score_keys, score_time = keys.count, time.perf_counter() - started

        await screen.go("decision")  # type: ignore[attr-defined]
        await pilot.pause()
        keys.count = 0
        started = time.perf_counter()
        for i, _voter in enumerate(VOTERS):
            for j, _child in enumerate(CHILDREN):
                await keys.press(VIEW_KEYS[(i + j) % len(VIEW_KEYS)], "enter")
        view_keys, view_time = keys.count, time.perf_counter() - started
        await pilot.pause()

    conf = Meeting(store, REF, "rcpc1").load().conf
    assert conf.scaling is not None
    scores = [s for s in conf.scaling.scores if s.child is None and s.danger_statement is None]
    assert len(scores) == SCORERS and all(s.reason for s in scores), "scores did not all land"
    views = {(v.attendee, v.child) for v in conf.votes}
    assert views == {(a, c) for a in VOTERS for c in CHILDREN}, "views did not all land"

    print(f"scaling: {SCORERS} scores with reasons in {score_keys} keystrokes: "
          f"{score_keys / SCORERS:.2f} per score (goal <= 2, plus the reason's text); "
          f"{score_time / SCORERS * 1000:.0f} ms each through Pilot")  # fmt: skip
    n_views = len(VOTERS) * len(CHILDREN)
    print(f"views: {n_views} agency views in {view_keys} keystrokes: "
          f"{view_keys / n_views:.2f} per view (goal <= 2); "
          f"{view_time / n_views * 1000:.0f} ms each through Pilot")  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.db"
        open_store(path).import_case(demo_case(DAY))
        asyncio.run(round_(path))


if __name__ == "__main__":
    main()
