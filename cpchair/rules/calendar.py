"""Counting time as the timescales do: periods as profiles write them, working days and the
bank holidays of a profile's region, and dates as a chair writes them.

Pure functions: dates in, dates out (DOMAIN.md, "Timescales"):
- a working day is Monday to Friday and not a bank holiday of the profile's region;
- counting starts the day after the event, so "2 working days after Thursday" is Monday;
- a calendar deadline ("3 months", "28 days", "48 hours") that lands on a non-working day is
  due on the working day before it, never after.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, get_args

from dateutil.relativedelta import relativedelta

from cpchair.resources import data_file

if TYPE_CHECKING:
    import holidays

# Region name used in profiles -> (country, subdivision) for the `holidays` package.
# Wales keeps England's bank holidays, so one calendar serves both.
REGIONS: dict[str, tuple[str, str]] = {
    "england-and-wales": ("GB", "ENG"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
}
DEFAULT_REGION = "england-and-wales"

Unit = Literal["working_days", "days", "weeks", "months", "hours"]
UNITS: tuple[Unit, ...] = get_args(Unit)

_UNIT_WORDS: dict[Unit, tuple[str, str]] = {  # unit -> (singular, plural) as written
    "working_days": ("working day", "working days"),
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "hours": ("hour", "hours"),
}
_PERIOD_RE = re.compile(
    r"^\s*(\d+)\s+(working\s+days?|days?|weeks?|months?|hours?)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Period:
    """An amount of time as a profile writes it: "15 working days", "3 months", "48 hours"."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r} (known: {', '.join(UNITS)})")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"a period needs a whole number of at least 0, not {self.amount!r}")

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD_RE.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(
                f"cannot read {text!r} as a period "
                "(write e.g. '15 working days', '28 days', '6 weeks', '3 months', '48 hours')"
            )
        amount, words = int(match[1]), " ".join(match[2].lower().split())
        for unit, (one, many) in _UNIT_WORDS.items():
            if words in (one, many):
                return cls(amount, unit)
        raise AssertionError(words)  # unreachable: the regex only admits known words

    def __str__(self) -> str:
        one, many = _UNIT_WORDS[self.unit]
        return f"{self.amount} {one if self.amount == 1 else many}"


def every(period: Period) -> str:
    """A frequency as people say it: "every 28 days", "every month", "every 6 weeks"."""
    one, _many = _UNIT_WORDS[period.unit]
    return f"every {one}" if period.amount == 1 else f"every {period}"


# Spelled out here rather than with strftime, whose %a and %b follow the machine's locale.
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(d: date) -> str:
    """A date as a chair writes it: "Thu 10 Dec 2026"."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


# The bank holidays of each region from 2000 to 2040 ship as data (data/calendar/
# bank_holidays.json, written from the `holidays` package and checked against it by
# tests/unit/test_calendar_data.py). Importing `holidays` loads every country it knows,
# about half a second in every process that counts a working day; a year outside the data
# still asks it.
SHIPPED_YEARS = range(2000, 2041)


@cache
def _shipped(region: str) -> frozenset[date]:
    _known(region)
    data = json.loads(data_file("calendar", "bank_holidays.json").read_text(encoding="utf-8"))
    return frozenset(date.fromisoformat(day) for day in data[region])


@cache
def _library(region: str) -> holidays.HolidayBase:
    country, subdiv = _known(region)
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv)


def _known(region: str) -> tuple[str, str]:
    try:
        return REGIONS[region]
    except KeyError:
        raise ValueError(f"unknown region {region!r} (known: {', '.join(REGIONS)})") from None


def is_bank_holiday(d: date, region: str = DEFAULT_REGION) -> bool:
    if d.year in SHIPPED_YEARS:
        return d in _shipped(region)
    return d in _library(region)


def is_working_day(d: date, region: str = DEFAULT_REGION) -> bool:
    return d.weekday() < 5 and not is_bank_holiday(d, region)


@lru_cache(maxsize=8192)  # a caseload asks the same few questions for every case
def add_working_days(d: date, n: int, region: str = DEFAULT_REGION) -> date:
    """The n-th working day after d (before it when n < 0); d itself never counts."""
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d, region):
            remaining -= 1
    return d


def previous_working_day(d: date, region: str = DEFAULT_REGION) -> date:
    """d if it is a working day, else the nearest working day before it."""
    while not is_working_day(d, region):
        d -= timedelta(days=1)
    return d


def calendar_shift(d: date, p: Period, before: bool) -> date:
    sign = -1 if before else 1
    if p.unit == "months":
        return d + relativedelta(months=sign * p.amount)  # clamps Jan 31 + 1 month to Feb 28/29
    if p.unit == "weeks":
        return d + relativedelta(weeks=sign * p.amount)
    if p.unit == "days":
        return d + relativedelta(days=sign * p.amount)
    if p.unit == "hours":
        # A date has no time of day, so only whole days count: 48 hours is 2 days, 36 is 1,
        # which errs on the early side.
        return d + relativedelta(days=sign * (p.amount // 24))
    raise ValueError(f"{p} is not a calendar period")


def add_period(d: date, p: Period, region: str = DEFAULT_REGION, *, before: bool = False) -> date:
    """d moved by p (back by p when before=True), landing on a working day.

    Working days land on one by construction; a calendar period that lands on a weekend or
    bank holiday is brought back to the working day before it.
    """
    if p.unit == "working_days":
        return add_working_days(d, -p.amount if before else p.amount, region)
    return previous_working_day(calendar_shift(d, p, before), region)
