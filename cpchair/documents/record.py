"""The record's own sections, in the order of the meeting; the rest it shares with the
outline plan (`layout.py`)."""

from __future__ import annotations

from cpchair.documents.blocks import Block, Para, Section, Sub, Table
from cpchair.documents.model import DocumentModel
from cpchair.documents.sections import (
    WITHHELD,
    danger_goals,
    decisions,
    plan,
    recipients,
    scaling,
    withheld,
)
from cpchair.documents.words import plural


def record_sections(m: DocumentModel) -> list[Section]:
    return [
        _opening(m),
        _family_network(m),
        _history(m),
        _mapping(m),
        danger_goals(m),
        scaling(m, record=True),
        decisions(m, record=True),
        plan(m, record=True),
        recipients(m.record_recipients),
    ]


def _opening(m: DocumentModel) -> Section:
    title = "Attendance, quorum and reports"
    if withheld(m, "attendance", "exclusions", "quorum", "reports"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks: list[Block] = []
    if m.attendance:
        rows = tuple((a.name, a.role, a.agency, a.attendance, a.times) for a in m.attendance)
        blocks.append(
            Table(("Name", "Role", "Agency", "Attendance", "Times"), rows, (3, 5, 3, 2, 2))
        )
    statement = "read" if m.confidentiality_statement_read else "not recorded as read"
    blocks.append(Para(f"The confidentiality statement was {statement}."))
    if m.exclusions:
        blocks.append(Sub("Exclusions"))
        if m.family_copy:
            rows = tuple((e.who, e.part) for e in m.exclusions)
            blocks.append(Table(("Who", "Kept out of"), rows, (1, 1)))
            blocks.append(Para("The reasons are in the full record.", note=True))
        else:
            rows = tuple((e.who, e.part, e.reason or "") for e in m.exclusions)
            blocks.append(Table(("Who", "Kept out of", "Reason"), rows, (3, 3, 7)))
    if m.quorum:
        blocks += [Sub("Quorum"), Table(("Child", "Quorum"), m.quorum, (1, 3))]
        blocks += [Para(n) for n in m.quorum_notes]
    if m.reports:
        rows = tuple((r.who, r.received, r.shared, r.note) for r in m.reports)
        headers = ("Report from", "Received by the chair", "Shared with the family", "Note")
        blocks += [Sub("Reports"), Table(headers, rows, (4, 3, 3, 4))]
    return Section(title, tuple(blocks))


def _family_network(m: DocumentModel) -> Section:
    title = "Family and network"
    if withheld(m, "people", "views"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks: list[Block] = []
    if m.people:
        if m.family_copy:
            rows = tuple(
                (p.name, p.relationship, "Yes" if p.parental_responsibility else "No")
                for p in m.people
            )
            blocks.append(
                Table(("Name", "Relationship", "Parental responsibility"), rows, (3, 5, 2))
            )
        else:
            rows = tuple(
                (
                    p.name,
                    p.relationship,
                    "Yes" if p.parental_responsibility else "No",
                    "Confidential" if p.contact_confidential else "",
                )
                for p in m.people
            )
            headers = ("Name", "Relationship", "Parental responsibility", "Contact details")
            blocks.append(Table(headers, rows, (3, 5, 2, 2)))
    if m.views:
        blocks.append(Sub("Views"))
        blocks += [Para(v.summary, lead=f"{v.whose}, {v.how}:") for v in m.views]
    return Section(title, tuple(blocks))


def _history(m: DocumentModel) -> Section:
    title = "What has got us here"
    if withheld(m, "incidents"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks = tuple(Para(i.text, lead=f"{i.which} incident, {i.date}:") for i in m.incidents)
    return Section(title, blocks)


def _mapping(m: DocumentModel) -> Section:
    if withheld(m, "mapping"):
        return Section("Mapping", (Para(WITHHELD, note=True),))
    blocks: list[Block] = []
    for column in m.mapping:
        rows = tuple(
            (e.text, e.nature + ("; confidential" if e.confidential else ""), e.source, e.about)
            for e in column.entries
        )
        blocks += [
            Sub(f"{column.title} ({plural(len(rows), 'entry', 'entries')})"),
            Table(("Entry", "Nature", "Source", "About"), rows, (8, 2, 3, 2)),
        ]
    if blocks and not m.family_copy and any(e.confidential for c in m.mapping for e in c.entries):
        blocks.append(Para("Entries marked confidential are not in the family copy.", note=True))
    return Section("Mapping", tuple(blocks))
