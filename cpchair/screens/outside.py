"""Changes made outside this window (the CLI, another window, a second seat), as a message.

A screen that shows the database follows it while mounted: the store's watch thread asks the
screen's probe after each commit it did not make, and when the answer moves the screen gets
`ChangedOutside` in its own queue, handled between keys like any other message, so a key is
never taken against a half-read state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from cpchair.store import Store


class ChangedOutside(Message):
    """The probe's answer moved: `version` is the new answer."""

    def __init__(self, version: Any) -> None:
        super().__init__()
        self.version = version


class Following:
    """A screen's following of one probe: `start` posts `ChangedOutside` to the screen
    whenever the probe's answer moves (and once at the start); `stop` on unmount. Either
    may be called again harmlessly."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._stop: Callable[[], None] | None = None

    def start(self, store: Store, probe: Callable[[], Any]) -> None:
        if self._stop is None:
            screen = self._screen

            def tell(answer: Any) -> None:
                screen.post_message(ChangedOutside(answer))

            self._stop = store.watch.follow(probe, tell)

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()
            self._stop = None
