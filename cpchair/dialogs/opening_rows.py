"""Editors for the opening's rows: an exclusion (with the record the excluded person gets), a
view (confidential or not), a view not given and why, a child without an advocate and why.
Each field saves itself.

A new one starts as a draft and is created once it has what the format needs; from then on
each change is one short update. Refusals show beside the field and keep what was typed.
Each field saves from the value it was read with: a field the other seat changed meanwhile is
refused with their words (store/stale.py), and saving again puts it in place of theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_text
from cpchair.rules.child_names import first_name_of
from cpchair.store import edits
from cpchair.store.meeting import Meeting, MeetingState
from cpchair.store.stale import Expect, Say, listed, words
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


Write = Callable[[str, Any, Any], None]  # write(name, value, was)


def _checked(
    meeting: Meeting,
    records: str,
    fn: Callable[..., object],
    said: dict[str, Say] | None = None,
) -> Callable[[int, str, Any, Any], object]:
    """An update of row `i` of the conference's list `records` by `fn`, refused if the other
    seat changed the field since the editor read it."""
    say = said or {}

    def update(i: int, name: str, value: Any, was: Any) -> object:
        expect = Expect(listed(meeting.conference, records, i, name), was, value, say.get(name))
        return meeting.edit_if(expect, fn, i, **{name: value})

    return update


def _held(
    ed: RecordEditor, write: Write, current: Any
) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """`held(name, empty)`: the field's value as read (`empty` for a new one); `save(name,
    empty)`: its save, from that value."""

    def held(name: str, empty: Any = None) -> Any:
        return getattr(current, name) if current is not None else empty

    def save(name: str, empty: Any = None) -> Any:
        return ed.saver(name, write, held(name, empty))

    return held, save


def _editor(
    title: str,
    row_id: int | None,
    fields: Callable[[RecordEditor, Write], list[BaseField]],
    create: Callable[[dict[str, Any]], int | None],
    update: Callable[[int, str, Any, Any], object],
    changed: Callable[[], None],
    hint: str,
) -> RecordEditor:
    def write(name: str, value: Any, was: Any) -> None:
        assert editor.key is not None
        update(int(editor.key), name, value, was)
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
    said = {
        "attendee": words({key: name for name, key in people}),
        "scope": words({code: label for label, code in SCOPES}),
        "from_stage": words(STAGE_LABELS),
        "to_stage": words(STAGE_LABELS),
        "record": words({code: label for label, code in RECORDS}),
    }

    def create(draft: dict[str, Any]) -> int | None:
        values = {"scope": "part", **preset, **draft}
        if not values.get("attendee") or not values.get("reason"):
            return None
        return (
            meeting.edit(edits.register.exclude, **values).value
            if from_register
            else meeting.edit(edits.history.add_exclusion, **values).value
        )

    def fields(ed: RecordEditor, write: Write) -> list[BaseField]:
        if current is None and attendee:
            ed.draft.update(preset)
        who = current.attendee if current else attendee
        scope = current.scope if current else "part"
        reason = current.reason if current else ""
        held = _held(ed, write, current)[0]

        return [
            ChoiceField("Who", people, who,
                        ed.saver("attendee", write, who), allow_blank=current is None),
            ChoiceField("For", SCOPES, scope,
                        ed.saver("scope", write, scope)),
            TextField("Reason", reason, ed.saver("reason", write, reason),
                      parse=lambda t: parse_text(t, required=True, what="The reason")),
            ChoiceField("From the stage", STAGES, held("from_stage"),
                        ed.saver("from_stage", write, held("from_stage")), allow_blank=True),
            ChoiceField("To the stage", STAGES, held("to_stage"),
                        ed.saver("to_stage", write, held("to_stage")), allow_blank=True),
            ChoiceField("Record they get", RECORDS, held("record"),
                        ed.saver("record", write, held("record")), allow_blank=True),
        ]  # fmt: skip

    return _editor(
        "Exclusion" if current else "Exclude someone from the meeting",
        row_id, fields, create,
        _checked(meeting, "exclusions", edits.history.update_exclusion, said),
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

    def fields(ed: RecordEditor, write: Write) -> list[BaseField]:
        held, save = _held(ed, write, current)
        return [
            ChoiceField("Whose view", whose, held("whose"),
                        save("whose"), allow_blank=current is None),
            ChoiceField("Given", HOW, held("how", "in_person"), save("how", "in_person")),
            TextField("What they said", held("summary", ""), save("summary", ""),
                      parse=lambda t: parse_text(t, required=True, what="The view")),
            FlagField(CONFIDENTIAL, held("confidential", False), save("confidential", False)),
        ]  # fmt: skip

    return _editor(
        "View" if current else "Add a view",
        row_id, fields, create,
        _checked(meeting, "views", edits.history.update_view, {
            "whose": words({key: name for name, key in whose}),
            "how": words({code: label for label, code in HOW}),
        }),
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

    def fields(ed: RecordEditor, write: Write) -> list[BaseField]:
        held, save = _held(ed, write, current)
        return [
            ChoiceField("Whose view", whose, held("whose"),
                        save("whose"), allow_blank=current is None),
            TextField("Why there is none", held("reason", ""), save("reason", ""),
                      parse=lambda t: parse_text(t, required=True, what="The reason")),
        ]  # fmt: skip

    return _editor(
        "View not given" if current else "Add a view not given",
        row_id,
        fields,
        create,
        _checked(
            meeting,
            "views_not_given",
            edits.participation.update_view_not_given,
            {"whose": words({key: name for name, key in whose})},
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

    def fields(ed: RecordEditor, write: Write) -> list[BaseField]:
        held, save = _held(ed, write, current)
        return [
            ChoiceField("Child", children, held("child"),
                        save("child"), allow_blank=current is None),
            TextField("Why no advocate", held("reason", ""), save("reason", ""),
                      parse=lambda t: parse_text(t, required=True, what="The reason"),
                      placeholder="e.g. offered, and she said no"),
        ]  # fmt: skip

    return _editor(
        "No advocate" if current else "Add a child without an advocate",
        row_id,
        fields,
        create,
        _checked(
            meeting,
            "advocate_not_used",
            edits.participation.update_advocate_not_used,
            {"child": words({key: name for name, key in children})},
        ),
        changed,
        "Choose the child and say why, and it is recorded.",
    )
