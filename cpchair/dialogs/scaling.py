"""The scaling stage's small windows: the question's wording, the chair's overall grading, and
who was told of an escalation and when.

Each takes what it shows and a callable that saves, so the panel keeps one code path per edit.
The prompts save before they close: a refusal keeps the prompt open with what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from cpchair.caseio.schema import EscalationDoc
from cpchair.dialogs.prompt import PromptModal
from cpchair.dialogs.record import RecordEditor
from cpchair.forms import InputError, parse_text, parse_time, show_time
from cpchair.store.stale import Expect, of_conference
from cpchair.widgets.fields import BaseField, TextField


def parse_grading(text: str) -> tuple[int | None]:
    """The chair's overall grading as typed: a whole number 0-10; empty clears it.

    In a tuple, so that clearing (None) is told apart from Escape (the prompt's None).
    """
    value = text.strip()
    if not value:
        return (None,)
    if not value.isdigit() or int(value) > 10:
        raise InputError("The overall grading is a whole number from 0 to 10; empty clears it.")
    return (int(value),)


def question_prompt(question: str, save: Callable[[str], None]) -> PromptModal:
    def check(text: str) -> str:
        value = parse_text(text, required=True, what="The question")
        assert value is not None
        save(value)
        return value

    return PromptModal(
        "The scaling question, as it is read to the room", value=question, check=check
    )


def grading_prompt(
    current: int | None, direction: str, save: Callable[[int | None], None]
) -> PromptModal:
    def check(text: str) -> tuple[int | None]:
        value = parse_grading(text)
        save(value[0])
        return value

    return PromptModal(
        f"The chair's overall grading, 0 to 10 ({direction})",
        value="" if current is None else str(current),
        check=check,
        hint="Enter to record it, empty to clear it, Escape to cancel.",
    )


def escalation_editor(
    esc: EscalationDoc, now: dt.datetime, conference: str, save: Callable[..., None]
) -> RecordEditor:
    """Whom the chair told and when (today). Naming whom, with no time yet, records now.

    `save(expect, **changes)`: each field saves from the value it was read with, and is
    refused (StaleEdit) if the other seat changed it meanwhile (store/stale.py)."""

    def told_at(text: str) -> dt.datetime | None:
        at = parse_time(text)
        return None if at is None else dt.datetime.combine(now.date(), at)

    told = {"at": esc.notified_at}  # as saved in this window, so naming whom keeps a time typed

    def update(name: str, value: Any, was: Any) -> None:
        expect = Expect(of_conference(conference, "escalation", name), was, value)
        if name == "to" and value:
            at = told["at"] or now
            save(expect, to=value, notified_at=at)
            told["at"] = editor.seen["notified_at"] = at  # this window's own, not theirs
        else:
            save(expect, **{name: value})
            if name == "notified_at":
                told["at"] = value

    def fields(ed: RecordEditor) -> list[BaseField]:
        return [
            TextField("Told whom", esc.to or "", ed.saver("to", update, esc.to),
                      placeholder="the service manager's name and role"),
            TextField("Told at", show_time((esc.notified_at or now).time()),
                      ed.saver("notified_at", update, esc.notified_at), parse=told_at,
                      placeholder="HH:MM today"),
        ]  # fmt: skip

    editor = RecordEditor("Escalation to a service manager", fields, "escalation")
    return editor
