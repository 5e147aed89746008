"""Rules an edit applies that need no database: dates that cannot be in the future, the
next free key, the same conference booked twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

# Dates that record something that has happened: none can be later than today.
NOT_IN_FUTURE = {
    "date_of_birth": "A date of birth cannot be in the future; for an unborn child give the "
    "expected birth date.",
    "report_received": "A report cannot have been received on a day still to come.",
    "report_shared_with_family": "A report cannot have been shared on a day still to come.",
}


def future_date_problem(values: Mapping[str, Any], today: dt.date) -> str | None:
    """Why one of these values is refused (a recorded event dated after today), or None."""
    for name, message in NOT_IN_FUTURE.items():
        value = values.get(name)
        if isinstance(value, dt.date) and value > today:
            return message
    return None


def next_key(existing: Iterable[str], prefix: str) -> str:
    """The next free key like c5 for a new row: short, stable, never reused while held."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(mt.group(1)) for k in existing if (mt := pattern.fullmatch(k))]
    taken = set(existing)
    n = max(numbers, default=0) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def same_conference(
    held: Iterable[tuple[str, str, dt.date]], kind: str, date: dt.date, exclude: str | None = None
) -> str | None:
    """The key of a conference (key, kind, date) of this kind on this date, if one is held.

    Two of one kind on one day is the same conference booked twice, whatever their status.
    """
    return next((k for k, kd, d in held if kd == kind and d == date and k != exclude), None)
