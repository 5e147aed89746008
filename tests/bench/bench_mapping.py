"""The quick capture line with 200 mapping entries on screen, measured in one run.

    uv run python tests/bench/bench_mapping.py

Prints (goal from issue 4: under 16 ms each, one frame at 60 Hz), median and 95th percentile:
- each keystroke in the capture line, from the key reaching the app to the frame showing it;
- Enter, to the frame showing the new card in its column;
- a commit on the laptop, to the frame of the wall in a second window (`cpchair wall`, a
  second app on the same database) showing the new entry.

For each, the work (CPU time of the app's thread, the processing the goal is about) and the
time until the frame (which adds the wait for Textual's next frame tick, up to 1/60 s, and for
the wall the wait for its next look at the database file). Frames are timed where Textual
hands a composed frame to the terminal (headless here). The machine is shared: read medians.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual import events

from cpchair.app import CpchairApp, WallApp
from cpchair.demo import demo_case
from cpchair.screens.wall import WallScreen
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
from cpchair.store.watch import EVERY
from cpchair.widgets.draft_input import DraftInput
from cpchair.widgets.mapping_board import MappingBoard
from cpchair.widgets.text_lines import TextLines

DAY = dt.date(2026, 11, 26)
REF = "DEMO-0001"
COLUMNS = ["past_harm", "future_danger", "complicating_factors", "strengths",
           "existing_safety", "grey_areas"]  # fmt: skip
SIZE = (100, 30)


def fill(path: Path, n: int) -> None:
    store = open_store(path)
    store.import_case(demo_case(DAY))
    meeting = Meeting(store, REF, "rcpc1")
    meeting.edit(edits.conference.begin)
    for i in range(n):
        meeting.edit(
            edits.mapping.add_entry,
            column=COLUMNS[i % 6],
            text=f"Entry {i}: what was said about the family, in a sentence or two of detail",
            nature=("fact", "opinion", None)[i % 3],
            source=("sw", "pol", None)[i % 3],
            children=(["c1"], [], ["c2", "c3"])[i % 3],
            confidential=i % 7 == 0,
        )


class Frames:
    """When the app last composed a frame, by the clock and by the CPU time of its thread."""

    def __init__(self, app: Any) -> None:
        self.last = 0.0
        self.last_cpu = 0.0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.last = time.perf_counter()
                self.last_cpu = time.thread_time()
            original(screen, renderable)

        app._display = display

    async def after(
        self, t0: tuple[float, float], ready: Any = lambda: True, limit: float = 2.0
    ) -> tuple[float, float]:
        """(seconds, CPU seconds) from t0 to the first frame after it at which `ready()`
        holds. The CPU time is the work done; the rest is waiting, mostly for Textual's next
        frame tick (it draws at most 60 times a second)."""
        clock, cpu = t0
        while time.perf_counter() - clock < limit:
            await asyncio.sleep(0)
            if self.last > clock and ready():
                return self.last - clock, self.last_cpu - cpu
        return float("nan"), float("nan")


def send(app: Any, key: str, char: str | None) -> tuple[float, float]:
    event = events.Key(key, char)
    event.set_sender(app)
    t0 = time.perf_counter(), time.thread_time()
    app._driver.send_message(event)
    return t0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


Timing = list[tuple[float, float]]


async def laptop(path: Path) -> tuple[int, Timing, Timing]:
    """The minute-taker's app: keystrokes, then Enter, with 200 entries on the board."""
    app = CpchairApp(open_store(path), today=DAY, meeting=(REF, "rcpc1"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        await screen.go("mapping")  # type: ignore[attr-defined]
        await pilot.pause()
        frames = Frames(app)
        board = screen.query_one(MappingBoard)
        cards = len(board.entries())
        box = screen.query_one("#capture", DraftInput)
        box.focus()
        await pilot.pause()

        keys = []
        text = "d: [o] Dad may come back when his bail ends in the new year"
        for n in range(60):
            char = text[n % len(text)]
            key = {" ": "space", ":": "colon", "[": "left_square_bracket",
                   "]": "right_square_bracket"}.get(char, char)  # fmt: skip
            want = len(box.value) + 1
            t0 = send(app, key, char)
            keys.append(await frames.after(t0, lambda w=want: len(box.value) == w))
            await asyncio.sleep(0.01)

        enters = []
        for n in range(12):
            box.value = f"s: Nan collects Ruby from school, said for the {n}th time"
            await pilot.pause()
            marker = f"for the {n}th time"

            def shown(m: str = marker) -> bool:  # drawn into its column's lines
                return m in " ".join(board.group_of("strengths").text().split())

            t0 = send(app, "enter", "\r")
            enters.append(await frames.after(t0, shown))
            await asyncio.sleep(0.05)
    return cards, keys, enters


async def projector(path: Path) -> tuple[Timing, list[float]]:
    """The wall in its own window: an entry committed on the laptop, until the wall shows it."""
    wall = WallApp(open_store(path), REF, "rcpc1")
    laptop_store = open_store(path)
    meeting = Meeting(laptop_store, REF, "rcpc1")
    async with wall.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = wall.screen
        assert isinstance(screen, WallScreen)
        frames = Frames(wall)
        redraw = screen.refresh_wall
        noticed: list[float] = []

        def timed_refresh() -> None:
            noticed.append(time.perf_counter())
            redraw()

        screen.refresh_wall = timed_refresh  # type: ignore[method-assign]
        latency, redraws = [], []
        for n in range(12):
            marker = f"said on the wall for the {n}th time"
            noticed.clear()
            t0 = time.perf_counter(), time.thread_time()
            meeting.edit(edits.mapping.add_entry, column="strengths", text=f"Nan helps, {marker}")

            def on_wall(m: str = marker) -> bool:
                return any(m in lines.plain() for lines in screen.query(TextLines))

            latency.append(await frames.after(t0, on_wall))
            if noticed:
                redraws.append(frames.last - noticed[-1])
            await asyncio.sleep(0.05 + (n % 4) * 0.01)  # not in step with the polling
    return latency, redraws


def report(cards: int, keys: Timing, enters: Timing, walls: Timing, redraws: list[float]) -> None:
    ms = 1000

    def line(what: str, timings: Timing) -> str:
        clock = [t for t, _ in timings]
        cpu = [c for _, c in timings]
        return (
            f"{what}: work median {statistics.median(cpu) * ms:5.1f} ms, 95th percentile "
            f"{pct(cpu, 0.95) * ms:5.1f} ms; until the frame median "
            f"{statistics.median(clock) * ms:5.1f} ms, 95th {pct(clock, 0.95) * ms:5.1f} ms"
        )

    print(f"{cards} mapping entries on screen at {SIZE[0]}x{SIZE[1]}; goal < 16 ms of work each")
    print(line("keystroke in the capture line", keys))
    print(line("Enter to the card in its column", enters))
    print(line("commit to the wall in a second window", walls))
    print(f"  the wall redrawing once it noticed the change: median "
          f"{statistics.median(redraws) * ms:5.1f} ms (the watch thread asks the database every "
          f"{EVERY * ms:.0f} ms)")  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        fill(path, 200)
        cards, keys, enters = asyncio.run(laptop(path))
        walls, redraws = asyncio.run(projector(path))
        report(cards, keys, enters, walls, redraws)


if __name__ == "__main__":
    main()
