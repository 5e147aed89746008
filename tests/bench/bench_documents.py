"""Time to render the demo conference's outline plan and record in each format.

    uv run python tests/bench/bench_documents.py

Goal (issue 6): each format under 200 ms for the demo conference. Prints, for the concluded
initial conference of the demo case, the first render in a fresh process (imports included:
python-docx, the bank holiday calendar) and then the median and worst of 20 more, for the
outline plan, the record and the excluded father's copy of the record.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair.demo import demo_case
from cpchair.documents import render

GOAL_MS = 200
FORMATS = ("md", "html", "docx")  # the PDF has its own goal: bench_pdf.py
RUNS = 20


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    case = demo_case(dt.date(2026, 11, 26))
    conference = case.conferences[0].key  # the concluded initial conference: the fullest
    print(f"{'document':<22} {'format':<6} {'first':>10} {'median':>10} {'worst':>10}")
    worst_median = 0.0
    for kind, family in (("outline", None), ("record", None), ("record", "liam")):
        label = kind + (f" ({family}'s copy)" if family else "")
        for fmt in FORMATS:
            start = time.perf_counter()
            render(case, conference, fmt, kind=kind, recipient=family)  # type: ignore[arg-type]
            first = time.perf_counter() - start
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                render(case, conference, fmt, kind=kind, recipient=family)  # type: ignore[arg-type]
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            worst_median = max(worst_median, median)
            print(f"{label:<22} {fmt:<6} {ms(first)} {ms(median)} {ms(max(times))}")
    verdict = "met" if worst_median * 1000 < GOAL_MS else "NOT met"
    print(f"\nGoal: each under {GOAL_MS} ms (median): {verdict}; slowest median {ms(worst_median)}")


if __name__ == "__main__":
    main()
