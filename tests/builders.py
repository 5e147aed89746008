"""Small builders for the case-format documents the rules tests write by hand.

Each test module states only what its rule reads (a report date, a vote, who has direct
contact) and leaves the rest of an attendee to `attendee`.
"""

from __future__ import annotations

from typing import Any


def attendee(key: str, agency: str = "health", **extra: Any) -> dict[str, Any]:
    """A professional present at the conference, as a `cpchair-case/1` attendee."""
    return {
        "key": key,
        "name": f"Named Person {key}",
        "role": "role",
        "agency": agency,
        "attendance": "present",
        **extra,
    }
