"""The outline plan and the record laid out as sections of blocks (`blocks.py`).

Both documents are arranged once, here, from the view model: the outline plan leads with the
decisions and the plan; the record follows the meeting stage by stage (`record.py`) and shares
the decision, danger statement, scaling and plan sections with the outline plan.
"""

from __future__ import annotations

from cpchair.documents.blocks import KINDS, Fields, Kind, Layout, Section
from cpchair.documents.family import STAGE_CONTENTS
from cpchair.documents.model import DocumentModel
from cpchair.documents.record import record_sections
from cpchair.documents.sections import (
    complaints,
    danger_goals,
    decisions,
    plan_sections,
    recipients,
    scaling,
)
from cpchair.documents.words import and_list

TITLES: dict[Kind, str] = {
    "outline": "Outline plan",
    "record": "Conference record",
    "letter": "Letter from the conference chair",
}

CONFIDENTIAL = (
    "This document is confidential. Do not share it with anyone else without the agreement "
    "of the conference chair or an order of a court."
)


def layout(model: DocumentModel, kind: Kind) -> Layout:
    if kind == "letter":  # one reader's letter, in its own words (letter.py)
        from cpchair.documents.letter import letter_layout

        return letter_layout(model)
    record = kind == "record"
    title = TITLES[kind] + (" (family copy)" if model.family_copy else "")
    running = [model.reference, TITLES[kind], model.date]
    if model.family_copy:
        running.append(f"Copy for {model.copy_for}" if model.copy_for else "Family copy")
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
    """What this family copy leaves out. Every family member whose copy leaves out a stage was
    out of the room for it, so "you" is right for each reader of the copy."""
    if not model.family_copy:
        return None
    whose = f"This is the copy for {model.copy_for}." if model.copy_for else (
        "This is the family copy.")  # fmt: skip
    text = f"{whose} It leaves out information given in confidence"
    if model.withheld:
        parts = and_list([STAGE_CONTENTS[s] for s in model.withheld if s in STAGE_CONTENTS])
        text += f", and what was said while you were out of the room: {parts}"
    ends = model.step_down is not None and model.step_down.replaces_plan
    plan = "what happens now the plan ends" if ends else "the plan"
    text += f". The decisions, the danger statements and safety goals, and {plan} are all here."
    if model.no_contacts:
        text += " To keep everyone safe, it names no one's address or contact details."
    return text


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
    if model.chair_contact:  # the council's route to the chair, in every copy
        rows.append(("Chair's contact", model.chair_contact))
    if record and model.minute_taker:
        rows.append(("Minute taker", model.minute_taker))
    if record:  # the chair opened the concluded conference again, and said why
        rows += [("Reopened", line) for line in model.reopened]
        if model.late_reason:  # 004: a delay is reported "including reasons for the delay"
            rows.append(("Held late", model.late_reason))
    rows.append(("Lead social worker", model.lead_social_worker))
    if model.draft:
        rows.append(("Status", f"{model.status} (draft)"))
    if model.copy_for:
        rows.append(("Copy for", model.copy_for))
    return Fields(tuple(rows))


def _outline_sections(m: DocumentModel) -> list[Section]:
    return [
        decisions(m, record=False),
        danger_goals(m),
        scaling(m, record=False),
        *plan_sections(m, record=False),
        complaints(m),
        recipients(m, record=False),
    ]


__all__ = ["KINDS", "TITLES", "Kind", "layout"]
