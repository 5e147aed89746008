"""The sections the outline plan and the record share: decisions, danger statements and
safety goals, scaling, the plan (or the child in need step-down after it), questions and
complaints in a family copy, and who receives it. The record adds detail to some
(`record=True`): every score, every agency's view, each action's status."""

from __future__ import annotations

from cpchair.documents.blocks import Block, Bullets, Fields, Para, Section, Sub, Table
from cpchair.documents.model import NOT_DECIDED, DocumentModel, Plan
from cpchair.documents.outcomes import DIVIDED
from cpchair.documents.trend import trend_chart

WITHHELD = "Not in this copy: this part of the conference was held while you were out of the room."


def marked(m: DocumentModel, text: str, confidential: bool) -> str:
    """A table cell given in confidence, marked so in the full copy: "Confidential: ...".

    004: "The conference Chair may decide that confidential material should be excluded from
    distributed conference records": the full copy says which, so its reader knows what the
    family's copy leaves out or keeps back. A family copy never holds the text (`redact.py`),
    so nothing is marked there. A paragraph says it in its lead instead (`marked_lead`)."""
    if not confidential or m.family_copy:
        return text
    return f"Confidential: {text}" if text.strip() else "Confidential"


def marked_lead(m: DocumentModel, lead: str, confidential: bool) -> str:
    """A paragraph's bold lead, marked in the full copy when what follows was given in
    confidence: "Jodie Hadley, in person (confidential):"."""
    return f"{lead}{_tag(m, confidential)}:"


def _tag(m: DocumentModel, confidential: bool) -> str:
    return " (confidential)" if confidential and not m.family_copy else ""


def confidential_note(m: DocumentModel, what: str, shown: bool) -> list[Block]:
    """The note under a part of the full copy that marks something confidential (`shown`):
    "Views marked confidential are not in the family copy."."""
    if m.family_copy or not shown:
        return []
    return [Para(f"{what} marked confidential are not in the family copy.", note=True)]


def decisions(m: DocumentModel, *, record: bool) -> Section:
    blocks: list[Block] = []
    hide_how = withheld(m, "how_decided")
    headers: tuple[str, ...] = ("Child", "Age", "Decision", "Category")
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
        lead = (
            "Other children in the household (the conference made no decision about them):"
            if m.family_copy
            else "Other children in the household (not subjects):"
        )
        blocks.append(Para(others, lead=lead))
    for d in m.decisions:
        extra: list[Block] = []
        if d.rationale:
            extra.append(Para(d.rationale, lead="Chair's rationale:"))
        for differing in d.differing:
            extra.append(Para(f"{differing.view}.", lead=f"{differing.heading}:"))
        for x in d.dissents:
            lead = f"Formal dissent{_tag(m, x.confidential)} from {x.who}:"
            extra.append(Para(x.reason, lead=lead))
        if d.ending_criterion:
            extra.append(Para(d.ending_criterion, lead="Why the plan ends:"))
        if extra:
            blocks += [Sub(d.child.name), *extra]
    if hide_how:
        blocks.append(Para(WITHHELD, note=True))
    elif record and m.agency_views:
        blocks.append(Sub("Each agency's view"))
        blocks.append(Para("One view per agency: staff of one agency who differ are not counted.",
                           note=True))  # fmt: skip
        for cv in m.agency_views:
            blocks.append(Para(cv.tally, lead=f"{cv.child}:"))
            rows = []
            for v in cv.views:
                for i, staff in enumerate(v.staff):
                    reason = marked(m, staff.reason, staff.confidential)
                    reason = f"{staff.view}: {reason}" if v.view == DIVIDED else reason
                    first = i == 0
                    rows.append((v.agency if first else "", v.view if first else "", staff.who,
                                 reason))  # fmt: skip
            blocks.append(Table(("Agency", "View", "Who", "Reason"), tuple(rows), (2, 2, 3, 6)))
    if not hide_how:
        dissents = any(x.confidential for d in m.decisions for x in d.dissents)
        views = record and any(
            s.confidential for cv in m.agency_views for v in cv.views for s in v.staff
        )
        blocks += confidential_note(m, "Reasons", dissents or views)
    return Section("Decisions", tuple(blocks))


def danger_goals(m: DocumentModel) -> Section:
    title = "Danger statements and safety goals"
    if withheld(m, "danger_goals"):
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


def scaling(m: DocumentModel, *, record: bool) -> Section:
    if withheld(m, "scaling"):
        return Section("Scaling", (Para(WITHHELD, note=True),))
    s = m.scaling
    if s is None or not (s.scales or s.escalation):
        return Section("Scaling", ())
    blocks: list[Block] = [Para(s.question, lead="Question:")] if s.question else []
    blocks += [Para(n) for n in s.notes]
    for scale in s.scales:
        if len(s.scales) > 1:
            blocks.append(Sub(scale.title))
        if scale.facts:
            blocks.append(Fields(scale.facts))
        if record and scale.scores:
            rows = tuple((x.who, x.score, marked(m, x.reason, x.confidential))
                         for x in scale.scores)  # fmt: skip
            blocks.append(Table(("Who", "Score", "Reason"), rows, (3, 1, 7)))
    if record:
        secret = any(x.confidential for scale in s.scales for x in scale.scores)
        blocks += confidential_note(m, "Reasons", secret)
    if s.escalation:
        blocks.append(Para(" ".join(s.escalation), lead="Escalation:"))
    if m.trend is not None:
        chart = trend_chart(m.trend, family=m.family_copy)
        blocks += [Sub("Scaling over time"), chart]
    return Section("Scaling", tuple(blocks))


def plan_sections(m: DocumentModel, *, record: bool) -> list[Section]:
    """The plan, and the child in need step-down after it; the step-down alone when no child
    stays on a plan."""
    if m.step_down is None:
        return [plan(m, record=record)]
    if m.step_down.replaces_plan:
        return [step_down(m, record=record)]
    return [plan(m, record=record), step_down(m, record=record)]


def _actions(m: DocumentModel, p: Plan, *, record: bool) -> list[Block]:
    """The actions' table, and in the full copy the note for any marked confidential."""
    headers: tuple[str, ...] = ("What", "Who", "By", "For", "Key safeguarding")
    widths: tuple[int, ...] = (11, 6, 4, 4, 5)
    status = record or p.statuses
    if status:
        headers += ("Status",)
        widths += (3,)
    rows = []
    for a in p.actions:
        what = marked(m, a.what, a.confidential)
        row = (what, a.who, a.by, a.about, "Yes" if a.key_safeguarding else "No")
        rows.append(row + ((a.status,) if status else ()))
    blocks: list[Block] = [Table(headers, tuple(rows), widths)]
    if not m.family_copy and any(a.confidential for a in p.actions):
        blocks.append(
            Para(
                "The family copy shows who does an action marked confidential, by when and "
                "its status, not what it is.",
                note=True,
            )
        )
    return blocks


def plan(m: DocumentModel, *, record: bool) -> Section:
    p: Plan | None = m.plan
    if p is None:
        return Section("The plan", (Para("No plan was recorded at this conference."),))
    blocks: list[Block] = []
    if p.outcomes:
        blocks += [Sub("What the plan is to achieve"), Bullets(p.outcomes, numbered=True)]
    if p.actions:
        blocks += [Sub("Actions"), *_actions(m, p, record=record)]
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


def step_down(m: DocumentModel, *, record: bool) -> Section:
    """After the plan ends (004, "Discontinuing a current Child Protection Plan")."""
    sd = m.step_down
    assert sd is not None
    blocks: list[Block] = []
    if sd.children:
        how_long = (
            f" for at least {sd.minimum}. It can end sooner only if everyone in it agrees, "
            "after its first review."
            if sd.minimum
            else "."
        )
        blocks.append(
            Para(
                f"The child protection plan ends for {sd.children}. A child in need plan will "
                f"support {sd.children}{how_long}"
            )
        )
        blocks.append(
            Para(
                "The social worker will agree with the parents and the children what help is "
                "needed. "
                "The child in need plan will take up any action still open, say what happens "
                "if there are new worries, and say how often each agency will visit."
            )
        )
    blocks += [Para(line) for line in sd.no_support]
    blocks.append(Fields((("Lead social worker", m.lead_social_worker),)))
    p = m.plan
    if sd.replaces_plan and p is not None:
        if p.actions:
            blocks += [Sub("The actions of the plan that ends"), *_actions(m, p, record=True)]
        if p.recommendations:
            blocks += [Sub("Services recommended"), Bullets(p.recommendations)]
    return Section("After the child protection plan", tuple(blocks))


def complaints(m: DocumentModel) -> Section:
    """On every family copy: how to reach the chair, and the area's complaints route. Both
    are the council's, not a person's address, so a copy that names no one's contact details
    still carries them."""
    if not m.family_copy:
        return Section("Questions and complaints", ())
    if m.chair_contact:
        chair = Para(m.chair_contact, lead=f"The chair, {m.chair}:")
    else:
        chair = Para(
            f"Ask the social worker, {m.lead_social_worker}, how to contact the chair, {m.chair}."
        )
    blocks: list[Block] = [chair]
    if m.complaints:
        blocks.append(Para(m.complaints))
    return Section("Questions and complaints", tuple(blocks))


def recipients(m: DocumentModel, *, record: bool) -> Section:
    listed = m.record_recipients if record else m.outline_recipients
    rows = tuple((r.name, r.role, r.copy) for r in listed)
    blocks: list[Block] = []
    if rows:
        blocks.append(Table(("Name", "Role", "Copy"), rows, (3, 5, 3)))
    note = (
        "Supporters and solicitors do not receive a copy."
        if record
        else "Supporters and solicitors do not receive a copy, except supporters in the "
        "core group, who receive this outline plan."
    )
    blocks.append(Para(note, note=True))
    return Section("Who receives it", tuple(blocks))


def withheld(m: DocumentModel, *sections: str) -> bool:
    return any(m.withholds(s) for s in sections)
