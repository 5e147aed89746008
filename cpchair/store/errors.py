"""Why the store refused a change: in the user's words, never holding case data, but for
StaleEdit, which quotes the other's change to the one person editing it (on screen only)."""

from __future__ import annotations

from typing import Any


class EditError(ValueError):
    """A change that was refused; the message is for the user and holds no case data."""


class NotFoundError(EditError):
    pass


class StaleEdit(EditError):
    """A field's save made from a value someone else has changed meanwhile (store/stale.py):
    refused, nothing written. `now` is what the field holds now; the message says it in plain
    words, so it holds case data: it is for the screen of the person editing, never a log."""

    def __init__(self, message: str, now: Any) -> None:
        super().__init__(message)
        self.now = now


__all__ = ["EditError", "NotFoundError", "StaleEdit"]
