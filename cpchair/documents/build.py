"""Build the view model of one conference, whole or as one family member's copy.

What a family copy may not hold is left out here, before anything is laid out or rendered,
so no renderer can let it through: a family copy is built from the case as `redact.py` leaves
it, and the stages its reader was kept out of are dropped (the rules are in `family.py`).
Its generated wording is put in plain words. Pure: no Textual, no database; the practice
profile comes from the case, for the due dates, the escalation threshold, the complaints
route and the child in need minimum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cpchair.caseio.schema import CaseDoc, ChildDoc, ConferenceDoc
from cpchair.documents import family as fam
from cpchair.documents.meeting import (
    advocates_not_used,
    attendance,
    exclusions,
    incidents,
    mapping,
    people,
    quorum,
    quorum_notes,
    reports,
    views,
    views_not_given,
)
from cpchair.documents.model import (
    ChildRow,
    DocumentModel,
    Scaling,
    conference_by_key,
)
from cpchair.documents.names import Names
from cpchair.documents.outcomes import (
    agency_views,
    danger_statements,
    decisions,
    loose_goals,
    scaling_of,
)
from cpchair.documents.plan import plan_of, recipients_of, step_down_of
from cpchair.documents.redact import family_case
from cpchair.documents.trend import trend_for
from cpchair.documents.words import (
    age_text,
    child_name,
    date_text,
    datetime_text,
    plain,
    time_text,
)
from cpchair.rules.child_names import first_name_of
from cpchair.rules.close import previous_conference
from cpchair.rules.profiles import Profile, profile_for
from cpchair.vocab import KIND_TITLES, STAGES, STATUS_LABELS


def build(
    case: CaseDoc,
    conference_key: str,
    *,
    family_copy: bool = False,
    recipient: str | None = None,
    profile: Profile | None = None,
) -> DocumentModel:
    """The view model of one conference: the full copy, or a family copy for `recipient` (an
    attendee or people key, or a unique name; implies a family copy). A family copy without a
    recipient is the one every family member would get: `family.CopiesDiffer` when theirs
    differ, `family.RecipientError` for a recipient with no family copy."""
    conf = conference_by_key(case, conference_key)
    profile = profile or profile_for(case.profile)
    family_copy = family_copy or recipient is not None
    copy = fam.family_copy(case, conf, recipient) if family_copy else None
    if copy is not None:  # from here on, only what this copy may show
        case = family_case(case, copy)
        conf = conference_by_key(case, conference_key)
    withheld = copy.withheld if copy else frozenset()

    def out(section: str) -> bool:  # left out of this copy
        return fam.section_withheld(section, withheld)

    attendees = {a.key: a for a in conf.attendees}
    children = {c.key: c for c in case.children}
    decided = {d.child for d in conf.decisions}
    rows = {c.key: _child_row(c, conf.date) for c in case.children}
    subject_keys = {c.key for c in case.children if c.subject or c.key in decided}
    subjects = tuple(rows[c.key] for c in case.children if c.key in subject_keys)
    others = tuple(rows[c.key] for c in case.children if c.key not in subject_keys)
    names = Names(attendees, children, case)

    return DocumentModel(
        reference=case.reference,
        family_name=case.family_name,
        conference=KIND_TITLES[conf.kind],
        date=date_text(conf.date),
        time=time_text(conf.start_time),
        venue=_venue(conf),
        chair=conf.chair,
        chair_contact=conf.chair_contact or None,
        minute_taker=conf.minute_taker or "",
        reopened=tuple(f"{datetime_text(r.at)}: {r.reason}" for r in conf.reopened),
        late_reason=conf.late_reason or None,
        lead_social_worker=_social_worker(case),
        status=STATUS_LABELS[conf.status],
        draft=conf.status != "concluded",
        family_copy=family_copy,
        copy_for=_reader(copy.recipient) if copy and copy.recipient else None,
        no_contacts=bool(copy and copy.no_contacts),
        withheld=tuple(s for s in STAGES if s in withheld),
        complaints=profile.complaints.value if family_copy else None,
        children=subjects,
        other_children=others,
        decisions=decisions(
            conf,
            subjects,
            names,
            hide_how=out("how_decided"),
            previous=previous_conference(case, conf),
            plain=family_copy,
        ),
        agency_views=() if out("agency_views") else agency_views(conf, subjects, names),
        danger_statements=() if out("danger_goals") else danger_statements(conf, names),
        other_goals=() if out("danger_goals") else loose_goals(conf, names),
        scaling=None if out("scaling") else _scaling(scaling_of(conf, profile, names), family_copy),
        plan=plan_of(conf, case, profile, names),
        step_down=step_down_of(conf, case, profile),
        outline_recipients=recipients_of(conf, case, record=False),
        record_recipients=recipients_of(conf, case, record=True),
        attendance=() if out("attendance") else attendance(conf),
        exclusions=() if out("exclusions") else exclusions(conf, family_copy, names),
        confidentiality_statement_read=conf.confidentiality_statement_read,
        quorum=() if out("quorum") else quorum(conf, case, rows, family=family_copy),
        quorum_notes=() if out("quorum") else quorum_notes(conf, case, family=family_copy),
        reports=() if out("reports") else reports(conf, profile, names),
        people=() if out("people") else people(case, family_copy),
        views=() if out("views") else views(conf, names),
        views_not_given=() if out("views") else views_not_given(conf, names),
        advocates_not_used=() if out("views") else advocates_not_used(conf, names),
        incidents=() if out("incidents") else incidents(conf),
        mapping=() if out("mapping") else mapping(conf, family_copy, names),
        trend=None if out("scaling") else trend_for(case, conf, copy),
    )


def _reader(r: fam.Recipient) -> str:
    return f"{r.name} ({r.role})" if r.role else r.name


def _scaling(built: Scaling | None, family: bool) -> Scaling | None:
    """A family copy's scaling summary in plain words (the reasons stay as given)."""
    if built is None or not family:
        return built
    scales = tuple(
        replace(s, facts=tuple((plain(k), plain(v)) for k, v in s.facts)) for s in built.scales
    )
    return replace(built, scales=scales)


def _child_row(child: ChildDoc, on: dt.date) -> ChildRow:
    return ChildRow(
        child.key, child_name(child), first_name_of(child), age_text(child, on), child.subject
    )


def _venue(conf: ConferenceDoc) -> str:
    if conf.virtual:
        return f"{conf.venue} (online)" if conf.venue else "Online"
    return conf.venue or "Not recorded"


def _social_worker(case: CaseDoc) -> str:
    sw = case.lead_social_worker
    return f"{sw.name}, {sw.team}" if sw.team else sw.name
