"""Changes made outside this window (the CLI, another window, a second seat), as a message.

A screen that shows the database follows it while mounted: the store's watch thread asks the
screen's probe after each commit it did not make, and when the answer moves the screen gets
`ChangedOutside` in its own queue, handled between keys like any other message, so a key is
never taken against a half-read state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.screen import Screen

from cpchair.store import Store


class ChangedOutside(Message):
    """The probe's answer moved: `version` is the new answer."""

    def __init__(self, version: Any) -> None:
        super().__init__()
        self.version = version


def follow(screen: Screen[Any], store: Store, probe: Callable[[], Any]) -> Callable[[], None]:
    """Post `ChangedOutside` to `screen` whenever `probe`'s answer moves (and once at the
    start); call what this returns to stop, on unmount."""
    return store.watch.follow(probe, lambda answer: screen.post_message(ChangedOutside(answer)))
