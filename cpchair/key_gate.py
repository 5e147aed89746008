"""Keys in the order typed, each handled against the state the key before it left.

Textual hands a key to the focused widget's own message queue and goes straight on to the
next key. In a burst (a fast typist, a paste, a slow moment on a small machine) every key
then goes to the widget that had the focus when the burst began: a focus change, a window or
a new row that the first key asks for arrives too late for the keys after it, which land in
the wrong place or run as commands.

The gate holds each key until everything the key before it set off has run (every message
queue in the app drained, callbacks waiting on a refresh done), then hands it on. A key typed
at a person's pace finds the app quiet and passes straight through.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import _queue, events, message_pump

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

# A handler that never settles (an endless timer, say) must not hold the keyboard for ever:
# after this many looks (about 2 s of the app running) the next key goes on regardless.
# Counted in looks, not by the clock: while the app is blocked (a slow disk, a database
# another process holds) no look is taken, so a wait spent blocked never lets a key through
# into a screen still being built.
QUIET_LOOKS = 2000
POLL = 0.001  # seconds between looks while something is still running

_RELEASED = "_cpchair_key_released"
Ordered = events.Key | events.Paste


class _WatchedQueue(_queue.Queue[Any]):
    """Textual's message queue, also knowing whether a message taken from it is still being
    handled: its pump takes a message, handles it, then calls `task_done`."""

    handling = False

    async def get(self) -> Any:
        value = await super().get()
        self.handling = True
        return value

    def get_nowait(self) -> Any:
        value = super().get_nowait()
        self.handling = True
        return value

    def task_done(self) -> None:
        self.handling = False


# Every message pump builds its queue from this name when first used, so pumps made from here
# on can say when they are busy. (Checked by tests/unit/test_key_gate.py against the pinned
# Textual.)
message_pump.Queue = _WatchedQueue  # type: ignore[misc]


def _busy(pump: MessagePump, own: bool = False) -> bool:
    """Messages waiting or being handled. `own`: the caller is handling one of this pump's."""
    if pump._closed:
        return False
    queue: Any = pump._message_queue
    handling = getattr(queue, "handling", False) and not own
    return handling or not queue.empty() or pump._next_callbacks != []


class KeyGate:
    """The app's holding line for keys and pastes: first in, first handed on."""

    def __init__(self, app: App[Any], until: asyncio.Event | None = None) -> None:
        self._app = app
        # Until this is set (the app still starting), every key is held, however quiet.
        self._until = until
        self._held: deque[Ordered] = deque()
        self._drain: asyncio.Task[None] | None = None

    def admit(self, event: Ordered) -> bool:
        """True when `event` may be handled now; otherwise it is held and handed on later."""
        if getattr(event, _RELEASED, False):
            return True
        started = self._until is None or self._until.is_set()
        if started and not self._held and self._drain is None and self.quiet(own=True):
            return True
        self._held.append(event)
        if self._drain is None:
            self._drain = asyncio.create_task(self._hand_on())
        return False

    @property
    def handing_on(self) -> bool:
        """Keys still held, or the last of them not yet handed on."""
        return bool(self._held) or self._drain is not None

    def quiet(self, own: bool = False) -> bool:
        """Nothing left running from earlier keys. `own`: the app is handling a message."""
        app = self._app
        if _busy(app, own):
            return False
        try:
            screen = app.screen
            if screen._callbacks:
                return False
        except Exception:  # no screen yet, or the app is closing
            return True
        # A screen whose answer to an earlier key comes from a worker says so (`answering`).
        answering = getattr(screen, "answering", None)
        if callable(answering) and answering():
            return False
        return not any(_busy(node) for node in list(app._registry))

    async def _hand_on(self) -> None:
        try:
            if self._until is not None:
                await self._until.wait()
            while self._held:
                await self._until_quiet()
                event = self._held.popleft()
                setattr(event, _RELEASED, True)
                self._app.post_message(event)
        finally:
            self._drain = None

    async def _until_quiet(self) -> None:
        for _ in range(QUIET_LOOKS):
            if self.quiet():
                return
            await asyncio.sleep(POLL)
