"""Seeing what other writers do: one thread per database that notices each commit made by any
other connection (another window, the CLI, a second seat) and tells whoever follows it.

SQLite's `PRAGMA data_version` changes on a connection whenever another connection has
committed; asking costs microseconds, so the thread asks every few milliseconds. After a
change, each follower's `probe` is run here too (a small query: when did my case last
change?) and only an answer that differs from the last one is passed on, so the screen's
own thread never polls and never reads for nothing. A server's change feed could stand in
for the pragma without the followers noticing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

EVERY = 0.01  # seconds between looks: a change reaches the screen well inside a frame or two


@dataclass(eq=False)
class _Follower:
    probe: Callable[[], Any]
    changed: Callable[[Any], None]
    last: Any = None
    fresh: bool = True  # no answer yet: the first one is always passed on


class DataVersion:
    """Whether another connection has committed since the last look, from SQLite's
    `PRAGMA data_version` on a connection of its own (the number is per connection). This is
    the one place the watch knows it is SQLite: a server's change feed (PostgreSQL's
    LISTEN/NOTIFY) would answer `moved` from its notifications instead."""

    def __init__(self, engine: Engine) -> None:
        self._raw = engine.raw_connection()
        self._seen: object = object()  # matches nothing: the first look counts as news

    def moved(self) -> bool:
        """True at the first look and after any commit by another connection."""
        try:
            cursor = self._raw.cursor()
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
            cursor.close()
        except Exception:  # the file is busy being replaced: look again
            version = None
        moved = version != self._seen
        self._seen = version
        return moved

    def close(self) -> None:
        self._raw.close()


class Watch:
    """Runs while anyone follows; `follow` returns the function that stops following."""

    def __init__(self, engine: Engine, every: float = EVERY) -> None:
        self.engine = engine
        self.every = every
        self._followers: list[_Follower] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

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

        def stop() -> None:
            with self._lock:
                if follower in self._followers:
                    self._followers.remove(follower)
                if not self._followers and self._thread is not None:
                    self._stop.set()
                    self._thread = None

        return stop

    def _run(self, stop: threading.Event) -> None:
        news = DataVersion(self.engine)
        try:
            while not stop.is_set():
                self._tell(changed=news.moved())
                stop.wait(self.every)
        finally:
            news.close()

    def _tell(self, *, changed: bool) -> None:
        with self._lock:
            followers = [f for f in self._followers if changed or f.fresh]
        for follower in followers:
            try:
                answer = follower.probe()
            except Exception:  # a read that failed now is tried again at the next look
                follower.fresh = True
                continue
            if follower.fresh or answer != follower.last:
                follower.fresh = False
                follower.last = answer
                follower.changed(answer)


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
