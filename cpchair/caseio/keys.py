"""What each key in a cpchair-case/1 document names.

A document refers to children, people, attendees and danger statements by their keys. This is
the one list of those references: the consistency checks (checks.py) resolve them, and the store
keeps each as a row id and turns it back into the key (store/entities.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cpchair.caseio.schema import (
    ActionDoc,
    AdvocateNotUsedDoc,
    AttendeeDoc,
    ChildDoc,
    DangerStatementDoc,
    DecisionDoc,
    DissentDoc,
    Doc,
    ExclusionDoc,
    MappingEntryDoc,
    PersonDoc,
    PlanDoc,
    SafetyGoalDoc,
    ScoreDoc,
    ViewDoc,
    ViewNotGivenDoc,
    VoteDoc,
)


class Names(StrEnum):
    """A list whose keys other parts of the document name."""

    CHILD = "child"
    PERSON = "person"
    ATTENDEE = "attendee"
    STATEMENT = "statement"


# Whose keys each list holds: children and people per case, the rest per conference.
KEYED: dict[type[Doc], Names] = {
    ChildDoc: Names.CHILD,
    PersonDoc: Names.PERSON,
    AttendeeDoc: Names.ATTENDEE,
    DangerStatementDoc: Names.STATEMENT,
}

# How a problem names what a key should have named.
WHAT: dict[Names, str] = {
    Names.CHILD: "a child of this case",
    Names.PERSON: "one of the case's people",
    Names.ATTENDEE: "an attendee of this conference",
    Names.STATEMENT: "a danger statement of this conference",
}


@dataclass(frozen=True)
class KeyRef:
    """A field that holds a key (or, `many`, a list of keys). A key that may name either of
    two lists is looked for in the first one first (a view's `whose`: a child, then a person)."""

    field: str
    names: tuple[Names, ...]
    many: bool = False


_CHILD = (Names.CHILD,)
_ATTENDEE = (Names.ATTENDEE,)
_STATEMENT = (Names.STATEMENT,)
_CHILDREN = KeyRef("children", _CHILD, many=True)

REFS: dict[type[Doc], tuple[KeyRef, ...]] = {
    AttendeeDoc: (
        KeyRef("person", (Names.PERSON,)),
        KeyRef("direct_contact", _CHILD, many=True),
    ),
    ExclusionDoc: (KeyRef("attendee", _ATTENDEE),),
    ViewDoc: (KeyRef("whose", (Names.CHILD, Names.PERSON)),),
    ViewNotGivenDoc: (KeyRef("whose", (Names.CHILD, Names.PERSON)),),
    AdvocateNotUsedDoc: (KeyRef("child", _CHILD),),
    MappingEntryDoc: (KeyRef("source", _ATTENDEE), _CHILDREN),
    DangerStatementDoc: (_CHILDREN,),
    SafetyGoalDoc: (KeyRef("danger_statement", _STATEMENT), _CHILDREN),
    ScoreDoc: (
        KeyRef("attendee", _ATTENDEE),
        KeyRef("child", _CHILD),
        KeyRef("danger_statement", _STATEMENT),
    ),
    VoteDoc: (KeyRef("attendee", _ATTENDEE), KeyRef("child", _CHILD)),
    DecisionDoc: (KeyRef("child", _CHILD),),
    DissentDoc: (KeyRef("attendee", _ATTENDEE),),
    ActionDoc: (_CHILDREN,),
    # A core group member is an attendee, or else a family member not at the conference. A key
    # naming both is the same human (the checks refuse any other clash): the store keeps the
    # attendee, who carries agency and role.
    PlanDoc: (KeyRef("core_group", (Names.ATTENDEE, Names.PERSON), many=True),),
}


def key_ref(doc: type[Doc], field: str) -> KeyRef:
    """The reference `field` of `doc` holds."""
    return next(ref for ref in REFS[doc] if ref.field == field)
