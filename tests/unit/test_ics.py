"""The calendar file's own rules (RFC 5545): text escaped, lines folded at 75 octets without
splitting a character, CRLF line ends; read back by the `icalendar` library as written."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpchair.documents.ics import Event, escape_text, fold, to_ics, uid_for


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("windows\r\nline", "windows\\nline"),
        ("old mac\rline", "old mac\\nline"),
        ("\\,;", "\\\\\\,\\;"),  # the backslash first: its own escape is never escaped again
        ("bell\x07 and tab\t", "bell  and tab\t"),  # a control character is not TEXT; TAB is
    ],
)
def test_escape_text(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


def test_a_short_line_is_not_folded() -> None:
    line = "SUMMARY:" + "x" * 67  # 75 octets exactly
    assert fold(line) == line


def test_a_long_line_folds_at_75_octets_with_a_leading_space() -> None:
    line = "DESCRIPTION:" + "abcdefghij" * 20
    folded = fold(line)
    parts = folded.split("\r\n")
    assert [len(p.encode()) for p in parts] == [75, 75, 64]  # 212 octets: 75, 74 and 63 + space
    assert parts[0] == line[:75]
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


def test_a_character_of_several_octets_is_never_split() -> None:
    line = "SUMMARY:" + "é" * 40 + "🙂" * 20  # 2 and 4 octets each
    parts = fold(line).split("\r\n")
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # whole characters only
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


@given(st.text(min_size=0, max_size=400))
def test_folding_any_text_unfolds_to_it(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    parts = fold(line).split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


def _event(summary: str, description: str, which: str = "reports_due") -> Event:
    return Event(which, dt.date(2026, 12, 31), summary, description, uid_for("R-1", "c1", which))


def test_icalendar_reads_back_what_was_escaped_and_folded() -> None:
    summary = "R-1: reports due, at last; with a \\ and\nsecond line"
    description = "é, 🙂; " * 40
    stamp = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    text = to_ics([_event(summary, description)], stamp)
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == description
    assert event.decoded("DTSTART") == dt.date(2026, 12, 31)
    assert event.decoded("DTEND") == dt.date(2027, 1, 1)
    assert event.decoded("DTSTAMP") == stamp
    assert str(event["UID"]) == uid_for("R-1", "c1", "reports_due")


def test_a_uid_depends_on_the_case_the_conference_and_which_date_only() -> None:
    uid = uid_for("R-1", "c1", "first_core_group")
    assert uid == uid_for("R-1", "c1", "first_core_group")
    others = {uid_for("R-2", "c1", "first_core_group"), uid_for("R-1", "c2", "first_core_group"),
              uid_for("R-1", "c1", "first_visit")}  # fmt: skip
    assert uid not in others and len(others) == 3
    assert "R-1" not in uid  # a digest: nothing of the case to read in it
