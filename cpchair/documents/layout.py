"""The outline plan and the record laid out as sections of simple blocks.

Both documents are arranged here once, from the view model; the Markdown, HTML and Word
renderers only know how to draw a paragraph, a list of fields, a table or a list. So the three
formats always carry the same words, and a test of one format speaks for the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cpchair.documents.model import NOT_DECIDED, DocumentModel, Plan, Recipient
from cpchair.documents.words import plural
from cpchair.vocab import STAGE_LABELS

Kind = Literal["outline", "record"]
KINDS: tuple[Kind, ...] = ("outline", "record")
TITLES: dict[Kind, str] = {"outline": "Outline plan", "record": "Conference record"}

WITHHELD = (
    "Not in the family copy: this part of the conference was held while a family member "
    "was out of the room."
)
CONFIDENTIAL = (
    "This document is confidential. Do not share it with anyone else without the agreement "
    "of the conference chair or an order of a court."
)


@dataclass(frozen=True)
class Para:
    text: str
    lead: str = ""  # a bold lead-in, e.g. "Chair's rationale:"
    note: bool = False  # set apart: a notice rather than part of the record


@dataclass(frozen=True)
class Fields:
    """Short label and value pairs: the conference's details, dates, a scale's summary."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths, for print


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Sub:
    """A heading inside a section."""

    title: str


Block = Para | Fields | Table | Bullets | Sub


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Layout:
    kind: Kind
    title: str  # "Outline plan" or "Outline plan (family copy)"
    subtitle: str  # "Initial child protection conference, 3 September 2026"
    running: str  # the line at the top of every printed page
    draft: str | None  # the DRAFT notice, when the conference is not concluded
    family: str | None  # the family copy notice
    details: Fields
    sections: tuple[Section, ...]
    closing: str


def layout(model: DocumentModel, kind: Kind) -> Layout:
    record = kind == "record"
    title = TITLES[kind] + (" (family copy)" if model.family_copy else "")
    running = [model.reference, TITLES[kind], model.date]
    if model.family_copy:
        running.append("Family copy")
    if model.draft:
        running.insert(0, "DRAFT")
    sections = _record_sections(model) if record else _outline_sections(model)
    return Layout(
        kind=kind,
        title=title,
        subtitle=f"{model.conference}, {model.date}",
        running=" · ".join(running),
        draft=_draft_notice(model),
        family=_family_notice(model),
        details=_details(model, record),
        sections=tuple(s for s in sections if s.blocks),
        closing=CONFIDENTIAL,
    )


def _draft_notice(model: DocumentModel) -> str | None:
    if not model.draft:
        return None
    return (
        f"DRAFT: this conference is not concluded (status: {model.status.lower()}). "
        "What this document says may still change."
    )


def _family_notice(model: DocumentModel) -> str | None:
    if not model.family_copy:
        return None
    text = "This is the family copy. It leaves out information given in confidence"
    if model.withheld:
        parts = "; ".join(STAGE_LABELS[s] for s in model.withheld)
        text += (
            ", and what was said while a family member was out of the room "
            f"({parts}). The decisions and the plan are all here"
        )
    return text + "."


def _details(model: DocumentModel, record: bool) -> Fields:
    rows = [
        ("Case reference", model.reference),
        ("Family", model.family_name),
        ("Conference", model.conference),
        ("Date", model.date),
    ]
    if model.time:
        rows.append(("Time", model.time))
    rows += [("Venue", model.venue), ("Chair", model.chair)]
    if record and model.minute_taker:
        rows.append(("Minute taker", model.minute_taker))
    rows.append(("Lead social worker", model.lead_social_worker))
    if model.draft:
        rows.append(("Status", f"{model.status} (draft)"))
    return Fields(tuple(rows))


# --- the outline plan ----------------------------------------------------------------------


def _outline_sections(m: DocumentModel) -> list[Section]:
    return [
        _decisions(m, record=False),
        _danger_goals(m),
        _scaling(m, record=False),
        _plan(m, record=False),
        _recipients(m.outline_recipients),
    ]


def _withheld(m: DocumentModel, *sections: str) -> bool:
    return any(m.withholds(s) for s in sections)


def _decisions(m: DocumentModel, *, record: bool) -> Section:
    blocks: list[Block] = []
    hide_how = _withheld(m, "how_decided")
    headers = ("Child", "Age", "Decision", "Category")
    widths: tuple[int, ...] = (3, 4, 4, 3)
    if not hide_how:
        headers += ("How it was decided",)
        widths += (3,)
    rows = []
    for d in m.decisions:
        undecided = d.outcome == NOT_DECIDED
        row = (d.child.name, d.child.age, d.outcome, "" if undecided else d.categories or "None")
        rows.append(row + (() if hide_how else (d.method or "",)))
    if rows:
        blocks.append(Table(headers, tuple(rows), widths))
    if m.other_children:
        others = "; ".join(f"{c.name}, {c.age}" for c in m.other_children)
        blocks.append(Para(others, lead="Other children in the household (not subjects):"))
    for d in m.decisions:
        extra: list[Block] = []
        if d.rationale:
            extra.append(Para(d.rationale, lead="Chair's rationale:"))
        for x in d.dissents:
            extra.append(Para(x.reason, lead=f"Dissent from {x.who}:"))
        if d.ending_criterion:
            extra.append(Para(d.ending_criterion, lead="Why the plan may end at the first review:"))
        if extra:
            blocks += [Sub(d.child.name), *extra]
    if hide_how:
        blocks.append(Para(WITHHELD, note=True))
    elif record and m.agency_views:
        blocks.append(Sub("Each agency's view"))
        for cv in m.agency_views:
            blocks.append(Para(cv.tally, lead=f"{cv.child}:"))
            rows = tuple((v.who, v.view, v.reason) for v in cv.views)
            blocks.append(Table(("Agency", "View", "Reason"), rows, (3, 2, 6)))
    return Section("Decisions", tuple(blocks))


def _danger_goals(m: DocumentModel) -> Section:
    title = "Danger statements and safety goals"
    if _withheld(m, "danger_goals"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks: list[Block] = []
    for ds in m.danger_statements:
        blocks += [Sub(f"Danger statement {ds.number} ({ds.about})"), Para(ds.text)]
        for g in ds.goals:
            about = "" if g.about == ds.about else f" ({g.about})"
            blocks.append(Para(g.text, lead=f"Safety goal{about}:"))
    if m.other_goals:
        blocks.append(Sub("Other safety goals"))
        blocks += [Para(g.text, lead=f"{g.about}:") for g in m.other_goals]
    return Section(title, tuple(blocks))


def _scaling(m: DocumentModel, *, record: bool) -> Section:
    if _withheld(m, "scaling"):
        return Section("Scaling", (Para(WITHHELD, note=True),))
    s = m.scaling
    if s is None or not (s.scales or s.escalation):
        return Section("Scaling", ())
    blocks: list[Block] = [Para(s.question, lead="Question:")]
    blocks += [Para(n) for n in s.notes]
    for scale in s.scales:
        if len(s.scales) > 1:
            blocks.append(Sub(scale.title))
        if scale.facts:
            blocks.append(Fields(scale.facts))
        if record and scale.scores:
            rows = tuple((x.who, x.score, x.reason) for x in scale.scores)
            blocks.append(Table(("Who", "Score", "Reason"), rows, (3, 1, 7)))
    if s.escalation:
        blocks.append(Para(" ".join(s.escalation), lead="Escalation:"))
    return Section("Scaling", tuple(blocks))


def _plan(m: DocumentModel, *, record: bool) -> Section:
    p: Plan | None = m.plan
    if p is None:
        return Section("The plan", (Para("No plan was recorded at this conference."),))
    blocks: list[Block] = []
    if p.outcomes:
        blocks += [Sub("What the plan is to achieve"), Bullets(p.outcomes, numbered=True)]
    if p.actions:
        headers = ("What", "Who", "By", "For", "Key safeguarding")
        widths: tuple[int, ...] = (12, 6, 4, 4, 4)
        if record:
            headers += ("Status",)
            widths += (3,)
        rows = []
        for a in p.actions:
            row = (a.what, a.who, a.by, a.about, "Yes" if a.key_safeguarding else "No")
            rows.append(row + ((a.status,) if record else ()))
        blocks += [Sub("Actions"), Table(headers, tuple(rows), widths)]
    people = [("Lead social worker", m.lead_social_worker)]
    blocks += [Sub("People and dates"), Fields((*people, *p.dates))]
    if p.core_group:
        blocks += [Sub("Core group"), Bullets(p.core_group)]
    if p.contingency:
        blocks += [Sub("Contingency plan"), Para(p.contingency)]
    if p.visiting:
        blocks += [Sub("Visiting"), Para(p.visiting)]
    if p.recommendations:
        blocks += [Sub("Services recommended"), Bullets(p.recommendations)]
    if p.embassy:
        blocks.append(Para("The embassy is to be told, as a child has links to another country."))
    return Section("The plan", tuple(blocks))


def _recipients(recipients: tuple[Recipient, ...]) -> Section:
    rows = tuple((r.name, r.role, r.copy) for r in recipients)
    blocks: list[Block] = []
    if rows:
        blocks.append(Table(("Name", "Role", "Copy"), rows, (3, 5, 3)))
    blocks.append(Para("Supporters and solicitors do not receive a copy.", note=True))
    return Section("Who receives it", tuple(blocks))


# --- the record ----------------------------------------------------------------------------


def _record_sections(m: DocumentModel) -> list[Section]:
    return [
        _opening(m),
        _family_network(m),
        _history(m),
        _mapping(m),
        _danger_goals(m),
        _scaling(m, record=True),
        _decisions(m, record=True),
        _plan(m, record=True),
        _recipients(m.record_recipients),
    ]


def _opening(m: DocumentModel) -> Section:
    title = "Attendance, quorum and reports"
    if _withheld(m, "attendance", "exclusions", "quorum", "reports"):
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
    if _withheld(m, "people", "views"):
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
    if _withheld(m, "incidents"):
        return Section(title, (Para(WITHHELD, note=True),))
    blocks = tuple(Para(i.text, lead=f"{i.which} incident, {i.date}:") for i in m.incidents)
    return Section(title, blocks)


def _mapping(m: DocumentModel) -> Section:
    if _withheld(m, "mapping"):
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


__all__ = ["KINDS", "TITLES", "Block", "Bullets", "Fields", "Kind", "Layout", "Para", "Section",
           "Sub", "Table", "layout"]  # fmt: skip
