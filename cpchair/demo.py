"""The fictional demo case, dated so that its review conference is today's work.

`data/demo/household.json` is an ordinary cpchair-case/1 file with fixed dates. Loading it
moves every date by the same number of days, so the prepared review lands on today (or the
next working day) and the intervals between events, and every child's age, stay as written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpchair.caseio import CaseDoc, dump_case, parse_case
from cpchair.resources import data_file

DEMO_REFERENCE = "DEMO-0001"


def demo_text() -> str:
    return data_file("demo", "household.json").read_text(encoding="utf-8")


def _shift(value: Any, days: dt.timedelta) -> Any:
    if isinstance(value, dict):
        return {k: _shift(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, days) for v in value]
    if isinstance(value, dt.date):  # dates and datetimes alike; times of day stay put
        return value + days
    return value


def demo_case(today: dt.date | None = None) -> CaseDoc:
    from cpchair.rules.calendar import is_working_day

    doc = parse_case(demo_text())
    target = today or dt.date.today()
    while not is_working_day(target):
        target += dt.timedelta(days=1)
    anchor = doc.conferences[-1].date
    shifted = _shift(doc.model_dump(mode="python"), target - anchor)
    return CaseDoc.model_validate(shifted)


def demo_json(today: dt.date | None = None) -> str:
    return dump_case(demo_case(today))
