"""When is this conference due, and is the date chosen for it later than that?

Scheduling and preparing a conference show every date around it (`timescales()`), the
profile's standing rules (later core groups, the outline plan and the record to the parents)
and the latest date it may be held on:
- initial / transfer-in: counted from the strategy discussion / the notification (the trigger);
- pre-birth: at 28 weeks of pregnancy (counted back from the expected birth date of the unborn
  subject child) when that is after the strategy discussion, else 15 working days after it;
- review: the earlier of the date the last concluded conference's plan set and the profile's
  next review after it (the same answer the caseload flags give, `flags.review_due_by`): a date
  set later than the limit never becomes the limit.
While a subject child is unborn, the next review after any conference is due within the
profile's time after the birth when that is sooner.

Pure: a case, a kind, a date and a profile in, frozen values out; nothing here names a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date

from cpchair.caseio.schema import CaseDoc
from cpchair.rules.flags import (
    last_concluded,
    plan_in_force,
    review_due_by,
    statutory_review,
)
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import Due, Standing, standing_rules, timescales
from cpchair.vocab import KIND_PHRASES, TRIGGER_LABELS

CONFERENCE_DUE = "conference_due"


def uses_trigger(kind: str) -> bool:
    return kind in TRIGGER_LABELS


def default_kind(case: CaseDoc) -> str:
    """A case that has held a conference goes on to reviews; otherwise it starts with an initial."""
    return "review" if last_concluded(case) is not None else "initial"


def expected_birth(case: CaseDoc) -> date | None:
    """The earliest expected birth date of an unborn subject child (what pre-birth counts from)."""
    dates = [
        c.expected_birth_date
        for c in case.children
        if c.subject and c.unborn and c.expected_birth_date is not None
    ]
    return min(dates, default=None)


@dataclass(frozen=True)
class ConferenceDue:
    """Everything that falls due around one conference, and its own latest date."""

    kind: str
    date: dt.date  # `dt.`: inside the class, `date` names this field
    dues: tuple[Due, ...]  # the conference's own due date first, when it is known
    due_by: dt.date | None
    unknown: str = ""  # why there is no due date, for the chair (empty when there is one)
    standing: tuple[Standing, ...] = ()  # later core groups, outline plan, record to parents

    @property
    def late(self) -> bool:
        return self.due_by is not None and self.date > self.due_by

    @property
    def days_late(self) -> int:
        """Calendar days after the due date (0 when on time or unknown)."""
        return max(0, (self.date - self.due_by).days) if self.due_by is not None else 0


def conference_due(
    case: CaseDoc,
    kind: str,
    on: date,
    profile: Profile,
    *,
    trigger: date | None = None,
    exclude: str | None = None,
) -> ConferenceDue:
    """The timescales of a conference of `kind` on `on` for this case.

    `exclude` is the key of the conference being edited, so a review never counts from itself.
    """
    birth = expected_birth(case)
    dues = timescales(
        kind, on, profile, trigger=trigger if uses_trigger(kind) else None, birth=birth
    )
    standing = tuple(standing_rules(kind, on, profile))
    if kind != "review":
        own = next((d for d in dues if d.key == CONFERENCE_DUE), None)
        unknown = "" if own is not None else _why_unknown(kind, profile)
        return ConferenceDue(kind, on, tuple(dues), own.date if own else None, unknown, standing)

    others = case.model_copy(
        update={"conferences": [c for c in case.conferences if c.key != exclude]}
    )
    last = last_concluded(others)
    if last is None:
        return ConferenceDue(
            kind, on, tuple(dues), None, "No earlier conference has concluded.", standing
        )
    if not plan_in_force(last):
        return ConferenceDue(
            kind,
            on,
            tuple(dues),
            None,
            "The last conference made no child protection plan.",
            standing,
        )
    due_by = review_due_by(others, profile)
    assert due_by is not None  # a plan is in force, so review_due_by has an answer
    last_kind = KIND_PHRASES[last.kind]
    limit = statutory_review(others, last, profile)
    set_on = last.plan.review_conference if last.plan is not None else None
    if set_on is not None and set_on <= limit:
        rule = f"the review date the plan set at the last {last_kind}"
    else:
        rule = f"the latest next review after the last {last_kind} ({profile.name})"
        if set_on is not None and set_on > limit:
            rule += "; the later date the plan set does not move it"
    own = Due(CONFERENCE_DUE, "Conference by", due_by, rule)  # label as timescales() words it
    return ConferenceDue(kind, on, (own, *dues), due_by, "", standing)


def _why_unknown(kind: str, profile: Profile) -> str:
    if kind == "initial":
        return "Give the date of the strategy discussion to see when it is due."
    if kind == "transfer_in":
        if profile.transfer_in_conference is None:
            return "This area's procedure sets no time for a transfer-in conference."
        return "Give the date of the transfer-in notification to see when it is due."
    if profile.pre_birth_conference is None:
        return "Give the date of the strategy discussion to see when it is due."
    return (
        "Give the date of the strategy discussion, or an expected birth date for the unborn "
        "child, to see when it is due."
    )


__all__ = [
    "CONFERENCE_DUE",
    "TRIGGER_LABELS",
    "ConferenceDue",
    "conference_due",
    "default_kind",
    "expected_birth",
    "uses_trigger",
]
