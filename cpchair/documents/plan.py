"""The plan as documents show it, the dates it sets, and who receives the documents."""

from __future__ import annotations

import datetime as dt

from cpchair.caseio.schema import CaseDoc, ConferenceDoc, PlanDoc
from cpchair.documents import family as fam
from cpchair.documents.model import ACTION_STATUS, Action, Plan, Recipient, StepDown
from cpchair.documents.names import Names
from cpchair.documents.words import and_list, date_text, short_name
from cpchair.rules.close import previous_conference
from cpchair.rules.decisions import ENDING_CRITERION_LABELS, NO_CIN_CRITERIA, plan_ends
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import timescales


def plan_of(conf: ConferenceDoc, case: CaseDoc, profile: Profile, names: Names) -> Plan | None:
    plan = conf.plan
    if plan is None:
        return None
    return Plan(
        outcomes=tuple(plan.outcomes),
        actions=tuple(
            Action(
                what=a.what,
                who=a.who,
                by=date_text(a.by, "Not set"),
                about=names.about(a.children),
                key_safeguarding=a.key_safeguarding,
                status=ACTION_STATUS[a.status],
            )
            for a in plan.actions
        ),
        core_group=tuple(_member(names, k) for k in plan.core_group),
        dates=_plan_dates(conf, case, plan, profile),
        contingency=plan.contingency or None,
        visiting=plan.visiting or None,
        recommendations=tuple(plan.recommendations),
        embassy=plan.embassy_notification,
        # At a review the family sees which actions were done, dropped or are still open.
        statuses=conf.kind == "review",
    )


def _member(names: Names, key: str) -> str:
    """A core group member with their contact details; confidential ones only ever appear in
    the full record, since the outline plan is handed round the room."""
    contact = names.shared_contact(key)
    return f"{names.member(key)} ({contact})" if contact else names.member(key)


def step_down_of(conf: ConferenceDoc, case: CaseDoc, profile: Profile) -> StepDown | None:
    """The children whose plan ends at this review, and the child in need support after it.

    004: "All children who have been subject to a Child Protection Plan will be supported by
    a CiN Plan for a minimum of 3 months" (the minimum is the profile's), except where the
    plan ends because someone else now holds the child (in care, moved, 18, died, left).
    When no child stays on a plan, this section takes the old plan's place in the documents.
    """
    previous = previous_conference(case, conf)
    ending = [d for d in conf.decisions if plan_ends(d, conf, previous)]
    if not ending:
        return None
    children = {c.key: c for c in case.children}
    ending = [d for d in ending if d.child in children]
    supported = [d for d in ending if d.ending_criterion not in NO_CIN_CRITERIA]
    no_support = tuple(
        f"The plan for {short_name(children[d.child])} ends because "
        f"{ENDING_CRITERION_LABELS[d.ending_criterion or ''].lower()}, so no child in need "
        "plan follows."
        for d in ending
        if d.ending_criterion in NO_CIN_CRITERIA
    )
    subjects = [c.key for c in case.children if c.subject]
    decided = {d.child: d.outcome for d in conf.decisions}
    stays = any(outcome == "plan" for outcome in decided.values())
    return StepDown(
        children=and_list([short_name(children[d.child]) for d in supported]),
        minimum=str(profile.cin_support_minimum.period),
        no_support=no_support,
        replaces_plan=not stays and all(k in decided for k in subjects),
    )


def _plan_dates(
    conf: ConferenceDoc, case: CaseDoc, plan: PlanDoc, profile: Profile
) -> tuple[tuple[str, str], ...]:
    """The dates set, or when each falls due when the plan goes on and none was set yet."""
    births = [c.expected_birth_date for c in case.children if c.subject and c.expected_birth_date]
    due = {
        d.key: d.date
        for d in timescales(
            conf.kind,
            conf.date,
            profile,
            trigger=conf.trigger_date,
            birth=min(births) if births else None,
        )
    }
    plan_goes_on = not conf.decisions or any(d.outcome == "plan" for d in conf.decisions)

    def line(label: str, value: dt.date | None, key: str) -> tuple[str, str] | None:
        if value is not None:
            return (label, date_text(value))
        if plan_goes_on and key in due:
            return (label, f"Not yet set; due by {date_text(due[key])}")
        return None

    lines = [
        line("First core group", plan.first_core_group, "first_core_group"),
        line("First child protection visit", plan.first_visit, "first_cp_visit"),
        line("Next review conference", plan.review_conference, "next_review"),
    ]
    return tuple(x for x in lines if x is not None)


def recipients_of(conf: ConferenceDoc, case: CaseDoc, *, record: bool) -> tuple[Recipient, ...]:
    return tuple(
        Recipient(r.name, r.role, fam.COPY_LABELS[r.copy])
        for r in fam.recipients(conf, case.people, case.lead_social_worker.name, record=record)
    )
