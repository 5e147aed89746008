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
IncidentWhich = Literal["first", "worst", "last"]

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
MAPPING_GROUPS: tuple[tuple[str, tuple[MappingColumn, ...]], ...] = (
    ("What we are worried about", ("past_harm", "future_danger", "complicating_factors")),
    ("What is working well", ("strengths", "existing_safety")),
    ("What is unclear", ("grey_areas",)),
)
Nature = Literal["fact", "allegation", "opinion"]
NATURE_LABELS = {"fact": "Fact", "allegation": "Allegation", "opinion": "Opinion"}

Polarity = Literal["ten_is_safe", "ten_is_danger"]

Outcome = Literal["plan", "child_in_need", "no_further_action"]
OUTCOME_LABELS = {
    "plan": "Child protection plan",
    "child_in_need": "Child in need plan",
    "no_further_action": "No further action",
}
Category = Literal["physical_abuse", "emotional_abuse", "sexual_abuse", "neglect"]
CATEGORY_LABELS = {
    "physical_abuse": "Physical abuse",
    "emotional_abuse": "Emotional abuse",
    "sexual_abuse": "Sexual abuse",
    "neglect": "Neglect",
}
Method = Literal["unanimous", "majority", "chair_on_split", "chair_overrule"]
METHODS: tuple[Method, ...] = ("unanimous", "majority", "chair_on_split", "chair_overrule")
METHODS_NEEDING_RATIONALE = frozenset({"chair_on_split", "chair_overrule"})

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
