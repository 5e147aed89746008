"""The key gate sees work still running: a message being handled counts, not only one queued.

It reads this from Textual's message queue through a small subclass (cpchair/key_gate.py);
these tests fail if a Textual upgrade stops the pumps from using it.
"""

from __future__ import annotations

import asyncio

from textual import message_pump
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget

from cpchair.key_gate import KeyGate, _WatchedQueue


class Slow(Widget):
    class Work(Message):
        pass

    def __init__(self) -> None:
        super().__init__()
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def on_slow_work(self, _message: Work) -> None:
        self.started.set()
        await self.release.wait()  # a handler that awaits: its queue is empty meanwhile


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Slow()


def test_every_message_pump_builds_the_watched_queue() -> None:
    assert message_pump.Queue is _WatchedQueue


async def test_a_message_still_being_handled_keeps_the_app_busy() -> None:
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        gate = KeyGate(app)
        assert gate.quiet()
        slow = app.query_one(Slow)
        slow.post_message(Slow.Work())
        await slow.started.wait()
        assert slow._message_queue.empty()  # nothing waiting, yet the work is not done
        assert not gate.quiet()
        slow.release.set()
        await pilot.pause()
        assert gate.quiet()
