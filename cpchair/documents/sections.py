"""The sections the outline plan and the record share: decisions, danger statements and
safety goals, scaling, the plan, and who receives it. The record adds detail to some
(`record=True`): every score, every agency's view, each action's status."""

from __future__ import annotations

from cpchair.documents.blocks import Block, Bullets, Fields, Para, Section, Sub, Table
from cpchair.documents.model import NOT_DECIDED, DocumentModel, Plan, Recipient
from cpchair.documents.outcomes import DIVIDED

WITHHELD = (
    "Not in the family copy: this part of the conference was held while a family member "
    "was out of the room."
)


def decisions(m: DocumentModel, *, record: bool) -> Section:
    blocks: list[Block] = []
    hide_how = withheld(m, "how_decided")
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
        for v in d.minority:
            extra.append(Para(f"{v.view}.", lead=f"Minority view from {v.agency}:"))
        for x in d.dissents:
            extra.append(Para(x.reason, lead=f"Formal dissent from {x.who}:"))
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
                    reason = f"{staff.view}: {staff.reason}" if v.view == DIVIDED else staff.reason
                    first = i == 0
                    rows.append((v.agency if first else "", v.view if first else "", staff.who,
                                 reason))  # fmt: skip
            blocks.append(Table(("Agency", "View", "Who", "Reason"), tuple(rows), (2, 2, 3, 6)))
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
            rows = tuple((x.who, x.score, x.reason) for x in scale.scores)
            blocks.append(Table(("Who", "Score", "Reason"), rows, (3, 1, 7)))
    if s.escalation:
        blocks.append(Para(" ".join(s.escalation), lead="Escalation:"))
    return Section("Scaling", tuple(blocks))


def plan(m: DocumentModel, *, record: bool) -> Section:
    p: Plan | None = m.plan
    if p is None:
        return Section("The plan", (Para("No plan was recorded at this conference."),))
    blocks: list[Block] = []
    if p.outcomes:
        blocks += [Sub("What the plan is to achieve"), Bullets(p.outcomes, numbered=True)]
    if p.actions:
        headers = ("What", "Who", "By", "For", "Key safeguarding")
        widths: tuple[int, ...] = (11, 6, 4, 4, 5)
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


def recipients(recipients: tuple[Recipient, ...]) -> Section:
    rows = tuple((r.name, r.role, r.copy) for r in recipients)
    blocks: list[Block] = []
    if rows:
        blocks.append(Table(("Name", "Role", "Copy"), rows, (3, 5, 3)))
    blocks.append(Para("Supporters and solicitors do not receive a copy.", note=True))
    return Section("Who receives it", tuple(blocks))


def withheld(m: DocumentModel, *sections: str) -> bool:
    return any(m.withholds(s) for s in sections)
