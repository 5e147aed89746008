"""A flag on a caseload row: what it is and how it reads. Apart from the rules that raise
flags (flags.py), so the caseload can be drawn from a kept copy without loading them."""

from __future__ import annotations

from dataclasses import dataclass

FLAG_CODES = (
    "review_overdue",
    "review_due_soon",
    "review_late",
    "reports_late",
    "inquorate_ahead",
    "escalation_owed",
    "birth_to_record",
)


@dataclass(frozen=True)
class Flag:
    code: str  # one of FLAG_CODES
    text: str  # for a table cell, e.g. "review due in 6 days"
