"""The real `cpchair` as a whole process in a pseudo-terminal, and a small model of its screen.

`Terminal` starts a command on a pty of a fixed size, writes keys to it as a terminal sends
them, and reads what the process writes, feeding it to a `Screen`. `demo_folder` makes a
throwaway data folder holding the demo case. Used by the kill tests here and by the
benchmarks in tests/bench.
"""

from __future__ import annotations

import codecs
import datetime as dt
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

from cpchair.caseio.schema import CaseDoc
from cpchair.demo import DEMO_REFERENCE, demo_case
from cpchair.store import open_store

COLUMNS, LINES = 80, 24
F2, F3, ENTER, CTRL_Q = b"\x1bOQ", b"\x1bOR", b"\r", b"\x11"
OPEN_DEMO = [sys.executable, "-m", "cpchair", "open", DEMO_REFERENCE]


def demo_folder(
    folder: Path, key: str | None = None, case: CaseDoc | None = None
) -> dict[str, str]:
    """Put the demo case (or `case`) in a data folder (encrypted with `key` if given); the
    environment that makes `cpchair` use it."""
    open_store(folder / "cpchair.db", key).import_case(case or demo_case(dt.date.today()))
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("CPCHAIR_", "TEXTUAL"))}  # fmt: skip
    unlock = {} if key is None else {"CPCHAIR_PASSPHRASE": key}
    return {**env, **unlock, "CPCHAIR_DATA_DIR": str(folder),
            "CPCHAIR_CONFIG_DIR": str(folder / "config"), "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS), "LINES": str(LINES)}  # fmt: skip


# An escape sequence: CSI (cursor moves, colours, modes), OSC (a title), or ESC and one more.
_ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()#][0-9A-Za-z]|[^\[\]()#])"
)
_LONGEST_ESCAPE = 256  # longer than this without an end: not an escape, skip the ESC


class Screen:
    """The characters an xterm shows, from what Textual writes: it places the cursor
    (CSI row;col H), sets colours and modes (ignored here) and writes text; `\\r\\n` ends a
    line of a full redraw. Enough to read the text of each row, not to draw it."""

    def __init__(self, columns: int = COLUMNS, lines: int = LINES) -> None:
        self.columns, self.lines = columns, lines
        self._rows = [[" "] * columns for _ in range(lines)]
        self._row = self._col = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an escape sequence cut off at the end of a read

    def row(self, n: int) -> str:
        return "".join(self._rows[n])

    def find(self, text: str) -> int | None:
        """The first row showing `text`."""
        return next((n for n in range(self.lines) if text in self.row(n)), None)

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        at = 0
        while at < len(text):
            char = text[at]
            if char == "\x1b":
                found = _ESCAPE.match(text, at)
                if found is None:
                    if len(text) - at < _LONGEST_ESCAPE:
                        self._pending = text[at:]  # the rest comes with the next read
                        return
                    at += 1
                    continue
                self._escape(found.group())
                at = found.end()
                continue
            if char == "\r":
                self._col = 0
            elif char == "\n":
                self._row = min(self._row + 1, self.lines - 1)
            elif char >= " " and self._col < self.columns:
                self._rows[self._row][self._col] = char
                self._col += 1
            at += 1

    def _escape(self, sequence: str) -> None:
        if sequence.startswith("\x1b[") and sequence[-1] in "Hf":
            params = sequence[2:-1]
            if not params or params.replace(";", "").isdigit():
                row, _, col = params.partition(";")
                self._row = min(max(int(row or 1), 1), self.lines) - 1
                self._col = min(max(int(col or 1), 1), self.columns) - 1
        elif sequence == "\x1b[2J":
            self._rows = [[" "] * self.columns for _ in range(self.lines)]


class Terminal:
    """A process on a pseudo-terminal of a fixed size; writes keys, reads what it draws."""

    def __init__(self, argv: list[str], env: dict[str, str],
                 columns: int = COLUMNS, lines: int = LINES) -> None:  # fmt: skip
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.fd = leader
        self.screen = Screen(columns, lines)
        self.proc = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower,
                                     env=env, start_new_session=True)  # fmt: skip
        os.close(follower)
        self._open = True

    def read(self, timeout: float) -> bytes:
        """What the process writes within `timeout` seconds (b"" if nothing, or it is gone)."""
        if not self._open or not select.select([self.fd], [], [], max(timeout, 0))[0]:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the process has gone and everything it wrote has been read
            data = b""
        if not data:
            self._open = False
        self.screen.feed(data)
        return data

    def read_until(self, deadline: float) -> None:
        """Read what the process writes until `deadline` (time.perf_counter)."""
        while (left := deadline - time.perf_counter()) > 0:
            if not self._open:
                time.sleep(left)
                return
            self.read(left)

    def wait_for(self, text: bytes, timeout: float = 30.0) -> float:
        """Seconds until `text` appears in the output; raises if it never does."""
        start, seen = time.perf_counter(), b""
        while time.perf_counter() - start < timeout:
            data = self.read(0.05)
            if data:
                seen += data
                if text in seen:
                    return time.perf_counter() - start
                seen = seen[-len(text) :]
            elif not self._open:
                break
        raise TimeoutError(f"never saw {text!r}")

    def wait_until(self, drawn: Callable[[Screen], bool], timeout: float = 30.0) -> float:
        """Seconds until the screen, as drawn so far, is as `drawn` says: a frame, not a word
        that happens to pass in the output. Looked at after each read."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.read(0.05) and drawn(self.screen):
                return time.perf_counter() - start
            if not self._open:
                break
        raise TimeoutError("never drew what was waited for")

    def wait_shown(self, *texts: str, timeout: float = 30.0) -> float:
        """Seconds until the screen shows every one of `texts` at once, each within a row."""
        return self.wait_until(lambda s: all(s.find(t) is not None for t in texts), timeout)

    def drain(self) -> None:
        while self.read(0.2):
            pass

    def write(self, key: bytes) -> float:
        """Send a key as typed; the moment it was in the terminal (time.perf_counter)."""
        os.write(self.fd, key)
        return time.perf_counter()

    def press(self, key: bytes, expect: bytes) -> float:
        self.drain()
        self.write(key)
        return self.wait_for(expect)

    def kill(self) -> float:
        """SIGKILL, as a crash or a flat battery: nothing in the process runs after it. Reads
        whatever it wrote before it died; returns the moment the signal was sent."""
        at = time.perf_counter()
        self.proc.kill()
        self.proc.wait(timeout=30)
        deadline = time.perf_counter() + 5
        while self._open and time.perf_counter() < deadline:
            self.read(0.1)
        return at

    def close(self) -> None:
        """Quit as the user does (Ctrl+Q), else kill; then let go of the terminal."""
        if self.proc.poll() is None:
            try:
                self.write(CTRL_Q)
                deadline = time.perf_counter() + 10
                while self.proc.poll() is None and time.perf_counter() < deadline:
                    self.read(0.1)  # read on: a full terminal would stop it drawing
            except OSError:
                pass
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(timeout=30)
        os.close(self.fd)
