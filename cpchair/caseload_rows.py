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
class CaseloadPage:
    rows: list[CaseRow]
    matching: int  # cases that match the filter
    total: int  # cases held
    # Kept from an earlier day (first_page.py): the rows stand, but their flags count days
    # and are not known until the store reads them again.
    flags_pending: bool = False
