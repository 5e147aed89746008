"""Why the store refused a change: in the user's words, never holding case data."""

from __future__ import annotations


class EditError(ValueError):
    """A change that was refused; the message is for the user and holds no case data."""


class NotFoundError(EditError):
    pass


__all__ = ["EditError", "NotFoundError"]
