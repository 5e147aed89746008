"""When the plan's own dates fall due, and how late a date set for one of them is.

A plan sets three dates at the conference (DOMAIN.md, stage 8): the first core group, the
first child protection visit and the review conference. Each is due by the date
`timescales()` gives for this conference, from its kind, its date and the practice profile:

- first core group: `first_core_group` (after a review, the profile's rule for reviews);
- first visit: `first_cp_visit`, after an initial, pre-birth or transfer-in conference only.
  After a review the visits simply go on as the visiting arrangements say, so nothing is due;
- review conference: `next_review`. A pre-birth conference counts it from the birth: the
  expected birth date of the unborn subject child, or the real one once the child is born
  (the same reading the caseload flags use, `flags._birth_for`).

A date set after its due date is late by the number of calendar days between them, as for a
conference (`conference_due.ConferenceDue.days_late`). Pure: documents and a profile in,
frozen values out; nothing here names a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.rules.flags import _birth_for
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import timescales

# The plan's date fields, in the order a chair sets them, with the timescale each one follows.
PLAN_DATES = ("first_core_group", "first_visit", "review_conference")
DUE_KEYS = {
    "first_core_group": "first_core_group",
    "first_visit": "first_cp_visit",
    "review_conference": "next_review",
}
LABELS = {
    "first_core_group": "First core group",
    "first_visit": "First visit",
    "review_conference": "Review conference",
}
NOT_DUE = {"first_visit": "No first visit is due after a review; visits go on as arranged."}


@dataclass(frozen=True)
class PlanDate:
    """One of the plan's dates: when it is due, and the date set for it (if any)."""

    field: str  # the plan's key: first_core_group, first_visit or review_conference
    label: str
    due: date | None  # None: nothing is due for this conference
    rule: str  # how the due date was worked out, or why there is none
    set: date | None

    @property
    def days_late(self) -> int:
        return days_late(self.set, self.due)

    @property
    def late(self) -> bool:
        return self.days_late > 0


def days_late(set_on: date | None, due: date | None) -> int:
    """Calendar days a date set is after its due date; 0 when on time, unset or not due."""
    if set_on is None or due is None:
        return 0
    return max(0, (set_on - due).days)


def plan_dates(case: CaseDoc, conference: ConferenceDoc, profile: Profile) -> tuple[PlanDate, ...]:
    """The plan's three dates for `conference`, each with its due date and the date set."""
    birth = _birth_for(case, conference) if conference.kind == "pre_birth" else None
    dues = {
        d.key: d
        for d in timescales(
            conference.kind,
            conference.date,
            profile,
            trigger=conference.trigger_date,
            birth=birth,
        )
    }
    plan = conference.plan
    out = []
    for name in PLAN_DATES:
        due = dues.get(DUE_KEYS[name])
        set_on = getattr(plan, name) if plan is not None else None
        rule = due.rule if due is not None else NOT_DUE.get(name, "")
        out.append(PlanDate(name, LABELS[name], due.date if due else None, rule, set_on))
    return tuple(out)


def dates_to_fill(dates: tuple[PlanDate, ...]) -> dict[str, date]:
    """The due dates to write into the plan: only where nothing is set yet."""
    return {d.field: d.due for d in dates if d.set is None and d.due is not None}


__all__ = ["LABELS", "PLAN_DATES", "PlanDate", "dates_to_fill", "days_late", "plan_dates"]
