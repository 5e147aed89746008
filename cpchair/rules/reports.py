"""Were the agencies' reports in on time? Received by the chair, and shared with the family.

004 ("Report Sharing"): reports go to the parents and to the chair at least 2 working days
before an initial conference and 3 before a review, so factual errors can be corrected and the
family can comment. Each agency shares its own report, so the chair checks each one twice: did
it reach me, and did it reach the family. The periods come from the practice profile
(`reports_due` in `timescales()`); an initial, pre-birth or transfer-in conference takes the
initial period. An area whose procedure sets no time for reports has no checks.

Pure: conference, profile and today in, frozen values out; no names in the warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cpchair.caseio.schema import AttendeeDoc, ConferenceDoc
from cpchair.rules.calendar import add_working_days
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import timescales
from cpchair.vocab import PROFESSIONAL_AGENCIES

ReportStatus = Literal["on_time", "late", "missing", "awaited"]
REPORT_STATUSES: tuple[ReportStatus, ...] = ("on_time", "late", "missing", "awaited")
# 004: agencies report "regardless of whether they are able to attend the conference".
REPORTING_ATTENDANCE = frozenset({"present", "apologies", "report_only"})
_NOT_IN_TIME = frozenset({"late", "missing"})


@dataclass(frozen=True)
class ReportCheck:
    """One agency attendee's report for one conference."""

    attendee: str  # the attendee's key
    agency: str
    due: date  # the last day the report may reach the chair and the family
    received: ReportStatus  # by the chair
    shared: ReportStatus  # with the family
    conference_date: date
    due_before: str  # the profile's period, e.g. "2 working days"
    received_on: date | None = None
    shared_on: date | None = None
    # Working days from the date to the conference (None when no date); see `warning`.
    received_days_before: int | None = None
    shared_days_before: int | None = None

    @property
    def late(self) -> bool:
        """Not in on time, to the chair or to the family, and no longer can be."""
        return self.received in _NOT_IN_TIME or self.shared in _NOT_IN_TIME

    @property
    def shared_late(self) -> bool:
        return self.shared in _NOT_IN_TIME

    def warning(self) -> str:
        """What went wrong, for the chair, e.g. "report shared with the family 1 working day
        before; due 2 working days before". Empty when nothing has (awaited is not yet wrong)."""
        parts = []
        if self.received == "missing":
            parts.append("not received by the chair")
        elif self.received == "late":
            parts.append(
                f"reached the chair {self._when(self.received_on, self.received_days_before)}"
            )
        if self.shared == "missing":
            parts.append("not shared with the family")
        elif self.shared == "late":
            parts.append(
                f"shared with the family {self._when(self.shared_on, self.shared_days_before)}"
            )
        if not parts:
            return ""
        return f"report {' and '.join(parts)}; due {self.due_before} before"

    def _when(self, on: date | None, days_before: int | None) -> str:
        if on is None or days_before is None:  # not reached for a "late" status
            return "late"
        if on > self.conference_date:
            return "after the conference"
        if on == self.conference_date:
            return "on the day of the conference"
        return f"{days_before} working day{'' if days_before == 1 else 's'} before"


def reports_due(conference: ConferenceDoc, profile: Profile) -> date | None:
    """The last day reports may reach the chair and the family for this conference; None
    where the area's procedure sets no time for them (nothing can then be late)."""
    for due in timescales(conference.kind, conference.date, profile):
        if due.key == "reports_due":
            return due.date
    return None


def working_days_before(d: date, conference_date: date, region: str) -> int:
    """Working days of the region from d (counted if it is one) up to the conference (not).

    The days the reader had: a report in on its due date of "2 working days before" counts 2,
    even across a weekend or bank holiday, and one sent on the Saturday after a Friday due date
    counts 1, so the number never contradicts the status. 0 on or after the conference.
    """
    count = 0
    day = d - timedelta(days=1)  # add_working_days never counts its start, so start the day before
    while (day := add_working_days(day, 1, region)) < conference_date:
        count += 1
    return count


def _status(on: date | None, due: date, today: date) -> ReportStatus:
    if on is not None:
        return "on_time" if on <= due else "late"
    # The due day itself still counts as in time.
    return "missing" if today > due else "awaited"


def expected_to_report(attendee: AttendeeDoc) -> bool:
    return attendee.agency in PROFESSIONAL_AGENCIES and attendee.attendance in REPORTING_ATTENDANCE


def report_checks(conference: ConferenceDoc, profile: Profile, today: date) -> list[ReportCheck]:
    """A check for each agency attendee expected to report, in attendee order; none where
    the profile has no time for reports."""
    due = reports_due(conference, profile)
    # The same choice timescales() makes, to word the period the due date came from.
    kind_review = conference.kind == "review"
    rule = profile.reports_before_review if kind_review else profile.reports_before_initial
    if due is None or rule is None:
        return []

    def before(on: date | None) -> int | None:
        return None if on is None else working_days_before(on, conference.date, profile.region)

    return [
        ReportCheck(
            attendee=a.key,
            agency=a.agency,
            due=due,
            received=_status(a.report_received, due, today),
            shared=_status(a.report_shared_with_family, due, today),
            conference_date=conference.date,
            due_before=str(rule.period),
            received_on=a.report_received,
            shared_on=a.report_shared_with_family,
            received_days_before=before(a.report_received),
            shared_days_before=before(a.report_shared_with_family),
        )
        for a in conference.attendees
        if expected_to_report(a)
    ]


def reports_not_shared_in_time(conference: ConferenceDoc, profile: Profile, today: date) -> bool:
    """Some expected report reached the family late, or has not and its due date has passed."""
    return any(c.shared_late for c in report_checks(conference, profile, today))


__all__ = [
    "REPORTING_ATTENDANCE",
    "REPORT_STATUSES",
    "ReportCheck",
    "ReportStatus",
    "expected_to_report",
    "report_checks",
    "reports_due",
    "reports_not_shared_in_time",
    "working_days_before",
]
