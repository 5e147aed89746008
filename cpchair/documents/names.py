"""Keys to the words documents use for them: attendees, children, people."""

from __future__ import annotations

from cpchair.caseio.schema import AttendeeDoc, CaseDoc, ChildDoc
from cpchair.documents.words import and_list, child_name, short_name, who


class Names:
    """Keys to the words documents use for them."""

    def __init__(
        self, attendees: dict[str, AttendeeDoc], children: dict[str, ChildDoc], case: CaseDoc
    ) -> None:
        self.attendees = attendees
        self.children = children
        self.subjects = {c.key for c in case.children if c.subject}
        self.people = {p.key: p for p in case.people}

    def who(self, key: str | None) -> str:
        return who(self.attendees.get(key)) if key else "Not recorded"

    def child(self, key: str) -> str:
        child = self.children.get(key)
        return child_name(child) if child else "A child not in this case"

    def about(self, keys: list[str]) -> str:
        """Which children an entry is about, by first name; "All the children" when none or all."""
        if not keys or (len(self.subjects) > 1 and set(keys) == self.subjects):
            return "All the children"
        text = and_list([short_name(self.children[k]) for k in keys if k in self.children])
        return (text[:1].upper() + text[1:]) or "Not recorded"

    def whose(self, key: str) -> str:
        if key in self.children:
            return child_name(self.children[key])
        person = self.people.get(key)
        return person.name if person else "Not recorded"

    def member(self, key: str) -> str:
        """A core group member: an attendee or a person of the family and network."""
        if key in self.attendees:
            a = self.attendees[key]
            return f"{a.name}, {a.role}" if a.role else a.name
        if key in self.people:
            p = self.people[key]
            return f"{p.name}, {p.relationship}"
        return "Not recorded"

    def shared_contact(self, key: str) -> str:
        """An attendee's or a person's contact details as this copy holds them, unless they
        are confidential ("" then, or if none): for lists handed round the room, like the
        core group. A family member on the attendee list falls back to their person's."""
        attendee = self.attendees.get(key)
        person = self.people.get(attendee.person or "" if attendee else key)
        if person is not None and person.contact_confidential:
            return ""
        if attendee is not None and attendee.contact:
            return attendee.contact
        return (person.contact or "") if person else ""
