"""Dates and times as chairs type them."""

from __future__ import annotations

import datetime as dt

import pytest

from cpchair.forms import (
    InputError,
    long_date,
    parse_date,
    parse_text,
    parse_time,
    show_date,
    show_time,
)


@pytest.mark.parametrize(
    "typed",
    ["2027-01-06", "6/1/2027", "06/01/2027", "6/1/27", "6.1.2027", "6 Jan 2027",
     "6 January 2027", " 6 jan 2027 "],
)  # fmt: skip
def test_dates_day_first(typed: str) -> None:
    assert parse_date(typed) == dt.date(2027, 1, 6)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("31/2/2027", "no such date"), ("next week", "Write a date"), ("6 Smarch 2027", "Write")],
)
def test_bad_dates_say_why(typed: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_date(typed)


def test_empty_is_none_unless_required() -> None:
    assert parse_date("  ") is None and parse_time("") is None and parse_text(" ") is None
    with pytest.raises(InputError, match="date is needed"):
        parse_date("", required=True)
    with pytest.raises(InputError, match="Name cannot be empty"):
        parse_text(" ", required=True, what="Name")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("9:30", dt.time(9, 30)), ("09:30", dt.time(9, 30)), ("0930", dt.time(9, 30)),
     ("14.15", dt.time(14, 15)), ("14", dt.time(14, 0))],
)  # fmt: skip
def test_times(typed: str, expected: dt.time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "9:75", "noon"])
def test_bad_times(typed: str) -> None:
    with pytest.raises(InputError):
        parse_time(typed)


def test_shown_values_read_back() -> None:
    day = dt.date(2027, 1, 6)
    assert show_date(day) == "6 Jan 2027" and parse_date(show_date(day)) == day
    assert show_time(dt.time(9, 5)) == "09:05" and long_date(day) == "6 January 2027"
    assert show_date(None) == "" and show_time(None) == ""
