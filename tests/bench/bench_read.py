"""The store's reads, timed: a whole case as the meeting reads it, one conference as the wall
reads it, and a page of light cases as the caseload reads it.

    uv run python tests/bench/bench_read.py

Prints the best of several rounds for each, in milliseconds: the machine is shared, and
the best round is the one least disturbed by other work. Processor time, not wall time, for
the same reason: all the work is in this process (SQLite included).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlmodel import select

from cpchair import models as m
from cpchair.demo import demo_case
from cpchair.store import open_store
from cpchair.store.caseload import _light_docs
from cpchair.store.read import load_case_doc
from tests.bench.bench_caseload import TODAY, fill


def _best_ms(fn: Callable[[], object], rounds: int = 15, repeat: int = 10) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(repeat):
            fn()
        times.append((time.process_time() - start) / repeat * 1000)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "demo.db")
        doc = demo_case(TODAY)
        store.import_case(doc)
        with store.session() as s:
            case = s.exec(select(m.Case)).one()
            conf = s.exec(select(m.Conference).order_by(m.Conference.position)).first()
            assert conf is not None
            whole = _best_ms(lambda: load_case_doc(s, case))
            alone = _best_ms(lambda: load_case_doc(s, case, only=conf.id))
        start = time.perf_counter()
        for _ in range(10):
            store.import_case(doc, replace=True)
        write = (time.perf_counter() - start) / 10 * 1000
        path = Path(tmp) / "many.db"
        fill(path, 500)
        many = open_store(path)
        with many.session() as s:
            cases = list(s.exec(select(m.Case).limit(100)))
            light = _best_ms(lambda: _light_docs(s, cases), repeat=5)
    print(f"load_case_doc, the demo case:        {whole:7.2f} ms")
    print(f"load_case_doc, one conference:       {alone:7.2f} ms")
    print(f"import (replace) of the demo case:   {write:7.2f} ms")
    print(f"caseload light docs, 100 cases:      {light:7.2f} ms")


if __name__ == "__main__":
    main()
