"""What on a case needs the chair's attention, short enough for a caseload table cell.

Pure: a case, its practice profile and today in, a tuple of flags out, always in the order of
FLAG_CODES so a table does not reshuffle between refreshes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.rules.flag import FLAG_CODES, Flag
from cpchair.rules.profiles import Profile
from cpchair.rules.quorum import quorum_state
from cpchair.rules.reports import reports_not_shared_in_time
from cpchair.rules.timescales import next_review_date

DUE_SOON_DAYS = 14  # calendar days: enough notice to invite agencies and get reports in


def _by_date(case: CaseDoc) -> list[ConferenceDoc]:
    # Stable sort: on the same date the file order (oldest first) decides.
    return sorted(case.conferences, key=lambda c: c.date)


def last_concluded(case: CaseDoc) -> ConferenceDoc | None:
    concluded = [c for c in _by_date(case) if c.status == "concluded"]
    return concluded[-1] if concluded else None


def next_conference(case: CaseDoc) -> ConferenceDoc | None:
    """The earliest conference not yet concluded (in progress or prepared)."""
    return next((c for c in _by_date(case) if c.status != "concluded"), None)


def plan_in_force(conference: ConferenceDoc) -> bool:
    """The conference decided (or continued) a child protection plan for at least one child."""
    return any(d.outcome == "plan" for d in conference.decisions)


class Born(Protocol):
    """A child as the birth rule reads one: a ChildDoc, a row of the store's, a ChildBrief."""

    @property
    def subject(self) -> bool: ...
    @property
    def date_of_birth(self) -> date | None: ...
    @property
    def expected_birth_date(self) -> date | None: ...


def birth_after(children: Iterable[Born], held_on: date) -> date | None:
    """The birth a review after a conference held on `held_on` is counted from, if a subject
    child was unborn.

    The expected birth date of a subject child still unborn; once that child is born (a date
    of birth after the conference) the real birth, since the rule is "1 month after the birth".
    It applies after a conference of any kind, not only a pre-birth one.
    """
    births = []
    for child in children:
        if not child.subject:
            continue
        if child.date_of_birth is None and child.expected_birth_date is not None:
            births.append(child.expected_birth_date)
        elif child.date_of_birth is not None and child.date_of_birth > held_on:
            births.append(child.date_of_birth)
    return min(births, default=None)


def _birth_for(case: CaseDoc, conference: ConferenceDoc) -> date | None:
    return birth_after(case.children, conference.date)


def review_limit(kind: str, held_on: date, birth: date | None, profile: Profile) -> date:
    """The latest date for the review after a conference, by the profile's rules alone."""
    return next_review_date(kind, held_on, profile, birth)


def statutory_review(case: CaseDoc, conference: ConferenceDoc, profile: Profile) -> date:
    """The latest date for the review after `conference` by the profile's rules alone."""
    birth = _birth_for(case, conference)
    return review_limit(conference.kind, conference.date, birth, profile)


def review_due(limit: date, set_by_plan: date | None) -> date:
    """The earlier of the review date the plan set and the profile's limit: a date set later
    than the limit never becomes the limit."""
    return limit if set_by_plan is None else min(set_by_plan, limit)


def review_due_by(case: CaseDoc, profile: Profile) -> date | None:
    """The latest date for the next review while a plan is in force, else None: from the
    last concluded conference (`review_due`)."""
    last = last_concluded(case)
    if last is None or not plan_in_force(last):
        return None
    set_by_plan = last.plan.review_conference if last.plan is not None else None
    return review_due(statutory_review(case, last, profile), set_by_plan)


def review_owing(case: CaseDoc, profile: Profile, today: date) -> tuple[date, bool] | None:
    """The date the next review is owed by, when no conference still to come puts it in
    hand by then (a prepared one on or before that date, or one being held now); with
    whether a conference is booked too late for it. None when nothing is owed. The flags
    and the caseload's month (month.py) both count from this."""
    due = review_due_by(case, profile)
    last = last_concluded(case)
    if due is None or last is None:
        return None
    later = [c for c in case.conferences if c is not last and c.date >= last.date]
    if any(c.status == "in_progress" for c in later):
        return None  # the review is being held now
    # A prepared conference whose date has passed was not held, so it does not put the
    # review in hand; only one still to come does.
    ahead = [c for c in later if c.status == "prepared" and c.date >= today]
    if any(c.date <= due for c in ahead):
        return None
    return due, bool(ahead)


def _review_flags(case: CaseDoc, profile: Profile, today: date) -> list[Flag]:
    owing = review_owing(case, profile, today)
    if owing is None:
        return []
    due, set_late = owing
    flags = []
    days = (due - today).days
    if days < 0:
        flags.append(Flag("review_overdue", "review overdue"))
    elif days <= DUE_SOON_DAYS:
        when = "today" if days == 0 else f"in {days} day{'' if days == 1 else 's'}"
        flags.append(Flag("review_due_soon", f"review due {when}"))
    if set_late:
        flags.append(Flag("review_late", "review set too late"))
    return flags


def case_flags(case: CaseDoc, profile: Profile, today: date) -> tuple[Flag, ...]:
    flags = _review_flags(case, profile, today)
    upcoming = next_conference(case)
    if upcoming is not None:
        if reports_not_shared_in_time(upcoming, profile, today):
            flags.append(Flag("reports_late", "reports late"))
        if quorum_state(upcoming, case.children) == "inquorate":
            flags.append(Flag("inquorate_ahead", "inquorate"))
    if any(c.escalation is not None and c.escalation.notified_at is None for c in case.conferences):
        flags.append(Flag("escalation_owed", "escalation owed"))
    if births_to_record(case, today):
        flags.append(Flag("birth_to_record", "record the birth"))
    return tuple(sorted(flags, key=lambda f: FLAG_CODES.index(f.code)))


def births_to_record(case: CaseDoc, today: date) -> list[str]:
    """Keys of the unborn subject children whose expected birth date has passed: the chair
    records the birth, since the review is counted from it (and the child is no longer
    unborn for the quorum)."""
    return [
        c.key
        for c in case.children
        if c.subject
        and c.date_of_birth is None
        and c.expected_birth_date is not None
        and c.expected_birth_date < today
    ]


__all__ = [
    "DUE_SOON_DAYS",
    "FLAG_CODES",
    "Flag",
    "births_to_record",
    "case_flags",
    "last_concluded",
    "next_conference",
    "plan_in_force",
    "review_due_by",
    "review_owing",
    "statutory_review",
]
