"""Seeing what other writers do: one thread per database that notices each commit made by any
other connection (another window, the CLI, a second seat) and tells whoever follows it.

The thread sleeps until the database's files are written to (store/file_news.py: inotify, or
a stat of the files), then asks SQLite's `PRAGMA data_version` whether a commit has been
published, and keeps asking for a short while, since a commit is published a sync after its
last write. After a commit, each follower's `probe` is run here too (a small query: when did
my case last change?) and only an answer that differs from the last one is passed on, so the
screen's own thread never polls and never reads for nothing. While nothing is written,
nothing is asked of the database at all. On a server, its change feed (store/server_news.py)
stands in for `DataVersion`, without the followers noticing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine

from cpchair.store.file_news import FileNews

# After the files are written to, how long a commit may take to be published (its sync), and
# how often to ask meanwhile: often at first (a commit is seen within a few ms of its sync),
# then less, so that a slow disk is still followed without asking every few ms for long.
SETTLE = 2.0
QUICK = 0.25
STEPS = (0.005, 0.05)
EVERY = STEPS[0]  # how soon after its sync a commit is seen, in the QUICK part
RETRY = 0.05  # a probe that failed is asked again after this long
RETRY_OPEN = 1.0  # the database could not be opened to watch: looked at again after this


@dataclass(eq=False)
class _Follower:
    probe: Callable[[], Any]
    changed: Callable[[Any], None]
    last: Any = None
    fresh: bool = True  # no answer yet: the first one is always passed on


class News(Protocol):
    def wait(self) -> bool: ...
    def wake(self) -> None: ...
    def close(self) -> None: ...


def news_of(engine: Engine) -> News:
    """How commits by others are heard of: the file's data version, or the server's feed."""
    if engine.dialect.name == "sqlite":
        return DataVersion(engine)
    from cpchair.store.server_news import ServerNews

    return ServerNews(engine)


class Files(Protocol):
    def wait(self, timeout: float | None) -> tuple[bool, bool]: ...
    def wake(self) -> None: ...
    def close(self) -> None: ...


class DataVersion:
    """News of commits by other connections, from SQLite's `PRAGMA data_version` on a
    connection of its own (the number is per connection), asked only after the database's
    files were written to. This is the one place the watch knows it is SQLite: a server's
    change feed (PostgreSQL's LISTEN/NOTIFY) would answer `wait` from its notifications."""

    def __init__(self, engine: Engine, files: Files | None = None) -> None:
        # Watched before the first look: a write after that look cannot go unseen.
        self._files = files or FileNews(Path(engine.url.database or ""))
        try:
            self._raw = engine.raw_connection()
        except Exception:
            self._files.close()  # its descriptors go with it
            raise
        self._seen: object = object()  # matches nothing: the first look counts as news
        self._written = time.monotonic()  # a commit under way at the start is waited for

    def wake(self) -> None:
        """Make `wait` return now, from any thread."""
        self._files.wake()

    def wait(self) -> bool:
        """Sleep until another connection has committed (True; at once the first time) or
        `wake` is called (False)."""
        while True:
            since = time.monotonic() - self._written
            if since < SETTLE and self._moved():
                return True
            timeout = None if since >= SETTLE else STEPS[since >= QUICK]
            written, woken = self._files.wait(timeout)
            if written:
                self._written = time.monotonic()
            if woken:
                return self._moved()

    def _moved(self) -> bool:
        try:
            cursor = self._raw.cursor()
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
            cursor.close()
        except Exception:  # the file is busy being replaced: look again, soon
            version = None
            self._written = time.monotonic()
        moved = version != self._seen
        self._seen = version
        return moved

    def close(self) -> None:
        self._files.close()
        self._raw.close()


class Watch:
    """Runs while anyone follows; `follow` returns the function that stops following."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._followers: list[_Follower] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._news: News | None = None  # the running thread's, to wake it

    def follow(
        self, probe: Callable[[], Any], changed: Callable[[Any], None]
    ) -> Callable[[], None]:
        """Call `changed(answer)` from the watch's thread whenever `probe()` answers
        differently after a commit; once at the start as well."""
        follower = _Follower(probe, changed)
        with self._lock:
            self._followers.append(follower)
            if self._thread is None:
                self._stop = threading.Event()
                self._thread = threading.Thread(
                    target=self._run, args=(self._stop,), name="cpchair-watch", daemon=True
                )
                self._thread.start()
            elif self._news is not None:
                self._news.wake()  # its first answer now, not at the next commit

        def stop() -> None:
            with self._lock:
                if follower in self._followers:
                    self._followers.remove(follower)
                if not self._followers and self._thread is not None:
                    self._stop.set()
                    if self._news is not None:
                        self._news.wake()
                    self._thread = None
                    self._news = None

        return stop

    def close(self) -> None:
        """Stop following, whoever still follows."""
        with self._lock:
            self._followers.clear()
            self._stop.set()
            if self._news is not None:
                self._news.wake()
            self._thread = None
            self._news = None

    def _run(self, stop: threading.Event) -> None:
        news: News | None = None
        while news is None:
            try:
                news = news_of(self.engine)
            except Exception:  # the file cannot be opened now (being replaced), or the
                # server cannot be reached: try again
                if stop.wait(RETRY_OPEN):
                    return
        with self._lock:
            if stop.is_set():
                news.close()
                return
            self._news = news
        try:
            while not stop.is_set():
                changed = news.wait()
                if not stop.is_set() and self._tell(changed=changed):
                    stop.wait(RETRY)  # someone is still owed an answer: ask again soon
                    news.wake()
        finally:
            # Under the lock: `stop` wakes the news it finds there, and must never wake one
            # closed (its descriptors gone, their numbers free to be another file's).
            with self._lock:
                if self._news is news:
                    self._news = None
                news.close()

    def _tell(self, *, changed: bool) -> bool:
        """Probe the followers (all of them after a commit, else the new ones); True if a
        probe failed and is to be asked again."""
        failed = False
        with self._lock:
            followers = [f for f in self._followers if changed or f.fresh]
        for follower in followers:
            try:
                answer = follower.probe()
            except Exception:  # a read that failed now is tried again soon
                follower.fresh = failed = True
                continue
            if follower.fresh or answer != follower.last:
                follower.fresh = False
                follower.last = answer
                follower.changed(answer)
        return failed


class OwnEdits:
    """The versions (`updated_at`) this process moved each case through, so that a commit the
    watch reports can be told apart: our own edit, already on screen, or someone else's."""

    KEEP = 200  # steps kept per case: far more than can happen between two looks

    def __init__(self) -> None:
        self._steps: dict[str, dict[Any, Any]] = {}
        self._lock = threading.Lock()  # recorded by the writer's thread (store/queue.py) too

    def record(self, reference: str, before: Any, after: Any) -> None:
        if before == after:
            return
        with self._lock:
            steps = self._steps.setdefault(reference.lower(), {})
            steps[before] = after
            if len(steps) > self.KEEP:
                del steps[next(iter(steps))]

    def explains(self, reference: str, seen: Any, now: Any) -> bool:
        """True if our own edits alone lead from version `seen` to `now`."""
        with self._lock:
            steps = dict(self._steps.get(reference.lower(), {}))
        version = seen
        for _ in range(len(steps) + 1):
            if version == now:
                return True
            if version not in steps:
                return False
            version = steps[version]
        return False
