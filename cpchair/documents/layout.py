"""The outline plan and the record laid out as sections of blocks (`blocks.py`).

Both documents are arranged once, here, from the view model: the outline plan leads with the
decisions and the plan; the record follows the meeting stage by stage (`record.py`) and shares
the decision, danger statement, scaling and plan sections with the outline plan.
"""

from __future__ import annotations

from cpchair.documents.blocks import KINDS, Fields, Kind, Layout, Section
from cpchair.documents.model import DocumentModel
from cpchair.documents.record import record_sections
from cpchair.documents.sections import danger_goals, decisions, plan, recipients, scaling
from cpchair.vocab import STAGE_LABELS

TITLES: dict[Kind, str] = {"outline": "Outline plan", "record": "Conference record"}

CONFIDENTIAL = (
    "This document is confidential. Do not share it with anyone else without the agreement "
    "of the conference chair or an order of a court."
)


def layout(model: DocumentModel, kind: Kind) -> Layout:
    record = kind == "record"
    title = TITLES[kind] + (" (family copy)" if model.family_copy else "")
    running = [model.reference, TITLES[kind], model.date]
    if model.family_copy:
        running.append("Family copy")
    if model.draft:
        running.insert(0, "DRAFT")
    sections = record_sections(model) if record else _outline_sections(model)
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
    if record:  # the chair opened the concluded conference again, and said why
        rows += [("Reopened", line) for line in model.reopened]
    rows.append(("Lead social worker", model.lead_social_worker))
    if model.draft:
        rows.append(("Status", f"{model.status} (draft)"))
    return Fields(tuple(rows))


def _outline_sections(m: DocumentModel) -> list[Section]:
    return [
        decisions(m, record=False),
        danger_goals(m),
        scaling(m, record=False),
        plan(m, record=False),
        recipients(m.outline_recipients),
    ]


__all__ = ["KINDS", "TITLES", "Kind", "layout"]
