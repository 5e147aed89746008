"""Who receives a copy, and what each family member's copy leaves out.

Pure rules, no rendering. `redact.py` applies them to the case before the view model is
built, so no renderer can let through what a copy may not hold. The choices made here, since
the procedures (004) leave them to the chair and the issue leaves them to us:

**A copy for each person.** Family copies are made per recipient: "Where a parent attends only
part of a conference as a result of exclusion, they must receive the record ... The Chair
should decide if the entire record is provided or only that part attended by the excluded
parent" (004). So only a recipient's *own* exclusions shape their copy; a mother present
throughout gets everything but what is confidential, whoever else stepped out.

**Exclusions map onto stages.** Every part of a document belongs to the stage of the meeting
where it was heard (`SECTION_STAGES`). An exclusion covers:

- `whole`: every stage of the meeting;
- `part`: the stages from `from_stage` to `to_stage`, both included, in the order of the meeting
  (`vocab.STAGES`). A missing `from_stage` means from the opening, a missing `to_stage` means
  to the close; with both missing nobody can say which part it was, so it counts as whole.
  Stages given the wrong way round count as the stages between them;
- an attendee marked `excluded` in the attendance with no exclusion entry was kept out of the
  whole conference, and the chair has not chosen a record for them.

**The chair's choice** (`exclusions[].record`): `whole` gives the excluded member the whole
record (less what is confidential); `attended`, or no choice yet, the part they attended. 004
also lets the chair decide whether a parent kept out of the *whole* conference receives the
record at all: unless the chair chose the whole record for them, their copy of the record is
"if the chair agrees".

**Conclusions are never withheld** from anyone: each child's decision and categories, the
danger statements and safety goals (what the family must achieve), the plan and its dates, and
who receives it. The decision must be given to the parents in writing and the outline plan goes
to everyone, so an exclusion takes away what was *said* while the member was out, not what was
concluded. From the decision stage it takes away how each decision was reached: the method,
the chair's rationale, the dissents and every agency's view.

**Always left out of a family copy** (`redact.py`): every entry marked confidential (mapping,
views, incidents; the reasons of confidential scores and votes, which say "reason given in
confidence"; what a confidential action is, though its row, who, when and status stay), the
reasons for an exclusion, which people's contact details are confidential, and those details.

**Contact details.** A recipient whose own contact details are confidential, or who is under a
no-contact condition the chair has recorded, gets a copy that names no address or contact
detail of any person, their own included (a copy can be lost, and they know their own). The
chair's contact and the area's complaints route stay: they are the council's route for
questions and complaints, not a person's address.

**Who receives a copy**: every attendee invited, whatever their attendance, except supporters,
solicitors, interpreters and observers (004: friends, supporters and solicitors get no copy of
the record; interpreters and observers take no part), plus any parent with parental
responsibility and the lead social worker when they are not on the attendee list. A supporter
or a person of the network in the core group receives the outline plan (they carry the plan
out), never the record. Family members, the child and advocates get a family copy;
professionals the full one. The chair decides whether a child gets the record.

**The copy "for the family"** without naming anyone is the copy every family recipient would
get; when their copies differ, there is no such copy and one must be chosen by key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from cpchair.caseio.schema import (
    AttendeeDoc,
    CaseDoc,
    ConferenceDoc,
    ExclusionDoc,
    PersonDoc,
)
from cpchair.documents.words import and_list
from cpchair.rules.exclusions import excluded_stages
from cpchair.rules.names import short_name
from cpchair.rules.participation import is_family_member
from cpchair.vocab import FAMILY_AGENCIES, STAGES, Stage

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
# Stages that hold only conclusions, which every family copy keeps (see the module docstring).
NEVER_WITHHELD: frozenset[Stage] = frozenset({"danger_goals", "plan", "close"})
# What a copy leaves out when a stage is withheld, in the words of its notice.
STAGE_CONTENTS: dict[Stage, str] = {
    "opening": "who attended, the reports and whether enough agencies were there",
    "family_network": "the family and network and the views",
    "history": "what has got us here",
    "mapping": "the mapping",
    "scaling": "the scaling",
    "decision": "how each decision was reached",
}

NO_COPY_AGENCIES = frozenset({"supporter", "solicitor", "interpreter", "observer"})
# An advocate speaks for the child or a parent, so reads what the family reads.
FAMILY_COPY_AGENCIES = FAMILY_AGENCIES | {"advocate"}

Copy = Literal["full", "family", "family_if_chair_agrees"]
Restriction = Literal["contact_confidential", "no_contact"]


class RecipientError(LookupError):
    """A copy asked for someone who cannot have it; the message names keys, never names."""


class NoSuchRecipient(RecipientError):
    pass


class NotAFamilyCopy(RecipientError):
    pass


class CopiesDiffer(RecipientError):
    """The family members' copies differ, so "the family copy" is not one document."""

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__("the family members' copies differ; choose whose copy by key")
        self.keys = tuple(keys)


def wholly_excluded(conference: ConferenceDoc) -> frozenset[str]:
    """Attendee keys kept out of the whole conference."""
    whole = {e.attendee for e in conference.exclusions if excluded_stages(e) == frozenset(STAGES)}
    listed = {e.attendee for e in conference.exclusions}
    whole |= {a.key for a in conference.attendees if a.attendance == "excluded"} - listed
    return frozenset(whole)


def section_withheld(section: str, withheld: Iterable[Stage]) -> bool:
    """Whether a copy leaves out a part of the document (a `SECTION_STAGES` key)."""
    stage = SECTION_STAGES[section]
    return stage not in NEVER_WITHHELD and stage in set(withheld)


# --- Who receives a copy ---------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    role: str
    copy: Copy
    attendee: str | None = None  # the attendee key, when on the attendee list
    person: str | None = None  # the people key, when a family member
    agency: str | None = None  # None for a person not on the attendee list

    @property
    def key(self) -> str | None:
        """The key that names them: the attendee key, else the people key."""
        return self.attendee or self.person


def _core_group(conference: ConferenceDoc) -> frozenset[str]:
    return frozenset(conference.plan.core_group) if conference.plan else frozenset()


def recipients(
    conference: ConferenceDoc,
    people: Sequence[PersonDoc],
    lead_social_worker: str,
    *,
    record: bool,
) -> list[Recipient]:
    """Who receives the outline plan (record=False) or the record, in attendee order."""
    whole = wholly_excluded(conference)
    chosen_whole = {e.attendee for e in conference.exclusions if e.record == "whole"}
    core = _core_group(conference)
    out: list[Recipient] = []
    for a in conference.attendees:
        in_core = a.key in core or (a.person is not None and a.person in core)
        # A supporter in the core group carries the plan out, so has the outline plan;
        # 004: "a friend, supporter or Solicitor ... will not receive a copy of the record".
        core_supporter = a.agency == "supporter" and in_core and not record
        if a.agency in NO_COPY_AGENCIES and not core_supporter:
            continue
        family = a.agency in FAMILY_COPY_AGENCIES or a.person is not None or core_supporter
        copy: Copy = "family" if family else "full"
        # 004: the chair decides whether a child, or a parent kept out of the whole
        # conference, receives the record; the decision itself goes to every parent.
        chair_decides = a.agency == "child" or (a.key in whole and a.key not in chosen_whole)
        if record and copy == "family" and chair_decides:
            copy = "family_if_chair_agrees"
        out.append(Recipient(a.name, a.role, copy, a.key, a.person, a.agency))
    listed_people = {a.person for a in conference.attendees if a.person}
    for p in people:
        if p.key in listed_people:
            continue
        if p.parental_responsibility or (not record and p.key in core):
            out.append(Recipient(p.name, p.relationship, "family", person=p.key))
    names = {a.name.casefold() for a in conference.attendees}
    if lead_social_worker.strip() and lead_social_worker.casefold() not in names:
        out.append(Recipient(lead_social_worker, "Lead social worker", "full"))
    return out


def family_recipients(case: CaseDoc, conference: ConferenceDoc) -> list[Recipient]:
    """Everyone who receives a family copy of the outline plan (the record goes to fewer);
    a person listed twice on the attendee list is one recipient, under their first entry."""
    every = recipients(conference, case.people, case.lead_social_worker.name, record=False)
    out: list[Recipient] = []
    for r in every:
        if r.copy != "full" and not (r.person and any(x.person == r.person for x in out)):
            out.append(r)
    return out


def find_recipient(case: CaseDoc, conference: ConferenceDoc, wanted: str) -> Recipient:
    """The family recipient an attendee key, a people key or a name (any capitals) stands for;
    an attendee linked to a person is the one recipient.

    A whole name is enough when one family member has it. Part of a name ("Liam", "Hadley")
    is enough only when it fits one person in the whole case, so that it can never pick
    another family member's copy for someone who receives none. A name that fits more than one
    asks for a key. Messages name keys, never names."""
    family = family_recipients(case, conference)
    text = wanted.strip()
    exact = [r for r in family if text in {r.attendee, r.person}]  # as the export writes it
    if not exact:  # another attendee entry of someone listed twice
        linked = {a.person for a in conference.attendees if a.key == text and a.person}
        exact = [r for r in family if r.person in linked]
    if len(exact) == 1:
        return exact[0]
    folded = text.casefold()
    by_key = [r for r in family if folded in {(r.attendee or "").casefold(),
                                              (r.person or "").casefold()}]  # fmt: skip
    if len(by_key) == 1:
        return by_key[0]
    keys = ", ".join(r.key or "" for r in family) or "none"
    if len(exact) > 1 or len(by_key) > 1:
        raise NoSuchRecipient(f"more than one family member has that key; use another: {keys}")
    words = folded.split()
    whole = [r for r in family if any(n.split() == words for n in _names(case, r))]
    if len(whole) == 1:
        return whole[0]
    part = whole or [r for r in family if any(_part_of(words, n) for n in _names(case, r))]
    if len(part) > 1:
        which = ", ".join(r.key or "" for r in part)
        raise NoSuchRecipient(f"more than one family member has that name; use a key: {which}")
    if part and not _anyone_else_named(case, conference, part[0], words):
        return part[0]
    if part:
        raise NoSuchRecipient(
            f"more than one person in this case has that name; use a key: {part[0].key}"
        )
    raise _not_family(case, conference, text, folded, keys)


def _names(case: CaseDoc, r: Recipient) -> set[str]:
    """A recipient's names as the chair may write them: on the register and as a person."""
    names = {" ".join(r.name.casefold().split())}
    person = next((p for p in case.people if p.key == r.person), None)
    if person is not None:
        names.add(" ".join(person.name.casefold().split()))
    return names


def _part_of(words: list[str], name: str) -> bool:
    """The words run on, whole, within the name: "hadley" and "jodie hadley" in "jodie
    hadley", never "had"."""
    have = name.split()
    n = len(words)
    return n > 0 and any(have[i : i + n] == words for i in range(len(have) - n + 1))


def _anyone_else_named(
    case: CaseDoc, conference: ConferenceDoc, r: Recipient, words: list[str]
) -> bool:
    """Someone other than this recipient, with or without a copy (a child of the case too),
    whose name has the words."""
    for a in conference.attendees:
        mine = a.key == r.attendee or (r.person is not None and a.person == r.person)
        if not mine and _part_of(words, a.name.casefold()):
            return True
    others = [p.name for p in case.people if p.key != r.person]
    others += [f"{c.first_name} {c.last_name}" for c in case.children]
    return any(_part_of(words, name.casefold()) for name in others)


def _not_family(
    case: CaseDoc, conference: ConferenceDoc, text: str, folded: str, keys: str
) -> RecipientError:
    """Why a key or name has no family copy, naming keys only."""
    for a in conference.attendees:
        if text == a.key or folded in {a.key.casefold(), a.name.casefold()}:
            if a.agency in NO_COPY_AGENCIES:
                return NotAFamilyCopy(
                    f"{a.key} is a {a.agency} and receives no copy; the family copies are for: "
                    f"{keys}"
                )
            return NotAFamilyCopy(
                f"{a.key} is a professional and receives the full copy: leave out --family-copy"
            )
    for p in case.people:
        if text == p.key or folded in {p.key.casefold(), p.name.casefold()}:
            return NotAFamilyCopy(
                f"{p.key} receives no copy of this conference's documents (not invited, no "
                f"parental responsibility, not in the core group); the family copies are for: "
                f"{keys}"
            )
    return NoSuchRecipient(f"no family member has that key or name; the keys are: {keys}")


def receives_record(case: CaseDoc, conference: ConferenceDoc, r: Recipient) -> Copy | None:
    """The copy of the record this family recipient receives; None: no copy of the record."""
    every = recipients(conference, case.people, case.lead_social_worker.name, record=True)
    found = next((x for x in every if x.key == r.key), None)
    return found.copy if found else None


# --- What each family copy leaves out --------------------------------------------------------


@dataclass(frozen=True)
class FamilyCopy:
    """What one family copy leaves out, beyond the confidential entries every one leaves out.

    `withheld`: stages whose talk is left out (never a conclusion); `no_contacts`: the copy
    names no person's address or contact details. `restriction` says why, for the notice.
    """

    withheld: frozenset[Stage] = frozenset()
    no_contacts: bool = False
    restriction: Restriction | None = None
    recipient: Recipient | None = None  # None: the copy every family member would get


def own_exclusions(conference: ConferenceDoc, r: Recipient) -> list[ExclusionDoc]:
    """The recipient's own exclusions; marked excluded with no entry counts as the whole
    conference, with no record chosen."""
    keys = _attendee_keys(conference, r)
    out = [e for e in conference.exclusions if e.attendee in keys]
    listed = {e.attendee for e in conference.exclusions}
    for a in conference.attendees:
        if a.key in keys and a.attendance == "excluded" and a.key not in listed:
            out.append(ExclusionDoc(attendee=a.key, scope="whole", reason=""))
    return out


def _attendee_keys(conference: ConferenceDoc, r: Recipient) -> set[str]:
    keys = {r.attendee} if r.attendee else set()
    if r.person:  # the same person listed twice is still one recipient
        keys |= {a.key for a in conference.attendees if a.person == r.person}
    return keys


def withheld_for(conference: ConferenceDoc, r: Recipient) -> frozenset[Stage]:
    """The stages left out of one recipient's copy, by the chair's choice on each of their
    exclusions (no choice yet: the part attended)."""
    stages: set[Stage] = set()
    for exclusion in own_exclusions(conference, r):
        if exclusion.record != "whole":
            stages |= excluded_stages(exclusion)
    return frozenset(stages) - NEVER_WITHHELD


def restriction_of(case: CaseDoc, r: Recipient) -> Restriction | None:
    """Why a recipient's copy must name no one's contact details, if it must."""
    person = next((p for p in case.people if p.key == r.person), None)
    if person is None:
        return None
    if person.no_contact:
        return "no_contact"
    if person.contact_confidential:
        return "contact_confidential"
    return None


def copy_for(case: CaseDoc, conference: ConferenceDoc, r: Recipient) -> FamilyCopy:
    restriction = restriction_of(case, r)
    return FamilyCopy(withheld_for(conference, r), restriction is not None, restriction, r)


def family_copy(
    case: CaseDoc, conference: ConferenceDoc, recipient: str | None = None
) -> FamilyCopy:
    """One recipient's copy (a key or a unique name), or without one the copy every family
    recipient would get; `CopiesDiffer` when theirs differ."""
    if recipient is not None:
        return copy_for(case, conference, find_recipient(case, conference, recipient))
    family = family_recipients(case, conference)
    contacts = any_contact_shown(case, conference)
    kinds = {
        (c.withheld, c.no_contacts and contacts)
        for c in (copy_for(case, conference, r) for r in family)
    }
    if len(kinds) > 1:
        raise CopiesDiffer([r.key or "" for r in family])
    withheld, no_contacts = next(iter(kinds), (frozenset(), False))
    return FamilyCopy(withheld, no_contacts)


# --- Given in confidence ----------------------------------------------------------------------


def dissent_in_confidence(conference: ConferenceDoc, child: str, attendee: str) -> bool:
    """A formal dissent about `child` from someone whose view for that child was given in
    confidence: it says why in the same terms, so a family copy keeps its reason back with the
    view's, and the full record marks it confidential."""
    return any(
        v.confidential and v.attendee == attendee and v.child == child for v in conference.votes
    )


# --- Contact details --------------------------------------------------------------------------


def shows_contact(person: PersonDoc, family_copy: bool, *, no_contacts: bool = False) -> bool:
    """A person's contact details appear in a copy unless they are confidential and the copy
    is a family's, or the copy is for someone who may see no one's."""
    if family_copy and no_contacts:
        return False
    return not (family_copy and person.contact_confidential)


def shows_attendee_contact(
    attendee: AttendeeDoc, people: Sequence[PersonDoc], copy: FamilyCopy | None
) -> bool:
    """An attendee's contact in a copy (None: the full copy). A family member's follows the
    rule for their person."""
    if copy is None:
        return True
    if copy.no_contacts:
        return False
    person = next((p for p in people if p.key == attendee.person), None)
    return person is None or not person.contact_confidential


def any_contact_shown(case: CaseDoc, conference: ConferenceDoc) -> bool:
    """Whether an ordinary family copy would show anyone's contact details at all."""
    plain = FamilyCopy()
    return any(p.contact and shows_contact(p, True) for p in case.people) or any(
        a.contact and shows_attendee_contact(a, case.people, plain) for a in conference.attendees
    )


# --- Saying what a copy leaves out -----------------------------------------------------------

RESTRICTION_WORDS: dict[Restriction, str] = {
    "contact_confidential": "their own contact details are confidential",
    "no_contact": "the chair has recorded a no-contact condition",
}


def leaves_out(case: CaseDoc, conference: ConferenceDoc, r: Recipient) -> str:
    """One line for the chair: what this recipient's copy leaves out, and why."""
    copy = copy_for(case, conference, r)
    exclusions = own_exclusions(conference, r)
    first = short_name(r.name) or "they"
    if copy.withheld:
        parts = and_list([STAGE_CONTENTS[s] for s in STAGES if s in copy.withheld])
        choices = {e.record for e in exclusions if e.record != "whole"}
        chose = (
            "the chair chose the part attended"
            if choices == {"attended"}
            else "no choice yet: the part attended"
        )
        line = f"Leaves out {parts}, said while {first} was out ({chose}), and what is confidential"
        if set(STAGES) - NEVER_WITHHELD <= copy.withheld:
            line = (
                f"Only the conclusions: {first} was kept out of the whole conference ({chose}); "
                "nothing confidential"
            )
    else:
        line = "Everything but what is confidential"
        if exclusions:
            whole = any(excluded_stages(e) == frozenset(STAGES) for e in exclusions)
            out = "the whole conference" if whole else "part of it"
            line += f" (out for {out}; the chair chose the whole record for {first})"
    if copy.restriction:
        line += f"; names no one's contact details: {RESTRICTION_WORDS[copy.restriction]}"
    return line


COPY_LABELS: dict[Copy, str] = {
    "full": "Full copy",
    "family": "Family copy",
    "family_if_chair_agrees": "Family copy, if the chair agrees",
}

__all__ = [
    "COPY_LABELS",
    "NEVER_WITHHELD",
    "SECTION_STAGES",
    "STAGE_CONTENTS",
    "CopiesDiffer",
    "FamilyCopy",
    "NoSuchRecipient",
    "NotAFamilyCopy",
    "Recipient",
    "RecipientError",
    "any_contact_shown",
    "copy_for",
    "dissent_in_confidence",
    "excluded_stages",
    "family_copy",
    "family_recipients",
    "find_recipient",
    "is_family_member",
    "leaves_out",
    "own_exclusions",
    "receives_record",
    "recipients",
    "restriction_of",
    "section_withheld",
    "shows_attendee_contact",
    "shows_contact",
    "wholly_excluded",
    "withheld_for",
]
