"""A meeting's writes, in the order they were asked for, off the screen's thread.

The screen hands a write to `submit` and goes on at once: the key after Enter never waits on
a commit. One thread runs the writes one after another, each its own transaction as before
(`Meeting.edit`), and hands each outcome to the write's `done`, in that thread (the screen
posts itself a message from there). A row drawn before it was written has a provisional,
negative id; its write `settle`s it with the real id, and the writes queued after it name
the row by either (`real`), so a card deleted or moved the moment it appears is changed
once it exists, in turn. The thread ends when the queue is empty and the next write starts
another, so an idle meeting holds no thread. It is not a daemon: a process that ends with
writes waiting finishes them first, and `flush` waits for them (a window closing).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cpchair.store.errors import EditError

R = TypeVar("R")


class NotWrittenError(EditError):
    """A write names a row whose own write was refused or failed: it never existed."""


NOT_WRITTEN = "That entry was never saved, so the change to it was not made."


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """How a queued write went: its value, or the refusal (the store's rules, in the chair's
    words) or the failure (the database could not be written) that stopped it."""

    value: R | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def refused(self) -> str | None:
        return str(self.error) if isinstance(self.error, EditError) else None


Done = Callable[[Outcome[Any]], None]


class WriteQueue:
    def __init__(self) -> None:
        self._jobs: deque[tuple[Callable[[], Any], Done | None]] = deque()
        self._running = False  # the thread is on: writes, or outcomes being told
        self._writing = False  # a write is running
        self._idle = threading.Condition()
        self._real: dict[int, int | None] = {}  # provisional id: real id (None: never)
        # Writes refused or failed so far: a window closing counts those it can no longer
        # show, to say so (their outcomes go to a panel that is gone).
        self.not_written = 0

    def submit(
        self, write: Callable[[], R], done: Callable[[Outcome[R]], None] | None = None
    ) -> None:
        """Run `write` after every write submitted before it; then `done(outcome)`, in the
        writer's thread. `write` must touch no widget: it runs in that thread too."""
        with self._idle:
            self._jobs.append((write, done))
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="cpchair-writes").start()

    def _run(self) -> None:
        while True:
            with self._idle:
                if not self._jobs:
                    self._running = False
                    self._idle.notify_all()
                    return
                write, done = self._jobs.popleft()
                self._writing = True
            try:
                outcome: Outcome[Any] = Outcome(value=write())
            except Exception as exc:  # told to `done`: the queue goes on with the next write
                outcome = Outcome(error=exc)
            with self._idle:
                self._writing = False  # before `done`: its handler may ask `pending`
                self.not_written += not outcome.ok
            if done is not None:
                with suppress(Exception):  # the window it would tell has closed
                    done(outcome)

    @property
    def pending(self) -> bool:
        """A write is waiting or running."""
        with self._idle:
            return self._writing or bool(self._jobs)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write submitted so far is done; False if `timeout` ran out."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._running, timeout)

    # --- rows drawn before they were written ---------------------------------------------------

    def settle(self, provisional: int, real: int | None) -> None:
        """The row shown as `provisional` was written as `real` (None: it never will be)."""
        self._real[provisional] = real

    def settled(self, provisional: int) -> int | None:
        return self._real.get(provisional)

    def real(self, row_id: int) -> int:
        """The database id of a row named by either id; in the writer's thread, a row whose
        write came earlier in the queue has settled by now."""
        if row_id >= 0:
            return row_id
        real = self._real.get(row_id)
        if real is None:
            raise NotWrittenError(NOT_WRITTEN)
        return real


__all__ = ["NOT_WRITTEN", "NotWrittenError", "Outcome", "WriteQueue"]
