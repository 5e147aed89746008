"""The plan as documents show it, the dates it sets, and who receives the documents."""

from __future__ import annotations

import datetime as dt

from cpchair.caseio.schema import CaseDoc, ConferenceDoc, PlanDoc
from cpchair.documents import family as fam
from cpchair.documents.model import ACTION_STATUS, Action, Plan, Recipient
from cpchair.documents.names import Names
from cpchair.documents.words import date_text
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
        core_group=tuple(names.member(k) for k in plan.core_group),
        dates=_plan_dates(conf, case, plan, profile),
        contingency=plan.contingency or None,
        visiting=plan.visiting or None,
        recommendations=tuple(plan.recommendations),
        embassy=plan.embassy_notification,
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
