"""Time to render the demo conference's record as PDF, beside the same record as Word.

    uv run python tests/bench/bench_pdf.py [RUNS]

Goal (issue 16): the PDF of the record under 300 ms (median). Prints, for the concluded
initial conference of the demo case (the fullest record), the first render in a fresh process
(imports and fonts' first reading included), the median, median processor time and worst of
RUNS more (20 unless given), for the record, the excluded father's copy of it and a draft
record, each beside the Word file's median as a ratio.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair.demo import demo_case
from cpchair.documents import layout, model_for, render_layout

GOAL_MS = 300


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def timed(doc: object, fmt: str, runs: int) -> tuple[float, list[float], float]:
    """The first render, each later one, and the later ones' median processor time (steadier
    than the clock on a busy machine)."""
    start = time.perf_counter()
    render_layout(doc, fmt)  # type: ignore[arg-type]
    first = time.perf_counter() - start
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        render_layout(doc, fmt)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return first, times, statistics.median(cpu)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    case = demo_case(dt.date(2026, 11, 26))
    concluded, draft = case.conferences[0].key, case.conferences[1].key
    print(f"{'record':<14} {'pdf first':>10} {'median':>10} {'cpu':>10} {'worst':>10}", end="")
    print(f" {'docx median':>12} ratio")
    record_median = 0.0
    for label, key, family in (
        ("full", concluded, None),
        ("liam's copy", concluded, "liam"),
        ("draft", draft, None),
    ):
        model = model_for(case, key, family is not None, family, "record")
        doc = layout(model, "record")
        first, times, cpu = timed(doc, "pdf", runs)
        _, word, _ = timed(doc, "docx", runs)
        median, word_median = statistics.median(times), statistics.median(word)
        record_median = record_median or median
        print(
            f"{label:<14} {ms(first)} {ms(median)} {ms(cpu)} {ms(max(times))} "
            f"{ms(word_median):>12} {median / word_median:5.2f}x"
        )
    verdict = "met" if record_median * 1000 < GOAL_MS else "NOT met"
    print(f"\nGoal: the record's PDF under {GOAL_MS} ms (median of {runs}): {verdict}")


if __name__ == "__main__":
    main()
