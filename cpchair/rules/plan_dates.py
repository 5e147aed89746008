"""When the plan's own dates fall due, and how late a date set for one of them is.

A plan sets three dates at the conference (DOMAIN.md, stage 8): the first core group, the
first child protection visit and the review conference. Each is due by the date
`timescales()` gives for this conference, from its kind, its date and the practice profile:

- first core group: `first_core_group` (after a review, the profile's rule for reviews);
- first visit: `first_cp_visit`, after an initial, pre-birth or transfer-in conference only.
  After a review the visits simply go on as the visiting arrangements say, so nothing is due;
- review conference: `next_review`. While a subject child is unborn it is counted from the
  birth too, whichever is sooner: the expected birth date, or the real one once the child is
  born (the same reading the caseload flags use, `flags._birth_for`). After a conference held
  without a quorum the review must be early (004: "Where an inquorate conference is held, an
  early review conference should be arranged"): before that date, not on it.

A date set after its due date is late by the number of calendar days between them, as for a
conference (`conference_due.ConferenceDue.days_late`); an early review set on or after the
usual limit is late too. A date set late never moves the limit: what is due is the earlier of
the two (`PlanDate.due_by`). Pure: documents and a profile in, frozen values out; nothing here
names a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.rules.flags import _birth_for
from cpchair.rules.profiles import Profile
from cpchair.rules.quorum import needs_early_review
from cpchair.rules.timescales import timescales
from cpchair.vocab import PLAN_DATE_LABELS, PLAN_DATES

# The timescale each of the plan's dates (vocab.PLAN_DATES) follows.
DUE_KEYS = {
    "first_core_group": "first_core_group",
    "first_visit": "first_cp_visit",
    "review_conference": "next_review",
}
NOT_DUE = {"first_visit": "No first visit is due after a review; visits go on as arranged."}
NO_RULE = "This area's procedure sets no time for it."
EARLY = "early review"


@dataclass(frozen=True)
class PlanDate:
    """One of the plan's dates: when it is due, and the date set for it (if any)."""

    field: str  # the plan's key: first_core_group, first_visit or review_conference
    label: str
    due: date | None  # None: nothing is due for this conference
    rule: str  # how the due date was worked out, or why there is none
    set: date | None
    early: bool = False  # an early review: it must come before `due`, not on it

    @property
    def due_by(self) -> date | None:
        """The date it must happen by: the earlier of the date set and the due date, so a
        date set late never becomes the limit. (An early review: before this, when unset.)"""
        if self.set is None:
            return self.due
        if self.due is None:
            return self.set
        return min(self.set, self.due)

    @property
    def days_late(self) -> int:
        if self.early and self.set is not None and self.due is not None:
            return max(0, (self.set - self.due).days + 1)  # on the limit is already too late
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
    birth = _birth_for(case, conference)
    early = needs_early_review(conference, case.children)
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
        if due is not None:
            rule = due.rule
        elif conference.kind == "review" and name in NOT_DUE:
            rule = NOT_DUE[name]
        else:  # the profile has no such rule
            rule = NO_RULE
        is_early = early and name == "review_conference" and due is not None
        if is_early:
            rule = f"{EARLY}: held without a quorum, so before the usual limit, {rule}"
        label = PLAN_DATE_LABELS[name]
        out.append(PlanDate(name, label, due.date if due else None, rule, set_on, is_early))
    return tuple(out)


def dates_to_fill(dates: tuple[PlanDate, ...]) -> dict[str, date]:
    """The due dates to write into the plan: only where nothing is set yet. An early review is
    left to the chair, who decides how early; its limit itself would already be too late."""
    return {d.field: d.due for d in dates if d.set is None and d.due is not None and not d.early}


__all__ = ["PLAN_DATES", "PlanDate", "dates_to_fill", "days_late", "plan_dates"]
