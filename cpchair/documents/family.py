"""What the family copy leaves out, and who receives a copy at all.

Pure rules, no rendering. The choices made here, since the procedures (004) leave them to the
chair and the issue leaves them to us:

**Exclusions map onto stages.** Every part of a document belongs to the stage of the meeting
where it was heard (`SECTION_STAGES` names them). An exclusion takes away stages:

- `whole`: every stage of the meeting;
- `part`: the stages from `from_stage` to `to_stage`, both included, in the order of the meeting
  (`vocab.STAGES`). A missing `from_stage` means from the opening, a missing `to_stage` means
  to the close; with both missing nobody can say which part it was, so it counts as whole.
  Stages given the wrong way round count as the stages between them;
- an attendee marked `excluded` in the attendance with no exclusion entry was kept out of the
  whole conference.

**Only family members' exclusions count**: an attendee from the family or the child, or one
linked to a person of the family and network. The family copy is one document that goes round
the family, so what one of them was kept out of is left out for all of them. A professional
asked to step out changes nothing here.

**The result is never withheld.** The conference's details, each child's decision and
categories, the plan (outcomes, actions, people, dates, contingency, visiting, services) and who
receives it stay in every family copy: the decision must be given to the parents in writing and
the outline plan goes to everyone, parents included, so an exclusion takes away what was said
while the family member was out, not what was decided. From the decision stage the family copy
then loses how each decision was reached: the method, the chair's rationale, the dissents and
every agency's view with its reason.

**Always left out of a family copy**: mapping entries marked confidential, the reasons given
for an exclusion (they often rest on a criminal investigation or one parent's safety from the
other), and which people's contact details are confidential. The case format holds no contact
details (address, telephone) yet, so no document prints any; when it gains them,
`shows_contact` is the rule to apply.

**Who receives a copy**: every attendee invited, whatever their attendance, except supporters,
solicitors, interpreters and observers (004: friends, supporters and solicitors get no copy;
interpreters and observers take no part in the conference), plus any parent with parental
responsibility and the lead social worker when they are not on the attendee list. Family
members, the child and advocates get the family copy; professionals the full one. The chair
decides whether a child, or a family member kept out of the whole conference, gets the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import AttendeeDoc, ConferenceDoc, ExclusionDoc, PersonDoc
from cpchair.vocab import STAGES, Stage

# The stage each part of a document belongs to (documents/model.py builds them in this order).
SECTION_STAGES: dict[str, Stage] = {
    "attendance": "opening",
    "exclusions": "opening",
    "quorum": "opening",
    "reports": "opening",
    "people": "family_network",
    "views": "family_network",
    "incidents": "history",
    "mapping": "mapping",
    "danger_goals": "danger_goals",
    "scaling": "scaling",
    "how_decided": "decision",
    "agency_views": "decision",
}
# Stages whose result every family copy keeps (see the module docstring).
NEVER_WITHHELD: frozenset[Stage] = frozenset({"plan", "close"})

FAMILY_SIDE_AGENCIES = frozenset({"family", "child"})
NO_COPY_AGENCIES = frozenset({"supporter", "solicitor", "interpreter", "observer"})
FAMILY_COPY_AGENCIES = frozenset({"family", "child", "advocate"})

Copy = Literal["full", "family", "family_if_chair_agrees"]


def is_family_member(attendee: AttendeeDoc) -> bool:
    """Someone whose exclusion shapes the family copy."""
    return attendee.agency in FAMILY_SIDE_AGENCIES or attendee.person is not None


def excluded_stages(exclusion: ExclusionDoc) -> frozenset[Stage]:
    """The stages one exclusion kept its attendee out of (rules in the module docstring)."""
    if exclusion.scope == "whole" or (exclusion.from_stage is None and exclusion.to_stage is None):
        return frozenset(STAGES)
    start = STAGES.index(exclusion.from_stage or STAGES[0])
    end = STAGES.index(exclusion.to_stage or STAGES[-1])
    start, end = min(start, end), max(start, end)
    return frozenset(STAGES[start : end + 1])


def wholly_excluded(conference: ConferenceDoc) -> frozenset[str]:
    """Attendee keys kept out of the whole conference."""
    whole = {e.attendee for e in conference.exclusions if excluded_stages(e) == frozenset(STAGES)}
    listed = {e.attendee for e in conference.exclusions}
    whole |= {a.key for a in conference.attendees if a.attendance == "excluded"} - listed
    return frozenset(whole)


def withheld_stages(conference: ConferenceDoc) -> frozenset[Stage]:
    """The stages a family copy of this conference leaves out (before `NEVER_WITHHELD`)."""
    family = {a.key for a in conference.attendees if is_family_member(a)}
    stages: set[Stage] = set()
    for exclusion in conference.exclusions:
        if exclusion.attendee in family:
            stages |= excluded_stages(exclusion)
    if wholly_excluded(conference) & family:
        stages |= set(STAGES)
    return frozenset(stages) - NEVER_WITHHELD


def section_withheld(section: str, withheld: Iterable[Stage]) -> bool:
    """Whether a family copy leaves out a part of the document (a `SECTION_STAGES` key)."""
    return SECTION_STAGES[section] in set(withheld)


def shows_contact(person: PersonDoc, family_copy: bool) -> bool:
    """A person's contact details appear in a copy unless they are confidential and the copy
    is the family's."""
    return not (family_copy and person.contact_confidential)


@dataclass(frozen=True)
class Recipient:
    name: str
    role: str
    copy: Copy
    attendee: str | None = None  # the attendee key, when on the attendee list
    person: str | None = None  # the people key, when a family member


def recipients(
    conference: ConferenceDoc,
    people: Sequence[PersonDoc],
    lead_social_worker: str,
    *,
    record: bool,
) -> list[Recipient]:
    """Who receives the outline plan (record=False) or the record, in attendee order."""
    whole = wholly_excluded(conference)
    out: list[Recipient] = []
    for a in conference.attendees:
        if a.agency in NO_COPY_AGENCIES:
            continue
        copy: Copy = "family" if a.agency in FAMILY_COPY_AGENCIES or a.person else "full"
        # 004: the chair decides whether a child, or a parent kept out of the whole
        # conference, receives the record; the decision itself goes to every parent.
        if record and copy == "family" and (a.agency == "child" or a.key in whole):
            copy = "family_if_chair_agrees"
        out.append(Recipient(a.name, a.role, copy, attendee=a.key, person=a.person))
    listed_people = {a.person for a in conference.attendees if a.person}
    for p in people:
        if p.parental_responsibility and p.key not in listed_people:
            out.append(Recipient(p.name, p.relationship, "family", person=p.key))
    names = {a.name.casefold() for a in conference.attendees}
    if lead_social_worker.strip() and lead_social_worker.casefold() not in names:
        out.append(Recipient(lead_social_worker, "Lead social worker", "full"))
    return out


COPY_LABELS: dict[Copy, str] = {
    "full": "Full copy",
    "family": "Family copy",
    "family_if_chair_agrees": "Family copy, if the chair agrees",
}

__all__ = [
    "COPY_LABELS",
    "NEVER_WITHHELD",
    "SECTION_STAGES",
    "Recipient",
    "excluded_stages",
    "is_family_member",
    "recipients",
    "section_withheld",
    "shows_contact",
    "wholly_excluded",
    "withheld_stages",
]
