"""The team's server against the laptop's file: the same screens, on PostgreSQL and on SQLite,
measured side by side in one run.

    uv run python tests/bench/bench_server.py [runs] [entries] [--no-bytecode]

A throwaway PostgreSQL server is started for the run (tests/pg_server.py: 127.0.0.1, fsync
off) and stopped at the end, however the run ends.

(a) Caseload first paint with 5,000 cases: from launching `cpchair --db URL` (the server) or
`cpchair --db FILE` (SQLite) on a pseudo-terminal (80x24) to the first frame showing the first
row's reference, a whole process each time, the two in turn (`runs` each, default 5). The
file is filled by bench_caseload.fill; the server's database is migrated by cpchair and then
given the very same rows, copied table by table from the file by SQL (every table the models
know, in their foreign keys' order, ids and the caseload's index columns included; each id
sequence then set past the highest id). Each is started once before the timing, as a chair's
laptop has started before: the settings are written, and the first page is kept (first_page.py)
in each database. Goal: the server at most 1.5x the file.

(b) Commit to wall: a real `cpchair --db X wall DEMO-0001` on a pseudo-terminal (150x60), and
this process as the seat that writes: mapping entries added with `Meeting.edit`, as
bench_wall.py does, each timed from its commit's return to its text on the wall's screen. Two
paces: an entry every 1 s, and one every 150 ms (typing pace); `entries` each (default 20),
on SQLite and on the server in turn. Printed: median, p95 and worst, and how many the wall
missed (shown only with a later entry, or never). Goal on the server: all under 300 ms, none
missed.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import create_engine, func, select, text
from sqlmodel import SQLModel

from cpchair.db import forget_engines
from cpchair.demo import DEMO_REFERENCE, demo_case
from cpchair.server import parse_target
from cpchair.services import current_conference
from cpchair.store import open_store
from cpchair.store.meeting import Meeting
from tests import pg_server
from tests.bench.bench_caseload import fill
from tests.bench.bench_wall import _commit_and_watch
from tests.bench.bytecode import mode, with_bytecode
from tests.reliability.terminal import Terminal, demo_folder

CASES = 5_000
FIRST = "LA-00000"  # the first row's reference, sorted by the next conference
CPCHAIR = [sys.executable, "-m", "cpchair"]
WALL_SIZE = (150, 60)
PACES = (("slow", 1.0), ("typing", 0.15))  # seconds between commits
PAINT_GOAL = 1.5  # the server's first paint, at most this many times the file's
WALL_GOAL = 0.300  # seconds from a commit to the wall, on the server


# --- the server's copy of the file's cases ----------------------------------------------------


def copy_rows(source: Path, url: str) -> dict[str, int]:
    """Every row of every table the models know, from the file to the server's database (made
    and migrated by cpchair first); then each id sequence past the highest id copied, so the
    next row added gets a new one. Rows copied per table."""
    open_store(url)
    forget_engines(parse_target(url))
    sqlite = create_engine(f"sqlite:///{source}")
    server = create_engine(url)
    copied: dict[str, int] = {}
    try:
        with sqlite.connect() as src, server.begin() as dst:
            for table in SQLModel.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in src.execute(select(table))]
                if not rows:
                    continue
                dst.execute(table.insert(), rows)
                copied[table.name] = len(rows)
                if "id" in table.c and table.c.id.primary_key:
                    dst.execute(
                        text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                        {"t": f'"{table.name}"', "n": dst.scalar(select(func.max(table.c.id)))},
                    )
    finally:
        sqlite.dispose()
        server.dispose()
    return copied


def counts(url: str, tables: list[str]) -> list[int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [conn.scalar(text(f'SELECT count(*) FROM "{t}"')) or 0 for t in tables]
    finally:
        engine.dispose()


def same_counts(source: Path, url: str, tables: list[str]) -> None:
    """The copy holds as many rows of each table as the file."""
    held, copied = counts(f"sqlite:///{source}", tables), counts(url, tables)
    assert copied == held, f"copied {dict(zip(tables, copied, strict=True))}, the file holds {held}"


# --- (a) first paint ---------------------------------------------------------------------------


def first_paint(db: str, env: dict[str, str]) -> float:
    """Seconds from launch to the first frame showing the first row's reference."""
    term = Terminal([*CPCHAIR, "--db", db], env)
    try:
        return term.wait_for(FIRST.encode(), timeout=120)
    finally:
        term.close()


def caseload(folder: Path, env: dict[str, str], url: str, runs: int) -> None:
    path = folder / "big.db"
    started = time.perf_counter()
    fill(path, CASES)
    filled = time.perf_counter() - started
    started = time.perf_counter()
    copied = copy_rows(path, url)
    same_counts(path, url, list(copied))
    print(f"{CASES:,} cases: the file filled in {filled:.1f} s (bench_caseload.fill); copied to "
          f"the server by SQL in {time.perf_counter() - started:.1f} s, "
          f"{sum(copied.values()):,} rows in {len(copied)} tables")  # fmt: skip
    for db in (str(path), url):
        first_paint(db, env)  # the first start writes the settings and keeps the first page
    file_times, server_times = [], []
    for _ in range(runs):  # in turn, so that a busy moment falls on both alike
        file_times.append(first_paint(str(path), env))
        server_times.append(first_paint(url, env))
    ours, base = statistics.median(server_times), statistics.median(file_times)
    print(f"(a) caseload first paint, {CASES:,} cases, 80x24, median of {runs} ({mode(env)}):")
    print(f"    server {ours:5.2f} s · file {base:5.2f} s · ratio {ours / base:4.2f}x "
          f"(goal <= {PAINT_GOAL})   [server runs: "
          f"{' '.join(f'{t:.2f}' for t in server_times)}; file runs: "
          f"{' '.join(f'{t:.2f}' for t in file_times)}]")  # fmt: skip


# --- (b) commit to wall ------------------------------------------------------------------------


@contextmanager
def wall(db: str, env: dict[str, str]) -> Iterator[tuple[Terminal, Meeting]]:
    """A wall on the demo case's live conference of `db`, settled; the meeting to write to."""
    store = open_store(db)
    doc = store.load_case(DEMO_REFERENCE)
    assert doc is not None
    conf = current_conference(doc)
    assert conf is not None
    meeting = Meeting(store, DEMO_REFERENCE, conf.key)
    wall_env = {**env, "COLUMNS": str(WALL_SIZE[0]), "LINES": str(WALL_SIZE[1])}
    term = Terminal([*CPCHAIR, "--db", db, "wall", DEMO_REFERENCE], wall_env, *WALL_SIZE)
    try:
        term.wait_for(b"WORRIED", timeout=120)
        term.read_until(time.perf_counter() + 1.5)  # settled: the first frames are out
        yield term, meeting
    finally:
        term.close()
        forget_engines(parse_target(db))


def summary(name: str, latencies: list[float | None], missed: list[int], goal: float) -> str:
    seen = sorted(x for x in latencies if x is not None)
    ms = 1000
    never = len(latencies) - len(seen)
    if not seen:
        return f"{name:7} none of {len(latencies)} shown"
    p95 = seen[min(len(seen) - 1, round(0.95 * (len(seen) - 1)))]
    on_time = sum(1 for x in seen if x < goal)
    return (f"{name:7} median {statistics.median(seen) * ms:6.1f} ms · p95 {p95 * ms:6.1f} ms · "
            f"max {seen[-1] * ms:6.1f} ms · under {goal * ms:.0f} ms {on_time}/{len(latencies)}"
            f" · missed {len(missed)} (never shown {never})")  # fmt: skip


def commit_to_wall(
    folder: Path, env: dict[str, str], admin: Any, server: pg_server.PgServer, entries: int
) -> None:
    goal = f"goal on the server: all < {WALL_GOAL * 1000:.0f} ms, none missed"
    print(f"(b) commit to the wall's screen ({WALL_SIZE[0]}x{WALL_SIZE[1]} pty), {entries} "
          f"entries a pace ({goal}):")  # fmt: skip
    for n, (name, gap) in enumerate(PACES):
        results: dict[str, tuple[list[float | None], list[int]]] = {}
        for engine in ("file", "server"):
            if engine == "file":
                data = folder / f"wall-{n}"
                data.mkdir()
                demo_folder(data)
                db = str(data / "cpchair.db")
            else:
                dbname = f"wall_{n}"
                pg_server.create_database(admin, dbname)
                db = server.url(dbname)
                open_store(db).import_case(demo_case(dt.date.today()))
            with wall(db, env) as (term, meeting):
                results[engine] = _commit_and_watch(term, meeting, name, gap, entries)
        print(f"    every {gap * 1000:4.0f} ms:")
        for engine in ("server", "file"):
            latencies, missed = results[engine]
            print(f"      {summary(engine, latencies, missed, WALL_GOAL)}")
        medians = [statistics.median(x for x in results[e][0] if x is not None)
                   for e in ("server", "file")]  # fmt: skip
        print(f"      ratio of medians {medians[0] / medians[1]:4.2f}x")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 5
    entries = int(args[1]) if len(args) > 1 else 20
    started = time.perf_counter()
    server = pg_server.start_server()
    try:
        print(f"PostgreSQL: a throwaway server ({server.bin_dir.parent.name}, started in "
              f"{time.perf_counter() - started:.1f} s, in {server.folder.parent})")  # fmt: skip
        admin = pg_server.connect_admin(server.admin_url)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            home = folder / "home"
            home.mkdir()
            env = with_bytecode(demo_folder(home), folder)
            pg_server.create_database(admin, "caseload")
            caseload(folder, env, server.url("caseload"), runs)
            commit_to_wall(folder, env, admin, server, entries)
        admin.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
