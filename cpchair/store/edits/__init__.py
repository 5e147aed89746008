"""The edits of a case, one module for each part of it the chair changes.

Each edit is a function `(session, reference, conference, ...)` run inside the caller's
transaction (`Meeting.edit` for the live meeting, `Store` for the case file); it raises
EditError, in the chair's words, when the change cannot be held, and nothing is written then.
A module's name is the part of the meeting its edits change (`Changed.part`).
"""

from cpchair.store.edits import (
    attendees,
    case,
    conference,
    dangers,
    decisions,
    history,
    mapping,
    participation,
    plan,
    register,
    scaling,
    schedule,
    working,
)

__all__ = [
    "attendees", "case", "conference", "dangers", "decisions", "history", "mapping",
    "participation", "plan", "register", "scaling", "schedule", "working",
]  # fmt: skip
