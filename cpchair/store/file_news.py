"""Whether a SQLite database's files have been written to: the wake-up for the watch
(store/watch.py), so that nothing is asked of the database while nothing is written.

On Linux, inotify on the folder (through ctypes: no dependency, no descriptor on the files
themselves) reports each write, creation, deletion or replacement of the database, its
write-ahead log or its journal, and the thread sleeps in between. Elsewhere, or if inotify
cannot be had, the files are looked at with `stat` every few milliseconds (inode, size and
modification time): a system call, never a query. Never `open` and `close` the files here:
closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included.

A write is not yet a commit: SQLite writes a commit's pages to the log, syncs them, and only
then publishes the commit in shared memory, which no event or stat reports. Telling when a
commit has become visible is left to the caller (DataVersion).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import struct
import sys
import threading
from pathlib import Path

POLL = 0.01  # seconds between stat looks where there is no inotify

# From <sys/inotify.h>.
_IN_MODIFY, _IN_MOVED_FROM, _IN_MOVED_TO = 0x2, 0x40, 0x80
_IN_CREATE, _IN_DELETE, _IN_DELETE_SELF, _IN_MOVE_SELF = 0x100, 0x200, 0x400, 0x800
_IN_Q_OVERFLOW, _IN_IGNORED = 0x4000, 0x8000
_MASK = (_IN_MODIFY | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
         | _IN_DELETE_SELF | _IN_MOVE_SELF)  # fmt: skip
_LOST = _IN_Q_OVERFLOW | _IN_IGNORED | _IN_DELETE_SELF | _IN_MOVE_SELF  # look at everything
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then `len` bytes of name


def _inotify(folder: Path) -> int | None:
    """An inotify descriptor watching `folder`, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            return None
        if libc.inotify_add_watch(fd, os.fsencode(folder), _MASK) < 0:
            os.close(fd)  # an inotify instance, not a file: no lock goes with it
            return None
    except (OSError, AttributeError):
        return None
    return int(fd)


class FileNews:
    """Writes to the database at `path` and to the files beside it (`-wal`, `-journal`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._names = {path.name + suffix for suffix in ("", "-wal", "-journal")}
        self._woken = threading.Event()
        self._inotify = _inotify(path.parent)
        self._poll: select.poll | None = None
        self._wake_r = self._wake_w = -1
        if self._inotify is not None:
            # poll, not select: a process with many files open (a test run) passes fd 1024.
            self._wake_r, self._wake_w = os.pipe()
            os.set_blocking(self._wake_r, False)
            self._poll = select.poll()
            for fd in (self._inotify, self._wake_r):
                self._poll.register(fd, select.POLLIN)
        self._stats = self._stat()

    @property
    def uses_inotify(self) -> bool:
        return self._inotify is not None

    def wake(self) -> None:
        """Make `wait` return now (from any thread): a new follower, or the watch stopping."""
        self._woken.set()
        if self._wake_w >= 0:
            with contextlib.suppress(OSError):
                os.write(self._wake_w, b"!")

    def wait(self, timeout: float | None) -> tuple[bool, bool]:
        """Sleep until the files are written to, `wake` is called, or `timeout` seconds pass
        (None: no limit). Returns (written, woken)."""
        if self._poll is not None:
            wait_ms = None if timeout is None else max(0, round(timeout * 1000))
            ready = {fd for fd, _event in self._poll.poll(wait_ms)}
            written = self._inotify in ready and self._read_events()
            return written, self._wake_r in ready and self._drain()
        while True:  # stat looks; an Event, not a pipe, so that this works on Windows too
            step = POLL if timeout is None else min(POLL, timeout)
            woken = self._woken.wait(step)
            if woken:
                self._woken.clear()
            stats = self._stat()
            written, self._stats = stats != self._stats, stats
            if written or woken or timeout is not None:
                return written, woken

    def _read_events(self) -> bool:
        written = False
        while True:
            try:
                data = os.read(self._inotify, 65536)  # type: ignore[arg-type]
            except BlockingIOError:
                return written
            at = 0
            while at + _EVENT.size <= len(data):
                _wd, mask, _cookie, size = _EVENT.unpack_from(data, at)
                name = data[at + _EVENT.size : at + _EVENT.size + size].rstrip(b"\0")
                at += _EVENT.size + size
                if mask & _LOST or os.fsdecode(name) in self._names:
                    written = True

    def _drain(self) -> bool:
        with contextlib.suppress(BlockingIOError):
            while os.read(self._wake_r, 512):
                pass
        return True

    def _stat(self) -> tuple[tuple[int, int, int] | None, ...]:
        looks: list[tuple[int, int, int] | None] = []
        for name in sorted(self._names):
            try:
                st = os.stat(self.path.parent / name)
            except OSError:
                looks.append(None)
            else:
                looks.append((st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(looks)

    def close(self) -> None:
        for fd in (self._inotify, self._wake_r, self._wake_w):
            if fd is not None and fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
