"""Editors for the opening's rows: an exclusion (with the record the excluded person gets), a
view (confidential or not), a view not given and why, a child without an advocate and why.
Each field saves itself.

A new one starts as a draft and is created once it has what the format needs; from then on
each change is one short update. Refusals show beside the field and keep what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_text
from cpchair.rules.child_names import first_name_of
from cpchair.store import edits
from cpchair.store.meeting import Meeting, MeetingState
from cpchair.vocab import STAGE_LABELS
from cpchair.widgets.fields import BaseField, ChoiceField, FlagField, TextField

SCOPES = [("Part of the meeting", "part"), ("The whole meeting", "whole")]
# 004: "The Chair should decide if the entire record is provided or only that part attended".
RECORDS = [("The whole record", "whole"), ("Only the part they attended", "attended")]
CONFIDENTIAL = "Confidential: kept out of family copies"
STAGES = [(label, code) for code, label in STAGE_LABELS.items()]
HOW = [
    ("In person", "in_person"), ("Through an advocate", "advocate"), ("In writing", "written"),
    ("Through the social worker", "social_worker"), ("Another way", "other"),
]  # fmt: skip


def _editor(
    title: str,
    row_id: int | None,
    fields: Callable[[RecordEditor, Callable[[str, Any], None]], list[BaseField]],
    create: Callable[[dict[str, Any]], int | None],
    update: Callable[[int, str, Any], object],
    changed: Callable[[], None],
    hint: str,
) -> RecordEditor:
    def write(name: str, value: Any) -> None:
        assert editor.key is not None
        update(int(editor.key), name, value)
        changed()

    def make(draft: dict[str, Any]) -> str | None:
        new = create(draft)
        if new is None:
            return None
        changed()
        return str(new)

    key = None if row_id is None else str(row_id)
    editor = RecordEditor(title, lambda ed: fields(ed, write), key, make, draft_hint=hint)
    return editor


def exclusion_editor(
    meeting: Meeting,
    state: MeetingState,
    row_id: int | None,
    attendee: str | None,
    changed: Callable[[], None],
    *,
    from_register: bool = False,
) -> RecordEditor:
    """An exclusion (`row_id`), or a new one for `attendee`; one recorded `from_register`
    (x) marks the person excluded as it is recorded."""
    conf = state.conf
    current = None if row_id is None else conf.exclusions[state.ids["exclusions"].index(row_id)]
    people = [(a.name, a.key) for a in conf.attendees]
    preset = {"attendee": attendee} if attendee else {}

    def create(draft: dict[str, Any]) -> int | None:
        values = {"scope": "part", **preset, **draft}
        if not values.get("attendee") or not values.get("reason"):
            return None
        return (
            meeting.edit(edits.register.exclude, **values).value
            if from_register
            else meeting.edit(edits.history.add_exclusion, **values).value
        )

    def fields(ed: RecordEditor, write: Callable[[str, Any], None]) -> list[BaseField]:
        if current is None and attendee:
            ed.draft.update(preset)
        return [
            ChoiceField("Who", people, current.attendee if current else attendee,
                        ed.saver("attendee", write), allow_blank=current is None),
            ChoiceField("For", SCOPES, current.scope if current else "part",
                        ed.saver("scope", write)),
            TextField("Reason", current.reason if current else "", ed.saver("reason", write),
                      parse=lambda t: parse_text(t, required=True, what="The reason")),
            ChoiceField("From the stage", STAGES, current.from_stage if current else None,
                        ed.saver("from_stage", write), allow_blank=True),
            ChoiceField("To the stage", STAGES, current.to_stage if current else None,
                        ed.saver("to_stage", write), allow_blank=True),
            ChoiceField("Record they get", RECORDS, current.record if current else None,
                        ed.saver("record", write), allow_blank=True),
        ]  # fmt: skip

    return _editor(
        "Exclusion" if current else "Exclude someone from the meeting",
        row_id, fields, create,
        lambda i, name, value: meeting.edit(edits.history.update_exclusion, i, **{name: value}),
        changed, "Say who and why, and the exclusion is recorded.",
    )  # fmt: skip


def view_editor(
    meeting: Meeting, state: MeetingState, row_id: int | None, changed: Callable[[], None]
) -> RecordEditor:
    conf, case = state.conf, state.case
    current = None if row_id is None else conf.views[state.ids["views"].index(row_id)]
    whose = [(f"{first_name_of(c)} (child)", c.key) for c in case.children] + [
        (p.name, p.key) for p in case.people
    ]

    def create(draft: dict[str, Any]) -> int | None:
        values = {"how": "in_person", **draft}
        if not values.get("whose") or not values.get("summary"):
            return None
        return meeting.edit(edits.history.add_view, **values).value

    def fields(ed: RecordEditor, write: Callable[[str, Any], None]) -> list[BaseField]:
        return [
            ChoiceField("Whose view", whose, current.whose if current else None,
                        ed.saver("whose", write), allow_blank=current is None),
            ChoiceField("Given", HOW, current.how if current else "in_person",
                        ed.saver("how", write)),
            TextField("What they said", current.summary if current else "",
                      ed.saver("summary", write),
                      parse=lambda t: parse_text(t, required=True, what="The view")),
            FlagField(CONFIDENTIAL, current.confidential if current else False,
                      ed.saver("confidential", write)),
        ]  # fmt: skip

    return _editor(
        "View" if current else "Add a view",
        row_id, fields, create,
        lambda i, name, value: meeting.edit(edits.history.update_view, i, **{name: value}),
        changed, "Say whose view and what they said, and it is recorded.",
    )  # fmt: skip


def not_given_editor(
    meeting: Meeting, state: MeetingState, row_id: int | None, changed: Callable[[], None]
) -> RecordEditor:
    """Why a child's or parent's view is not before the conference (004)."""
    conf, case = state.conf, state.case
    ids = state.ids["views_not_given"]
    current = None if row_id is None else conf.views_not_given[ids.index(row_id)]
    whose = [(f"{first_name_of(c)} (child)", c.key) for c in case.children] + [
        (p.name, p.key) for p in case.people
    ]

    def create(draft: dict[str, Any]) -> int | None:
        if not draft.get("whose") or not draft.get("reason"):
            return None
        return meeting.edit(edits.participation.add_view_not_given, **draft).value

    def fields(ed: RecordEditor, write: Callable[[str, Any], None]) -> list[BaseField]:
        return [
            ChoiceField("Whose view", whose, current.whose if current else None,
                        ed.saver("whose", write), allow_blank=current is None),
            TextField("Why there is none", current.reason if current else "",
                      ed.saver("reason", write),
                      parse=lambda t: parse_text(t, required=True, what="The reason")),
        ]  # fmt: skip

    return _editor(
        "View not given" if current else "Add a view not given",
        row_id,
        fields,
        create,
        lambda i, name, value: meeting.edit(
            edits.participation.update_view_not_given, i, **{name: value}
        ),
        changed,
        "Say whose view and why there is none, and it is recorded.",
    )


def no_advocate_editor(
    meeting: Meeting, state: MeetingState, row_id: int | None, changed: Callable[[], None]
) -> RecordEditor:
    """Why a child old enough to be offered an advocate has none (002): offered and declined,
    no consent, none to be had."""
    conf, case = state.conf, state.case
    ids = state.ids["advocate_not_used"]
    current = None if row_id is None else conf.advocate_not_used[ids.index(row_id)]
    children = [(first_name_of(c), c.key) for c in case.children]

    def create(draft: dict[str, Any]) -> int | None:
        if not draft.get("child") or not draft.get("reason"):
            return None
        return meeting.edit(edits.participation.add_advocate_not_used, **draft).value

    def fields(ed: RecordEditor, write: Callable[[str, Any], None]) -> list[BaseField]:
        return [
            ChoiceField("Child", children, current.child if current else None,
                        ed.saver("child", write), allow_blank=current is None),
            TextField("Why no advocate", current.reason if current else "",
                      ed.saver("reason", write),
                      parse=lambda t: parse_text(t, required=True, what="The reason"),
                      placeholder="e.g. offered, and she said no"),
        ]  # fmt: skip

    return _editor(
        "No advocate" if current else "Add a child without an advocate",
        row_id,
        fields,
        create,
        lambda i, name, value: meeting.edit(
            edits.participation.update_advocate_not_used, i, **{name: value}
        ),
        changed,
        "Choose the child and say why, and it is recorded.",
    )
