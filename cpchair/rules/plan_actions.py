"""The plan's actions at a review: which were carried forward, their status, and which are overdue.

A review starts with the last plan's actions (store/carry.py) so the conference can say what
became of each: done, not done, dropped (the core group agreed it is no longer needed), still
open, or ongoing (it runs on, like weekly sessions: never overdue, and never complete). An
action counts as carried forward when the previous conference's plan has one with the same
wording and the same person responsible. An open action whose date has passed is overdue.
Pure: documents in, plain values out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cpchair.caseio.schema import ActionDoc, PlanDoc
from cpchair.vocab import ActionStatus

# The order one key steps through: the usual answers at a review come first.
STATUS_ORDER: tuple[ActionStatus, ...] = ("open", "done", "ongoing", "not_done", "dropped")


def next_status(status: str) -> ActionStatus:
    """The status after `status` in STATUS_ORDER, round to the start again."""
    i = STATUS_ORDER.index(status) if status in STATUS_ORDER else -1
    return STATUS_ORDER[(i + 1) % len(STATUS_ORDER)]


def carried_forward(actions: Sequence[ActionDoc], previous: PlanDoc | None) -> tuple[bool, ...]:
    """For each action, whether it came from the previous conference's plan."""
    if previous is None:
        return tuple(False for _ in actions)
    before = {(a.what.strip(), a.who.strip()) for a in previous.actions}
    return tuple((a.what.strip(), a.who.strip()) in before for a in actions)


def is_overdue(action: ActionDoc, on: date) -> bool:
    """Still open after the date it was due by (an ongoing action runs on past its date)."""
    return action.status == "open" and action.by is not None and action.by < on


def to_review(actions: Sequence[ActionDoc], previous: PlanDoc | None) -> int:
    """How many carried-forward actions are still open: their status wants updating."""
    carried = carried_forward(actions, previous)
    return sum(1 for a, c in zip(actions, carried, strict=True) if c and a.status == "open")


__all__ = [
    "STATUS_ORDER",
    "carried_forward",
    "is_overdue",
    "next_status",
    "to_review",
]
