"""The one view model behind the outline plan and the record, in every format.

Plain, frozen, already worded values: dates as "6 January 2027", times HH:MM, categories,
decisions and methods in words. `build.py` makes one from a case, a conference and whether it
is the family copy; `layout.py` arranges it as either document. A `confidential` flag says
what was given in confidence: the full copy marks it (`sections.marked`); a family copy never
holds its text (`redact.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cpchair.caseio.schema import (
    CaseDoc,
    ConferenceDoc,
)
from cpchair.documents import family as fam
from cpchair.rules.scaling_trend import Trend
from cpchair.vocab import Category, ConferenceKind, Outcome, Stage

NOT_DECIDED = "Not yet decided"


class ConferenceNotFound(LookupError):
    """No conference with that key in the case (the message names no case data)."""


@dataclass(frozen=True)
class ChildRow:
    key: str
    name: str
    first_name: str
    age: str
    subject: bool


@dataclass(frozen=True)
class Dissent:
    """A formal dissent: an agency challenging the decision (004)."""

    who: str  # "Rachel Doyle (Education)"
    reason: str
    confidential: bool = False  # its reason was given in confidence


@dataclass(frozen=True)
class DifferingView:
    """An agency whose counted view differs from the decision: a minority view, or the view
    the chair decided against (`rules.decisions.differing_views`). Not a dissent."""

    agency: str  # "Education"
    view: str  # "Child in need plan"
    minority: bool  # False: the chair overruled it or decided a split against it
    heading: str  # "Minority view from Education"; in plain words in a family copy


@dataclass(frozen=True)
class Decision:
    child: ChildRow
    outcome: str
    categories: str  # "Neglect and emotional abuse"; empty without a plan
    # How it was reached; None when not yet decided or left out of a family copy.
    method: str | None
    rationale: str | None
    dissents: tuple[Dissent, ...]
    ending_criterion: str | None  # only as the chair chose it, and only for a plan that ends
    differing: tuple[DifferingView, ...] = ()  # views the decision went against


@dataclass(frozen=True)
class StaffView:
    """One of an agency's staff: their view and why."""

    who: str  # "Kerry Walsh, Health visitor"
    view: str
    reason: str
    confidential: bool = False  # the reason was given in confidence


@dataclass(frozen=True)
class AgencyView:
    """One agency's view (one view per agency), with what each of its staff said."""

    agency: str  # "Health"
    view: str  # its one view, or that it was divided and not counted
    staff: tuple[StaffView, ...]


@dataclass(frozen=True)
class ChildViews:
    child: str
    tally: str  # "Child protection plan: 5 agencies; child in need plan: 1 agency"
    views: tuple[AgencyView, ...]


@dataclass(frozen=True)
class Goal:
    text: str
    about: str


@dataclass(frozen=True)
class DangerStatement:
    number: int
    text: str
    about: str
    goals: tuple[Goal, ...]


@dataclass(frozen=True)
class Score:
    who: str
    score: str
    reason: str
    confidential: bool = False  # the reason was given in confidence; the score is not


@dataclass(frozen=True)
class Scale:
    title: str
    facts: tuple[tuple[str, str], ...]
    scores: tuple[Score, ...]


@dataclass(frozen=True)
class Scaling:
    question: str
    notes: tuple[str, ...]
    scales: tuple[Scale, ...]
    escalation: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    what: str
    who: str
    by: str
    about: str
    key_safeguarding: bool
    status: str
    confidential: bool = False  # what it is was agreed in confidence


@dataclass(frozen=True)
class Plan:
    outcomes: tuple[str, ...]
    actions: tuple[Action, ...]
    core_group: tuple[str, ...]  # "Kerry Walsh, Health visitor (01632 960123)"
    dates: tuple[tuple[str, str], ...]
    contingency: str | None
    visiting: str | None
    recommendations: tuple[str, ...]
    embassy: bool
    statuses: bool  # show each action's status (a review; the record always does)


@dataclass(frozen=True)
class StepDown:
    """Children whose child protection plan ends at this review, and the child in need
    support that follows (004: "for a minimum of 3 months")."""

    children: str  # "Ruby and Mia"
    minimum: str | None  # "3 months"; None where the area's procedure sets no minimum
    no_support: tuple[str, ...]  # lines for children whose plan ends with no step-down
    replaces_plan: bool  # no child stays on a plan: this section takes the plan's place


@dataclass(frozen=True)
class Recipient:
    name: str
    role: str
    copy: str


@dataclass(frozen=True)
class AttendanceRow:
    name: str
    role: str
    agency: str
    attendance: str
    times: str
    contact: str  # empty when not recorded or not for this reader
    reason: str = ""  # why they were not there; empty when none or not for this reader


@dataclass(frozen=True)
class Exclusion:
    who: str
    part: str
    reason: str | None  # None in a family copy
    record: str | None = None  # which record the chair chose for them; None in a family copy


@dataclass(frozen=True)
class ReportRow:
    who: str
    received: str
    shared: str
    note: str


@dataclass(frozen=True)
class PersonRow:
    name: str
    relationship: str
    parental_responsibility: bool
    contact_confidential: bool | None  # None in a family copy: not said there
    contact: str | None  # None when not recorded or not for this reader


@dataclass(frozen=True)
class View:
    whose: str
    how: str
    summary: str
    confidential: bool = False


@dataclass(frozen=True)
class Incident:
    which: str
    date: str
    text: str
    confidential: bool = False


@dataclass(frozen=True)
class MappingEntry:
    text: str
    nature: str
    source: str
    about: str
    confidential: bool


@dataclass(frozen=True)
class MappingColumn:
    title: str
    entries: tuple[MappingEntry, ...]


# --- the chair's letter (letter.py words it and lays it out) ---------------------------------


@dataclass(frozen=True)
class ChildOutcome:
    name: str  # "Ruby", "the baby"
    you: bool  # the reader is this child
    outcome: Outcome | None  # None: not decided yet
    categories: tuple[Category, ...]
    was_on_plan: bool  # on a plan since the conference before
    someone_else_holds: bool  # the plan ends because the child is in care, moved, ...


@dataclass(frozen=True)
class KeyDate:
    field: str  # first_core_group, first_visit or review_conference
    on: str  # "22 September 2026"
    fixed: bool  # the date set; False: only the date it is due by
    early: bool  # an early review, not yet set: before `on`


@dataclass(frozen=True)
class Letter:
    """The letter's facts, already worded where words are needed (`DocumentModel.letter`)."""

    reader: str  # "Jodie Hadley"
    greeting: str  # "Jodie"
    young: bool  # the reader is a subject child
    role: str | None  # the reader's agency on the attendee list: "family", "advocate", ...
    came: bool  # the reader was there (for all or part of it)
    chair: str
    chair_contact: str | None
    kind: ConferenceKind
    children: tuple[ChildOutcome, ...]
    plan_goes_on: bool
    dates: tuple[KeyDate, ...]
    later_core_groups: str | None  # "every 28 days"
    outline_at_end: bool  # the outline plan is handed out at the end of the conference
    outline_by: str | None  # else the date it reaches the family
    record: fam.Copy | None  # the reader's copy of the record; None: none
    record_by: str | None  # when the record reaches the family, where the profile says
    in_core_group: bool
    cin_minimum: str | None  # "3 months"


@dataclass(frozen=True)
class DocumentModel:
    reference: str
    family_name: str
    conference: str  # "Initial child protection conference"
    date: str
    time: str
    venue: str
    chair: str
    chair_contact: str | None
    minute_taker: str
    reopened: tuple[str, ...]  # "7 January 2027 at 09:30: the reason", oldest first
    late_reason: str | None  # why it was held after its due date
    lead_social_worker: str
    status: str
    draft: bool
    family_copy: bool
    copy_for: str | None  # whose family copy: "Jodie Hadley (Mother)"; None: everyone's
    no_contacts: bool  # a family copy that names no one's contact details
    withheld: tuple[Stage, ...]  # stages a family copy leaves out, in meeting order
    complaints: str | None  # the area's complaints route, on every family copy
    children: tuple[ChildRow, ...]  # the subjects of the conference
    other_children: tuple[ChildRow, ...]
    decisions: tuple[Decision, ...]
    agency_views: tuple[ChildViews, ...]
    danger_statements: tuple[DangerStatement, ...]
    other_goals: tuple[Goal, ...]
    scaling: Scaling | None
    plan: Plan | None
    step_down: StepDown | None
    outline_recipients: tuple[Recipient, ...]
    record_recipients: tuple[Recipient, ...]
    attendance: tuple[AttendanceRow, ...]
    exclusions: tuple[Exclusion, ...]
    confidentiality_statement_read: bool
    quorum: tuple[tuple[str, str], ...]  # (child, explanation)
    quorum_notes: tuple[str, ...]
    reports: tuple[ReportRow, ...]
    people: tuple[PersonRow, ...]
    views: tuple[View, ...]
    # (whose, why not): a view not before the conference; an adult's reason is "" in a
    # family copy (a child's, such as their age, stays)
    views_not_given: tuple[tuple[str, str], ...]
    # (child, why not): no advocate for a child old enough to be offered one; full copy only
    advocates_not_used: tuple[tuple[str, str], ...]
    incidents: tuple[Incident, ...]
    mapping: tuple[MappingColumn, ...]
    # The overall scale at each conference up to this one (two or more), as this copy may
    # show it (`trend.py`); None: nothing to chart
    trend: Trend | None = None
    letter: Letter | None = None  # the chair's letter to its reader (letter.py); else None

    def withholds(self, section: str) -> bool:
        """A family copy leaves this part out (a `family.SECTION_STAGES` key)."""
        return fam.section_withheld(section, self.withheld)


def conference_by_key(case: CaseDoc, key: str) -> ConferenceDoc:
    for conference in case.conferences:
        if conference.key == key:
            return conference
    raise ConferenceNotFound("no conference with that key in this case")
