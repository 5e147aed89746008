"""The decision for each child: the tally of the agencies' views, the method it implies, what
is wrong or missing with a recorded decision, and what follows when there is no plan.

How the sources are read here (the case format's "Who decides, and how the views are
counted" spells the same rules out):

- **Who votes.** Only the professional agencies (`vocab.VOTING_AGENCIES`). A parent "can offer
  a view but will not be part of the decision-making" (000); the decision "is the social work
  and agency decision" (004). Family, the child, advocates, supporters, solicitors,
  interpreters and observers give a view but do not vote. A vote from someone not present
  (apologies, report only) is not counted.
- **One view per agency** (004: "the social work and agency decision"). The views of the
  voters present are gathered by agency (`agency_views`): three social workers and their team
  manager giving one view are one view, not four. Staff of one agency who give different views
  make the agency *divided*: it is not counted, and the tally names it so the chair can ask
  the agency to settle its view.
- **The question is plan or no plan first.** The chair "does not make the ultimate decision
  regarding whether a child is to be subject to a Child Protection Plan ... UNLESS there is a
  split decision": the conference's decision is whether a plan is needed. So the agencies'
  views are first counted as plan against no plan (child in need and no further action
  together). More than half either way decides it; an even count is a split, and on a split
  the chair decides and records why.
- **Child in need or no further action** is settled among the no-plan views only: the larger
  number wins, and a tie goes to a child in need plan, because when a conference makes no
  plan 004 asks the chair to make sure a child in need plan or recommendations for help
  follow. The chair may still record no further action, as an overrule with a rationale.
- **Overruling.** Rarely the chair overrules the conference, e.g. when worried about the
  child's safety. Any recorded outcome other than the one the views imply is an overrule.
- **A minority view is not a dissent.** An agency whose counted view differs from the outcome
  holds a minority view when fewer than half of the agencies stood with it (`differing_views`);
  when the chair overrules the conference or decides a split, the agencies set aside are no
  minority, and are shown as the view the chair decided against. Neither is a dissent, and
  neither stops the conference concluding. A
  formal dissent is recorded only when an agency challenges the decision (004: "the dissent
  process should only be used where the decision and outcome of the meeting is being
  challenged"), and it is recorded with its reason ("it will be recorded formally").
- **Ending a plan.** At a review the same process decides whether the plan continues. A plan
  may end for one of the reasons 004 lists (`ENDING_CRITERIA`); the chair may record which at
  any review where a plan ends. Where the profile says so (`key_actions_block_ending`), no
  plan ends while key safeguarding actions are incomplete (open or not done; a dropped action
  was settled by the core group). Where the profile restricts ending at the first review
  (`first_review_ending_restricted`), the first review (the one after an initial, pre-birth
  or transfer-in conference) ends a plan only under one of 004's first-review criteria, and
  one must be recorded. A child whose plan ends has child in need support for at least the
  profile's minimum (3 months nationally), unless the plan ended because the child is in
  care, has moved to another area, has turned 18, has died or has left the UK.

Pure: documents in, frozen values out. Messages name no person and no child (agency names
are vocabulary): the keys in the data say whom a problem concerns, so a screen can show
names where the viewer may see them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import AttendeeDoc, ConferenceDoc, DecisionDoc, PlanDoc
from cpchair.rules.calendar import Period
from cpchair.rules.profiles import Profile
from cpchair.vocab import (
    AGENCY_LABELS,
    METHODS_NEEDING_RATIONALE,
    OPENING_KINDS,
    OUTCOME_LABELS,
    VOTING_AGENCIES,
    Method,
    Outcome,
)

TallyMethod = Literal["unanimous", "majority", "split"]
PlanQuestion = Literal["plan", "no_plan", "split"]

# An action that is still to be done; "dropped" means the core group agreed it is not needed.
# One that runs on ("ongoing") is not complete either: a plan ends past it only as past an open one.
INCOMPLETE_STATUSES = frozenset({"open", "ongoing", "not_done"})
DEFAULT_CIN_MINIMUM = Period(3, "months")

# 004, "Discontinuing a current Child Protection Plan": "A child may no longer need a Child
# Protection Plan if: 1. A review conference judges that the child is no longer likely to
# suffer significant harm ...; 2. A child has come into care and is sufficiently protected in
# this way; 3. The child has moved permanently to another local authority (... the receiving
# authority has convened a transfer child protection conference and confirmed in writing
# responsibility for case management); 4. The child has reached 18 years of age, has died or
# has been judged to have permanently left the UK". And at the first review: "The original
# concerns are evidenced to be unsubstantiated to the satisfaction of conference attendees".
# The keys are those files already carry, with `no_longer_at_risk` added for criterion 1.
ENDING_CRITERIA: tuple[tuple[str, str], ...] = (
    (
        "no_longer_at_risk",
        "The child is no longer likely to suffer significant harm and no longer needs a plan",
    ),
    ("in_care", "The child has come into care and is protected that way"),
    (
        "moved_area",
        "The child has moved for good to another area, which confirmed in writing it holds "
        "the case",
    ),
    ("adult_died_or_left_uk", "The child has turned 18, has died or has left the UK for good"),
    (
        "concerns_unfounded",
        "The original concerns proved unfounded; key agencies attended or gave views in writing",
    ),
)
ENDING_CRITERION_LABELS = dict(ENDING_CRITERIA)
# 004: "A plan may only be discontinued at the first (3 month) review conference if: Criteria
# b, c or d (above) apply; OR The original concerns are evidenced to be unsubstantiated".
# Criterion 1 (no longer at risk) is not among them: that is a judgement for later reviews.
FIRST_REVIEW_CRITERIA = frozenset({"in_care", "moved_area", "adult_died_or_left_uk",
                                   "concerns_unfounded"})  # fmt: skip
# Criteria under which the child in need step-down does not apply: someone else holds the child.
NO_CIN_CRITERIA = frozenset({"in_care", "moved_area", "adult_died_or_left_uk"})


# --- Who votes, and one view per agency -------------------------------------------------------


def may_vote(agency: str) -> bool:
    """Whether someone of this agency may vote on the decision.

    Only the professional agencies: the decision "is the social work and agency decision"
    (004), and a parent "can offer a view but will not be part of the decision-making" (000).
    """
    return agency in VOTING_AGENCIES


def counted_voter(attendee: AttendeeDoc) -> bool:
    """Whose view is counted: present, voting, and of an agency that may vote (a vote flag
    held from before the rule, on a family member say, counts for nothing)."""
    return attendee.votes and attendee.attendance == "present" and may_vote(attendee.agency)


@dataclass(frozen=True)
class AgencyView:
    """One agency's view for one child, from the views of its voters present."""

    agency: str
    staff: tuple[tuple[str, Outcome], ...]  # (attendee key, view), in the register's order

    @property
    def divided(self) -> bool:
        """Its staff gave different views: the agency is not counted until it settles."""
        return len({view for _, view in self.staff}) > 1

    @property
    def view(self) -> Outcome | None:
        """The agency's one view; None while it is divided."""
        return None if self.divided else self.staff[0][1]

    @property
    def label(self) -> str:
        return AGENCY_LABELS.get(self.agency, self.agency)


def agency_views(conference: ConferenceDoc, child: str) -> tuple[AgencyView, ...]:
    """The views for one child gathered into one per agency: the one rule behind the tally,
    the views grid, the decision window, the record, the close checklist and the importer.

    004: the decision is "the social work and agency decision", so an agency has one view
    however many of its staff are in the room. Counted: the votes of attendees present with
    `votes: true` (a vote given twice counts as the later one). Several staff of one agency
    giving the same view are that agency's one view; staff giving different views make the
    agency divided (`AgencyView.divided`), and it is not counted. Agencies come in the order
    their first voter appears in the register.
    """
    latest: dict[str, Outcome] = {}
    for vote in conference.votes:
        if vote.child == child:
            latest[vote.attendee] = vote.vote  # a changed view replaces the earlier one
    staff: dict[str, list[tuple[str, Outcome]]] = {}
    for a in conference.attendees:
        if counted_voter(a) and a.key in latest:
            staff.setdefault(a.agency, []).append((a.key, latest[a.key]))
    return tuple(AgencyView(agency, tuple(views)) for agency, views in staff.items())


# --- The tally ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """The agencies' views for one child, and what they imply. Counts are of agencies."""

    child: str
    agencies: tuple[AgencyView, ...]  # every agency that gave a view, the divided ones too
    ignored: tuple[str, ...]  # attendee keys whose vote does not count (not a voter, not present)
    plan: int
    child_in_need: int
    no_further_action: int
    plan_question: PlanQuestion | None  # None when no agency's view is counted
    outcome: Outcome | None  # what the views imply; None on a split or with no views
    method: TallyMethod | None

    @property
    def views(self) -> tuple[tuple[str, Outcome], ...]:
        """(agency, view) for each agency counted."""
        return tuple((a.agency, a.view) for a in self.agencies if a.view is not None)

    @property
    def divided(self) -> tuple[str, ...]:
        """Agencies whose staff differ: not counted, for the chair to settle."""
        return tuple(a.agency for a in self.agencies if a.divided)

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

    def agency(self, key: str) -> AgencyView | None:
        return next((a for a in self.agencies if a.agency == key), None)

    def explain(self) -> str:
        """One line for the chair, e.g. "Unanimous: child protection plan (3 agencies)"."""
        text = self._counted()
        if self.divided:
            names = ", ".join(AGENCY_LABELS.get(a, a) for a in self.divided)
            text += f"; divided, not counted: {names}"
        return text

    def _counted(self) -> str:
        if self.method is None:
            return "No agency's view yet" if not self.agencies else "No agency's view counted"
        counts = (
            f"plan {self.plan}, child in need {self.child_in_need}, "
            f"no further action {self.no_further_action}"
        )
        if self.method == "split":
            return f"Split, {_agencies(self.plan)} to {self.no_plan}: the chair decides ({counts})"
        label = OUTCOME_LABELS[self.outcome or "plan"]
        if self.method == "unanimous":
            return f"Unanimous: {label.lower()} ({_agencies(self.total)})"
        return f"Majority: {label.lower()} (agencies: {counts})"


def _agencies(n: int) -> str:
    return f"{n} agency" if n == 1 else f"{n} agencies"


def tally(conference: ConferenceDoc, child: str) -> Tally:
    """Count the views for one child, one per agency (`agency_views`)."""
    attendees = {a.key: a for a in conference.attendees}
    ignored: list[str] = []
    for vote in conference.votes:
        if vote.child != child:
            continue
        who = attendees.get(vote.attendee)
        if (who is None or not counted_voter(who)) and vote.attendee not in ignored:
            ignored.append(vote.attendee)
    agencies = agency_views(conference, child)
    counted = [a.view for a in agencies if a.view is not None]
    plan = counted.count("plan")
    cin = counted.count("child_in_need")
    nfa = counted.count("no_further_action")
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
    elif len(set(counted)) == 1:
        method = "unanimous"
    else:
        method = "majority"
    return Tally(
        child=child,
        agencies=agencies,
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

    The case format: "`unanimous` when every counted agency gave the decided outcome;
    `majority` when more than half of the counted agencies were for a plan ... or against one
    ...; `chair_on_split` when plan and no plan are even; `chair_overrule` when the outcome is
    not what the tally gives." None when no agency's view is counted: there is nothing yet to
    follow or to overrule.
    """
    if result.method is None:
        return None
    if result.method == "split":
        return "chair_on_split"
    if outcome == result.outcome:
        return result.method
    return "chair_overrule"


def method_disagrees(decision: DecisionDoc, conference: ConferenceDoc) -> Method | None:
    """The method the views give, when the decision records another; else None.

    The case format refuses "a file whose method disagrees with its own votes". A decision
    with no counted view behind it has nothing to disagree with.
    """
    expected = recorded_method(tally(conference, decision.child), decision.outcome)
    return expected if expected is not None and expected != decision.method else None


def needs_rationale(method: Method) -> bool:
    return method in METHODS_NEEDING_RATIONALE


@dataclass(frozen=True)
class DifferingView:
    """A counted agency whose view differs from the outcome recorded (`differing_views`)."""

    agency: str
    view: Outcome
    # True: a minority view (fewer than half the agencies counted stood with it); False: the
    # conference's view, or half of it, which the chair decided against (an overrule, a split).
    minority: bool

    @property
    def label(self) -> str:
        return AGENCY_LABELS.get(self.agency, self.agency)

    def heading(self, *, plain: bool = False) -> str:
        """What it is, before the view itself: "Minority view from Education", or "Children's
        social care's view, which the chair decided against"; `plain` for a family copy."""
        if not self.minority:
            return f"{self.label}'s view, which the chair decided against"
        if plain:
            return f"{self.label}'s view, which most agencies did not share"
        return f"Minority view from {self.label}"


def differing_views(result: Tally, outcome: Outcome) -> tuple[DifferingView, ...]:
    """Counted agencies whose view differs from the outcome recorded, each saying whether it
    is a minority view: the one rule the decision stage, the decision window and the documents
    word them by.

    A minority view is one that fewer than half of the agencies counted stood with against the
    outcome: on whether the child needs a plan, those on its side of that question; between a
    child in need plan and no further action, those with its view. An agency outvoted by a
    majority holds one. When the chair overrules the conference, or decides a split, the
    agencies whose view the chair set aside are no minority: half of them or more stood there,
    and they are shown as the view the chair decided against.

    Either way it is not a dissent and never blocks concluding (004: "the dissent process
    should only be used where the decision and outcome of the meeting is being challenged");
    an agency that challenges the decision has a formal dissent recorded.
    """
    out = []
    for agency, view in result.views:
        if view == outcome:
            continue
        if (view == "plan") != (outcome == "plan"):  # apart on whether a plan is needed
            alike = result.plan if view == "plan" else result.no_plan
        else:  # both without a plan: child in need or no further action
            alike = result.count(view)
        out.append(DifferingView(agency, view, minority=2 * alike < result.total))
    return tuple(out)


# --- Missing views --------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingViews:
    """Agencies with voters present none of whom has given a view for one child."""

    child: str
    agencies: tuple[str, ...]
    attendees: tuple[str, ...]  # the voters present of those agencies

    @property
    def message(self) -> str:
        n = len(self.agencies)
        noun = "agency" if n == 1 else "agencies"
        has = "has" if n == 1 else "have"
        return f"{n} voting {noun} present {has} not given a view"


def missing_views(conference: ConferenceDoc, children: Iterable[str]) -> tuple[MissingViews, ...]:
    """For each child (keys, in the order given), the agencies still to give a view; children
    with nothing missing are left out.

    One view per agency (004: "the social work and agency decision"): an agency is missing
    when none of its voters present has given a view, not when one of several has not.
    """
    voters: dict[str, list[str]] = {}
    for a in conference.attendees:
        if counted_voter(a):
            voters.setdefault(a.agency, []).append(a.key)
    out = []
    for child in children:
        given = {a.agency for a in agency_views(conference, child)}  # divided ones gave views
        missing = [agency for agency in voters if agency not in given]
        if missing:
            people = tuple(k for agency in missing for k in voters[agency])
            out.append(MissingViews(child, tuple(missing), people))
    return tuple(out)


# --- Ending a plan --------------------------------------------------------------------------


def is_ending_criterion(value: str | None) -> bool:
    return value in ENDING_CRITERION_LABELS


def is_first_review(conference: ConferenceDoc, previous: ConferenceDoc | None) -> bool:
    """A review held straight after an initial, pre-birth or transfer-in conference."""
    return conference.kind == "review" and previous is not None and previous.kind in OPENING_KINDS


def first_review_restricted(profile: Profile | None) -> bool:
    """Whether the area allows a plan to end at the first review only under 004's criteria
    (without a profile, as in a test, 004's rule applies; the app always passes one)."""
    return profile.first_review_ending_restricted.value if profile is not None else True


def key_actions_block(profile: Profile | None) -> bool:
    """Whether open key safeguarding actions stop a plan ending (004: "No Child Protection
    Plan may be discontinued at any review whilst key safeguarding actions are incomplete")."""
    return profile.key_actions_block_ending.value if profile is not None else True


def criteria_offered(
    conference: ConferenceDoc, previous: ConferenceDoc | None, profile: Profile | None
) -> tuple[tuple[str, str], ...]:
    """The reasons for ending a plan the chair may choose from at this conference.

    Every criterion 004 lists, except at a first review where the profile restricts ending:
    there only those 004 allows ("Criteria b, c or d (above) apply; OR The original concerns
    are evidenced to be unsubstantiated").
    """
    if is_first_review(conference, previous) and first_review_restricted(profile):
        return tuple((k, label) for k, label in ENDING_CRITERIA if k in FIRST_REVIEW_CRITERIA)
    return ENDING_CRITERIA


def was_on_plan(previous: ConferenceDoc | None, child: str) -> bool:
    return previous is not None and any(
        d.child == child and d.outcome == "plan" for d in previous.decisions
    )


def plan_ends(
    decision: DecisionDoc, conference: ConferenceDoc, previous: ConferenceDoc | None
) -> bool:
    """At a review, a child who was on a plan at the last conference comes off it."""
    return comes_off_plan(decision.child, decision.outcome, conference, previous)


def comes_off_plan(
    child: str, outcome: Outcome, conference: ConferenceDoc, previous: ConferenceDoc | None
) -> bool:
    """`plan_ends` for an outcome not yet recorded (the decision window, the edit that checks
    a reason for ending): only the outcome counts, not how it was decided."""
    return conference.kind == "review" and outcome != "plan" and was_on_plan(previous, child)


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
    before = {a.agency for a in previous.attendees if counted_voter(a)}
    here = {a.agency for a in conference.attendees if a.attendance in ("present", "report_only")}
    return tuple(sorted(before - here))


# --- Problems with a decision ---------------------------------------------------------------


@dataclass(frozen=True)
class DecisionProblem:
    """Something wrong or missing with one child's decision."""

    code: str
    message: str
    blocking: bool = True  # False: worth a look, but the conference may still conclude
    attendees: tuple[str, ...] = ()  # attendee keys it concerns (a dissent without reason, say)
    actions: tuple[int, ...] = ()  # indexes into the actions of `actions_checked(...)`
    agencies: tuple[str, ...] = ()  # agencies it concerns (a divided agency, say)


def decision_problems(
    decision: DecisionDoc,
    conference: ConferenceDoc,
    previous: ConferenceDoc | None = None,
    profile: Profile | None = None,
) -> tuple[DecisionProblem, ...]:
    """Everything wrong or missing with the decision for one child.

    `previous` is the last conference held before this one (concluded), needed at a review to
    know whether a plan is ending and whether this is the first review; the profile says
    whether ending at the first review is restricted and whether open key actions block it
    (without one, both do, as nationally).
    """
    problems: list[DecisionProblem] = []
    add = problems.append
    result = tally(conference, decision.child)

    if result.method is None:
        add(DecisionProblem("no_views", "No agency's view is counted, so nothing backs it"))
    else:
        expected = recorded_method(result, decision.outcome)
        if expected is not None and decision.method != expected:
            add(DecisionProblem("method_mismatch", _mismatch(decision.method, expected)))
    if result.divided:
        names = ", ".join(AGENCY_LABELS.get(a, a) for a in result.divided)
        add(
            DecisionProblem(
                "agency_divided",
                f"Divided, so not counted: {names}; ask the agency to settle its view",
                blocking=False,
                agencies=result.divided,
            )
        )

    if decision.method in METHODS_NEEDING_RATIONALE and not (decision.rationale or "").strip():
        why = "on a split" if decision.method == "chair_on_split" else "when overruling"
        add(DecisionProblem("rationale_missing", f"The chair's reasons {why} are not recorded"))

    if decision.outcome == "plan" and not decision.categories:
        add(DecisionProblem("category_missing", "A plan needs at least one category"))
    if decision.outcome != "plan" and decision.categories:
        add(DecisionProblem("category_not_plan", "Categories are only given with a plan"))
    if len(set(decision.categories)) != len(decision.categories):
        add(DecisionProblem("category_twice", "A category is named twice"))

    # 004: a dissent "will be recorded formally": a formal dissent says why.
    unexplained = tuple(d.attendee for d in decision.dissents if not d.reason.strip())
    if unexplained:
        n = len(unexplained)
        noun = "formal dissent has" if n == 1 else "formal dissents have"
        add(
            DecisionProblem(
                "dissent_reason_missing", f"{n} {noun} no reason", attendees=unexplained
            )
        )

    problems.extend(_ending_problems(decision, conference, previous, profile))
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
    decision: DecisionDoc,
    conference: ConferenceDoc,
    previous: ConferenceDoc | None,
    profile: Profile | None,
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
        what = "key safeguarding action" if n == 1 else "key safeguarding actions"
        blocks = key_actions_block(profile)
        message = (
            f"The plan cannot end: {n} {what} {'is' if n == 1 else 'are'} not done"
            if blocks
            else f"The plan ends with {n} {what} not done"
        )
        add(DecisionProblem("key_actions_open", message, blocking=blocks, actions=open_actions))

    if is_first_review(conference, previous) and first_review_restricted(profile):
        if criterion is None:
            add(
                DecisionProblem(
                    "criterion_missing",
                    "Ending a plan at the first review needs one of the criteria recorded",
                )
            )
        elif is_ending_criterion(criterion) and criterion not in FIRST_REVIEW_CRITERIA:
            add(
                DecisionProblem(
                    "criterion_not_first_review",
                    "At the first review a plan ends only if the child is in care, has moved, "
                    "is 18, has died or left the UK, or the concerns proved unfounded",
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
    "FIRST_REVIEW_CRITERIA",
    "INCOMPLETE_STATUSES",
    "NO_CIN_CRITERIA",
    "AgencyView",
    "DecisionProblem",
    "DifferingView",
    "MissingViews",
    "PlanQuestion",
    "Tally",
    "TallyMethod",
    "actions_checked",
    "agencies_missing_since_initial",
    "agency_views",
    "counted_voter",
    "criteria_offered",
    "decision_problems",
    "differing_views",
    "first_review_restricted",
    "is_ending_criterion",
    "is_first_review",
    "key_actions_block",
    "may_vote",
    "method_disagrees",
    "missing_views",
    "needs_rationale",
    "open_key_actions",
    "plan_ends",
    "recorded_method",
    "tally",
    "was_on_plan",
    "what_follows",
]


# --- one reason for the same view of several children -------------------------------------


def carried_reason(conf: ConferenceDoc, attendee: str, child: str, vote: str) -> str | None:
    """The reason this person already gave for the same view of another child, for a view
    of `child` that has none yet: "a plan, for all three, because..." is said once."""
    votes = {(v.attendee, v.child): v for v in conf.votes}
    mine = votes.get((attendee, child))
    if mine is not None and mine.reason:
        return None
    same = (v.reason for (a, k), v in votes.items()
            if a == attendee and k != child and v.vote == vote and v.reason)  # fmt: skip
    return next(same, None)


def reason_shared_with(conf: ConferenceDoc, attendee: str, child: str) -> list[str]:
    """The other children a reason given for this view also goes to: the same person's
    same view, with no reason yet."""
    votes = {(v.attendee, v.child): v for v in conf.votes}
    mine = votes.get((attendee, child))
    if mine is None:
        return []
    return [k for (a, k), v in votes.items()
            if a == attendee and k != child and v.vote == mine.vote and not v.reason]  # fmt: skip
