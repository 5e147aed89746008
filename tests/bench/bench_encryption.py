"""The cost of encryption at rest, as the chair meets it: encrypted against plain, in one run.

    uv run python tests/bench/bench_encryption.py [rounds]

1. Start-up: `cpchair` as a whole process in a pseudo-terminal (80x24), from launch to the
   first frame that shows the caseload's row, on the demo in a plain database and in an
   encrypted one (the passphrase from CPCHAIR_PASSPHRASE, as a script gives it; a person
   types it on the unlock screen first, which is their time, not the app's). Alternated, so
   the machine's moods fall on both.
2. A mapping entry's save (the minute-taker's Enter): `Meeting.add_entry`, one transaction
   with its fsync, in this process, on each database, alternated.
Prints medians and the encrypted/plain ratio for each. Goal (issue 12): at most 1.2.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cpchair.demo import DEMO_REFERENCE
from cpchair.store import edits, open_store
from cpchair.store.meeting import Meeting
from tests.reliability.terminal import Terminal, demo_folder

KEY = "kettle on the hob"
APP = [sys.executable, "-m", "cpchair"]


def first_paint(env: dict[str, str]) -> float:
    term = Terminal(APP, env)
    try:
        return term.wait_for(DEMO_REFERENCE.encode(), timeout=60)
    finally:
        term.close()


def saves(store_path: Path, key: str | None, count: int) -> list[float]:
    meeting = Meeting(open_store(store_path, key), DEMO_REFERENCE, "rcpc1")
    times = []
    for n in range(count):
        start = time.perf_counter()
        meeting.edit(edits.mapping.add_entry, column="grey_areas", text=f"entry {n}")
        times.append(time.perf_counter() - start)
    return times


def report(what: str, plain: list[float], encrypted: list[float]) -> None:
    p, e = statistics.median(plain), statistics.median(encrypted)
    print(f"{what}: plain {p * 1000:.1f} ms, encrypted {e * 1000:.1f} ms "
          f"(median of {len(plain)}), ratio {e / p:.2f}")  # fmt: skip


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain_dir, secret_dir = Path(tmp, "plain"), Path(tmp, "secret")
        plain_dir.mkdir()
        secret_dir.mkdir()
        plain_env, secret_env = demo_folder(plain_dir), demo_folder(secret_dir, KEY)
        first_paint(plain_env), first_paint(secret_env)  # warm the disk cache for both
        plain, secret = [], []
        for _ in range(rounds):
            plain.append(first_paint(plain_env))
            secret.append(first_paint(secret_env))
        report("start-up to the caseload's first row", plain, secret)

        plain_saves: list[float] = []
        secret_saves: list[float] = []
        for _ in range(5):
            plain_saves += saves(plain_dir / "cpchair.db", None, 40)
            secret_saves += saves(secret_dir / "cpchair.db", KEY, 40)
        report("a mapping entry's save", plain_saves, secret_saves)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
