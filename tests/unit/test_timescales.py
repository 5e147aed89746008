"""Due dates, checked by hand against a calendar.

Bank holidays used below (England and Wales): Fri 25 Dec 2026, Mon 28 Dec 2026 (Boxing Day falls
on a Saturday, so the Monday is the substitute), Fri 1 Jan 2027, and Easter 2027: Good Friday
26 Mar, Easter Monday 29 Mar.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from cpchair.rules.profiles import load_profile
from cpchair.rules.timescales import (
    Period,
    add_period,
    add_working_days,
    escalation_due,
    is_working_day,
    timescales,
)
from cpchair.timescales_view import as_json, as_table, format_date

ENGLAND = load_profile("england")
THU_10_DEC = date(2026, 12, 10)


def due_dates(kind: str, when: date = THU_10_DEC, profile: str = "england", **kw: date) -> dict:
    return {d.key: d.date for d in timescales(kind, when, load_profile(profile), **kw)}


# --- Periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period", "shown"),
    [
        ("15 working days", Period(15, "working_days"), "15 working days"),
        ("1 working day", Period(1, "working_days"), "1 working day"),
        ("3 months", Period(3, "months"), "3 months"),
        ("1 Month", Period(1, "months"), "1 month"),
        (" 48  hours ", Period(48, "hours"), "48 hours"),
        ("6 weeks", Period(6, "weeks"), "6 weeks"),
        ("28 days", Period(28, "days"), "28 days"),
    ],
)
def test_period_parse_and_str(text: str, period: Period, shown: str) -> None:
    assert Period.parse(text) == period
    assert str(period) == shown


@pytest.mark.parametrize("text", ["", "three months", "-2 days", "1.5 days", "5 workin days"])
def test_period_parse_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        Period.parse(text)


# --- Working days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "region", "working"),
    [
        (date(2026, 12, 24), "england-and-wales", True),
        (date(2026, 12, 26), "england-and-wales", False),  # Saturday
        (date(2026, 12, 28), "england-and-wales", False),  # Boxing Day substitute
        (date(2027, 3, 29), "england-and-wales", False),  # Easter Monday
        (date(2027, 3, 29), "scotland", True),  # no Easter Monday holiday there
        (date(2027, 1, 4), "england-and-wales", True),
        (date(2027, 1, 4), "scotland", False),  # 2 Jan holiday moved off the weekend
        (date(2027, 3, 17), "northern-ireland", False),  # St Patrick's Day
        (date(2027, 3, 17), "england-and-wales", True),
    ],
)
def test_is_working_day(day: date, region: str, working: bool) -> None:
    assert is_working_day(day, region) is working


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown region"):
        is_working_day(THU_10_DEC, "wessex")


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Fri -> Mon
        (THU_10_DEC, 10, date(2026, 12, 24)),
        (date(2026, 12, 18), 15, date(2027, 1, 13)),  # over Christmas and New Year
        (date(2026, 12, 24), 2, date(2026, 12, 30)),  # skips 25 and 28 Dec
        (date(2027, 3, 25), 2, date(2027, 3, 31)),  # skips Easter
        (THU_10_DEC, -2, date(2026, 12, 8)),
        (date(2027, 1, 4), -3, date(2026, 12, 29)),  # backwards over New Year's Day
        (date(2027, 3, 31), -3, date(2027, 3, 24)),  # backwards over Easter
        (date(2026, 12, 26), 0, date(2026, 12, 26)),  # nothing to count
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


# --- Calendar periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        (THU_10_DEC, "3 months", date(2027, 3, 10)),
        (date(2028, 1, 31), "1 month", date(2028, 2, 29)),  # clamped, leap year, a Tuesday
        (date(2027, 1, 31), "1 month", date(2027, 2, 26)),  # clamped to Sun 28 Feb, then Fri
        (date(2026, 11, 30), "3 months", date(2027, 2, 26)),  # same
        (date(2026, 9, 28), "3 months", date(2026, 12, 24)),  # Mon 28 Dec holiday, back past 25th
        (date(2027, 3, 1), "28 days", date(2027, 3, 25)),  # Easter Monday, back past Good Friday
        (THU_10_DEC, "48 hours", date(2026, 12, 11)),  # Saturday -> Friday
        (date(2026, 12, 7), "48 hours", date(2026, 12, 9)),
        (date(2026, 12, 18), "15 working days", date(2027, 1, 13)),
    ],
)
def test_add_period(start: date, period: str, expected: date) -> None:
    assert add_period(start, Period.parse(period)) == expected


def test_add_period_before() -> None:
    assert add_period(THU_10_DEC, Period.parse("2 working days"), before=True) == date(2026, 12, 8)
    # 12 weeks before Mon 22 Mar 2027 is Mon 28 Dec 2026, a bank holiday: back to Thu 24 Dec.
    assert add_period(date(2027, 3, 22), Period.parse("12 weeks"), before=True) == date(
        2026, 12, 24
    )


# --- The due list ------------------------------------------------------------------------------

ALL_KEYS = [
    "conference_due",
    "reports_due",
    "first_cp_visit",
    "first_core_group",
    "next_review",
    "record_due",
]


@pytest.mark.parametrize(
    ("kind", "extra", "keys"),
    [
        ("initial", {"trigger": date(2026, 11, 20)}, ALL_KEYS),
        ("initial", {}, ALL_KEYS[1:]),
        ("transfer_in", {"trigger": date(2026, 11, 20)}, ALL_KEYS),
        ("pre_birth", {"birth": date(2027, 3, 1)}, ALL_KEYS),
        ("pre_birth", {"trigger": date(2026, 11, 20)}, ALL_KEYS[1:]),  # needs the birth date
        (
            "review",
            {"trigger": date(2026, 11, 20), "birth": date(2027, 3, 1)},
            ["reports_due", "first_core_group", "next_review", "record_due"],
        ),
    ],
)
def test_keys_for_each_kind(kind: str, extra: dict, keys: list[str]) -> None:
    assert list(due_dates(kind, **extra)) == keys


def test_initial_conference_dates() -> None:
    assert due_dates("initial", trigger=date(2026, 11, 20)) == {
        "conference_due": date(2026, 12, 11),
        "reports_due": date(2026, 12, 8),
        "first_cp_visit": date(2026, 12, 14),
        "first_core_group": date(2026, 12, 24),
        "next_review": date(2027, 3, 10),
        "record_due": date(2027, 1, 12),  # 20 working days, three bank holidays on the way
    }


def test_transfer_in_over_christmas() -> None:
    assert due_dates("transfer_in", trigger=date(2026, 12, 18))["conference_due"] == date(
        2027, 1, 13
    )


def test_review_conference_dates() -> None:
    assert due_dates("review") == {
        "reports_due": date(2026, 12, 7),
        "first_core_group": date(2027, 1, 7),  # 28 days
        "next_review": date(2027, 6, 10),
        "record_due": date(2027, 1, 12),
    }


def test_pre_birth_conference_at_28_weeks() -> None:
    due = timescales("pre_birth", THU_10_DEC, ENGLAND, birth=date(2027, 3, 1))[0]
    assert due.key == "conference_due"
    assert due.date == date(2026, 12, 7)  # 12 weeks before Mon 1 Mar 2027
    assert due.rule.startswith("at 28 weeks of pregnancy")


def test_pre_birth_review_when_the_conference_rule_is_sooner() -> None:
    # Birth Mon 1 Mar 2027 + 1 month = Thu 1 Apr; conference + 3 months = Wed 10 Mar.
    (review,) = [
        d
        for d in timescales("pre_birth", THU_10_DEC, ENGLAND, birth=date(2027, 3, 1))
        if d.key == "next_review"
    ]
    assert review.date == date(2027, 3, 10)
    assert review.rule.startswith("3 months after the pre-birth conference, sooner than")


def test_pre_birth_review_when_the_birth_rule_is_sooner() -> None:
    # Birth Wed 20 Jan 2027 + 1 month = Sat 20 Feb -> Fri 19 Feb, before Wed 10 Mar.
    (review,) = [
        d
        for d in timescales("pre_birth", THU_10_DEC, ENGLAND, birth=date(2027, 1, 20))
        if d.key == "next_review"
    ]
    assert review.date == date(2027, 2, 19)
    assert review.rule.startswith("1 month after the expected birth date")
    assert "sooner than 3 months after the pre-birth conference" in review.rule


def test_pre_birth_review_without_a_birth_date() -> None:
    (review,) = [d for d in timescales("pre_birth", THU_10_DEC, ENGLAND) if d.key == "next_review"]
    assert review.date == date(2027, 3, 10)
    assert "no expected birth date" in review.rule


def test_rule_text_names_the_rule_and_its_profile() -> None:
    rules = {d.key: d for d in timescales("initial", THU_10_DEC, load_profile("derbyshire"))}
    core_group = rules["first_core_group"]
    assert core_group.rule == "10 working days after the initial conference (england)"
    assert rules["record_due"].rule == "5 working days after the initial conference (derbyshire)"
    assert rules["record_due"].date == date(2026, 12, 17)
    assert "Derbyshire" in rules["record_due"].basis


def test_a_moved_calendar_date_says_so() -> None:
    # 3 months after Mon 28 Sep 2026 is the Boxing Day substitute.
    (review,) = [
        d for d in timescales("initial", date(2026, 9, 28), ENGLAND) if d.key == "next_review"
    ]
    assert review.date == date(2026, 12, 24)
    assert "brought back to a working day" in review.rule


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown conference kind"):
        timescales("strategy", THU_10_DEC, ENGLAND)


def test_escalation_within_24_hours() -> None:
    assert escalation_due(datetime(2026, 12, 11, 14, 0), ENGLAND) == datetime(2026, 12, 12, 14, 0)


# --- Showing them ------------------------------------------------------------------------------


def test_format_date() -> None:
    assert format_date(THU_10_DEC) == "Thu 10 Dec 2026"
    assert format_date(date(2027, 1, 4)) == "Mon 4 Jan 2027"


def test_as_json_is_the_contract() -> None:
    results = timescales("review", THU_10_DEC, ENGLAND)
    assert json.loads(as_json(results)) == {
        "reports_due": "2026-12-07",
        "first_core_group": "2027-01-07",
        "next_review": "2027-06-10",
        "record_due": "2027-01-12",
    }


def test_as_table_names_date_and_rule() -> None:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(as_table(timescales("initial", THU_10_DEC, ENGLAND), show_basis=True))
    text = console.export_text()
    assert "First core group" in text
    assert "Thu 24 Dec 2026" in text
    assert "10 working days after the initial conference (england)" in text
    assert "Social workers' guide (002)" in text
