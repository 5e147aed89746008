"""The record's own sections, in the order of the meeting; the rest it shares with the
outline plan (`layout.py`)."""

from __future__ import annotations

from cpchair.documents.blocks import Block, Para, Section, Sub, Table
from cpchair.documents.model import DocumentModel
from cpchair.documents.sections import (
    WITHHELD,
    complaints,
    confidential_note,
    danger_goals,
    decisions,
    marked_lead,
    plan_sections,
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
        *plan_sections(m, record=True),
        complaints(m),
        recipients(m, record=True),
    ]


def _opening(m: DocumentModel) -> Section:
    title = "Attendance, quorum and reports"
    if withheld(m, "attendance", "exclusions", "quorum", "reports"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks: list[Block] = []
    if m.attendance:
        headers: tuple[str, ...] = ("Name", "Role", "Agency", "Attendance", "Times")
        widths: tuple[int, ...] = (3, 5, 3, 2, 2)
        contacts = any(a.contact for a in m.attendance)
        if contacts:  # only when this copy holds some: no empty column
            headers += ("Contact",)
            widths += (4,)
        rows: tuple[tuple[str, ...], ...] = tuple(
            (a.name, a.role, a.agency, _attendance_cell(a.attendance, a.reason), a.times)
            + ((a.contact,) if contacts else ())
            for a in m.attendance
        )
        blocks.append(Table(headers, rows, widths))
    statement = "read" if m.confidentiality_statement_read else "not recorded as read"
    blocks.append(Para(f"The confidentiality statement was {statement}."))
    if m.exclusions:
        blocks.append(Sub("Exclusions"))
        if m.family_copy:
            rows = tuple((e.who, e.part) for e in m.exclusions)
            blocks.append(Table(("Who", "Kept out of"), rows, (1, 1)))
            blocks.append(Para("The reasons are in the full record.", note=True))
        else:
            rows = tuple((e.who, e.part, e.reason or "", e.record or "") for e in m.exclusions)
            headers = ("Who", "Kept out of", "Reason", "Record they receive")
            blocks.append(Table(headers, rows, (3, 3, 7, 3)))
    if m.quorum:
        sub, column = ("Quorum", "Quorum")
        if m.family_copy:
            sub, column = ("Enough agencies?", "Were enough agencies there?")
        blocks += [Sub(sub), Table(("Child", column), m.quorum, (1, 3))]
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
        if m.family_copy:  # never says whose details are confidential
            contacts = any(p.contact for p in m.people)
            headers: tuple[str, ...] = ("Name", "Relationship", "Parental responsibility")
            rows: tuple[tuple[str, ...], ...] = tuple(
                (p.name, p.relationship, "Yes" if p.parental_responsibility else "No")
                + ((p.contact or "",) if contacts else ())
                for p in m.people
            )
            widths = (3, 5, 2, 4) if contacts else (3, 5, 2)
            blocks.append(Table(headers + (("Contact",) if contacts else ()), rows, widths))
        else:
            rows = tuple(
                (
                    p.name,
                    p.relationship,
                    "Yes" if p.parental_responsibility else "No",
                    _contact_cell(p.contact, p.contact_confidential),
                )
                for p in m.people
            )
            headers = ("Name", "Relationship", "Parental responsibility", "Contact details")
            blocks.append(Table(headers, rows, (3, 5, 2, 4)))
    if m.views:
        blocks.append(Sub("Views"))
        blocks += [Para(v.summary, lead=marked_lead(m, f"{v.whose}, {v.how}", v.confidential))
                   for v in m.views]  # fmt: skip
        blocks += confidential_note(m, "Views", any(v.confidential for v in m.views))
    if m.views_not_given:  # 004: the views of children and parents, or why not
        blocks.append(Sub("Views not given"))
        for whose, reason in m.views_not_given:
            # A family copy holds no adult's reason (`redact.py`): it says where it is.
            blocks.append(Para(reason or "The reason is in the full record.", lead=f"{whose}:"))
    if m.advocates_not_used:  # 002: children of the area's age are offered an advocate
        blocks.append(Sub("No advocate"))
        blocks += [Para(reason, lead=f"{child}:") for child, reason in m.advocates_not_used]
    return Section(title, tuple(blocks))


def _history(m: DocumentModel) -> Section:
    title = "What has got us here"
    if withheld(m, "incidents"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks: list[Block] = [
        Para(i.text, lead=marked_lead(m, f"{i.which} incident, {i.date}", i.confidential))
        for i in m.incidents
    ]
    blocks += confidential_note(m, "Incidents", any(i.confidential for i in m.incidents))
    return Section(title, tuple(blocks))


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
    secret = any(e.confidential for c in m.mapping for e in c.entries)
    blocks += confidential_note(m, "Entries", secret)
    return Section("Mapping", tuple(blocks))


def _attendance_cell(attendance: str, reason: str) -> str:
    """ "Apologies: on leave": 004 asks the chair to "record the absence and the reasons"."""
    return f"{attendance}: {reason}" if reason else attendance


def _contact_cell(contact: str | None, confidential: bool | None) -> str:
    """The full record's contact cell: the details, marked when kept from the family."""
    if confidential:
        return f"{contact} (confidential)" if contact else "Confidential"
    return contact or ""
