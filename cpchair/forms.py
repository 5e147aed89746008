"""Reading what a chair types into a field: dates and times as people write them.

Pure functions, no Textual: each returns the value or raises InputError with a message to
show beside the field. What was typed is never changed or thrown away by a refusal.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})")
_TIME = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?")

DATE_HINT = "a date such as 6/1/2027 or 2027-01-06"


class InputError(ValueError):
    """What was typed cannot be used; the message says why, in the user's words."""


def parse_date(text: str, *, required: bool = False) -> dt.date | None:
    """Day first, as in England: 6/1/2027 is 6 January 2027."""
    raw = text.strip().lower()
    if not raw:
        if required:
            raise InputError("A date is needed here.")
        return None
    if raw == "today":
        return dt.date.today()
    if mt := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in mt.groups())
    elif mt := _SLASHED.fullmatch(raw):
        day, month, year = (int(g) for g in mt.groups())
        if year < 100:
            year += 2000
    elif (mt := _WORDS.fullmatch(raw)) and mt.group(2) in _MONTHS:
        day, month, year = int(mt.group(1)), _MONTHS[mt.group(2)], int(mt.group(3))
    else:
        raise InputError(f"Write {DATE_HINT}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError("There is no such date.") from None


def parse_time(text: str, *, required: bool = False) -> dt.time | None:
    """24-hour times: 9:30, 09:30, 0930, 14.15."""
    raw = text.strip().lower()
    if not raw:
        if required:
            raise InputError("A time is needed here.")
        return None
    mt = _TIME.fullmatch(raw)
    if mt is None and len(raw) == 4 and raw.isdigit():
        mt = _TIME.fullmatch(f"{raw[:2]}:{raw[2:]}")
    if mt is None:
        raise InputError("Write a 24-hour time such as 09:30 or 14:15.")
    hour, minute = int(mt.group(1)), int(mt.group(2) or 0)
    if hour > 23 or minute > 59:
        raise InputError("There is no such time.")
    return dt.time(hour, minute)


def parse_text(text: str, *, required: bool = False, what: str = "This") -> str | None:
    value = text.strip()
    if not value:
        if required:
            raise InputError(f"{what} cannot be empty.")
        return None
    return value


def show_date(value: dt.date | None) -> str:
    """How a date is put back in a field: the way it reads, and parse_date reads it again."""
    return "" if value is None else f"{value.day} {value:%b %Y}"


def show_time(value: dt.time | None) -> str:
    return "" if value is None else value.strftime("%H:%M")


def long_date(value: dt.date) -> str:
    """As documents write it: 6 January 2027."""
    return f"{value.day} {value:%B %Y}"
