"""Add or edit a family member or supporter of the case, each field saving itself: who they
are, parental responsibility, contact details (and whether they are confidential, or the person
is under a no-contact condition), and the language they need an interpreter in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cpchair.caseio.schema import PersonDoc
from cpchair.dialogs.record import RecordEditor
from cpchair.forms import parse_text
from cpchair.store.stale import Expect, in_case
from cpchair.widgets.fields import BaseField, FlagField, TextField

if TYPE_CHECKING:
    from cpchair.store import Store


def _required(what: str) -> Callable[[str], str | None]:
    return lambda text: parse_text(text, required=True, what=what)


def person_editor(
    store: Store, reference: str, person: PersonDoc | None, changed: Callable[[], None]
) -> RecordEditor:
    def create(draft: dict[str, Any]) -> str | None:
        if not draft.get("name") or not draft.get("relationship"):
            return None
        key = store.add_person(reference, **draft)
        changed()
        return key

    def update(name: str, value: Any, was: Any) -> None:
        assert editor.key is not None
        # Refused if someone else changed this field since the editor read it.
        expect = Expect(in_case("people", editor.key, name), was, value)
        store.update_person(reference, editor.key, expect=expect, **{name: value})
        changed()

    def fields(ed: RecordEditor) -> list[BaseField]:
        p = person or PersonDoc.model_construct(
            key="", name="", relationship="", parental_responsibility=False,
            contact_confidential=False, contact=None, no_contact=False, interpreter_language=None,
        )  # fmt: skip
        return [
            TextField("Name", p.name, ed.saver("name", update, p.name),
                      parse=_required("The name")),
            TextField("Relationship", p.relationship,
                      ed.saver("relationship", update, p.relationship),
                      parse=_required("The relationship"), placeholder="e.g. mother"),
            FlagField("Parental responsibility", p.parental_responsibility,
                      ed.saver("parental_responsibility", update, p.parental_responsibility)),
            TextField("Contact", p.contact or "", ed.saver("contact", update, p.contact),
                      parse=parse_text, placeholder="address, telephone or e-mail"),
            FlagField("Contact details confidential", p.contact_confidential,
                      ed.saver("contact_confidential", update, p.contact_confidential)),
            FlagField("Under a no-contact condition (bail, an order)", p.no_contact,
                      ed.saver("no_contact", update, p.no_contact)),
            TextField("Interpreter", p.interpreter_language or "",
                      ed.saver("interpreter_language", update, p.interpreter_language),
                      parse=parse_text, placeholder="language, if they need an interpreter"),
        ]  # fmt: skip

    editor = RecordEditor(
        "Add a family member or supporter" if person is None else person.name,
        fields, None if person is None else person.key, create,
        draft_hint="Give a name and a relationship and the person is added.",
    )  # fmt: skip
    return editor
