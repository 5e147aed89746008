"""The decision for each child: the tally of the agencies' views, the method it implies, what
is wrong or missing with a recorded decision, and what follows when there is no plan.

How 004 ("Child Protection Conferences") is read here:

- **Who counts.** Each voting attendee who is present gives one view per child: a child
  protection plan, a child in need plan or no further action. Family, advocates and observers
  give a view but do not vote; a vote from someone not present (apologies, report only) is
  not counted. People, not agencies, are counted: two health practitioners are two views.
- **The question is plan or no plan first.** The chair "does not make the ultimate decision
  regarding whether a child is to be subject to a Child Protection Plan ... UNLESS there is a
  split decision": the conference's decision is whether a plan is needed. So the views are
  first counted as plan against no plan (child in need and no further action together). More
  than half either way decides it; an even count is a split, and on a split the chair decides
  and records why.
- **Child in need or no further action** is settled among the no-plan views only: the larger
  number wins, and a tie goes to a child in need plan, because when a conference makes no
  plan 004 asks the chair to make sure a child in need plan or recommendations for help
  follow. The chair may still record no further action, as an overrule with a rationale.
- **Overruling.** Rarely the chair overrules the conference, e.g. when worried about the
  child's safety. Any recorded outcome other than the one the views imply is an overrule.
- **Ending a plan.** At a review the same process decides whether the plan continues. No plan
  ends while key safeguarding actions are incomplete (open or not done; a dropped action was
  settled by the core group). At the first review, the one after an initial, pre-birth or
  transfer-in conference, ending is the exception and needs one of the criteria in
  `ENDING_CRITERIA`. A child whose plan ends has child in need support for at least the
  profile's minimum (3 months nationally), unless the plan ended because the child is in
  care, has moved to another area, has turned 18, has died or has left the UK.

Pure: documents in, frozen values out. Messages name no person and no child: the keys in the
data say whom a problem concerns, so a screen can show names where the viewer may see them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import ConferenceDoc, DecisionDoc, PlanDoc
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import Period
from cpchair.vocab import (
    AGENCY_LABELS,
    METHODS_NEEDING_RATIONALE,
    OUTCOME_LABELS,
    Method,
    Outcome,
)

TallyMethod = Literal["unanimous", "majority", "split"]
PlanQuestion = Literal["plan", "no_plan", "split"]

# Conferences after which the next review is the "first review" (ending there is the exception).
OPENING_KINDS = frozenset({"initial", "pre_birth", "transfer_in"})
# An action that is still to be done; "dropped" means the core group agreed it is not needed.
INCOMPLETE_STATUSES = frozenset({"open", "not_done"})
DEFAULT_CIN_MINIMUM = Period(3, "months")

# 004, "Discontinuing a current Child Protection Plan": when a plan may end at the first review.
# The first three are 004's criteria b, c and d; the last is the "unsubstantiated" route, which
# also needs the key agencies from the initial conference there or consulted in writing.
ENDING_CRITERIA: tuple[tuple[str, str], ...] = (
    ("in_care", "The child has come into care and is protected that way"),
    ("moved_area", "The child has moved for good to another area, which has taken the plan over"),
    ("adult_died_or_left_uk", "The child has turned 18, has died or has left the UK for good"),
    (
        "concerns_unfounded",
        "The original concerns proved unfounded; key agencies attended or gave views in writing",
    ),
)
ENDING_CRITERION_LABELS = dict(ENDING_CRITERIA)
# Criteria under which the child in need step-down does not apply: someone else holds the child.
NO_CIN_CRITERIA = frozenset({"in_care", "moved_area", "adult_died_or_left_uk"})


# --- The tally ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """The agencies' views for one child, and what they imply."""

    child: str
    views: tuple[tuple[str, Outcome], ...]  # (attendee key, view) for each counted voter
    ignored: tuple[str, ...]  # attendee keys whose vote does not count (not a voter, not present)
    plan: int
    child_in_need: int
    no_further_action: int
    plan_question: PlanQuestion | None  # None when no view has been counted
    outcome: Outcome | None  # what the views imply; None on a split or with no views
    method: TallyMethod | None

    @property
    def total(self) -> int:
        return len(self.views)

    @property
    def no_plan(self) -> int:
        return self.child_in_need + self.no_further_action

    @property
    def split(self) -> bool:
        return self.method == "split"

    def count(self, outcome: Outcome) -> int:
        return {
            "plan": self.plan,
            "child_in_need": self.child_in_need,
            "no_further_action": self.no_further_action,
        }[outcome]

    def explain(self) -> str:
        """One line for the chair, e.g. "Unanimous: child protection plan (5)"."""
        if self.method is None:
            return "No views yet"
        counts = (
            f"plan {self.plan}, child in need {self.child_in_need}, "
            f"no further action {self.no_further_action}"
        )
        if self.method == "split":
            return f"Split, {self.plan} to {self.no_plan}: the chair decides ({counts})"
        label = OUTCOME_LABELS[self.outcome or "plan"]
        if self.method == "unanimous":
            return f"Unanimous: {label.lower()} ({self.total})"
        return f"Majority: {label.lower()} ({counts})"


def tally(conference: ConferenceDoc, child: str) -> Tally:
    """Count the views for one child: only voting attendees who are present count."""
    attendees = {a.key: a for a in conference.attendees}
    latest: dict[str, Outcome] = {}
    ignored: list[str] = []
    for vote in conference.votes:
        if vote.child != child:
            continue
        who = attendees.get(vote.attendee)
        if who is None or not who.votes or who.attendance != "present":
            if vote.attendee not in ignored:
                ignored.append(vote.attendee)
            continue
        latest[vote.attendee] = vote.vote  # a changed view replaces the earlier one
    views = tuple(latest.items())
    plan = sum(1 for _, v in views if v == "plan")
    cin = sum(1 for _, v in views if v == "child_in_need")
    nfa = sum(1 for _, v in views if v == "no_further_action")
    question = _plan_question(plan, cin + nfa)
    outcome: Outcome | None
    if question == "plan":
        outcome = "plan"
    elif question == "no_plan":
        outcome = "no_further_action" if nfa > cin else "child_in_need"  # a tie: help follows
    else:
        outcome = None
    method: TallyMethod | None
    if question is None:
        method = None
    elif question == "split":
        method = "split"
    elif len({v for _, v in views}) == 1:
        method = "unanimous"
    else:
        method = "majority"
    return Tally(
        child=child,
        views=views,
        ignored=tuple(ignored),
        plan=plan,
        child_in_need=cin,
        no_further_action=nfa,
        plan_question=question,
        outcome=outcome,
        method=method,
    )


def _plan_question(plan: int, no_plan: int) -> PlanQuestion | None:
    if plan + no_plan == 0:
        return None
    if plan > no_plan:
        return "plan"
    if no_plan > plan:
        return "no_plan"
    return "split"


def recorded_method(result: Tally, outcome: Outcome) -> Method | None:
    """The method to record when the chair writes down `outcome` for this tally.

    On a split the chair decides. Otherwise the outcome the views imply is recorded as
    unanimous or majority, and any other outcome as the chair overruling the conference.
    None when no view has been counted: there is nothing yet to follow or to overrule.
    """
    if result.method is None:
        return None
    if result.method == "split":
        return "chair_on_split"
    if outcome == result.outcome:
        return result.method
    return "chair_overrule"


def needs_rationale(method: Method) -> bool:
    return method in METHODS_NEEDING_RATIONALE


def dissenters(result: Tally, outcome: Outcome) -> tuple[str, ...]:
    """Counted voters whose view differs from the outcome recorded (attendee keys)."""
    return tuple(who for who, view in result.views if view != outcome)


# --- Missing views --------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingViews:
    """Voting attendees present who have not given a view for one child."""

    child: str
    attendees: tuple[str, ...]

    @property
    def message(self) -> str:
        n = len(self.attendees)
        who = "professional" if n == 1 else "professionals"
        has = "has" if n == 1 else "have"
        return f"{n} voting {who} present {has} not given a view"


def missing_views(conference: ConferenceDoc, children: Iterable[str]) -> tuple[MissingViews, ...]:
    """For each child (keys, in the order given), the voters present with no view; children
    with nothing missing are left out."""
    voters = [a.key for a in conference.attendees if a.votes and a.attendance == "present"]
    given = {(v.attendee, v.child) for v in conference.votes}
    out = []
    for child in children:
        missing = tuple(key for key in voters if (key, child) not in given)
        if missing:
            out.append(MissingViews(child, missing))
    return tuple(out)


# --- Ending a plan --------------------------------------------------------------------------


def is_ending_criterion(value: str | None) -> bool:
    return value in ENDING_CRITERION_LABELS


def is_first_review(conference: ConferenceDoc, previous: ConferenceDoc | None) -> bool:
    """A review held straight after an initial, pre-birth or transfer-in conference."""
    return conference.kind == "review" and previous is not None and previous.kind in OPENING_KINDS


def was_on_plan(previous: ConferenceDoc | None, child: str) -> bool:
    return previous is not None and any(
        d.child == child and d.outcome == "plan" for d in previous.decisions
    )


def plan_ends(
    decision: DecisionDoc, conference: ConferenceDoc, previous: ConferenceDoc | None
) -> bool:
    """At a review, a child who was on a plan at the last conference comes off it."""
    return (
        conference.kind == "review"
        and decision.outcome != "plan"
        and was_on_plan(previous, decision.child)
    )


def actions_checked(conference: ConferenceDoc, previous: ConferenceDoc | None) -> PlanDoc | None:
    """The plan whose actions decide whether a plan may end: the review's own (carried forward
    with statuses brought up to date), or the previous conference's when the review has none."""
    if conference.plan is not None:
        return conference.plan
    return previous.plan if previous is not None else None


def open_key_actions(plan: PlanDoc | None, child: str) -> tuple[int, ...]:
    """Indexes of key safeguarding actions for the child (or for all children: an action
    naming no child) that are not yet done."""
    if plan is None:
        return ()
    return tuple(
        i
        for i, action in enumerate(plan.actions)
        if action.key_safeguarding
        and action.status in INCOMPLETE_STATUSES
        and (not action.children or child in action.children)
    )


def agencies_missing_since_initial(
    conference: ConferenceDoc, previous: ConferenceDoc | None
) -> tuple[str, ...]:
    """Agencies that voted at the opening conference and are neither present today nor sent a
    report (the "key agencies present or consulted" part of ending at the first review)."""
    if previous is None:
        return ()
    before = {a.agency for a in previous.attendees if a.votes and a.attendance == "present"}
    here = {a.agency for a in conference.attendees if a.attendance in ("present", "report_only")}
    return tuple(sorted(before - here))


# --- Problems with a decision ---------------------------------------------------------------


@dataclass(frozen=True)
class DecisionProblem:
    """Something wrong or missing with one child's decision."""

    code: str
    message: str
    blocking: bool = True  # False: worth a look, but the conference may still conclude
    attendees: tuple[str, ...] = ()  # attendee keys it concerns (dissenters, say)
    actions: tuple[int, ...] = ()  # indexes into the actions of `actions_checked(...)`


def decision_problems(
    decision: DecisionDoc, conference: ConferenceDoc, previous: ConferenceDoc | None = None
) -> tuple[DecisionProblem, ...]:
    """Everything wrong or missing with the decision for one child.

    `previous` is the last conference held before this one (concluded), needed at a review to
    know whether a plan is ending and whether this is the first review.
    """
    problems: list[DecisionProblem] = []
    add = problems.append
    result = tally(conference, decision.child)

    if result.method is None:
        add(DecisionProblem("no_views", "No agency's view is recorded, so nothing backs it"))
    else:
        expected = recorded_method(result, decision.outcome)
        if expected is not None and decision.method != expected:
            add(DecisionProblem("method_mismatch", _mismatch(decision.method, expected)))

    if decision.method in METHODS_NEEDING_RATIONALE and not (decision.rationale or "").strip():
        why = "on a split" if decision.method == "chair_on_split" else "when overruling"
        add(DecisionProblem("rationale_missing", f"The chair's reasons {why} are not recorded"))

    if decision.outcome == "plan" and not decision.categories:
        add(DecisionProblem("category_missing", "A plan needs at least one category"))
    if decision.outcome != "plan" and decision.categories:
        add(DecisionProblem("category_not_plan", "Categories are only given with a plan"))
    if len(set(decision.categories)) != len(decision.categories):
        add(DecisionProblem("category_twice", "A category is named twice"))

    reasons = {d.attendee for d in decision.dissents if d.reason.strip()}
    unrecorded = tuple(k for k in dissenters(result, decision.outcome) if k not in reasons)
    if unrecorded:
        n = len(unrecorded)
        noun = "agency's dissent is" if n == 1 else "agencies' dissents are"
        add(
            DecisionProblem(
                "dissent_missing",
                f"{n} {noun} not recorded with a reason",
                attendees=unrecorded,
            )
        )

    problems.extend(_ending_problems(decision, conference, previous))
    return tuple(problems)


def _mismatch(recorded: Method, expected: Method) -> str:
    words = {
        "unanimous": "unanimous",
        "majority": "a majority",
        "chair_on_split": "the chair deciding a split",
        "chair_overrule": "the chair overruling the conference",
    }
    return f"Recorded as {words[recorded]}, but the views make it {words[expected]}"


def _ending_problems(
    decision: DecisionDoc, conference: ConferenceDoc, previous: ConferenceDoc | None
) -> list[DecisionProblem]:
    problems: list[DecisionProblem] = []
    add = problems.append
    criterion = decision.ending_criterion
    if criterion is not None and not criterion.strip():
        criterion = None
    if criterion is not None and not is_ending_criterion(criterion):
        add(DecisionProblem("criterion_unknown", "The reason for ending is not a known criterion"))

    if not plan_ends(decision, conference, previous):
        if criterion is not None:
            add(
                DecisionProblem(
                    "criterion_not_needed",
                    "A reason for ending is recorded, but the plan is not ending",
                    blocking=False,
                )
            )
        return problems

    open_actions = open_key_actions(actions_checked(conference, previous), decision.child)
    if open_actions:
        n = len(open_actions)
        what = "key safeguarding action is" if n == 1 else "key safeguarding actions are"
        add(
            DecisionProblem(
                "key_actions_open",
                f"The plan cannot end: {n} {what} not done",
                actions=open_actions,
            )
        )

    if is_first_review(conference, previous):
        if criterion is None:
            add(
                DecisionProblem(
                    "criterion_missing",
                    "Ending a plan at the first review needs one of the criteria recorded",
                )
            )
        elif criterion == "concerns_unfounded":
            missing = agencies_missing_since_initial(conference, previous)
            if missing:
                names = ", ".join(AGENCY_LABELS.get(a, a).lower() for a in missing)
                add(
                    DecisionProblem(
                        "agencies_not_consulted",
                        f"At the initial conference but neither here nor reporting: {names}; "
                        "record how they were consulted",
                        blocking=False,
                    )
                )

    if decision.outcome == "no_further_action" and criterion not in NO_CIN_CRITERIA:
        add(
            DecisionProblem(
                "cin_after_plan",
                "A child whose plan ends keeps child in need support for a while: "
                "no further action is unusual",
                blocking=False,
            )
        )
    return problems


# --- What follows a no-plan outcome ---------------------------------------------------------


def what_follows(
    outcome: Outcome,
    *,
    plan_ended: bool = False,
    ending_criterion: str | None = None,
    profile: Profile | None = None,
) -> tuple[str, ...]:
    """What a no-plan outcome leads to, in lines a screen or the outline plan can show.

    Nothing for a plan. `plan_ended`: the child was on a plan until today (see `plan_ends`).
    The profile gives the minimum child in need support and any local step-down timescales.
    """
    if outcome == "plan":
        return ()
    if plan_ended:
        if ending_criterion in NO_CIN_CRITERIA:
            label = ENDING_CRITERION_LABELS[ending_criterion].lower()
            return (
                f"The plan ends because {label}; child in need support does not follow.",
                _tell_everyone(),
            )
        minimum: Period | None = DEFAULT_CIN_MINIMUM
        if profile is not None:  # None where the area's procedure sets no minimum
            rule = profile.cin_support_minimum
            minimum = rule.period if rule is not None else None
        lines = [
            f"A child in need plan supports the child for at least {minimum} after the plan "
            "ends; it may end sooner only if all its members agree after the first review."
            if minimum is not None
            else "A child in need plan may support the child after the plan ends.",
            "Agree with the parents and the child what services are needed.",
            "The child in need plan picks up any outstanding actions, has a contingency and "
            "sets how often each agency visits.",
        ]
        lines.extend(_local_step_down(profile))
        lines.append(_tell_everyone())
        return tuple(lines)
    if outcome == "child_in_need":
        return (
            "No child protection plan: draw up an outline child in need plan, or recommend one.",
            "Consider local step-down arrangements or a family group conference.",
        )
    return (
        "No child protection plan and no child in need plan.",
        "Record any recommendations for help the child or family may still need.",
    )


def _local_step_down(profile: Profile | None) -> list[str]:
    if profile is None:
        return []
    lines = []
    if profile.cin_plan_circulated is not None:
        period = profile.cin_plan_circulated.period
        lines.append(f"Circulate the child in need plan within {period} of the conference.")
    if profile.cin_review is not None:
        lines.append(f"Book a child in need review at {profile.cin_review.period}.")
    if profile.cin_network_meetings is not None:
        lines.append(f"Hold network meetings every {profile.cin_network_meetings.period}.")
    return lines


def _tell_everyone() -> str:
    return (
        "Tell the parents, the agencies invited to the initial conference and later core "
        "group members that the plan has ended."
    )


__all__ = [
    "DEFAULT_CIN_MINIMUM",
    "ENDING_CRITERIA",
    "ENDING_CRITERION_LABELS",
    "INCOMPLETE_STATUSES",
    "NO_CIN_CRITERIA",
    "OPENING_KINDS",
    "DecisionProblem",
    "MissingViews",
    "PlanQuestion",
    "Tally",
    "TallyMethod",
    "actions_checked",
    "agencies_missing_since_initial",
    "decision_problems",
    "dissenters",
    "is_ending_criterion",
    "is_first_review",
    "missing_views",
    "needs_rationale",
    "open_key_actions",
    "plan_ends",
    "recorded_method",
    "tally",
    "was_on_plan",
    "what_follows",
]
