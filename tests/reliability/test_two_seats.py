"""Two seats on one server database: the chair's laptop and the minute-taker's, each a real
`cpchair --db postgresql://... open DEMO-0001` on a pseudo-terminal of its own (100x30), both
at the mapping stage of the demo case's live conference.

- Both type at speed at once: whole lines (`h: text` and Enter, each written in one go),
  interleaved between the two terminals with no wait for a frame. Both screens must end
  showing the same board, every line on it; the database must hold every line once, no two
  entries of a column at the same position; and neither process may show an error.
- One seat types, a key at a time, and the other sees each entry as it is filed, one after
  another, within the same run.

Each test ends with both seats quitting as a person does (Ctrl+Q): each must end with status 0
and print no error. (This found a crash on quitting, about one run in six: the watch woke its
server news after its thread had closed it; mended in store/watch.py.)

Nothing here asserts on time: every wait is for what the screen shows, with a generous
timeout, reading both terminals all along. The server is the run's throwaway one (`pg_url`,
tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cpchair.capture import HINT
from cpchair.db import forget_engines
from cpchair.demo import DEMO_REFERENCE, demo_case
from cpchair.server import parse_target
from cpchair.store import open_store

from .terminal import ENTER, F3, Screen, Terminal

SIZE = (100, 30)  # columns, lines
CONFERENCE = "rcpc1"  # the demo's review conference, the one `cpchair open` goes to
STAGES = ("Family", "History", "Mapping")  # the stage strip's label after each F3
WAIT = 60.0  # seconds: generous, for a busy machine; never a measure
# Each seat's lines spread over the six columns (three on screen): short, distinct, and never
# a part of one another (two digits always), so that each fits a column's line.
COLUMNS = ("h", "s", "g", "e", "d", "c", "h", "s")
WORDS = ("kestrel", "harbour", "lantern", "meadow", "orchard", "pebble", "quarry", "saddle")
# What an error looks like on a screen or in a process's output: a traceback, a notification
# titled as one, or the mapping stage's own words for a write that failed.
ERRORS = re.compile(r"Traceback|Error|Exception|could not|Not saved|not be saved")


class Seat(Terminal):
    """A seat's terminal that keeps everything the process wrote, to look for errors in."""

    def __init__(self, name: str, argv: list[str], home: Path) -> None:
        super().__init__(argv, seat_env(home), *SIZE)
        self.name = name
        self.home = home
        self.output = bytearray()
        self.closed = False

    def read(self, timeout: float) -> bytes:
        data = super().read(timeout)
        self.output += data
        return data

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            super().close()

    def drain_now(self) -> None:
        """Read whatever is already written, without waiting: a full terminal would stop the
        process drawing."""
        while self.read(0):
            pass

    def shown(self) -> str:
        return "\n".join(self.screen.row(n) for n in range(self.screen.lines))

    def written(self) -> str:
        """What the process wrote, its escape sequences taken out."""
        return re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", " ", self.output.decode(errors="replace"))

    def errors(self) -> list[str]:
        """The errors the process showed or printed: on the screen now, or in its output."""
        return sorted({m.group() for m in ERRORS.finditer(self.shown() + "\n" + self.written())})


def board(screen: Screen) -> list[str]:
    """The board's rows: below the stage strip, above the capture line and its margin."""
    hint = screen.find(HINT[:18])
    return [] if hint is None else [screen.row(n) for n in range(2, hint - 2)]


def on_board(screen: Screen, *texts: str) -> bool:
    rows = board(screen)
    return all(any(t in row for row in rows) for t in texts)


def entry(seat: str, n: int) -> tuple[str, str]:
    """The nth line a seat types: its column's letter and its text."""
    return COLUMNS[n % len(COLUMNS)], f"{seat}-{n:02d} {WORDS[n % len(WORDS)]}"


def seat_env(home: Path) -> dict[str, str]:
    """A laptop's environment: its own data and settings folders, the terminal's size."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("CPCHAIR_", "TEXTUAL"))}  # fmt: skip
    return {**env, "CPCHAIR_DATA_DIR": str(home / "data"),
            "CPCHAIR_CONFIG_DIR": str(home / "config"), "TERM": "xterm-256color",
            "COLUMNS": str(SIZE[0]), "LINES": str(SIZE[1])}  # fmt: skip


def demo_on_server(url: str) -> None:
    """The demo case on the server's database, this process's connections closed after."""
    open_store(url).import_case(demo_case(dt.date.today()))
    forget_engines(parse_target(url))


def until(seats: Sequence[Seat], drawn: Callable[[Seat], bool], what: str) -> None:
    """Read every seat's terminal until each one's screen is as `drawn` says. Every seat is
    read all along, not only the one waited for: a process whose terminal is not read stops
    once the terminal's buffer is full, its keys unread, as no real terminal would."""
    deadline = time.perf_counter() + WAIT
    while not all(drawn(seat) for seat in seats):
        if time.perf_counter() > deadline:
            screens = "\n---\n".join(f"{seat.name}:\n{seat.shown()}" for seat in seats)
            raise AssertionError(f"never {what}:\n{screens}")
        for seat in seats:
            seat.read(0.01)


def at_stage(seats: Sequence[Seat], label: str) -> None:
    until(seats, lambda seat: label in seat.screen.row(1), f"at the stage {label}")


@pytest.fixture
def seats(pg_url: str, tmp_path: Path) -> Iterator[tuple[Seat, Seat]]:
    """The chair's and the minute-taker's `cpchair open`, both at the mapping stage."""
    demo_on_server(pg_url)
    argv = [sys.executable, "-m", "cpchair", "--db", pg_url, "open", DEMO_REFERENCE]
    started: list[Seat] = []
    try:
        for name in ("chair", "minutes"):
            started.append(Seat(name, argv, tmp_path / name))
        at_stage(started, "Opening")  # both start together; each opens at the opening stage
        for label in STAGES:
            for seat in started:
                seat.write(F3)
            at_stage(started, label)
        until(started, lambda seat: bool(board(seat.screen)), "showing the board")
        yield started[0], started[1]
    finally:
        for seat in started:
            seat.close()


def quit_both(seats: Sequence[Seat]) -> None:
    """Quit each as a person does (Ctrl+Q): each must end well, with no error printed."""
    for seat in seats:
        seat.close()
    for seat in seats:
        assert seat.proc.returncode == 0, (
            f"{seat.name} ended with {seat.proc.returncode}; its last words: "
            f"{' '.join(seat.written()[-3000:].split())}"
        )
        assert not seat.errors(), f"{seat.name} showed {seat.errors()} as it quit"


def held(url: str) -> list[tuple[str, int, str]]:
    """The conference's mapping entries in the database: (column, position, text)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    'SELECT e."column", e.position, e.text FROM mappingentry e'
                    " JOIN conference c ON e.conference_id = c.id"
                    ' JOIN "case" k ON c.case_id = k.id'
                    " WHERE k.reference = :ref AND c.key = :conf ORDER BY e.id"
                ),
                {"ref": DEMO_REFERENCE, "conf": CONFERENCE},
            ).all()
    finally:
        engine.dispose()
    return [(column, position, entry_text) for column, position, entry_text in rows]


def wait_on_board(
    seats: Sequence[Seat], texts: list[str], rows: Callable[[], object], on: Seat | None = None
) -> None:
    """The board of seat `on` (or of every seat) shows every one of `texts`, every seat read
    meanwhile; else fail, saying what the database held (`rows()`) and what each seat showed."""
    looked_at = [seat for seat in seats if on in (None, seat)]
    try:
        until(seats, lambda seat: seat not in looked_at or on_board(seat.screen, *texts),
              "showing every entry")  # fmt: skip
    except AssertionError as exc:
        missing = {s.name: [t for t in texts if not on_board(s.screen, t)] for s in looked_at}
        raise AssertionError(f"missing {missing}; the database held {rows()}; {exc}") from None


def pause(seats: Sequence[Seat], seconds: float) -> None:
    """A typist's gap between keys, every terminal read meanwhile."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for seat in seats:
            seat.read(0.005)


def test_two_seats_see_each_other_and_typing_at_once_lose_nothing(
    seats: tuple[Seat, Seat], pg_url: str
) -> None:
    """One process pair for both parts (each start of two seats costs seconds)."""
    chair, minutes = seats
    # One seat types, a key at a time; the other sees each entry before the next is typed.
    typed: list[str] = []
    for n in range(4):
        letter, line = entry("typed", n)
        for key in f"{letter}: {line}":
            minutes.write(key.encode())
            pause(seats, 0.01)
        minutes.write(ENTER)
        typed.append(line)
        wait_on_board(seats, typed, lambda: held(pg_url), on=chair)  # then the next line

    # Then both at once, whole lines, interleaved, with no wait for either to draw.
    lines = {seat.name: [entry(seat.name, n) for n in range(len(COLUMNS))] for seat in seats}
    for n in range(len(COLUMNS)):
        for seat in seats:
            letter, line = lines[seat.name][n]
            seat.write(f"{letter}: {line}".encode() + ENTER)
            chair.drain_now()
            minutes.drain_now()
    texts = typed + [line for name in lines for _, line in lines[name]]
    wait_on_board(seats, texts, lambda: held(pg_url))
    # A notification may cover part of one screen for a few seconds: the same board in the end.
    until(seats, lambda _: board(chair.screen) == board(minutes.screen), "the same board")

    rows = held(pg_url)
    assert sorted(t for _, _, t in rows) == sorted(texts), f"the database holds {rows}"
    twice = [key for key, count in Counter((c, p) for c, p, _ in rows).items() if count > 1]
    assert not twice, f"two entries at one position of a column: {twice} in {rows}"
    for seat in seats:
        assert not seat.errors(), f"{seat.name} showed {seat.errors()}:\n{seat.shown()}"
    quit_both(seats)
