"""The plan as documents show it, the dates it sets, and who receives the documents."""

from __future__ import annotations

from cpchair.caseio.schema import CaseDoc, ConferenceDoc, PlanDoc
from cpchair.documents import family as fam
from cpchair.documents.model import Action, Plan, Recipient, StepDown
from cpchair.documents.names import Names
from cpchair.documents.words import and_list, date_text, short_name
from cpchair.rules.close import previous_conference
from cpchair.rules.decisions import ENDING_CRITERION_LABELS, NO_CIN_CRITERIA, plan_ends
from cpchair.rules.plan_dates import plan_dates
from cpchair.rules.profiles import Profile
from cpchair.rules.timescales import standing_rules
from cpchair.vocab import ACTION_STATUS_LABELS, PLAN_DATE_TITLES, STANDING_TITLES


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
                status=ACTION_STATUS_LABELS[a.status],
                confidential=a.confidential,
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
    return f"{names.member(key)}: {contact}" if contact else names.member(key)


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
        minimum=str(m.period) if (m := profile.cin_support_minimum) else None,
        no_support=no_support,
        replaces_plan=not stays and all(k in decided for k in subjects),
    )


def _plan_dates(
    conf: ConferenceDoc, case: CaseDoc, plan: PlanDoc, profile: Profile
) -> tuple[tuple[str, str], ...]:
    """While a plan goes on: each date set, or when it falls due; a date set past its limit
    says the limit, which it does not move; an early review (held without a quorum) says it
    must come before the usual limit. Then the standing rules: how often later core groups
    meet, when the outline plan and the record reach the parents."""
    plan_goes_on = not conf.decisions or any(d.outcome == "plan" for d in conf.decisions)
    if not plan_goes_on:
        return ()
    lines = []
    for d in plan_dates(case, conf, profile):
        due = date_text(d.due) if d.due is not None else ""
        if d.set is None:
            if d.due is None:
                continue  # the area's procedure sets no time for it
            text = f"Not yet set; {'early review: before' if d.early else 'due by'} {due}"
        elif d.early:
            text = f"{date_text(d.set)} (early review: before {due})"
        elif d.late:
            text = f"{date_text(d.set)} (later than its limit: due by {due})"
        else:
            text = date_text(d.set)
        lines.append((PLAN_DATE_TITLES[d.field], text))
    for rule in standing_rules(conf.kind, conf.date, profile):
        if rule.date is None:
            text = f"{rule.when[0].upper()}{rule.when[1:]} after the first"
        elif rule.date == conf.date:
            text = "At the end of the conference"
        else:
            text = f"By {date_text(rule.date)}"
        lines.append((STANDING_TITLES[rule.key], text))
    return tuple(lines)


def recipients_of(conf: ConferenceDoc, case: CaseDoc, *, record: bool) -> tuple[Recipient, ...]:
    return tuple(
        Recipient(r.name, r.role, fam.COPY_LABELS[r.copy])
        for r in fam.recipients(conf, case.people, case.lead_social_worker.name, record=record)
    )
