"""Close: what is still missing before a conference can be marked concluded.

DOMAIN.md, stage 9: everyone leaves with the outline plan (categories and decision per child,
actions with who and when, the core group and next conference dates, the social worker's
name), so it must be neither wrong nor incomplete. Each item says which stage to go back to
and whether it stops the chair concluding (blocking) or is only worth a second look (warning).

Blocking: inquorate with no reason recorded; an escalation owed and not recorded; a subject
child with no decision; a voting agency present with no view (one view per agency; a warning
if all its voters left early); any blocking problem of a decision (`decisions.decision_problems`,
which reads the profile's switches for ending a plan); a plan without a lead social
worker, review date, first core group, core group, outcomes, actions (each saying what and
who), contingency or visiting.
Warnings: what a chair would want to see but may have good reason to lack; among them an
open action dated before the conference (carried forward to a review, say), no chair's
contact for the family copies, a
review, first core group or first visit set later than it is due, and after a conference held
without a quorum a review not set before the usual limit (`plan_dates`, which needs the case and
the profile: `close_checklist` works them out).

Participation (`rules/participation.py`, at the opening, where it is recorded), when the whole
case is given: blocking where the procedure says must and the chair can put the record right
in a line: a parent's or child's view with no reason why not (004: "No conference should go
ahead without the views of children and their parents"), a child's or parent's absence with
no reason (004: "must record the absence and the reasons for absence"), an initial, pre-birth
or transfer-in conference held late with no reason (004: "including reasons for the delay"),
and a family member on the register as the interpreter. Warnings: an advocate not offered
(002 says "should"), a practitioner's absence, a late review, and an interpreter missing: 004's
"must" is on providing one before the meeting, and at the close the record can only say who
came, so blocking would push the chair to falsify the register to conclude.

Pure: documents in, frozen values out; messages name no person and no child.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cpchair.caseio.schema import CaseDoc, ChildDoc, ConferenceDoc, SocialWorker
from cpchair.rules.calendar import day_text
from cpchair.rules.decisions import decision_problems, missing_views
from cpchair.rules.participation import is_family_member, participation
from cpchair.rules.plan_dates import PlanDate, plan_dates
from cpchair.rules.profiles import Profile
from cpchair.rules.quorum import needs_early_review, quorum_state
from cpchair.rules.scaling import needs_escalation
from cpchair.vocab import OPENING_KINDS, STAGES, Stage

# 002's grading of 0-2 (what england.toml uses), used when no profile is given.
DEFAULT_ESCALATION_THRESHOLD = 2


@dataclass(frozen=True)
class CloseItem:
    """One thing missing or wrong before the conference can be concluded."""

    code: str
    message: str
    stage: Stage
    blocking: bool
    child: str | None = None  # the child's key when it concerns one child
    attendees: tuple[str, ...] = ()  # attendee keys it concerns
    actions: tuple[int, ...] = ()  # indexes into the plan's actions
    person: str | None = None  # a family member's key (people[]) when it concerns one


def previous_conference(case: CaseDoc, conference: ConferenceDoc) -> ConferenceDoc | None:
    """The last concluded conference listed before this one (conferences are oldest first)."""
    before = []
    for c in case.conferences:
        if c is conference or c.key == conference.key:
            break
        if c.status == "concluded":
            before.append(c)
    return before[-1] if before else None


def _find(case: CaseDoc, conference_key: str) -> ConferenceDoc:
    for c in case.conferences:
        if c.key == conference_key:
            return c
    raise KeyError(f"no conference {conference_key!r} in this case")


def close_checklist(
    case: CaseDoc, conference_key: str, *, profile: Profile | None = None
) -> tuple[CloseItem, ...]:
    """What is missing before the conference with this key can be concluded, by stage."""
    conference = _find(case, conference_key)
    return checklist(
        conference,
        case.children,
        case.lead_social_worker,
        previous=previous_conference(case, conference),
        profile=profile,
        dates=plan_dates(case, conference, profile) if profile is not None else (),
        case=case,
    )


def can_conclude(case: CaseDoc, conference_key: str, *, profile: Profile | None = None) -> bool:
    return not any(i.blocking for i in close_checklist(case, conference_key, profile=profile))


def blocking(items: Sequence[CloseItem]) -> tuple[CloseItem, ...]:
    return tuple(i for i in items if i.blocking)


def checklist(
    conference: ConferenceDoc,
    children: Sequence[ChildDoc],
    lead_social_worker: SocialWorker | None,
    *,
    previous: ConferenceDoc | None = None,
    profile: Profile | None = None,
    dates: Sequence[PlanDate] = (),
    case: CaseDoc | None = None,
) -> tuple[CloseItem, ...]:
    """The close checklist for one conference, in stage order.

    `previous` is the last conference held before it (for ending a plan at a review); the
    profile sets the escalation threshold (002's 0-2 without one) and the ages for children's
    views and advocates; `dates` are the plan's dates with their limits (`plan_dates`), checked
    when given; `case` (the family, the timescales) adds the items of participation.
    """
    items: list[CloseItem] = []
    items += _opening(conference, children, dates)
    if case is not None:
        items += _participation(case, conference, profile)
    items += _record_choices(conference)
    items += _before_decision(conference)
    items += _scaling(conference, profile)
    items += _decisions(conference, children, previous, profile)
    items += _plan(conference, children, lead_social_worker)
    items += _overdue_actions(conference)
    items += _late_dates(conference, dates)
    items += _chair_contact(conference)
    order = {stage: i for i, stage in enumerate(STAGES)}
    return tuple(sorted(items, key=lambda i: order[i.stage]))  # stable: keeps order in a stage


def _opening(
    conference: ConferenceDoc, children: Sequence[ChildDoc], dates: Sequence[PlanDate]
) -> list[CloseItem]:
    items = []
    state = quorum_state(conference, children)
    if state == "inquorate":
        items.append(
            CloseItem(
                "inquorate",
                "Not quorate, and no reason for going ahead is recorded",
                "opening",
                blocking=True,
            )
        )
    elif needs_early_review(conference, children):
        # 004: "Where an inquorate conference is held, an early review conference should be
        # arranged": a review set before the usual limit settles it.
        review = next((d for d in dates if d.field == "review_conference" and d.early), None)
        if review is None or review.due is None:
            message = "Held inquorate: set an early review conference"
        elif review.set is None:
            message = f"Held inquorate: set an early review, before {day_text(review.due)}"
        else:
            message = (
                f"Held inquorate: the review must be early, before {day_text(review.due)}; "
                "the date set is not"
            )
        if review is None or review.late or review.set is None:
            items.append(CloseItem("early_review", message, "plan", blocking=False))
    if not conference.confidentiality_statement_read:
        items.append(
            CloseItem(
                "confidentiality",
                "The confidentiality statement is not marked as read",
                "opening",
                blocking=False,
            )
        )
    return items


def _participation(
    case: CaseDoc, conference: ConferenceDoc, profile: Profile | None
) -> list[CloseItem]:
    """Participation, person by person; blocking where the procedure says must (see above)."""
    children = {c.key for c in case.children}
    people = {p.key for p in case.people}
    items = []
    for need in participation(case, conference, profile):
        whose = need.whose
        # A family member is named through the register where they are on it.
        linked = tuple(a.key for a in conference.attendees if whose and a.person == whose)
        attendees = (need.attendee,) if need.attendee else linked
        items.append(
            CloseItem(
                need.code,
                need.message,
                "opening",
                blocking=need.must,
                child=whose if whose in children else None,
                attendees=attendees,
                person=whose if whose in people else None,
            )
        )
    return items


def _record_choices(conference: ConferenceDoc) -> list[CloseItem]:
    """An excluded family member whose record the chair has not chosen: a warning, since
    until then they receive the part they attended. 004: "The Chair should decide if the entire
    record is provided or only that part attended by the excluded parent"."""
    family = {a.key for a in conference.attendees if is_family_member(a)}
    return [
        CloseItem(
            "record_not_chosen",
            "Not yet chosen which record an excluded family member receives "
            "(until then, the part they attended)",
            "opening",
            blocking=False,
            attendees=(e.attendee,),
        )
        for e in conference.exclusions
        if e.attendee in family and e.record is None
    ]


def _before_decision(conference: ConferenceDoc) -> list[CloseItem]:
    items = []
    if not conference.views:
        items.append(
            CloseItem(
                "no_views",
                "No views of the children or parents are recorded",
                "opening",  # views are taken at the opening, with the attendance
                blocking=False,
            )
        )
    if not conference.mapping:
        items.append(
            CloseItem("no_mapping", "Nothing is recorded in the mapping", "mapping", False)
        )
    if not conference.danger_statements and any(d.outcome == "plan" for d in conference.decisions):
        items.append(
            CloseItem(
                "no_danger_statements",
                "A plan is made but no danger statement is recorded",
                "danger_goals",
                blocking=False,
            )
        )
    return items


def _scaling(conference: ConferenceDoc, profile: Profile | None) -> list[CloseItem]:
    scaling = conference.scaling
    if scaling is None or scaling.overall is None:
        return [
            CloseItem(
                "no_overall_grading",
                "No overall scaling grading is recorded",
                "scaling",
                blocking=False,
            )
        ]
    threshold = profile.escalation_threshold if profile else DEFAULT_ESCALATION_THRESHOLD
    if needs_escalation(scaling.overall, scaling.polarity, threshold) and (
        conference.escalation is None
    ):
        return [
            CloseItem(
                "escalation_missing",
                "The overall grading needs escalating to a service manager; none is recorded",
                "scaling",
                blocking=True,
            )
        ]
    return []


def _decisions(
    conference: ConferenceDoc,
    children: Sequence[ChildDoc],
    previous: ConferenceDoc | None,
    profile: Profile | None,
) -> list[CloseItem]:
    items: list[CloseItem] = []
    decided = {d.child: d for d in conference.decisions}
    known = [c.key for c in children]
    # Children the conference must decide for: every subject child, and any child it did
    # decide for or gather views on.
    voted = {v.child for v in conference.votes}
    considered = [c.key for c in children if c.subject or c.key in decided or c.key in voted]
    considered += [k for k in decided if k not in known]

    for child in children:
        if child.key in decided:
            continue
        if child.subject:
            items.append(
                CloseItem(
                    "no_decision",
                    "No decision is recorded for this child",
                    "decision",
                    blocking=True,
                    child=child.key,
                )
            )
        else:
            items.append(
                CloseItem(
                    "no_decision_other_child",
                    "No decision for this child of the household (not a subject child); "
                    "record one if the conference considered them",
                    "decision",
                    blocking=False,
                    child=child.key,
                )
            )

    left = _left_early(conference)
    for gap in missing_views(conference, considered):
        # An agency whose voters all left early may have gone before the decision: a warning.
        items.append(
            CloseItem(
                "missing_views",
                gap.message,
                "decision",
                blocking=not all(k in left for k in gap.attendees),
                child=gap.child,
                attendees=gap.attendees,
            )
        )

    for decision in conference.decisions:
        for p in decision_problems(decision, conference, previous, profile):
            items.append(
                CloseItem(
                    p.code,
                    p.message,
                    "decision",
                    blocking=p.blocking,
                    child=decision.child,
                    attendees=p.attendees,
                    actions=p.actions,
                )
            )
    return items


def _left_early(conference: ConferenceDoc) -> set[str]:
    """Attendees present who left before the last of those present left."""
    present = [a for a in conference.attendees if a.attendance == "present"]
    times = [a.left for a in present if a.left is not None]
    if not times:
        return set()
    end = max(times)
    return {a.key for a in present if a.left is not None and a.left < end}


def _plan(
    conference: ConferenceDoc,
    children: Sequence[ChildDoc],
    lead_social_worker: SocialWorker | None,
) -> list[CloseItem]:
    on_plan = [d.child for d in conference.decisions if d.outcome == "plan"]
    no_plan = [d.child for d in conference.decisions if d.outcome != "plan"]
    plan = conference.plan
    items: list[CloseItem] = []

    def need(code: str, message: str, missing: bool, blocking: bool = True) -> None:
        if missing:
            items.append(CloseItem(code, message, "plan", blocking))

    has_worker = lead_social_worker is not None and bool(lead_social_worker.name.strip())
    need("no_lead_social_worker", "No lead social worker is named", not has_worker, bool(on_plan))

    if no_plan and (plan is None or not plan.recommendations):
        need(
            "no_recommendations",
            "No recommendations are recorded for the help that follows without a plan",
            True,
            blocking=False,
        )
    if not on_plan:
        return items
    if plan is None:
        need("no_plan", "A child is on a plan but no plan is recorded", True)
        return items

    need("no_review_date", "No date is set for the review conference", not plan.review_conference)
    need(
        "no_first_core_group", "No date is set for the first core group", not plan.first_core_group
    )
    need(
        "no_first_visit",
        "No date is set for the first child protection visit",
        conference.kind in OPENING_KINDS and plan.first_visit is None,
        blocking=False,  # later visits are in the visiting arrangements, which do block
    )
    need("no_core_group", "No core group is named", not plan.core_group)
    need("no_outcomes", "The plan has no outcomes for the children", not plan.outcomes)
    need("no_actions", "The plan has no actions", not plan.actions)
    need("no_contingency", "No contingency plan is recorded", not (plan.contingency or "").strip())
    need(
        "no_visiting",
        "No visiting arrangements are recorded",
        not (plan.visiting or "").strip(),
    )

    vague = tuple(i for i, a in enumerate(plan.actions) if not a.what.strip() or not a.who.strip())
    if vague:
        items.append(
            CloseItem(
                "action_what_who",
                _count(len(vague), "action does", "actions do") + " not say what and who",
                "plan",
                blocking=True,
                actions=vague,
            )
        )
    undated = tuple(i for i, a in enumerate(plan.actions) if a.status == "open" and a.by is None)
    if undated:
        items.append(
            CloseItem(
                "action_no_date",
                _count(len(undated), "open action has", "open actions have") + " no date",
                "plan",
                blocking=False,
                actions=undated,
            )
        )
    for child in on_plan:
        if not any(not a.children or child in a.children for a in plan.actions):
            items.append(
                CloseItem(
                    "no_action_for_child",
                    "No action in the plan is for this child",
                    "plan",
                    blocking=False,
                    child=child,
                )
            )
    return items


def _overdue_actions(conference: ConferenceDoc) -> list[CloseItem]:
    """Open actions whose date came before this conference: carried forward to a review, they
    would tell the family an action is due "by" a day already gone. A warning: the chair gives
    a new date or records what became of it (004: plans need "specific and measurable targets",
    reviewed "in order for the protection plan to progress and avoid any elements of drift")."""
    plan = conference.plan
    if plan is None:
        return []
    overdue = tuple(
        i
        for i, a in enumerate(plan.actions)
        if a.status == "open" and a.by is not None and a.by < conference.date
    )
    if not overdue:
        return []
    n = len(overdue)
    return [
        CloseItem(
            "action_overdue",
            f"{_count(n, 'open action is', 'open actions are')} dated before this conference: "
            f"set a new date, or record {'its' if n == 1 else 'their'} status",
            "plan",
            blocking=False,
            actions=overdue,
        )
    ]


_LATE_CODES = {
    "first_core_group": "first_core_group_late",
    "first_visit": "first_visit_late",
    "review_conference": "review_late",
}


def _late_dates(conference: ConferenceDoc, dates: Sequence[PlanDate]) -> list[CloseItem]:
    """A date of the plan set later than its limit: worth a second look, since the limit stays
    what it was (the earlier of the two is what is due). An early review is said above."""
    if not any(d.outcome == "plan" for d in conference.decisions):
        return []
    items = []
    for d in dates:
        if not d.late or d.early or d.due is None:
            continue
        days = d.days_late
        items.append(
            CloseItem(
                _LATE_CODES[d.field],
                f"{d.label} is set {days} day{'' if days == 1 else 's'} later than its limit, "
                f"{day_text(d.due)}",
                "plan",
                blocking=False,
            )
        )
    return items


def _chair_contact(conference: ConferenceDoc) -> list[CloseItem]:
    """Every family copy tells the family how to reach the chair, since complaints about the
    conference "should be addressed to the conference Chair" (004). Without a contact the copy
    can only send them to the social worker: worth putting right before the copies go out."""
    if (conference.chair_contact or "").strip():
        return []
    return [
        CloseItem(
            "no_chair_contact",
            "No chair's contact is recorded: every family copy gives it (add it to the "
            "conference's details)",
            "close",
            blocking=False,
        )
    ]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


__all__ = [
    "DEFAULT_ESCALATION_THRESHOLD",
    "CloseItem",
    "blocking",
    "can_conclude",
    "checklist",
    "close_checklist",
    "previous_conference",
]
