"""A caseload row as the caseload screen shows it: plain data, light to import, so the first
page can be drawn before the store (SQLAlchemy, pydantic) is loaded. The store builds these
(store/caseload.py); first_page.py keeps the first page of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from cpchair.rules.flag import Flag

PAGE = 50  # a screenful and a half; the next page loads when the cursor reaches the end

Sort = Literal["next", "reference", "family"]
SORTS: tuple[Sort, ...] = ("next", "reference", "family")


@dataclass(frozen=True)
class ChildBrief:
    first_name: str
    date_of_birth: dt.date | None
    expected_birth_date: dt.date | None
    subject: bool


@dataclass(frozen=True)
class ConferenceBrief:
    kind: str
    date: dt.date
    status: str


@dataclass(frozen=True)
class CaseRow:
    reference: str
    family_name: str
    children: tuple[ChildBrief, ...]
    next_conference: ConferenceBrief | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class MonthCounts:
    """What falls due across the whole caseload, counted on `day` (rules/month.py): counts
    only, never a name, so the line is safe on a projector. The week is Monday to Sunday; the
    week and the month are counted from `day` on (what is past is done or overdue)."""

    day: dt.date
    week_conferences: int = 0  # conferences booked from `day` to Sunday
    week_reviews: int = 0  # reviews owed by then and not yet booked in time
    month_conferences: int = 0  # from `day` to the month's last day
    month_reviews: int = 0
    overdue_reviews: int = 0  # the cases each flag names (rules/flags.py)
    reports_late: int = 0
    escalations: int = 0
    births: int = 0
    # Kept from an earlier day, or from before a change (first_page.py): being counted again.
    pending: bool = False


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseRow]
    matching: int  # cases that match the filter
    total: int  # cases held
    # Kept from an earlier day (first_page.py): the rows stand, but their flags count days
    # and are not known until the store reads them again.
    flags_pending: bool = False
    month: MonthCounts | None = None  # the caseload's month as last counted (first_page.py)
