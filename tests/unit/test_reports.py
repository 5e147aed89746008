"""Reports to the chair and the family before a conference, due dates counted by hand.

England and Wales bank holidays used: Fri 25 Dec 2026 and Mon 28 Dec 2026 (Boxing Day falls on
a Saturday). Scotland adds St Andrew's Day, Mon 30 Nov 2026.

- initial, Tue 29 Dec 2026, 2 working days: Thu 24 (1), Wed 23 (2) -> due Wed 23 Dec
- review, Wed 30 Dec 2026, 3 working days: Tue 29 (1), Thu 24 (2), Wed 23 (3) -> due Wed 23 Dec
- initial, Thu 10 Dec 2026 -> Tue 8 Dec; review, Thu 10 Dec 2026 -> Mon 7 Dec
- initial, Wed 2 Dec 2026: England Mon 30 Nov; Scotland Tue 1 (1), Fri 27 Nov (2) -> Fri 27 Nov
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cpchair.caseio.schema import ConferenceDoc
from cpchair.rules.profiles import load_profile, parse_profile
from cpchair.rules.reports import (
    ReportCheck,
    report_checks,
    reports_due,
    reports_not_shared_in_time,
    working_days_before,
)
from tests.builders import attendee

ENGLAND = load_profile("england")
TUE_29_DEC = date(2026, 12, 29)
WED_23_DEC = date(2026, 12, 23)
THU_24_DEC = date(2026, 12, 24)


def conference(*attendees: dict[str, Any], kind: str = "initial", on: date = TUE_29_DEC):
    return ConferenceDoc.model_validate(
        {
            "key": "k",
            "kind": kind,
            "date": on,
            "chair": "Chair Person",
            "status": "prepared",
            "attendees": list(attendees),
        }
    )


def one_check(today: date = WED_23_DEC, profile=ENGLAND, **report: Any) -> ReportCheck:
    (check,) = report_checks(conference(attendee("hv", **report)), profile, today)
    return check


# --- Due dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "on", "due"),
    [
        ("initial", TUE_29_DEC, WED_23_DEC),
        ("pre_birth", TUE_29_DEC, WED_23_DEC),
        ("transfer_in", TUE_29_DEC, WED_23_DEC),
        ("review", date(2026, 12, 30), WED_23_DEC),
        ("initial", date(2026, 12, 10), date(2026, 12, 8)),
        ("review", date(2026, 12, 10), date(2026, 12, 7)),
    ],
)
def test_reports_due_two_working_days_before_initial_and_three_before_review(
    kind: str, on: date, due: date
) -> None:
    assert reports_due(conference(kind=kind, on=on), ENGLAND) == due


def test_the_period_comes_from_the_profile() -> None:
    # Kirklees (003): "Receive copies of all reports three working days in advance", before
    # initial conferences too.
    local = load_profile("kirklees")
    conf = conference(attendee("hv"), on=date(2026, 12, 10))
    assert reports_due(conf, local) == date(2026, 12, 7)
    check = report_checks(conf, local, date(2026, 12, 8))[0]
    assert check.warning() == (
        "report not received by the chair and not shared with the family; due 3 working days before"
    )


# --- Who is expected to report --------------------------------------------------------------


def test_every_agency_reports_whether_or_not_it_attends() -> None:
    conf = conference(
        attendee("sw", "childrens_social_care"),
        attendee("pol", "police", attendance="apologies"),
        attendee("gp", "health", attendance="report_only"),
        attendee("sch", "education", attendance="absent"),
        attendee("hou", "housing", attendance="excluded"),
        attendee("mum", "family"),
        attendee("adv", "advocate"),
        attendee("obs", "observer"),
    )
    checks = report_checks(conf, ENGLAND, WED_23_DEC)
    assert [(c.attendee, c.agency) for c in checks] == [
        ("sw", "childrens_social_care"),
        ("pol", "police"),
        ("gp", "health"),
    ]
    assert all(c.due == WED_23_DEC for c in checks)


# --- Status around the due date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "today", "status"),
    [
        (date(2026, 12, 21), WED_23_DEC, "on_time"),
        (WED_23_DEC, WED_23_DEC, "on_time"),  # the due day itself is in time
        (WED_23_DEC, date(2027, 1, 4), "on_time"),  # stays on time once the day has passed
        (THU_24_DEC, THU_24_DEC, "late"),  # a day late, though 5 calendar days before
        (TUE_29_DEC, TUE_29_DEC, "late"),  # on the day of the conference
        (None, date(2026, 12, 22), "awaited"),
        (None, WED_23_DEC, "awaited"),  # still time on the due day
        (None, THU_24_DEC, "missing"),
        (None, date(2026, 12, 27), "missing"),
    ],
)
def test_status_of_a_report_to_the_chair_and_to_the_family(
    on: date | None, today: date, status: str
) -> None:
    assert one_check(today, report_received=on).received == status
    assert one_check(today, report_shared_with_family=on).shared == status


def test_received_and_shared_are_judged_apart() -> None:
    check = one_check(THU_24_DEC, report_received=WED_23_DEC, report_shared_with_family=THU_24_DEC)
    assert (check.received, check.shared) == ("on_time", "late")
    assert check.late
    assert check.shared_late


def test_on_time_and_awaited_reports_are_not_late_and_have_no_warning() -> None:
    on_time = one_check(report_received=WED_23_DEC, report_shared_with_family=WED_23_DEC)
    awaited = one_check(date(2026, 12, 22))
    for check in (on_time, awaited):
        assert not check.late
        assert check.warning() == ""


# --- Warnings -------------------------------------------------------------------------------


def test_warning_counts_working_days_across_bank_holidays() -> None:
    # Shared Thu 24 Dec for Tue 29 Dec: Fri 25 and Mon 28 are bank holidays, so one working day.
    check = one_check(THU_24_DEC, report_received=WED_23_DEC, report_shared_with_family=THU_24_DEC)
    assert check.warning() == (
        "report shared with the family 1 working day before; due 2 working days before"
    )


def test_warning_for_a_review_names_its_own_period() -> None:
    conf = conference(attendee("pol", "police"), kind="review", on=date(2026, 12, 30))
    (check,) = report_checks(conf, ENGLAND, THU_24_DEC)
    assert check.warning() == (
        "report not received by the chair and not shared with the family; due 3 working days before"
    )


def test_warning_for_a_report_on_the_day_and_after_the_conference() -> None:
    check = one_check(
        date(2027, 1, 4), report_received=TUE_29_DEC, report_shared_with_family=date(2026, 12, 31)
    )
    assert check.warning() == (
        "report reached the chair on the day of the conference and shared with the family "
        "after the conference; due 2 working days before"
    )


def test_warnings_never_name_people() -> None:
    check = one_check(THU_24_DEC)
    assert "Named Person" not in check.warning()


@pytest.mark.parametrize(
    ("on", "days"),
    [
        (WED_23_DEC, 2),  # the due date counts the full period
        (THU_24_DEC, 1),
        (date(2026, 12, 26), 0),  # Saturday, then only bank holidays before Tue 29
        (date(2026, 12, 22), 3),
        (TUE_29_DEC, 0),
        (date(2026, 12, 30), 0),
    ],
)
def test_working_days_before(on: date, days: int) -> None:
    assert working_days_before(on, TUE_29_DEC, "england-and-wales") == days


def test_working_days_are_those_of_the_profile_region() -> None:
    scotland = parse_profile(
        "scotland-test",
        'extends = "england"\nregion = "scotland"\n'
        'procedures = ["Social workers\' guide (002)", "Derby and Derbyshire procedures (004)"]\n',
    )
    conf = conference(
        attendee(
            "hv", report_received=date(2026, 11, 30), report_shared_with_family=date(2026, 11, 30)
        ),
        on=date(2026, 12, 2),
    )
    assert reports_due(conf, ENGLAND) == date(2026, 11, 30)
    assert reports_due(conf, scotland) == date(2026, 11, 27)
    assert not report_checks(conf, ENGLAND, date(2026, 12, 1))[0].late
    # Sent on St Andrew's Day, a Scottish bank holiday: only Tue 1 Dec was left to read it.
    check = report_checks(conf, scotland, date(2026, 12, 1))[0]
    assert (check.received, check.shared) == ("late", "late")
    assert check.warning() == (
        "report reached the chair 1 working day before and shared with the family "
        "1 working day before; due 2 working days before"
    )


def test_york_counts_three_calendar_days() -> None:
    """York (000): the report "will be made available you to you at least 3 days prior to the
    conference": Thu 10 Dec 2026 less 3 days is Mon 7 Dec."""
    assert reports_due(conference(on=date(2026, 12, 10)), load_profile("york")) == date(2026, 12, 7)


def test_no_reports_rule_no_checks() -> None:
    """East Riding's guide (001) sets no time for reports: nothing can be late."""
    east_riding = load_profile("east-riding")
    conf = conference(attendee("hv"), on=date(2026, 12, 10))
    assert east_riding.reports_before_initial is None
    assert reports_due(conf, east_riding) is None
    assert report_checks(conf, east_riding, date(2026, 12, 11)) == []
    assert not reports_not_shared_in_time(conf, east_riding, date(2026, 12, 11))


# --- The conference as a whole --------------------------------------------------------------


def test_reports_not_shared_in_time() -> None:
    in_time = attendee("pol", "police", report_shared_with_family=WED_23_DEC)
    late = attendee("hv", report_shared_with_family=THU_24_DEC)
    not_yet = attendee("sch", "education")
    assert not reports_not_shared_in_time(conference(in_time, not_yet), ENGLAND, WED_23_DEC)
    assert reports_not_shared_in_time(conference(in_time, not_yet), ENGLAND, THU_24_DEC)
    assert reports_not_shared_in_time(conference(in_time, late), ENGLAND, THU_24_DEC)
    assert not reports_not_shared_in_time(conference(in_time), ENGLAND, THU_24_DEC)


def test_a_report_late_to_the_chair_but_shared_in_time_is_not_a_sharing_failure() -> None:
    conf = conference(
        attendee("hv", report_received=THU_24_DEC, report_shared_with_family=WED_23_DEC)
    )
    assert report_checks(conf, ENGLAND, THU_24_DEC)[0].late
    assert not reports_not_shared_in_time(conf, ENGLAND, THU_24_DEC)


def test_family_and_advocates_without_reports_raise_nothing() -> None:
    conf = conference(attendee("mum", "family"), attendee("adv", "advocate"))
    assert report_checks(conf, ENGLAND, date(2027, 1, 4)) == []
    assert not reports_not_shared_in_time(conf, ENGLAND, date(2027, 1, 4))
