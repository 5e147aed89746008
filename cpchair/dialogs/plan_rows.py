"""Editors for the plan's rows: an action (what, who, by when, for which children, key
safeguarding, status) and one line of text (an outcome, a service recommended).

A new row starts as a draft and is created once it has what the format needs (an action: what
and who); from then on each field saves itself. Refusals show beside the field, text kept.
Each field saves from the value it was read with: a field the other seat changed meanwhile is
refused with their words (store/stale.py), and saving again puts it in place of theirs. The
status is a choice made on what is shown, and is checked like any other field here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_date, parse_text, show_date
from cpchair.rules.child_names import first_name_of
from cpchair.rules.plan_actions import STATUS_ORDER
from cpchair.store import edits
from cpchair.store.meeting import Meeting, MeetingState
from cpchair.store.stale import Expect, planned, words
from cpchair.vocab import ACTION_STATUS_LABELS
from cpchair.widgets.fields import BaseField, ChoiceField, FlagField, PickField, TextField

STATUSES = [(ACTION_STATUS_LABELS[s], s) for s in STATUS_ORDER]
TEXT_KINDS = {
    "outcomes": ("Outcome for the children", "The outcome", "what life will be like for them"),
    "recommendations": ("Service recommended", "The service", "a service to offer the family"),
}


def _editor(
    title: str,
    row_id: int | None,
    fields: Callable[[RecordEditor, Callable[[str, Any, Any], None]], list[BaseField]],
    create: Callable[[dict[str, Any]], int | None],
    update: Callable[[int, str, Any, Any], object],
    hint: str,
) -> RecordEditor:
    def write(name: str, value: Any, was: Any) -> None:
        assert editor.key is not None
        update(int(editor.key), name, value, was)

    def make(draft: dict[str, Any]) -> str | None:
        new = create(draft)
        return None if new is None else str(new)

    key = None if row_id is None else str(row_id)
    editor = RecordEditor(title, lambda ed: fields(ed, write), key, make, draft_hint=hint)
    return editor


def action_editor(meeting: Meeting, state: MeetingState, row_id: int | None) -> RecordEditor:
    plan = state.conf.plan
    ids = meeting.read(edits.plan.plan_ids)["actions"]
    current = plan.actions[ids.index(row_id)] if plan and row_id in ids else None
    children = [(first_name_of(c), c.key) for c in state.case.children]

    def create(draft: dict[str, Any]) -> int | None:
        if not draft.get("what") or not draft.get("who"):
            return None  # keep drafting until both are there
        return meeting.edit(edits.plan.add_action, **draft).value

    said = {
        "children": words({key: name for name, key in children}),
        "status": words(ACTION_STATUS_LABELS),
    }

    def update(i: int, name: str, value: Any, was: Any) -> None:
        # Refused if the other seat changed this field since the editor read it.
        expect = Expect(planned(meeting.conference, "actions", i, name), was, value, said.get(name))
        meeting.edit_if(expect, edits.plan.update_action, i, **{name: value})

    def fields(ed: RecordEditor, write: Callable[[str, Any, Any], None]) -> list[BaseField]:
        def held(name: str, empty: Any) -> Any:
            return getattr(current, name) if current else empty

        def save(name: str, empty: Any) -> Any:
            return ed.saver(name, write, held(name, empty))

        return [
            TextField("What", held("what", ""), save("what", ""),
                      parse=lambda t: parse_text(t, required=True, what="What is to be done"),
                      placeholder="what will be done, so the children are safer"),
            TextField("Who", held("who", ""), save("who", ""),
                      parse=lambda t: parse_text(t, required=True, what="Who will do it"),
                      placeholder="the person responsible, and their role"),
            TextField("By", show_date(current.by) if current else "", save("by", None),
                      parse=parse_date, placeholder="e.g. 18/12/2026"),
            PickField("For (none: all)", children, held("children", []),
                      save("children", [])),
            FlagField("Key safeguarding action", held("key_safeguarding", False),
                      save("key_safeguarding", False)),
            ChoiceField("Status", STATUSES, held("status", "open"), save("status", "open")),
            FlagField("Confidential: family copies show only who and when",
                      held("confidential", False), save("confidential", False)),
        ]  # fmt: skip

    return _editor(
        "Action", row_id, fields, create, update, "Write what and who, and the action is saved."
    )


def text_editor(
    meeting: Meeting, state: MeetingState, kind: str, row_id: int | None
) -> RecordEditor:
    """An outcome (kind "outcomes") or a service recommended ("recommendations")."""
    plan = state.conf.plan
    items = (plan.outcomes if kind == "outcomes" else plan.recommendations) if plan else []
    ids = meeting.read(edits.plan.plan_ids)[kind]
    current = items[ids.index(row_id)] if row_id in ids else ""
    title, what, placeholder = TEXT_KINDS[kind]

    def create(draft: dict[str, Any]) -> int | None:
        text = draft.get("text")
        return meeting.edit(edits.plan.add_text, kind, text).value if text else None

    def update(i: int, _name: str, value: Any, was: Any) -> None:
        # Refused if the other seat changed the words since the editor read them.
        expect = Expect(planned(meeting.conference, kind, i), was, value)
        meeting.edit_if(expect, edits.plan.update_text, kind, i, value)

    def fields(ed: RecordEditor, write: Callable[[str, Any, Any], None]) -> list[BaseField]:
        return [
            TextField(title, current, ed.saver("text", write, current),
                      parse=lambda t: parse_text(t, required=True, what=what),
                      placeholder=placeholder),
        ]  # fmt: skip

    return _editor(title, row_id, fields, create, update, "Write it and press Enter; it is saved.")
