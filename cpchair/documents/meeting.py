"""The record's account of the meeting: attendance and exclusions, quorum, reports, the
family and network, views, what has got us here, and the mapping."""

from __future__ import annotations

from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ConferenceDoc
from cpchair.documents import family as fam
from cpchair.documents.model import (
    AttendanceRow,
    ChildRow,
    Exclusion,
    Incident,
    MappingColumn,
    MappingEntry,
    PersonRow,
    ReportRow,
    View,
)
from cpchair.documents.names import Names
from cpchair.documents.words import agency_label, date_text, plain, time_text, who
from cpchair.rules.profiles import Profile
from cpchair.rules.quorum import child_quorum, has_override, needs_early_review
from cpchair.rules.reports import report_checks
from cpchair.vocab import (
    ATTENDANCE_LABELS,
    INCIDENT_LABELS,
    INCIDENTS,
    MAPPING_COLUMNS,
    MAPPING_LABELS,
    NATURE_LABELS,
    STAGE_LABELS,
    STAGES,
    VIEW_HOW_WORDS,
)

# The chair's choice of record for an excluded family member (004: "The Chair should decide if
# the entire record is provided or only that part attended by the excluded parent").
RECORD_WORDS = {
    "whole": "The whole record",
    "attended": "The part they attended",
    "unset": "Not yet chosen: the part they attended",
}


def attendance(conf: ConferenceDoc) -> tuple[AttendanceRow, ...]:
    def times(a: AttendeeDoc) -> str:
        if a.arrived and a.left:
            return f"{time_text(a.arrived)}\N{EN DASH}{time_text(a.left)}"
        if a.arrived:
            return f"From {time_text(a.arrived)}"
        if a.left:
            return f"Left {time_text(a.left)}"
        return ""

    return tuple(
        AttendanceRow(
            a.name,
            a.role,
            agency_label(a.agency),
            ATTENDANCE_LABELS[a.attendance],
            times(a),
            a.contact or "",
            a.absence_reason or "" if a.attendance != "present" else "",
        )
        for a in conf.attendees
    )


def exclusions(conf: ConferenceDoc, family_copy: bool, names: Names) -> tuple[Exclusion, ...]:
    out = []
    listed = set()
    for e in conf.exclusions:
        listed.add(e.attendee)
        stages = [s for s in STAGES if s in fam.excluded_stages(e)]
        if len(stages) == len(STAGES):
            part = "The whole conference"
        elif len(stages) <= 2:
            part = "; ".join(STAGE_LABELS[s] for s in stages)
        else:
            part = f"From {STAGE_LABELS[stages[0]]} to {STAGE_LABELS[stages[-1]]}"
        record = None if family_copy else RECORD_WORDS[e.record or "unset"]
        out.append(
            Exclusion(names.who(e.attendee), part, None if family_copy else e.reason, record)
        )
    for a in conf.attendees:  # marked excluded without an entry: the whole conference
        if a.attendance == "excluded" and a.key not in listed:
            reason = None if family_copy else "No reason recorded."
            out.append(Exclusion(who(a), "The whole conference", reason))
    return tuple(out)


def quorum(
    conf: ConferenceDoc, case: CaseDoc, rows: dict[str, ChildRow], *, family: bool = False
) -> tuple[tuple[str, str], ...]:
    words = plain if family else str
    return tuple(
        (rows[q.child].name, words(q.explain())) for q in child_quorum(conf, case.children)
    )


def quorum_notes(conf: ConferenceDoc, case: CaseDoc, *, family: bool = False) -> tuple[str, ...]:
    notes = []
    if has_override(conf):
        went = "without enough agencies there" if family else "without a quorum"
        notes.append(f"The chair went ahead {went}: {conf.quorum_override}")
    if needs_early_review(conf, case.children):
        notes.append(
            "Not enough agencies were there, so an early review conference is needed."
            if family
            else "The conference was not quorate, so an early review conference is needed."
        )
    return tuple(notes)


def reports(conf: ConferenceDoc, profile: Profile, names: Names) -> tuple[ReportRow, ...]:
    checks = report_checks(conf, profile, today=conf.date)
    rows = []
    for c in checks:
        note = c.warning().removeprefix("report ")
        rows.append(
            ReportRow(
                who=names.who(c.attendee),
                received=date_text(c.received_on, "Not received"),
                shared=date_text(c.shared_on, "Not shared"),
                note=f"Late: {note}" if note else "In time",
            )
        )
    checked = {c.attendee for c in checks}
    for a in conf.attendees:  # anyone else who sent a report (a family member, an advocate)
        if a.key not in checked and (a.report_received or a.report_shared_with_family):
            rows.append(
                ReportRow(
                    who(a),
                    date_text(a.report_received, "Not received"),
                    date_text(a.report_shared_with_family, "Not shared"),
                    "",
                )
            )
    return tuple(rows)


def people(case: CaseDoc, family_copy: bool) -> tuple[PersonRow, ...]:
    return tuple(
        PersonRow(
            p.name,
            p.relationship,
            p.parental_responsibility,
            None if family_copy else p.contact_confidential,
            p.contact or None,
        )
        for p in case.people
    )


def views(conf: ConferenceDoc, names: Names) -> tuple[View, ...]:
    return tuple(
        View(names.whose(v.whose), VIEW_HOW_WORDS[v.how], v.summary, v.confidential)
        for v in conf.views
    )


def views_not_given(conf: ConferenceDoc, names: Names) -> tuple[tuple[str, str], ...]:
    return tuple((names.whose(v.whose), v.reason) for v in conf.views_not_given)


def advocates_not_used(conf: ConferenceDoc, names: Names) -> tuple[tuple[str, str], ...]:
    return tuple((names.child(a.child), a.reason) for a in conf.advocate_not_used)


def incidents(conf: ConferenceDoc) -> tuple[Incident, ...]:
    return tuple(
        Incident(
            INCIDENT_LABELS[i.which], date_text(i.date, "Date not known"), i.text, i.confidential
        )
        for i in sorted(conf.incidents, key=lambda i: INCIDENTS.index(i.which))
    )


def mapping(conf: ConferenceDoc, family_copy: bool, names: Names) -> tuple[MappingColumn, ...]:
    columns = []
    for column in MAPPING_COLUMNS:
        entries = tuple(
            MappingEntry(
                text=m.text,
                nature=NATURE_LABELS.get(m.nature or "", "Not stated"),
                source=names.who(m.source),
                about=names.about(m.children),
                confidential=m.confidential,
            )
            for m in conf.mapping
            if m.column == column and not (family_copy and m.confidential)
        )
        if entries:
            columns.append(MappingColumn(MAPPING_LABELS[column], entries))
    return tuple(columns)
