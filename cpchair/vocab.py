"""The words of the case format (cpchair-case/1) and how people read them.

Plain tuples and labels, free of any framework, so the importer, the store, the rules and the
screens all agree on one vocabulary.
"""

from __future__ import annotations

from typing import Literal

FORMAT = "cpchair-case/1"

ConferenceKind = Literal["initial", "review", "pre_birth", "transfer_in"]
CONFERENCE_KINDS: tuple[ConferenceKind, ...] = ("initial", "review", "pre_birth", "transfer_in")
KIND_LABELS = {
    "initial": "Initial",
    "review": "Review",
    "pre_birth": "Pre-birth",
    "transfer_in": "Transfer-in",
}
KIND_SHORT = {
    "initial": "ICPC",
    "review": "RCPC",
    "pre_birth": "Pre-birth",
    "transfer_in": "Transfer-in",
}
# As a sentence names one: "the review conference" (timescales, due dates).
KIND_PHRASES = {
    "initial": "initial conference",
    "review": "review conference",
    "pre_birth": "pre-birth conference",
    "transfer_in": "transfer-in conference",
}
# As a document's title page names one.
KIND_TITLES = {
    "initial": "Initial child protection conference",
    "review": "Review child protection conference",
    "pre_birth": "Pre-birth child protection conference",
    "transfer_in": "Transfer-in child protection conference",
}
# The kinds that open a plan's run: each is held within the initial conference's timescale
# (004: "as an initial conference"), and the review after one is the "first review".
OPENING_KINDS: frozenset[ConferenceKind] = frozenset({"initial", "pre_birth", "transfer_in"})
# The event an opening conference is counted from (or, pre-birth, recorded with it).
TRIGGER_LABELS = {
    "initial": "Strategy discussion",
    "pre_birth": "Strategy discussion",
    "transfer_in": "Transfer notified",
}

ConferenceStatus = Literal["prepared", "in_progress", "concluded"]
CONFERENCE_STATUSES: tuple[ConferenceStatus, ...] = ("prepared", "in_progress", "concluded")
STATUS_LABELS = {"prepared": "Prepared", "in_progress": "In progress", "concluded": "Concluded"}

Sex = Literal["female", "male", "unknown"]

Agency = Literal[
    "childrens_social_care",
    "police",
    "health",
    "education",
    "early_years",
    "probation",
    "youth_justice",
    "housing",
    "adult_services",
    "voluntary",
    "other_agency",
    "family",
    "child",
    "advocate",
    "supporter",
    "solicitor",
    "interpreter",
    "observer",
]
AGENCY_LABELS: dict[str, str] = {
    "childrens_social_care": "Children's social care",
    "police": "Police",
    "health": "Health",
    "education": "Education",
    "early_years": "Early years",
    "probation": "Probation",
    "youth_justice": "Youth justice",
    "housing": "Housing",
    "adult_services": "Adult services",
    "voluntary": "Voluntary sector",
    "other_agency": "Other agency",
    "family": "Family",
    "child": "Child",
    "advocate": "Advocate",
    "supporter": "Supporter",
    "solicitor": "Solicitor",
    "interpreter": "Interpreter",
    "observer": "Observer",
}
# The professional agencies: their representatives give the social work and agency decision.
PROFESSIONAL_AGENCIES = frozenset(
    {
        "childrens_social_care",
        "police",
        "health",
        "education",
        "early_years",
        "probation",
        "youth_justice",
        "housing",
        "adult_services",
        "voluntary",
        "other_agency",
    }
)
# Who may vote on the decision: the professional agencies only (004: "the social work and
# agency decision"; 000: a parent "can offer a view but will not be part of the
# decision-making"). Family, the child, advocates, supporters, solicitors, interpreters and
# observers give a view but do not vote. See `rules/decisions.may_vote`.
VOTING_AGENCIES = PROFESSIONAL_AGENCIES
# Who does not scale: they are in the room for someone else or only to watch (004: an
# observer "must not take part in discussions or decision-making"; 001: a supporter will
# "generally ... not be able to speak on your behalf or take part in the discussion"; an
# interpreter speaks for another). See `rules/scaling.may_scale`.
NOT_SCALING_AGENCIES = frozenset({"observer", "interpreter", "supporter"})

# Attendees who are the family itself (004's "children and/or parents"), not practitioners.
FAMILY_AGENCIES = frozenset({"family", "child"})

Attendance = Literal["present", "apologies", "report_only", "excluded", "absent"]
ATTENDANCE_LABELS = {
    "present": "Present",
    "apologies": "Apologies",
    "report_only": "Report only",
    "excluded": "Excluded",
    "absent": "Absent",
}

Stage = Literal[
    "opening",
    "family_network",
    "history",
    "mapping",
    "danger_goals",
    "scaling",
    "decision",
    "plan",
    "close",
]
STAGES: tuple[Stage, ...] = (
    "opening",
    "family_network",
    "history",
    "mapping",
    "danger_goals",
    "scaling",
    "decision",
    "plan",
    "close",
)
# As the stage bar's narrow column shows them.
STAGE_SHORT_LABELS: dict[str, str] = {
    "opening": "Opening",
    "family_network": "Family",
    "history": "History",
    "mapping": "Mapping",
    "danger_goals": "Dangers",
    "scaling": "Scaling",
    "decision": "Decision",
    "plan": "Plan",
    "close": "Close",
}
STAGE_LABELS = {
    "opening": "Opening",
    "family_network": "Family and network",
    "history": "What has got us here",
    "mapping": "Mapping",
    "danger_goals": "Danger statements and safety goals",
    "scaling": "Scaling",
    "decision": "Decision",
    "plan": "Plan",
    "close": "Close",
}

ViewHow = Literal["in_person", "advocate", "written", "social_worker", "other"]
# How a view was given, as the documents say it ("in writing").
VIEW_HOW_WORDS = {
    "in_person": "in person",
    "advocate": "through an advocate",
    "written": "in writing",
    "social_worker": "through the social worker",
    "other": "other",
}
IncidentWhich = Literal["first", "worst", "last"]
INCIDENTS: tuple[IncidentWhich, ...] = ("first", "worst", "last")  # the order they are read in
INCIDENT_LABELS = {"first": "First", "worst": "Worst", "last": "Most recent"}

MappingColumn = Literal[
    "past_harm",
    "future_danger",
    "complicating_factors",
    "strengths",
    "existing_safety",
    "grey_areas",
]
MAPPING_COLUMNS: tuple[MappingColumn, ...] = (
    "past_harm",
    "future_danger",
    "complicating_factors",
    "strengths",
    "existing_safety",
    "grey_areas",
)
MAPPING_LABELS = {
    "past_harm": "Past harm",
    "future_danger": "Future danger",
    "complicating_factors": "Complicating factors",
    "strengths": "Strengths",
    "existing_safety": "Existing safety",
    "grey_areas": "Grey areas",
}
# The three headings of the map the room reads (Signs of Safety / Strengthening Families).
WORRIES: tuple[MappingColumn, ...] = ("past_harm", "future_danger", "complicating_factors")
WORKING_WELL: tuple[MappingColumn, ...] = ("strengths", "existing_safety")
MAPPING_GROUPS: tuple[tuple[str, tuple[MappingColumn, ...]], ...] = (
    ("What we are worried about", WORRIES),
    ("What is working well", WORKING_WELL),
    ("What is unclear", ("grey_areas",)),
)
Nature = Literal["fact", "allegation", "opinion"]
NATURE_LABELS = {"fact": "Fact", "allegation": "Allegation", "opinion": "Opinion"}

Polarity = Literal["ten_is_safe", "ten_is_danger"]

Outcome = Literal["plan", "child_in_need", "no_further_action"]
OUTCOME_LABELS: dict[Outcome, str] = {
    "plan": "Child protection plan",
    "child_in_need": "Child in need plan",
    "no_further_action": "No further action",
}
# At a review "plan" means the plan goes on (case format, OUTCOME).
REVIEW_OUTCOMES = {
    "plan": "Child protection plan continues",
    "child_in_need": "Child protection plan ends; child in need plan",
    "no_further_action": "Child protection plan ends; no further action",
}
Category = Literal["physical_abuse", "emotional_abuse", "sexual_abuse", "neglect"]
CATEGORY_LABELS: dict[Category, str] = {
    "physical_abuse": "Physical abuse",
    "emotional_abuse": "Emotional abuse",
    "sexual_abuse": "Sexual abuse",
    "neglect": "Neglect",
}
Method = Literal["unanimous", "majority", "chair_on_split", "chair_overrule"]
METHODS: tuple[Method, ...] = ("unanimous", "majority", "chair_on_split", "chair_overrule")
METHODS_NEEDING_RATIONALE = frozenset({"chair_on_split", "chair_overrule"})
METHOD_WORDS = {
    "unanimous": "Unanimous",
    "majority": "Majority",
    "chair_on_split": "Chair's decision on a split",
    "chair_overrule": "Chair overruled the conference",
}
# The same in a family copy's plain words (no "overruled").
FAMILY_METHOD_WORDS = {
    "unanimous": "Every agency agreed",
    "majority": "Most agencies agreed",
    "chair_on_split": "The agencies were evenly split; the chair decided",
    "chair_overrule": "The chair decided differently from most agencies",
}

# What stands after a plan is made (rules/timescales.standing_rules), as the screens say it...
STANDING_LABELS = {
    "later_core_groups": "Later core groups",
    "outline_plan_to_parents": "Outline plan to parents",
    "record_to_family": "Record to the family",
}
# ...and as the plan document says it.
STANDING_TITLES = {
    "later_core_groups": "Later core groups",
    "outline_plan_to_parents": "Outline plan to the parents",
    "record_to_family": "Record to the family",
}

# The plan's own date fields, in the order a chair sets them (rules/plan_dates.py).
PLAN_DATES: tuple[str, ...] = ("first_core_group", "first_visit", "review_conference")
PLAN_DATE_LABELS = {
    "first_core_group": "First core group",
    "first_visit": "First visit",
    "review_conference": "Review conference",
}
# The same, as a sentence names them ("The first core group cannot be before...").
PLAN_DATE_WORDS = {
    "first_core_group": "first core group",
    "first_visit": "first child protection visit",
    "review_conference": "review conference",
}
# The same, as the plan document heads its dates.
PLAN_DATE_TITLES = {
    "first_core_group": "First core group",
    "first_visit": "First child protection visit",
    "review_conference": "Next review conference",
}

# "ongoing" (an action that runs on) is cpchair's own: a file writes it as "open" with
# "ongoing": true, since the format's list is relied on exactly (caseio/ongoing.py).
ActionStatus = Literal["open", "ongoing", "done", "not_done", "dropped"]
ACTION_STATUS_LABELS: dict[str, str] = {
    "open": "Open",
    "ongoing": "Ongoing",
    "done": "Done",
    "not_done": "Not done",
    "dropped": "Dropped",
}
ExclusionScope = Literal["part", "whole"]
# Which record an excluded family member receives: the chair decides (004).
RecordShare = Literal["whole", "attended"]
RECORD_SHARES: tuple[RecordShare, ...] = ("whole", "attended")
