"""Edit one mapping entry: its words, column, nature, who said it, the children, confidential."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cpchair.caseio.schema import MappingEntryDoc
from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_text
from cpchair.rules.child_names import first_name_of
from cpchair.store import edits
from cpchair.store.meeting import Meeting, MeetingState
from cpchair.store.stale import Expect, Say, listed, words
from cpchair.vocab import MAPPING_LABELS, NATURE_LABELS
from cpchair.widgets.fields import BaseField, ChoiceField, FlagField, PickField, TextField

COLUMNS = [(label, code) for code, label in MAPPING_LABELS.items()]
NATURES = [(label, code) for code, label in NATURE_LABELS.items()]


def entry_editor(
    meeting: Meeting,
    state: MeetingState,
    entry_id: int,
    entry: MappingEntryDoc,
    changed: Callable[[], None],
) -> RecordEditor:
    people = [(f"{a.name} ({a.role})" if a.role else a.name, a.key) for a in state.conf.attendees]
    children = [(first_name_of(c), c.key) for c in state.case.children]
    said: dict[str, Say] = {
        "column": words(MAPPING_LABELS),
        "nature": words(NATURE_LABELS),
        "source": words({key: name for name, key in people}),
        "children": words({key: name for name, key in children}),
    }

    def update(name: str, value: Any, was: Any) -> None:
        # Refused if the other seat changed this field since the editor read it.
        found = listed(meeting.conference, "mapping", entry_id, name)
        expect = Expect(found, was, value, said.get(name))
        meeting.edit_if(expect, edits.mapping.update_entry, entry_id, **{name: value})
        changed()

    def fields(ed: RecordEditor) -> list[BaseField]:
        return [
            TextField("What was said", entry.text, ed.saver("text", update, entry.text),
                      parse=lambda t: parse_text(t, required=True, what="The entry")),
            ChoiceField("Column", COLUMNS, entry.column,
                        ed.saver("column", update, entry.column)),
            ChoiceField("Fact or opinion", NATURES, entry.nature,
                        ed.saver("nature", update, entry.nature), allow_blank=True),
            ChoiceField("Said by", people, entry.source,
                        ed.saver("source", update, entry.source), allow_blank=True),
            PickField("About (none: all)", children, entry.children,
                      ed.saver("children", update, entry.children)),
            FlagField("Confidential: kept out of the family's copy and off the wall",
                      entry.confidential, ed.saver("confidential", update, entry.confidential)),
        ]  # fmt: skip

    return RecordEditor("Mapping entry", fields, str(entry_id))
