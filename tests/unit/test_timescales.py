"""Due dates, checked by hand against a calendar.

Bank holidays used below (England and Wales): Fri 25 Dec 2026, Mon 28 Dec 2026 (Boxing Day falls
on a Saturday, so the Monday is the substitute), Fri 1 Jan 2027, and Easter 2027: Good Friday
26 Mar, Easter Monday 29 Mar.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from cpchair.rules.calendar import (
    Period,
    add_period,
    add_working_days,
    every,
    is_working_day,
)
from cpchair.rules.profiles import load_profile
from cpchair.rules.timescales import (
    KINDS,
    escalation_due,
    next_review_date,
    standing_rules,
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
        ("pre_birth", {"trigger": date(2026, 11, 20)}, ALL_KEYS),  # 15 working days after it
        ("pre_birth", {}, ALL_KEYS[1:]),
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
    assert review.rule == (
        "3 months after the pre-birth conference; sooner than Thu 1 Apr 2027, 1 month after "
        "the expected birth date (working-together)"
    )


def test_pre_birth_review_keeps_each_brought_back_with_its_own_date() -> None:
    # Birth Sat 20 Feb 2027 + 1 month = Sat 20 Mar, brought back to Fri 19 Mar; conference
    # Thu 10 Dec + 3 months = Wed 10 Mar, a working day that nothing moved.
    (review,) = [
        d
        for d in timescales("pre_birth", THU_10_DEC, ENGLAND, trigger=date(2026, 12, 1),
                            birth=date(2027, 2, 20))
        if d.key == "next_review"
    ]  # fmt: skip
    assert review.date == date(2027, 3, 10)
    assert review.rule == (
        "3 months after the pre-birth conference; sooner than Fri 19 Mar 2027, 1 month after "
        "the expected birth date brought back to a working day (working-together)"
    )


def test_pre_birth_review_on_the_same_day_by_both_rules() -> None:
    # Birth Wed 10 Feb 2027 + 1 month = Wed 10 Mar, as conference + 3 months.
    (review,) = [
        d
        for d in timescales("pre_birth", THU_10_DEC, ENGLAND, birth=date(2027, 2, 10))
        if d.key == "next_review"
    ]
    assert review.date == date(2027, 3, 10)
    assert review.rule == (
        "3 months after the pre-birth conference; the same day as 1 month after the expected "
        "birth date (working-together)"
    )


def test_pre_birth_review_when_the_birth_rule_is_sooner() -> None:
    # Birth Wed 20 Jan 2027 + 1 month = Sat 20 Feb -> Fri 19 Feb, before Wed 10 Mar.
    (review,) = [
        d
        for d in timescales("pre_birth", THU_10_DEC, ENGLAND, birth=date(2027, 1, 20))
        if d.key == "next_review"
    ]
    assert review.date == date(2027, 2, 19)
    # The chosen date was moved, and says so; the other, Wed 10 Mar, was not.
    assert review.rule.startswith(
        "1 month after the expected birth date, brought back to a working day; sooner than "
        "Wed 10 Mar 2027, 3 months after the pre-birth conference ("
    )


def test_pre_birth_review_without_a_birth_date() -> None:
    (review,) = [d for d in timescales("pre_birth", THU_10_DEC, ENGLAND) if d.key == "next_review"]
    assert review.date == date(2027, 3, 10)
    assert "no expected birth date" in review.rule


def test_rule_text_names_the_rule_and_its_profile() -> None:
    rules = {d.key: d for d in timescales("initial", THU_10_DEC, load_profile("derbyshire"))}
    core_group = rules["first_core_group"]
    assert core_group.rule == "10 working days after the initial conference (working-together)"
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
    assert "10 working days after the initial conference (working-together)" in text
    assert "Working Together to Safeguard Children" in text
    assert "Social workers' guide (002)" in text


# --- Rules an area does not have ----------------------------------------------------------------


def test_a_rule_the_profile_lacks_leaves_its_key_out() -> None:
    """004 sets no first child protection visit: Derbyshire's list has none."""
    assert list(due_dates("initial", profile="derbyshire", trigger=date(2026, 11, 20))) == [
        "conference_due",
        "reports_due",
        "first_core_group",
        "next_review",
        "record_due",
    ]
    # Working Together alone: the initial conference, the first core group, the review.
    assert due_dates("initial", profile="working-together", trigger=date(2026, 11, 20)) == {
        "conference_due": date(2026, 12, 11),
        "first_core_group": date(2026, 12, 24),
        "next_review": date(2027, 3, 10),
    }
    # A review: no rule for the core group after it, in Working Together or in 004.
    assert list(due_dates("review", profile="derby-city")) == [
        "reports_due",
        "next_review",
        "record_due",
    ]
    # No transfer-in rule in York's guide: the conference's own date is not known.
    assert "conference_due" not in due_dates(
        "transfer_in", profile="york", trigger=date(2026, 11, 20)
    )


# --- Pre-birth: 28 weeks, or 15 working days after the strategy discussion ----------------------
# Birth expected Mon 1 Mar 2027: 28 weeks of pregnancy is 12 weeks before, Mon 7 Dec 2026.


def pre_birth_due(profile: str = "england", **kw: date) -> tuple[date, str]:
    (due,) = [
        d
        for d in timescales("pre_birth", THU_10_DEC, load_profile(profile), **kw)
        if d.key == "conference_due"
    ]
    return due.date, due.rule


def test_pre_birth_at_28_weeks_when_that_is_after_the_strategy_discussion() -> None:
    """004: "The conference should be held at 28 weeks pregnancy"."""
    on, rule = pre_birth_due(birth=date(2027, 3, 1), trigger=date(2026, 11, 20))
    assert on == date(2026, 12, 7)
    assert rule == (
        "at 28 weeks of pregnancy: 12 weeks before the expected birth date, which is after "
        "the strategy discussion (england)"
    )


@pytest.mark.parametrize(
    ("trigger", "due"),
    [
        (date(2026, 12, 7), date(2026, 12, 30)),  # the same day as 28 weeks: not after it
        (date(2026, 12, 9), date(2027, 1, 4)),  # later: 15 working days over Christmas
    ],
)
def test_pre_birth_15_working_days_after_a_strategy_discussion_at_or_after_28_weeks(
    trigger: date, due: date
) -> None:
    """A pre-birth conference "is an initial child protection conference" (004), held "within
    15 working days of the Strategy Discussion" (Working Together): never before it."""
    on, rule = pre_birth_due(birth=date(2027, 3, 1), trigger=trigger)
    assert on == due
    assert on > trigger
    assert rule == (
        "15 working days after the strategy discussion, since 28 weeks of pregnancy is not "
        "after the strategy discussion (working-together)"
    )


def test_pre_birth_with_one_date_only() -> None:
    assert pre_birth_due(birth=date(2027, 3, 1)) == (
        date(2026, 12, 7),
        "at 28 weeks of pregnancy: 12 weeks before the expected birth date (england)",
    )
    assert pre_birth_due(trigger=date(2026, 11, 20)) == (
        date(2026, 12, 11),
        "15 working days after the strategy discussion; no expected birth date given "
        "(working-together)",
    )


def test_pre_birth_where_the_area_has_no_28_week_rule() -> None:
    """Kirklees's guide (003) says nothing of 28 weeks: the initial conference's rule alone."""
    assert load_profile("kirklees").pre_birth_conference is None
    on, rule = pre_birth_due("kirklees", birth=date(2027, 3, 1), trigger=date(2026, 11, 20))
    assert (on, rule) == (
        date(2026, 12, 11),
        "15 working days after the strategy discussion (working-together)",
    )
    assert "conference_due" not in due_dates(
        "pre_birth", profile="kirklees", birth=date(2027, 3, 1)
    )


# --- An unborn child at any conference ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "birth", "review", "start"),
    [
        # Review: 6 months would be Thu 10 Jun 2027; birth Mon 1 Feb 2027 + 1 month: Mon 1 Mar.
        ("review", date(2027, 2, 1), date(2027, 3, 1), "1 month after the expected birth date"),
        ("review", date(2027, 6, 1), date(2027, 6, 10), "6 months after the review conference"),
        # Initial: 3 months is Wed 10 Mar 2027; birth Wed 20 Jan + 1 month: Sat 20 Feb -> Fri 19.
        ("initial", date(2027, 1, 20), date(2027, 2, 19), "1 month after the expected birth"),
        ("transfer_in", date(2027, 1, 20), date(2027, 2, 19), "1 month after the expected"),
    ],
)
def test_the_post_birth_review_rule_applies_to_every_kind(
    kind: str, birth: date, review: date, start: str
) -> None:
    """004: the review "within 1 month of the child's birth or within 3 months of the date of
    the pre-birth conference, whichever is sooner", for an unborn child on any conference."""
    (due,) = [
        d for d in timescales(kind, THU_10_DEC, ENGLAND, birth=birth) if d.key == "next_review"
    ]
    assert due.date == review
    assert due.rule.startswith(start)


def test_no_post_birth_rule_where_the_area_has_none() -> None:
    assert due_dates("initial", profile="york", birth=date(2027, 1, 20))["next_review"] == date(
        2027, 3, 10
    )


# --- The standing rules: later core groups, outline plan and record to the parents -------------


def test_standing_rules_of_england() -> None:
    assert [
        (s.key, s.date, s.when, s.rule) for s in standing_rules("initial", THU_10_DEC, ENGLAND)
    ] == [
        ("later_core_groups", None, "every 28 days",
         "every 28 days after the first core group (england)"),
        ("outline_plan_to_parents", THU_10_DEC, "",
         "at the end of the initial conference (england)"),
        ("record_to_family", date(2027, 1, 12), "",
         "20 working days after the initial conference (england)"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("profile", "key", "when", "rule"),
    [
        # 001: "at a minimum of once a month".
        ("east-riding", "later_core_groups", (None, "every month"),
         "every month after the first core group (east-riding)"),
        # 003: "held at 6-week intervals".
        ("kirklees", "later_core_groups", (None, "every 6 weeks"),
         "every 6 weeks after the first core group (kirklees)"),
        # 000: "within 48 hours of the conference": Sat 12 Dec 2026 -> Fri 11 Dec.
        ("york", "outline_plan_to_parents", (date(2026, 12, 11), ""),
         "48 hours after the review conference, brought back to a working day (york)"),
        # 004, Derbyshire: "sent out within 5 working days".
        ("derbyshire", "outline_plan_to_parents", (date(2026, 12, 17), ""),
         "5 working days after the review conference (derbyshire)"),
        # 003: notes "Within 15 working days after the conference".
        ("kirklees", "record_to_family", (date(2027, 1, 5), ""),
         "15 working days after the review conference (kirklees)"),
    ],
)  # fmt: skip
def test_standing_rules_of_the_areas(
    profile: str, key: str, when: tuple[date | None, str], rule: str
) -> None:
    (found,) = [
        s for s in standing_rules("review", THU_10_DEC, load_profile(profile)) if s.key == key
    ]
    assert (found.date, found.when) == when
    assert found.rule == rule


def test_no_standing_rules_where_no_procedure_states_them() -> None:
    assert standing_rules("initial", THU_10_DEC, load_profile("working-together")) == []
    york = [s.key for s in standing_rules("initial", THU_10_DEC, load_profile("york"))]
    assert york == ["outline_plan_to_parents"]


def test_the_table_shows_the_standing_rules_and_the_json_does_not() -> None:
    from rich.console import Console

    dues = timescales("review", THU_10_DEC, load_profile("kirklees"))
    standing = standing_rules("review", THU_10_DEC, load_profile("kirklees"))
    console = Console(width=200, record=True, color_system=None)
    console.print(as_table(dues, standing=standing))
    text = console.export_text()
    assert "Later core groups" in text and "every 6 weeks" in text
    assert "Record to the family" in text and "Tue 5 Jan 2027" in text
    assert set(json.loads(as_json(dues))) == {"reports_due", "next_review", "record_due"}


def test_every() -> None:
    assert every(Period(28, "days")) == "every 28 days"
    assert every(Period(1, "months")) == "every month"
    assert every(Period(6, "weeks")) == "every 6 weeks"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("birth", [None, date(2027, 1, 4), date(2027, 6, 30)])
def test_next_review_date_is_the_next_review_of_timescales(kind: str, birth: date | None) -> None:
    from cpchair.rules.profiles import profile_names

    for name in profile_names():
        profile = load_profile(name)
        for day in (date(2026, 11, 26), date(2026, 12, 24), date(2027, 3, 25)):
            [due] = [
                d for d in timescales(kind, day, profile, birth=birth) if d.key == "next_review"
            ]
            assert next_review_date(kind, day, profile, birth) == due.date, (name, day)
