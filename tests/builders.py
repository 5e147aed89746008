"""Small builders for the case-format documents the rules tests write by hand.

Each test module states only what its rule reads (a report date, a vote, who has direct
contact) and leaves the rest of an attendee to `attendee`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpchair.caseio.schema import CaseDoc


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


def many_conferences(today: dt.date, count: int = 20) -> CaseDoc:
    """The demo case with `count` conferences: its first (concluded, every stage recorded)
    copied back in time a quarter at a time before its review (keys k00, k01...)."""
    from cpchair.demo import demo_case

    doc = demo_case(today).model_dump(mode="python")
    first, review = doc["conferences"]
    n = count - 1
    earlier = [
        {**first, "key": f"k{i:02d}", "kind": "initial" if i == 0 else "review",
         "date": review["date"] - dt.timedelta(days=91 * (n - i)),
         "trigger_date": first["trigger_date"] if i == 0 else None}
        for i in range(n)
    ]  # fmt: skip
    doc["conferences"] = [*earlier, review]
    return CaseDoc.model_validate(doc)
